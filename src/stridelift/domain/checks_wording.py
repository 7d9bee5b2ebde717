"""Words that match the session: a title names only what the session holds (rule E-SESSION-TITLE:
"Heavy A: squat pattern" with no squat tells the runner something false), and advice follows the
equipment (rule E-WORDING: no "Bodyweight" note on a band exercise, no "add weight" without weights)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from stridelift.domain.checker import Ctx, check
from stridelift.domain.plan import RunEntry
from stridelift.domain.progression import is_heavy_set, title_patterns
from stridelift.domain.rules import Rule
from stridelift.domain.vocab import EQUIPMENT


@check("session_title")
def _session_title(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    blocks = set(rule.params["blocks"])
    patterns = ctx.library.patterns()
    heavy_word = str(rule.params.get("heavy_word", "Heavy"))
    words = {str(k): str(v) for k, v in rule.params.get("words", {}).items()}
    for s in ctx.plan.sessions:
        prefixed = (s.title or "").startswith(("Maintenance: ", "Introduction: "))
        bare = (s.title or "").split(": ", 1)[1] if prefixed else s.title or ""
        heavy = any(is_heavy_set(p) for p in s.exercises)
        if bare.startswith(heavy_word) and not heavy:
            yield f"{s.title!r} holds no heavy set", s.date
        for note in s.notes if not heavy else ():  # "Heavy A: full rest between heavy sets" on 4x8 at RPE 7
            if note.startswith(heavy_word) or any(w in note for w in rule.params.get("heavy_note_words", ())):
                yield f"{s.title!r} holds no heavy set, its note says {note.split(';')[0]!r}", s.date
        tail = (s.title or "").rsplit(": ", 1)[-1] if ": " in (s.title or "") else ""
        if tail.count(" and ") > 1:  # "pull and push and vertical pull": a list says "a, b and c"
            yield f"{s.title!r} is no plain list (write a, b and c)", s.date
        named = title_patterns(s.title or "", patterns, words)
        if not named:
            continue
        held = {ex.pattern for p in s.exercises if p.block in blocks and (ex := ctx.library.find(p.id)) is not None}
        for pat in named:
            if pat not in held:
                yield f"{s.title!r} holds no {pat.replace('_', ' ')} exercise", s.date


@check("wording")
def _wording(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    bodyweight = str(rule.params["bodyweight_note"])
    load_words = [str(w) for w in rule.params["load_words"]]
    load = set(rule.params["load_equipment"])
    some = [str(w) for w in rule.params["some_loaded_words"]]
    for s in ctx.plan.sessions:
        for p in s.exercises:
            if p.note.startswith(bodyweight) and p.equipment:
                yield f"{p.id}: a {bodyweight.lower()} note on an exercise with {', '.join(p.equipment)}", s.date
        stations = [p for p in s.exercises if p.block == "circuit"]
        loaded = sum(1 for p in stations if load & set(p.equipment))
        if loaded and loaded < len(stations):  # some loaded: the weights are for the stations it names
            for note in s.notes:
                said = [w for w in load_words if w in note]
                if said and not any(w in note for w in some):
                    yield f"circuit with {loaded} of {len(stations)} stations loaded told {said[0]!r} for all", s.date
        if loaded:
            continue
        for note in s.notes:
            said = [w for w in load_words if w in note]
            if said and any(p.block == "circuit" for p in s.exercises):
                yield f"circuit with no weights told to {said[0]!r}", s.date


@check("run_notes")
def _run_notes(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """On a day of two runs or more, a run left as in the usual week carries no note: the note of the
    run that was changed is not copied onto it (needs the profile: the usual week)."""
    if ctx.athlete is None:
        return
    usual = {(r.weekday, r.slot, r.type, r.minutes) for r in ctx.athlete.running_week if r.type != "rest"}
    per_day: dict[dt.date, list[RunEntry]] = {}
    for r in ctx.plan.runs:
        per_day.setdefault(r.date, []).append(r)
    for r in ctx.plan.runs:
        if len(per_day[r.date]) < 2 or not r.note or (r.date.weekday(), r.slot, r.type, r.minutes) not in usual:
            continue
        # another run's: a part of the note that another run of the day carries (a run whose own change, a
        # taper cut from the build's longer runs, lands on its usual minutes keeps its own note)
        others = {part for o in per_day[r.date] if o is not r for part in o.note.split("; ") if part}
        if any(part in others for part in r.note.split("; ")):
            yield f"the {r.slot} {r.type} run ({r.minutes} min, as usual) carries another run's note: {r.note}", r.date


def equipment_words(params: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The words that name each piece of the equipment vocabulary in a note: its name with spaces, one
    piece of it ("dumbbell" for dumbbells), and the rule's other spellings."""
    skip = set(params.get("skip", ()))
    also = {str(k): [str(w) for w in v] for k, v in params.get("also", {}).items()}
    out: dict[str, tuple[str, ...]] = {}
    for name in EQUIPMENT:
        if name in skip:
            continue
        plain = name.replace("_", " ")
        words = {plain, plain[:-1] if plain.endswith("s") else plain, *also.get(name, [])}
        out[name] = tuple(sorted(words))
    return out


@check("note_equipment")
def _note_equipment(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """A note names only equipment the runner has (needs the profile: their equipment)."""
    assert ctx.athlete is not None
    lacking = {k: v for k, v in equipment_words(rule.params).items() if k not in ctx.athlete.equipment}
    not_done = tuple(str(w) for w in rule.params.get("not_done", ()))
    found = {k: re.compile(r"\b(" + "|".join(map(re.escape, v)) + r")\b", re.IGNORECASE) for k, v in lacking.items()}
    for s in ctx.plan.sessions:
        notes = [("session note", n) for n in s.notes] + [(p.id, p.note) for p in s.exercises if p.note]
        for where, full in notes:
            # a sentence saying what the runner is not asked to do (a stand-in's "X instead of Y: why")
            note = ". ".join(part for part in full.split(". ") if not any(w in part for w in not_done))
            for name, pattern in found.items():
                if m := pattern.search(note):
                    yield f"{where}: {m.group(0)!r} named, and the runner has no {name.replace('_', ' ')}", s.date

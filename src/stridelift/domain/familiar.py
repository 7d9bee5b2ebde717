"""Sessions in the days around races keep to what the runner knows (rules E-POST-RACE-REST and
E-EASIER-FIRST): the first days after a long race hold only unloaded mobility, breathing and easy
balance; the rest of its recovery introduces no exercise for the first time; and an exercise that the
rule names comes only after one of its easier versions. Applied to a built session, as light sessions
are reused from a memo that does not know what came before them. Kept out of the builder's module so
it stays readable."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stridelift.domain.exercises import Exercise
from stridelift.domain.plan import Intensity, Prescription, Session
from stridelift.domain.race_days import is_unloaded

if TYPE_CHECKING:  # pragma: no cover
    from stridelift.domain.sessions import SessionBuilder, SessionRequest


def _pattern(b: SessionBuilder, ex_id: str) -> str | None:
    return b.library.get(ex_id).pattern if ex_id in b.library else None


def _known_stand_in(b: SessionBuilder, p: Prescription, taken: set[str], known: set[str]) -> Exercise | None:
    """An exercise of the same place (the core target, the warm-up) the runner has done before."""
    if p.block == "core" and p.core_target is not None:
        pool = b.pool.core_by_target.get(p.core_target, [])
    elif p.block == "warmup":
        pool = b.pool.drills
    else:
        return None
    near = {k for t in taken - {p.id} for k in b._kin.get(t, (t,))} | taken  # no variant twice (E-ONE-VARIANT)
    return next((e for e in pool if e.id in known and e.id not in near), None)


def _easier(b: SessionBuilder, p: Prescription, taken: set[str]) -> Exercise | None:
    ex = b.library.get(p.id)
    near = {k for t in taken - {p.id} for k in b._kin.get(t, (t,))} | taken  # no variant twice (E-ONE-VARIANT)
    return next((b.pool.by_id[r] for r in ex.regressions if r in b.pool.by_id and r not in near), None)


def _as(b: SessionBuilder, ex: Exercise, p: Prescription) -> Prescription:
    rpe = b._cap(6.0) if ex.equipment and p.block == "core" else None
    return b._rx(ex, p.block, p.order, p.sets, ex.default_reps, ex.default_duration_s, p.rest_s, Intensity(rpe=rpe))


def settle(b: SessionBuilder, s: Session, req: SessionRequest, known: set[str], params: Mapping[str, Any]) -> Session:
    """`s` with the loaded work of a post-race rest day left out, an exercise new in a race's recovery
    replaced by a known one of its place (or left out), and a hard variant before its easier one
    stepped down. `known`: the exercises of the sessions before this one."""
    rest: Mapping[str, Any] = params["rest"]
    exempt = {"blocks": rest["blocks"], "patterns": rest["new_exempt_patterns"]}
    easier_ids = frozenset(params["easier_first"])
    taken = {p.id for p in s.exercises}
    out: list[Prescription] = []
    why: list[str] = ["E-POST-RACE-REST"] if req.post_race_rest else []  # the day's format is the rule's
    near_race = req.post_race_rest or req.familiar_only  # the pattern is read only on the days around races
    for p in s.exercises:
        pattern = _pattern(b, p.id) if near_race else None
        if req.post_race_rest and not is_unloaded(p, pattern, rest):
            why.append("E-POST-RACE-REST")
            continue
        if req.familiar_only and p.id not in known and not is_unloaded(p, pattern, exempt):
            why.append("E-POST-RACE-REST")
            stand_in = _known_stand_in(b, p, taken, known)
            if stand_in is not None:
                taken.add(stand_in.id)
                p = _as(b, stand_in, p)
            elif p.block != "core":
                continue
            # else no known exercise of its target: kept, or the core block would lack it (S3-CORE-ORDER), and
            # still stepped down below when it is a hard variant (E-EASIER-FIRST)
        if p.id in easier_ids and not known & set(b.library.get(p.id).regressions):
            why.append("E-EASIER-FIRST")
            step = _easier(b, p, taken)
            if step is None:
                continue
            taken.add(step.id)
            p = _as(b, step, p)
        out.append(p)
    if not why:
        return s
    change = round((b.seconds(out) - b.seconds(s.exercises)) / 60)
    # a stand-in may take longer than what it replaced: the session still fits the runner's minutes
    # (E-FREQUENCY), by the last stretches first (one stays, S4-FLEXIBILITY)
    limit = b.athlete.minutes_per_session
    while s.minutes + change > limit:
        stretches = [i for i, p in enumerate(out) if p.block == "mobility"]
        if len(stretches) < 2:
            break
        out.pop(stretches[-1])
        change = round((b.seconds(out) - b.seconds(s.exercises)) / 60)
    if s.minutes + change > limit:  # then core, balance and mobility at one set and short rests and holds
        out = [b._compact(p) if p.block in ("core", "balance", "mobility") else p for p in out]
        change = round((b.seconds(out) - b.seconds(s.exercises)) / 60)
    notes = list(s.notes)
    if req.post_race_rest:
        notes.append("The first days after the race: walking, breathing, gentle mobility and easy balance only.")
    elif req.familiar_only and "E-POST-RACE-REST" in why:
        notes.append("Recovery after the race: only exercises you know; new ones come after it.")
    if "E-EASIER-FIRST" in why:
        notes.append("The easier version first: the harder one comes once this one is done well.")
    return dataclasses.replace(
        s,
        exercises=tuple(dataclasses.replace(p, order=i + 1) for i, p in enumerate(out)),
        why=tuple(dict.fromkeys([*s.why, *why])),
        notes=tuple(dict.fromkeys(notes)),
        minutes=max(1, s.minutes + change),
    )

"""Why a circuit station holds another exercise than its template's (rule E-SUBSTITUTE-WHY).

A coach who hands over "the seed circuit" with a calf raise where the seed has box step-ups must say
why in plain words; the runner otherwise reads it as a mistake. These helpers decide which stations
stand in for the template's exercise and word the reason."""

from __future__ import annotations

from collections.abc import Iterable

from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import Exercise, ExerciseLibrary
from stridelift.domain.templates import CircuitTemplate, Templates

MARK = " instead of "  # what every stand-in's note says (the checker looks for it)
LEFT_OUT = "Left out of the seed's circuit here:"  # how a circuit's note names the source's exercises it leaves out


def template_ids(tpl: CircuitTemplate, library: ExerciseLibrary) -> frozenset[str]:
    """The exercises a template holds by design: every station's list, and their harder versions (a
    station later in a block moves one step along the library's progressions, E-CIRCUIT-PROGRESSION)."""
    own = {i for st in tpl.stations for i in st.prefer}
    harder = {p for i in own if i in library for p in library.get(i).progressions}
    return frozenset(own | harder)


def template_of(templates: Templates, variation: str | None) -> CircuitTemplate | None:
    """The circuit template a session's variation ("A", or "A2" for its alternate exercises) comes from."""
    if not variation:
        return None
    tid = variation.removesuffix("2")
    return next((t for t in templates.circuits if t.id == tid), None)


def unavailable(ex: Exercise, athlete: Athlete, templates: Templates, statuses: Iterable[str]) -> str | None:
    """Why this runner cannot do `ex` now, in plain words: an injury at its present status, or missing
    equipment; None when nothing rules it out."""
    for inj, status in zip(athlete.injuries, statuses, strict=False):
        sp = templates.injuries[inj.area].by_status.get(status)
        if sp is None:
            continue
        if ex.loads_any(sp.exclude_loads) or ex.tagged_any(sp.exclude_tags) or (sp.no_plyometrics and ex.plyometric):
            area = inj.area.replace("_", " ")
            return (
                f"it loads your {area}, which is {status}"
                if status != "history"
                else f"it loads your old {area} injury"
            )
    kit = athlete.equipment | {"bodyweight"}
    missing = [KIT_WORDS.get(e, _kit(e)) for e in ex.equipment if e not in kit]
    if missing:
        return f"it needs {' and '.join(missing)}, which is not in your equipment"
    return None


KIT_WORDS = {
    "pullup_bar": "a pull-up bar",
    "cable": "a cable machine",
    "machine": "a gym machine",
    "trx": "a suspension trainer",
}


def lower_first(name: str) -> str:
    """A name inside a sentence: its first letter small, the rest as written (Romanian stays Romanian)."""
    return name[:1].lower() + name[1:]


def stand_in_note(ex: Exercise, seed: Exercise, reason: str) -> str:
    """The note of a station that stands in for the template's exercise."""
    return f"{ex.name}{MARK}{lower_first(seed.name)}: {reason}."


def left_out_note(tpl: CircuitTemplate, held: Iterable[str], reasons: dict[str, str], library: ExerciseLibrary) -> str:
    """The session's note naming each exercise of the template's source (the seed's eight) that this
    circuit leaves out and why: `reasons` by exercise id, the movement-group spread for the rest."""
    here = set(held)
    spread = (
        "the other stations already work those movements (one station per movement group, rule "
        "E-CIRCUIT-SPREAD; the stations turn block by block)"
    )
    by_reason: dict[str, list[str]] = {}
    for i in tpl.seed:
        if i not in here:
            by_reason.setdefault(reasons.get(i) or spread, []).append(lower_first(library.get(i).name))
    if not by_reason:
        return ""
    parts = [f"the {_listed(names)}: {why if len(names) == 1 else _plural(why)}" for why, names in by_reason.items()]
    return f"{LEFT_OUT} {'; '.join(parts)}."


def _plural(why: str) -> str:
    """A reason said of one exercise, said of several."""
    for one, many in (("it needs", "they need"), ("it loads", "they load"), ("of it are", "of them are")):
        why = why.replace(one, many)
    return why


def _listed(names: list[str]) -> str:
    """Names in a sentence: "a, b and c"."""
    return names[0] if len(names) == 1 else f"{', the '.join(names[:-1])} and the {names[-1]}"


def _kit(name: str) -> str:
    """Equipment in a sentence: "dumbbells", "a box"."""
    plain = name.replace("_", " ")
    return plain if plain.endswith("s") else f"a {plain}"

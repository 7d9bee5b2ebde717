"""A tendon's rehab as its own micro-block (rules I-REHAB-DOSE, I-REHAB-WEEKLY): the stage's own loading
at one dose whatever session it lands in (four 45-s holds; slow raises 3 s up and 3 s down, three sets, the
reps falling week by week as the load rises), fewer sets in the taper, race week and recovery, never a
circuit station. The planner builds it and the checker judges it from these same functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stridelift.domain.athlete import Injury
from stridelift.domain.templates import InjuryPolicy, Rehab, stage_at

NOTE_OPENING = "Rehab block"  # how every micro-block's note opens (the checker knows it without a profile)


@dataclass(frozen=True, slots=True)
class RehabStage:
    """An injury's stage on a day, when that stage carries a rehab micro-block."""

    area: str
    status: str
    begin: dt.date
    ids: tuple[str, ...]  # the stage's own loading (injuries.toml `add`)
    rehab: Rehab


@dataclass(frozen=True, slots=True)
class Dose:
    sets: int
    reps: int | None
    hold_s: int | None
    rest_s: int
    rpe: float
    note: str


def stages_on(
    policies: Mapping[str, InjuryPolicy], injuries: Iterable[Injury], start: dt.date, day: dt.date
) -> list[RehabStage]:
    """The rehab micro-blocks due on `day`: one for each injury whose stage that day has a `rehab` dose."""
    out: list[RehabStage] = []
    for inj in injuries:
        policy = policies[inj.area]
        status, begin = stage_at(policy, inj.status, start, day)
        sp = policy.by_status[status]
        if sp.rehab is not None and sp.add:
            out.append(RehabStage(inj.area, status, begin, sp.add, sp.rehab))
    return out


def dose(stage: RehabStage, day: dt.date, phase: str, reduced_phases: Iterable[str]) -> Dose:
    """The micro-block's dose on `day`: the week of the stage picks the reps (the last entry is kept),
    the phase whether the sets are reduced (taper, race week, recovery)."""
    r = stage.rehab
    sets = r.reduced_sets if phase in set(reduced_phases) else r.sets
    area = stage.area.replace("_", " ")
    if r.hold_s is not None:
        note = (
            f"{NOTE_OPENING} for your {area}: {sets} holds of {r.hold_s} s, {r.rest_s} s apart, at a firm effort "
            "that does not raise the pain (it may ease it)."
        )
        return Dose(sets, None, r.hold_s, r.rest_s, r.rpe, note)
    week = max(0, (day - stage.begin).days // 7)
    reps = r.reps[min(week, len(r.reps) - 1)]
    first = r.reps[0]
    note = (
        f"{NOTE_OPENING} for your {area}: {sets} x {reps}, tempo {r.tempo}, {r.rest_s} s rest; a load you could "
        f"lift about {reps + 3} times (it rises as the reps fall from {first}). Pain at most 2-3 out of 10, "
        "settled by the next morning."
    )
    return Dose(sets, reps, None, r.rest_s, r.rpe, note)

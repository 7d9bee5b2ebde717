"""A session the builder built once and reuses (its memo) turns its balance exercise to the next variant
at the same rung, so a runner whose week repeats does not hold one balance exercise for months (rule
E-BALANCE-VARIETY). The turn keeps the session within its minutes; kept here so the builder stays readable."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from stridelift.domain.plan import Intensity, Prescription, Session
from stridelift.domain.progression import progression_level

if TYPE_CHECKING:  # pragma: no cover
    from stridelift.domain.sessions import SessionBuilder


def turn_balance(b: SessionBuilder, s: Session, level: int) -> Session:
    at = [
        i
        for i, p in enumerate(s.exercises)
        if p.block == "balance" and p.id in b.library and progression_level(b.library.get(p.id).balance_level, p.region)
    ]
    if not at:
        return s
    old = s.exercises[at[0]]
    saved, b._avoid = b._avoid, {p.id for p in s.exercises}  # never an exercise the session already holds
    try:
        ex = b._balance_exercise(level)
    finally:
        b._avoid = saved
    if ex is None:
        return s
    reps = ex.default_reps if ex.default_duration_s is None else None
    note = f"Balance progression level {ex.balance_level}."
    new = b._rx(ex, "balance", old.order, old.sets, reps, ex.default_duration_s, old.rest_s, Intensity(), note)
    if _dose(b._compact(old)) == _dose(old):
        # the session held its balance work at the compact dose (short of time): the variant keeps to it, so
        # an injury's own loading stays the last thing cut (I-REHAB-LAST; a 30 s BOSU stance turned in
        # for a compacted BOSU squat left the shortened calf raises behind it)
        new = b._compact(new)
    exercises = tuple(new if i == at[0] else p for i, p in enumerate(s.exercises))
    minutes = b._minutes(exercises)
    if minutes > max(s.minutes, b.athlete.minutes_per_session):  # the variant would not fit the session's time
        return s
    return dataclasses.replace(s, exercises=exercises, minutes=minutes)


def _dose(p: Prescription) -> tuple[int, int | None, int | None, int]:
    return (p.sets, p.reps, p.duration_s, p.rest_s)

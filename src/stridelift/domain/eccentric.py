"""The dose of slow eccentric bodyweight work (Nordic hamstring curls; rule E-NORDIC-DOSE): low and
slowly rising. The first session is two short sets at an easy effort, the effort climbs at most a
half point from one session to the next and never reaches the last reps in reserve. Pure: the
session builder asks for each session's dose in date order and tells what the session kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class EccentricLimits:
    ids: frozenset[str]
    first_sets: int
    first_reps: int
    first_rpe: float
    max_sets: int
    max_reps: int
    max_rpe: float
    rpe_step: float

    @classmethod
    def from_params(cls, p: Mapping[str, Any]) -> EccentricLimits:
        return cls(
            frozenset(p["ids"]),
            int(p["first_sets"]),
            int(p["first_reps"]),
            float(p["first_rpe"]),
            int(p["max_sets"]),
            int(p["max_reps"]),
            float(p["max_rpe"]),
            float(p["rpe_step"]),
        )

    def most(self, last_rpe: float | None) -> tuple[int, int, float]:
        """The most (sets, reps, RPE) a session may hold after one at `last_rpe` (None: the first)."""
        if last_rpe is None:
            return self.first_sets, self.first_reps, self.first_rpe
        return self.max_sets, self.max_reps, min(self.max_rpe, last_rpe + self.rpe_step)


def restarts(last_day: dt.date | None, day: dt.date, gap_days: int | None) -> bool:
    """Whether a session on `day` starts the exercise again after a break longer than `gap_days` (rule
    E-NORDIC-RESTART): its dose is the first session's, whatever it was before the break."""
    return last_day is not None and gap_days is not None and (day - last_day).days > gap_days


@dataclass(slots=True)
class EccentricDose:
    limits: EccentricLimits
    gap_days: int | None = None  # a break longer than this starts the dose again (E-NORDIC-RESTART)
    last: dict[str, float] = field(default_factory=dict)  # each exercise's effort last time
    last_day: dict[str, dt.date] = field(default_factory=dict)  # and the day it was done

    def dose(
        self,
        ex_id: str,
        sets: int,
        reps: int | None,
        rpe: float | None,
        day: dt.date | None = None,
        lighter: bool = False,
    ) -> tuple[int, int | None, float | None]:
        """`sets` x `reps` at `rpe`, held within the limits for `ex_id` (unchanged for other exercises); on
        `day` after a break, the first session's; in a `lighter` week no step up from last time (a deload
        never raises the effort, E-DELOAD-LIGHTER)."""
        if ex_id not in self.limits.ids:
            return sets, reps, rpe
        last = before = self.last.get(ex_id)
        if day is not None and restarts(self.last_day.get(ex_id), day, self.gap_days):
            last = None
        most_sets, most_reps, most_rpe = self.limits.most(last)
        if last is None and before is not None:
            # a restart is at the first session's dose and never a bigger step than the rise allows from
            # the last effort (a Nordic last done at RPE 5 restarts at 5.5, not 6: E-NORDIC-DOSE)
            most_rpe = min(most_rpe, before + self.limits.rpe_step)
        if lighter and last is not None:
            most_rpe = min(most_rpe, last)
        return (
            min(sets, most_sets),
            min(reps, most_reps) if reps is not None else None,
            min(rpe, most_rpe) if rpe is not None else most_rpe,
        )

    def done(self, ex_id: str, rpe: float | None, day: dt.date | None = None) -> None:
        if ex_id in self.limits.ids:
            self.last[ex_id] = rpe if rpe is not None else self.limits.first_rpe
            if day is not None:
                self.last_day[ex_id] = day

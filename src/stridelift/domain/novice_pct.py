"""A novice earns %1RM work lift by lift (rule E-NOVICE-PCT): weeks of lifting and sessions of that lift
at moderate loads come before its first heavy %1RM, and the first %1RM of each lift says how to estimate
the max. Pure: the session builder asks whether a lift is ready and records each session it keeps; the
checker replays the plan's sessions through the same tracker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stridelift.domain.plan import Prescription


@dataclass(frozen=True, slots=True)
class NovicePctLimits:
    min_pct: float
    min_weeks: int
    min_exposures: int
    reps_lo: int
    reps_hi: int
    words: str  # the words a first %1RM's note uses to say how to estimate the max

    @classmethod
    def from_params(cls, p: Mapping[str, Any]) -> NovicePctLimits:
        lo, hi = p["moderate_reps"]
        return cls(
            float(p["min_pct"]),
            int(p["min_weeks"]),
            int(p["min_exposures"]),
            int(lo),
            int(hi),
            str(p["estimate_words"]).lower(),
        )

    def moderate(self, p: Prescription) -> bool:
        """A learning set: 8-12 reps, chosen by effort or under the heavy share of 1RM."""
        pct = p.intensity.pct_1rm
        return (
            p.reps is not None and self.reps_lo <= p.reps <= self.reps_hi and (pct is None or pct < self.min_pct - 1e-9)
        )

    def heavy(self, p: Prescription) -> bool:
        return p.intensity.pct_1rm is not None and p.intensity.pct_1rm >= self.min_pct - 1e-9

    def explains(self, p: Prescription) -> bool:
        return self.words in p.note.lower()


@dataclass(slots=True)
class NoviceLearning:
    limits: NovicePctLimits
    first: dt.date | None = None  # the first day with a strength lift
    learned: dict[str, int] = field(default_factory=dict)  # moderate sessions of each lift so far
    noted: set[str] = field(default_factory=set)  # lifts whose first %1RM has been given

    def ready(self, ex_id: str, day: dt.date) -> bool:
        """Whether `ex_id` may be given at a heavy %1RM on `day`, after the sessions recorded so far."""
        lim = self.limits
        weeks_in = self.first is not None and (day - self.first).days >= 7 * lim.min_weeks
        return weeks_in and self.learned.get(ex_id, 0) >= lim.min_exposures

    def first_pct(self, p: Prescription) -> bool:
        """Whether `p` is the first %1RM of its lift (its note must say how to estimate the max)."""
        return p.block == "strength" and p.intensity.pct_1rm is not None and p.id not in self.noted

    def record(self, day: dt.date, exercises: Iterable[Prescription]) -> None:
        strength = [p for p in exercises if p.block == "strength"]
        if strength and self.first is None:
            self.first = day
        for p in strength:
            if self.limits.moderate(p):
                self.learned[p.id] = self.learned.get(p.id, 0) + 1
            if p.intensity.pct_1rm is not None:
                self.noted.add(p.id)

"""The RPE/RIR-%1RM chart: how heavy a load is for a number of reps done with some left in reserve.

The chart is data (rule E-RPE-TABLE): a lifter who can do `reps_to_failure` repetitions at most can
lift `pct` of their 1RM. A set of `reps` at RPE r leaves 10 - r reps in reserve, so it is done at
the load for reps + (10 - r) repetitions. One table serves the generator (choose %1RM from reps and
effort) and the checker (do the three agree?).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EffortTable:
    reps_to_failure: tuple[float, ...]
    pct: tuple[float, ...]
    tolerance: float

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> EffortTable:
        rtf = tuple(float(x) for x in params["reps_to_failure"])
        pct = tuple(float(x) for x in params["pct"])
        if len(rtf) != len(pct) or len(rtf) < 2:
            raise ValueError("E-RPE-TABLE: reps_to_failure and pct must be equally long")
        if any(b <= a for a, b in itertools.pairwise(rtf)) or any(b >= a for a, b in itertools.pairwise(pct)):
            raise ValueError("E-RPE-TABLE: reps must rise and %1RM fall along the chart")
        return cls(rtf, pct, float(params["tolerance"]))

    def pct_for(self, reps: int, rpe: float) -> float:
        """The %1RM of a set of `reps` at `rpe` (linear between the chart's points)."""
        return self._interp(reps + (10.0 - rpe), self.reps_to_failure, self.pct)

    def rpe_for(self, reps: int, pct: float) -> float:
        """The RPE a set of `reps` at `pct` of 1RM is, to the nearest half point (capped at 10)."""
        rtf = self._interp_desc(pct)
        return max(1.0, min(10.0, round((10.0 - (rtf - reps)) * 2) / 2))

    def agrees(self, reps: int, pct: float, rpe: float) -> bool:
        return abs(self.pct_for(reps, rpe) - pct) <= self.tolerance + 1e-9

    @staticmethod
    def _interp(x: float, xs: Sequence[float], ys: Sequence[float]) -> float:
        if x <= xs[0]:
            return ys[0]
        for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
            if x <= x1:
                return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        # beyond the chart: extend the last segment's slope
        x0, x1, y0, y1 = xs[-2], xs[-1], ys[-2], ys[-1]
        return y1 + (y1 - y0) * (x - x1) / (x1 - x0)

    def _interp_desc(self, pct: float) -> float:
        xs, ys = self.pct, self.reps_to_failure
        if pct >= xs[0]:
            return ys[0]
        for i in range(1, len(xs)):
            if pct >= xs[i]:
                return ys[i - 1] + (ys[i] - ys[i - 1]) * (xs[i - 1] - pct) / (xs[i - 1] - xs[i])
        return ys[-1] + (ys[-1] - ys[-2]) * (xs[-1] - pct) / (xs[-2] - xs[-1])

"""Arithmetic for the gym floor: estimated 1RM from a logged set, loads rounded to what plates make,
warm-up ramps from the working load, and the plates per side of a barbell. Pure; no I/O."""

from __future__ import annotations

import math
from collections.abc import Sequence

KG_PER_LB = 0.45359237
BAR_KG = 20.0
PLATES_KG: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
PLATES_LB: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)


def reps_in_reserve(rpe: float | None, rir: int | None) -> float | None:
    """What the runner logged, as reps left in reserve: RIR when given (it is counted, not felt),
    else 10 - RPE; None when neither was logged."""
    if rir is not None:
        return float(max(rir, 0))
    return max(0.0, 10.0 - rpe) if rpe is not None else None


def e1rm(load: float, reps: int, rpe: float | None = None, rir: int | None = None) -> float:
    """Epley's estimate, counting reps left in reserve (RIR, or 10 - RPE) as reps that could have
    been done; above 12 reps the estimate is unreliable, so the reps are capped there."""
    if load <= 0 or reps <= 0:
        return 0.0
    in_reserve = reps_in_reserve(rpe, rir) or 0.0
    total = min(reps + in_reserve, 12.0)
    return load * (1.0 + total / 30.0) if total > 1 else load


def round_load(load: float, step: float = 2.5) -> float:
    return round(load / step) * step if load > 0 else 0.0


def warmup_ramp(working: float, *, bar: float = BAR_KG, step: float = 2.5) -> list[tuple[float, int]]:
    """(load, reps) warm-up sets before a working load: the empty bar, then about 40, 60 and 80%
    with falling reps; steps that would repeat a load (light working sets) are left out."""
    if working <= bar:
        return []
    ramp = [(bar, 8)]
    for pct, reps in ((0.4, 5), (0.6, 3), (0.8, 2)):
        load = max(bar, round_load(working * pct, step))
        if load > ramp[-1][0] and load < working:
            ramp.append((load, reps))
    return ramp


def plates_per_side(total: float, *, bar: float = BAR_KG, plates: Sequence[float] = PLATES_KG) -> list[float]:
    """Greedy plates for one side of the bar (largest first); what cannot be made is left off."""
    side = (total - bar) / 2
    out: list[float] = []
    for p in plates:
        while side >= p - 1e-9:
            out.append(p)
            side -= p
    return out


def to_units(kg: float, units: str) -> float:
    return kg if units == "kg" else kg / KG_PER_LB


def from_units(value: float, units: str) -> float:
    return value if units == "kg" else value * KG_PER_LB


def is_finite_positive(x: float | None) -> bool:
    return x is not None and math.isfinite(x) and x > 0

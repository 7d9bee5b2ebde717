"""A race's minutes estimated from its distance and the runner's experience (rule R-RACE-MINUTES): a typical
10 km time by experience, carried to other distances by Riegel's formula (time ~ distance^1.06), with a
steeper exponent past the marathon, where recreational runners slow more than the formula says."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def race_minutes(distance_km: float, experience: str, params: Mapping[str, Any]) -> int:
    """Estimated finishing minutes for a race of `distance_km` (R-RACE-MINUTES `ref_10k`, `exponent`)."""
    refs: Mapping[str, Any] = params["ref_10k"]
    t10 = float(refs.get(experience, refs["intermediate"]))
    ref_km, marathon = float(params["ref_km"]), float(params["marathon_km"])
    if distance_km <= marathon:
        return round(t10 * math.pow(distance_km / ref_km, float(params["exponent"])))
    full = t10 * math.pow(marathon / ref_km, float(params["exponent"]))
    return round(full * math.pow(distance_km / marathon, float(params["ultra_exponent"])))

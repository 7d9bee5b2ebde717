"""A long B race in a longer A race's last weeks is run as that race's last long run (R-B-TAPER
`long_run_race`): at controlled long-run effort, with only its race week's easy days before it (the
weekend before kept), no return steps after its recovery, and R-B-RACE-PEAK counts it as a long run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol


class _Race(Protocol):
    @property
    def date(self) -> dt.date: ...
    @property
    def distance_km(self) -> float | None: ...
    @property
    def priority(self) -> str: ...


def served_a_race(r: _Race, races: Iterable[_Race], params: Mapping[str, Any] | None) -> dt.date | None:
    """The A race whose last long run the B race `r` is (`params`: R-B-TAPER `long_run_race`), or None."""
    if params is None or r.priority != "B" or r.distance_km is None or r.distance_km < float(params["min_km"]):
        return None
    lo, hi = (int(x) for x in params["a_days"])
    for a in races:
        if (
            a.priority == "A"
            and a.distance_km is not None
            and a.distance_km > r.distance_km
            and a.distance_km >= float(params["a_min_km"])
            and lo <= (a.date - r.date).days <= hi
        ):
            return a.date
    return None

"""A long base brings threshold running back (R-RUNS-BY-PHASE `base_tempo_after_days`): base running far
from any race holds no tempo or intervals, but once such a stretch has lasted `base_tempo_after_days`, one
tempo session a week comes back (coach review: 18-19 weeks of base without any threshold running)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

DAY = dt.timedelta(days=1)


def far_base_starts(
    first: dt.date, last: dt.date, phase: Callable[[dt.date], str | None], races: Iterable[dt.date], far_days: int
) -> dict[dt.date, dt.date]:
    """Each day of base running far from any race (phase base, the next race more than `far_days` away)
    -> the first day of its unbroken stretch of such days."""
    dates = sorted(races)
    out: dict[dt.date, dt.date] = {}
    since: dt.date | None = None
    d = first
    while d <= last:
        coming = next((r for r in dates if r > d), None)
        far = phase(d) == "base" and (coming is None or (coming - d).days > far_days)
        if far:
            since = since or d
            out[d] = since
        else:
            since = None
        d += DAY
    return out


def tempo_back(d: dt.date, starts: dict[dt.date, dt.date], after_days: int) -> bool:
    """Whether `d` lies `after_days` or more into its far-base stretch: one tempo a week is back."""
    since = starts.get(d)
    return since is not None and (d - since).days >= after_days

"""After the season's last A race, with no A or B race later, the long run is held short (rule
R-LONG-AFTER-SEASON): the long-run build serves a race, and a runner with none ahead keeps about 70% of the
peak before the race, or the usual week's long run when that is shorter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

DAY = dt.timedelta(days=1)


def season_end(
    races: Iterable[tuple[dt.date, str]], start: dt.date, end: dt.date, params: Mapping[str, Any]
) -> dt.date | None:
    """The date of the last A race inside the plan when no race of `keep_priorities` comes after it, or None."""
    known = sorted(races)
    keep = set(params["keep_priorities"])
    last = max((d for d, p in known if p == "A" and start <= d <= end), default=None)
    if last is None or any(d > last and p in keep for d, p in known):
        return None
    return last


def season_cap(
    longs: Iterable[tuple[dt.date, int]],
    race: dt.date,
    usual: int,
    params: Mapping[str, Any],
    start: dt.date | None = None,
) -> int:
    """The long-run cap after `race`: `share` of the longest long run of the `lookback_days` before it (the
    usual one when none is known), never above the usual long run. A plan that starts (`start`) inside those
    days does not hold the runner's build: its first runs may be a taper's cut ones, so the peak is at least
    the usual long run the runner ran before the plan."""
    lo = race - int(params["lookback_days"]) * DAY
    peak = max((m for d, m in longs if lo <= d < race), default=usual)
    if start is not None and start > lo:
        peak = max(peak, usual)
    return min(usual, int(peak * float(params["share"])) // 5 * 5)


def cap_after_season(
    days: dict[dt.date, Any],
    races: Iterable[tuple[dt.date, str]],
    usual: int,
    start: dt.date,
    end: dt.date,
    params: Mapping[str, Any],
) -> dict[dt.date, Any]:
    """Every long run after the season's last A race shortened to `season_cap`, with a note saying why."""

    last = season_end(races, start, end, params)
    if last is None or usual <= 0:
        return days
    longs = [(d, r.minutes) for d, x in days.items() for r in x.runs if r.type == "long"]
    cap = season_cap(longs, last, usual, params, start)
    why = f"no race ahead after {last:%d %b}: the long run held at {cap} min (the build served the race)"
    out = dict(days)
    for d, day in days.items():
        if d <= last or not any(r.type == "long" and r.minutes > cap for r in day.runs):
            continue
        out[d] = day.long_capped(cap, why)
    return out

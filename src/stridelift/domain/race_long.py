"""The long run around a race the plan does not build for (rules R-OFFSEASON-LONG, R-LONG-BUILD
`race_step`, R-RECOVERY-LONG).

The off-season block caps the long run (R-RUNS-BY-PHASE `offseason_long_max`) to make room for heavy
legs. With a race inside the block or just after it, that cap detrains the runner for the race and the
race itself becomes a load spike (coach review r0: a 150-minute long run capped at 90 for 13 weeks, then
a 143-minute trail half and 140 minutes in the week after). So near a race the cap keeps `min_share` of
the usual long run, the long runs before the race climb to within `race_step` of its minutes, and the
week after a race holds no long run above the level before it. One definition serves planner and checker.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

DAY = dt.timedelta(days=1)


def _up5(m: float) -> int:
    return 5 * math.ceil(m / 5 - 1e-9)


def blocks(start: dt.date, last: dt.date, phase: Callable[[dt.date], str]) -> list[tuple[dt.date, dt.date]]:
    """(first day, last day) of each run of off-season block days from `start` to `last`."""
    out: list[tuple[dt.date, dt.date]] = []
    d, first = start, None
    while d <= last + DAY:
        inside = d <= last and phase(d) == "offseason_strength"
        if inside and first is None:
            first = d
        elif not inside and first is not None:
            out.append((first, d - DAY))
            first = None
        d += DAY
    return out


def race_need(race_minutes: int, weeks_before: int, usual: int, step: float) -> int:
    """The long run `weeks_before` weeks before a race of `race_minutes`: within `step` a week of it, counted
    back from the race, never above the usual long run (what the runner's own week already holds)."""
    return min(usual, _up5(race_minutes / (1 + step) ** max(1, weeks_before)))


def block_caps(
    spans: Iterable[tuple[dt.date, dt.date]],
    races: Sequence[tuple[dt.date, int]],
    usual: int,
    base_cap: int,
    params: Mapping[str, Any],
    step: float,
) -> dict[dt.date, int]:
    """Day -> the long-run cap of an off-season block day where a race (date, minutes) falls inside the
    block or `after_days` after it: at least `min_share` of the usual long run (R-OFFSEASON-LONG), and
    within `step` a week of the next race's minutes (R-LONG-BUILD `race_step`). Days not listed keep
    `base_cap`."""
    out: dict[dt.date, int] = {}
    floor = min(usual, _up5(float(params["min_share"]) * usual - 2.5))
    for first, end in spans:
        near = [(d, m) for d, m in races if first <= d <= end + int(params["after_days"]) * DAY]
        if not near:
            continue
        d = first
        while d <= end:
            cap = max(base_cap, floor)
            nxt = next(((r, m) for r, m in near if r > d), None)
            if nxt is not None:
                cap = max(cap, race_need(nxt[1], math.ceil((nxt[0] - d).days / 7), usual, step))
            if cap > base_cap:
                out[d] = cap
            d += DAY
    return out


def pre_race_level(longs: Iterable[tuple[dt.date, int]], race: dt.date, lookback_days: int) -> int:
    """The longest long run of the `lookback_days` before the race (0 without one)."""
    return max((m for d, m in longs if race - lookback_days * DAY <= d < race), default=0)


def after_race_over(
    longs: Sequence[tuple[dt.date, int]], races: Iterable[dt.date], start: dt.date, params: Mapping[str, Any]
) -> list[tuple[dt.date, dt.date, int, int]]:
    """(day, race, minutes, pre-race level) of each long run in the `days` after a race above the level of
    the long runs before it (R-RECOVERY-LONG); races whose lookback starts before the plan are not judged."""
    out = []
    back, days = int(params["lookback_days"]), int(params["days"])
    for race in sorted(races):
        if race - back * DAY < start:
            continue
        level = pre_race_level(longs, race, back)
        if level <= 0:
            continue
        out += [(d, race, m, level) for d, m in longs if race < d <= race + days * DAY and m > level]
    return out


def cap_after_races(
    days: dict[dt.date, Any], races: Iterable[dt.date], start: dt.date, params: Mapping[str, Any]
) -> dict[dt.date, Any]:
    """The long runs of the `days` after each race cut to the level of the long runs before it
    (R-RECOVERY-LONG), with a note that says why."""
    out = dict(days)
    longs = [(d, r.minutes) for d, x in out.items() for r in x.runs if r.type == "long"]
    for d, race, _, level in after_race_over(longs, races, start, params):
        why = f"the week after the race on {race:%d %b}: long run no longer than before the race ({level} min)"
        out[d] = out[d].long_capped(level, why)
    return out

"""The usual running week reached in steps after a capped stretch (rule R-RAMP-BACK).

The off-season block caps the long run and base running drops the quality; copied back in one week
the usual week would jump (a 90-minute long run followed by a 210-minute one, the week's minutes up
by a third). Judged on the runs only, never on phase labels: in each full week the long run is at
most the longest run of the previous `lookback_weeks` full weeks plus `long_step_minutes` or
`long_step_share` (whichever is more), and the week's minutes other than races at most `week_step_share` above the
biggest of those weeks. A race counts as the longest run, so its return keeps its own limits.
Before the plan the runner runs the profile's usual week (so a plan starting in a taper does not
hold the weeks after the race to the taper's minutes).
The planner and the checker share `week_limits`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from stridelift.domain.scheduling import RunSlot

if TYPE_CHECKING:
    from stridelift.domain.running import DayRuns

WEEK = dt.timedelta(days=7)


def full_weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Mondays of the weeks lying wholly inside start..end."""
    m = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    out = []
    while m + dt.timedelta(days=6) <= end:
        out.append(m)
        m += WEEK
    return out


def week_limits(history: Sequence[tuple[int, int]], params: Mapping[str, Any]) -> tuple[int, int] | None:
    """(long-run cap, week-minutes cap) from the previous full weeks' (longest run, minutes), oldest
    first; None when there is no earlier full week to step from."""
    recent = list(history)[-int(params["lookback_weeks"]) :]
    if not recent:
        return None
    longest = max(a for a, _ in recent)
    biggest = max(b for _, b in recent)
    long_cap = max(longest + int(params["long_step_minutes"]), longest * (1 + float(params["long_step_share"])))
    return int(long_cap), int(biggest * (1 + float(params["week_step_share"])))


def week_load(runs: Iterable[tuple[str, int]]) -> tuple[int, int]:
    """(longest run of any kind, a race included; minutes of running other than races) of one week's runs:
    a race week is not judged by its race, nor are the weeks after it allowed more because of it."""
    mins = [(t, m) for t, m in runs]
    return max((m for _, m in mins), default=0), sum(m for t, m in mins if t != "race")


def usual_load(running_week: Iterable[Any]) -> tuple[int, int]:
    """The usual week's (longest run, minutes): what the runner runs before the plan starts."""
    return week_load((str(r.type), int(r.minutes)) for r in running_week if r.type != "rest")


def _down5(m: float) -> int:
    return max(10, 5 * int(m // 5))


def ramp_back(
    days: dict[dt.date, DayRuns], start: dt.date, end: dt.date, usual: tuple[int, int], params: Mapping[str, Any]
) -> dict[dt.date, DayRuns]:
    """Caps each full week's long runs and minutes at `week_limits` of the weeks before it (the usual
    week `usual_load` before the plan, then the weeks as planned after this capping), noting the runs
    it shortened."""
    from stridelift.domain.running import DayRuns

    out = dict(days)
    history: list[tuple[int, int]] = [usual]
    for monday in full_weeks(start, end):
        week = [monday + dt.timedelta(days=k) for k in range(7)]
        lim = week_limits(history, params)
        if lim is not None:
            long_cap, week_cap = lim
            runs = [r for d in week if d in out for r in out[d].runs if r.type != "race"]
            total = sum(r.minutes for r in runs) - sum(max(0, r.minutes - long_cap) for r in runs if r.type == "long")
            factor = week_cap / total if total > week_cap else 1.0  # the runs scaled so the week fits
            for _ in range(40):  # runs kept at 10 minutes and rounded to 5 can leave it over: a little more
                new = {d: _shortened(out[d], long_cap, factor, DayRuns) for d in week if d in out}
                if (
                    factor < 0.2
                    or sum(r.minutes for day in new.values() for r in day.runs if r.type != "race") <= week_cap
                ):
                    break
                factor *= 0.97
            out.update(new)
        history.append(week_load((r.type, r.minutes) for d in week if d in out for r in out[d].runs))
    return out


def _shortened(day: DayRuns, long_cap: int, factor: float, make: type[DayRuns]) -> DayRuns:
    if not any(  # most days keep every run: the day itself, without rebuilding its runs and notes
        (r.type == "long" and r.minutes > long_cap)
        or (r.type != "race" and factor < 1.0 and _down5(r.minutes * factor) < r.minutes)
        for r in day.runs
    ):
        return day
    runs: list[RunSlot] = []
    notes: list[str] = []
    for i, r in enumerate(day.runs):
        m = r.minutes
        step = ""
        if r.type == "long" and m > long_cap:
            m, step = _down5(long_cap), "building back: the long run grows about 15 minutes a week"
        if r.type != "race" and factor < 1.0 and _down5(m * factor) < m:
            m, step = _down5(m * factor), step or "building back: the week's running grows 10% a week at most"
        runs.append(RunSlot(r.type, r.slot, m))
        own = "; ".join(n for n in (day.note_of(i), step) if n)
        notes.append(own)
    if tuple(runs) == day.runs:
        return day
    return make(tuple(runs), "; ".join(dict.fromkeys(n for n in notes if n)), tuple(notes))

"""The long run built toward an A race's distance (rule R-LONG-BUILD).

A runner cannot race a marathon off the usual 100-minute long run: before an A race of a half or
longer the long run grows from the usual week's length toward a peak that fits the distance
(`peak_minutes`), by about 10% a week (`step_share`, at least `step_minutes`), with a cutback week
after every `weeks_up` rising weeks, and the peak lands `peak_days` before the race, just before the
taper (R-PEAK-LONG-RUN). The planner lays the build onto the long-run days (`build_days`); the
phase, races, injuries and R-RAMP-BACK still cut it where they must. The checker judges the runs
(`shortfalls`, `no_cutback`), never the phase labels; the planner warns where the build fell short.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

DAY = dt.timedelta(days=1)


def _down5(m: float) -> int:
    return 5 * int(m // 5)


def peak_target(distance_km: float, params: Mapping[str, Any]) -> int:
    """The long-run peak in minutes the race's distance asks for (0 below the shortest listed)."""
    out = 0
    for km, minutes in sorted((float(a), int(b)) for a, b in params["peak_minutes"]):
        if distance_km >= km:
            out = minutes
    return out


def sequence(usual: int, target: int, params: Mapping[str, Any]) -> list[int]:
    """The build's weekly long runs from the week after the usual one up to `target`: rises of
    `step_share` (at least `step_minutes`), a cutback to `cutback_share` after every `weeks_up` rises."""
    out: list[int] = []
    x, up = usual, 0
    while x < target:
        x = min(target, x + max(int(params["step_minutes"]), _down5(x * float(params["step_share"]))))
        out.append(x)
        up += 1
        if up == int(params["weeks_up"]) and x < target:
            out.append(max(usual, _down5(x * float(params["cutback_share"]))))
            up = 0
    if out:  # the peak once more after a cutback: a race or its recovery in the build still leaves one
        out += [max(usual, _down5(target * float(params["cutback_share"]))), target]
    return out


def retaper(
    days: dict[dt.date, Any],
    races: Iterable[tuple[dt.date, float, str]],
    usual: int,
    steps: Sequence[Sequence[float]],
    params: Mapping[str, Any],
) -> dict[dt.date, Any]:
    """The taper's long runs cut from the peak the build reached (not the one it aimed at): where the
    build fell short, the taper steps down from its longest run (`taper_share` of it)."""
    from stridelift.domain.running import floor5, taper_share

    out = dict(days)
    for date, km, prio in races:
        target = peak_target(km, params)
        if prio != "A" or target <= usual:
            continue
        lo, hi = date - int(params["lookback_days"]) * DAY, date - int(params["peak_days"][0]) * DAY
        best = max((r.minutes for d, x in out.items() if lo <= d <= hi for r in x.runs if r.type == "long"), default=0)
        base = max(usual, min(best, target))
        d = hi + DAY
        while d < date:
            day = out.get(d)
            cap = floor5(base * taper_share((date - d).days, steps))
            if day is not None and any(r.type == "long" and r.minutes > cap for r in day.runs):
                out[d] = day.long_capped(cap)
            d += DAY
    return out


def peak_day(race: dt.date, weekday: int, params: Mapping[str, Any]) -> dt.date:
    """The latest day of the long run's weekday `peak_days` before the race (the last longest run)."""
    lo, hi = (int(x) for x in params["peak_days"])
    d = race - lo * DAY
    while d.weekday() != weekday:
        d -= DAY
    assert (race - d).days <= hi, "peak_days must span a week"
    return d


def build_days(
    races: Iterable[tuple[dt.date, float, str]],
    usual_long: int,
    weekday: int | None,
    params: Mapping[str, Any],
    peaks: Mapping[dt.date, dt.date] | None = None,
) -> dict[dt.date, tuple[int, dt.date]]:
    """The long runs of each A race's build: day -> (minutes, the race), on the usual long run's weekday;
    `peaks` gives a race's peak day where another race cuts the usual one (domain/peak_move.py)."""
    out: dict[dt.date, tuple[int, dt.date]] = {}
    if weekday is None or usual_long <= 0:
        return out
    prev: dt.date | None = None
    for date, km, prio in sorted(races):
        target = peak_target(km, params)
        if prio == "A" and target > usual_long:
            peak = (peaks or {}).get(date) or peak_day(date, weekday, params)
            seq = sequence(usual_long, target, params)
            d = peak + 7 * DAY
            while d < date:  # the taper cuts these from the peak's length
                if prev is None or d > prev:  # not before an earlier A race: its own taper holds
                    out[d] = (target, date)
                d += 7 * DAY
            for k, m in enumerate(reversed(seq)):
                d = peak - 7 * k * DAY
                if prev is not None and d <= prev:
                    break
                out[d] = (m, date)
        if prio == "A":
            prev = date
    return out


def usual_long(running_week: Iterable[Any]) -> tuple[int, int | None]:
    """(the usual longest long run, its weekday), or (0, None) without a long run."""
    longs = [(int(r.minutes), -int(r.weekday)) for r in running_week if r.type == "long"]
    if not longs:
        return 0, None
    m, w = max(longs)
    return m, -w


def shortfalls(
    runs: Sequence[tuple[dt.date, str, int]],
    races: Iterable[tuple[dt.date, float, str]],
    start: dt.date,
    params: Mapping[str, Any],
) -> list[tuple[dt.date, int, int]]:
    """(A race, longest long run of its build, the peak it asks for) for each A race of a half or longer
    whose build lies in the plan (it starts `lookback_days` before the race or earlier) and whose
    longest long run from then to `peak_days`[0] days before it is under `min_share` of the peak."""
    out = []
    for date, km, prio in sorted(races):
        target = peak_target(km, params)
        if prio != "A" or target <= 0 or start > date - int(params["lookback_days"]) * DAY:
            continue
        lo = date - int(params["lookback_days"]) * DAY
        hi = date - int(params["peak_days"][0]) * DAY
        best = max((m for d, t, m in runs if t == "long" and lo <= d <= hi), default=0)
        if best < float(params["min_share"]) * target:
            out.append((date, best, target))
    return out


def no_cutback(
    runs: Sequence[tuple[dt.date, str, int]], usual: int, start: dt.date, end: dt.date, params: Mapping[str, Any]
) -> list[tuple[dt.date, int]]:
    """(Monday, weeks) of each full week that makes more than `weeks_up` weeks in a row of long runs
    above the usual one, none shorter than the week before: a build without its cutback week."""
    from stridelift.domain.ramp import full_weeks

    out = []
    streak, before = 0, 0
    weekly: dict[dt.date, int] = {}  # each week's longest long run, by its Monday (full weeks start on one)
    for d, t, m in runs:
        if t == "long":
            week = d - dt.timedelta(days=d.weekday())
            weekly[week] = max(weekly.get(week, m), m)
    for monday in full_weeks(start, end):
        longest = weekly.get(monday, 0)
        streak = streak + 1 if usual > 0 and longest > usual and longest >= before else 0
        if streak > int(params["weeks_up"]):
            out.append((monday, streak))
        before = longest
    return out


def shortfall_warnings(
    runs: Sequence[tuple[dt.date, str, int, str]],
    races: Sequence[tuple[dt.date, float, str]],
    start: dt.date,
    usual: tuple[int, int | None],
    params: Mapping[str, Any],
) -> list[tuple[dt.date, str]]:
    """(date, message) for each A race whose build fell short (`shortfalls`), naming what cut the build's
    long runs (their notes: an injury's cap, a race's recovery, the off-season block); none where no
    note says why, so a build the planner lost is never excused."""
    if usual[0] <= 0:
        return []  # no long run to build: `missing_long_run` says so
    build = build_days(races, usual[0], usual[1], params)
    plain = [(d, t, m) for d, t, m, _ in runs]
    out = []
    for race, best, target in shortfalls(plain, races, start, params):
        lo = race - int(params["lookback_days"]) * DAY
        why: dict[str, None] = {}
        for d, (m, r) in sorted(build.items()):
            if r != race or not lo <= d <= race - int(params["peak_days"][0]) * DAY:
                continue
            got = max((x for dd, t, x, _ in runs if dd == d and t in ("long", "race")), default=0)
            notes = [
                x for dd, _, _, n in runs if dd == d for x in n.split("; ") if x and not x.startswith("long-run build")
            ]
            if got < m:
                why.update(dict.fromkeys(notes or ["no run on the day"]))
        # an earlier A race in the build's weeks took them: its own build, taper and recovery (build_days)
        before = [d for d, _, prio in races if prio == "A" and lo <= d < race]
        if before:
            why[f"its weeks went to the A race on {max(before):%d %b %Y}: its build, taper and recovery"] = None
        if why and any(n != "no run on the day" for n in why):
            said = "; ".join(list(why)[:4])
            out.append(
                (
                    race - int(params["peak_days"][0]) * DAY,
                    f"The long run builds only to {best} min before the A race on {race:%d %b %Y} (the distance asks "
                    f"for about {target}): the build's long runs were cut ({said}). Talk to a coach before racing "
                    f"the distance off this build.",
                )
            )
    return out


def missing_long_run(races: Iterable[tuple[dt.date, float, str]], usual: int, params: Mapping[str, Any]) -> str:
    """The advice for a runner whose week holds no long run before an A race that asks for one, or ""."""
    need = [(d, peak_target(km, params)) for d, km, prio in sorted(races) if prio == "A" and peak_target(km, params)]
    if usual > 0 or not need:
        return ""
    d, target = need[0]
    return (
        f"Your running week has no long run, and the A race on {d:%d %b %Y} asks for a long run built toward about "
        f"{target} minutes (about 10% a week, a shorter week every fourth): add a weekly long run to your profile "
        f"and plan again."
    )


def enforce_cutbacks(
    days: dict[dt.date, Any], usual: int, start: dt.date, end: dt.date, params: Mapping[str, Any]
) -> dict[dt.date, Any]:
    """A cutback week wherever the runs as planned rise above the usual long run for more than `weeks_up`
    weeks in a row (an off-season cap or a race can flatten the build's own cutback): that week's long
    runs at `cutback_share` of the week before's longest."""
    from stridelift.domain.running import floor5

    out = dict(days)
    for _ in range(len(out) // 7 + 1):
        runs = [(d, r.type, r.minutes) for d, x in out.items() for r in x.runs]
        found = no_cutback(runs, usual, start, end, params)
        if not found:
            break
        monday = found[0][0]
        before = max((m for d, t, m in runs if t == "long" and monday - 7 * DAY <= d < monday), default=usual)
        cap = floor5(before * float(params["cutback_share"]))
        why = "cutback week: a shorter long run after three weeks of rising ones"
        for k in range(7):
            d = monday + k * DAY
            day = out.get(d)
            if day is None or not any(r.type == "long" and r.minutes > cap for r in day.runs):
                continue
            out[d] = day.long_capped(cap, why)
    return out

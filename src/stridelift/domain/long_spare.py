"""What the longest runs spare (rules E-ECCENTRIC-LONG and E-AFTER-VERY-LONG): the days before a very long run
or a back-to-back weekend that take no Nordic curls, which long runs count as very long, and a leg session
lightened the day after one. Pure: read from (date, type, minutes) runs, shared by the planner and the checker."""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from stridelift.domain.plan import Session
from stridelift.domain.race_days import dose_window
from stridelift.domain.rules import RuleBook

DAY = dt.timedelta(days=1)
Run = tuple[dt.date, str, int]


def long_minutes(runs: Iterable[Run]) -> dict[dt.date, int]:
    """The longest long run of each day."""
    out: dict[dt.date, int] = defaultdict(int)
    for day, kind, minutes in runs:
        if kind == "long":
            out[day] = max(out[day], minutes)
    return dict(out)


def spared_runs(runs: Iterable[Run], params: Mapping[str, Any]) -> dict[dt.date, str]:
    """Each day holding a very long run or one of a back-to-back weekend's long runs, named in words."""
    longs = long_minutes(runs)
    least, pair_least = int(params["long_min"]), int(params["back_to_back_min"])
    each_least = int(params["back_to_back_each_min"])  # a 20-minute "long" run makes no back-to-back weekend
    out: dict[dt.date, str] = {}
    for day, minutes in sorted(longs.items()):
        nxt = longs.get(day + DAY, 0)
        if min(minutes, nxt) >= each_least and minutes + nxt >= pair_least:
            words = f"back-to-back long runs ({minutes} and {nxt} minutes)"
            out.setdefault(day, words)
            out.setdefault(day + DAY, words)
        if minutes >= least:
            out[day] = f"{minutes}-minute long run"
    return out


def eccentric_free_before(runs: Iterable[Run], params: Mapping[str, Any]) -> dict[dt.date, tuple[dt.date, str]]:
    """Each day on which heavy eccentric work is not given (E-ECCENTRIC-LONG), mapped to the nearest very long
    run (or back-to-back weekend) in the `days_before` days after it that it spares."""
    before = int(params["days_before"])
    out: dict[dt.date, tuple[dt.date, str]] = {}
    for day, words in sorted(spared_runs(runs, params).items(), reverse=True):  # the nearer run wins
        for k in range(1, before + 1):
            out[day - DAY * k] = (day, words)
    return out


def usual_long(runs: Iterable[Run]) -> int:
    """The plan's usual long run: the median of its long runs' minutes (0 without any)."""
    minutes = list(long_minutes(runs).values())
    return int(statistics.median_low(minutes)) if minutes else 0


def very_long(minutes: int, usual: int, least: int, params: Mapping[str, Any]) -> bool:
    """A long run the day after which leg work is lighter (E-AFTER-VERY-LONG): at least E-AFTER-LONG's
    `least`, and `very_long_min` minutes or `usual_share` times the usual long run."""
    if minutes < least:
        return False
    return minutes >= int(params["very_long_min"]) or (usual > 0 and minutes >= float(params["usual_share"]) * usual)


def lightened(
    s: Session,
    params: Mapping[str, Any],
    plyometric: Callable[[str], bool],
    lower_legs: Callable[[str], bool],
    seconds: Callable[[Session], float],
) -> Session:
    """`s` the day after a very long run (E-AFTER-VERY-LONG): no jumps, and in the rule's formats every
    lower-body leg-fatiguing exercise at most `max_sets` sets, a circuit's every station too (its rounds), its
    minutes recounted."""
    if s.format not in params["no_jumps_formats"]:
        return s
    cap = int(params["max_sets"]) if s.format in params["formats"] else None
    kept = []
    for p in s.exercises:
        if p.block == "warmup":
            kept.append(p)
        elif not plyometric(p.id):
            if cap is not None and p.sets > cap and (p.block == "circuit" or lower_legs(p.id)):
                p = dataclasses.replace(p, sets=cap)
            kept.append(p)
    if kept == list(s.exercises):
        return s
    renumbered = tuple(dataclasses.replace(p, order=i + 1) for i, p in enumerate(kept))
    out = dataclasses.replace(s, exercises=renumbered)
    rounds = max((p.sets for p in s.exercises if p.block == "circuit"), default=0)
    if cap is not None and rounds > cap:  # the circuit's note tells the rounds it now has
        notes = tuple(n.replace(f" {rounds} rounds", f" {cap} rounds") for n in s.notes)
        out = dataclasses.replace(out, notes=notes)
    saved = int((seconds(s) - seconds(out)) // 60)
    return dataclasses.replace(out, minutes=max(1, s.minutes - saved))


def lighter_days(
    runs: Iterable[Run], held_races: Sequence[dt.date], novice: bool, rules: RuleBook
) -> dict[dt.date, tuple[int, int]]:
    """The days a leg session is lighter after yesterday's very long run (E-AFTER-VERY-LONG), with that run's
    minutes and the sets each leg exercise keeps at most. The last weeks before `held_races` (the A races of
    E-TAPER-NO-RISE) hold the dose rather than cut it, and are not among them."""
    runs = list(runs)
    params = rules["E-AFTER-VERY-LONG"].params
    least = int(rules["E-AFTER-LONG"].params["novice_long_min" if novice else "long_min"])
    window = int(rules["E-TAPER-NO-RISE"].params["days_before"])
    longs, usual = long_minutes(runs), usual_long(runs)
    return {
        day + DAY: (minutes, int(params["max_sets"]))
        for day, minutes in longs.items()
        if very_long(minutes, usual, least, params) and dose_window(day + DAY, held_races, window) is None
    }

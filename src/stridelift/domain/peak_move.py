"""The A race's last longest run moved clear of another race (R-PEAK-LONG-RUN, R-LONG-BUILD).

The build puts its peak on the long-run weekday 22-28 days before the A race. When another race sits
in those days (a B half three weeks before an A marathon), that day is the B race's eve or race week
and the long run there becomes a short easy run: the peak then lands a week early and the check's
window (28-17 days out) holds only the B race. So the peak moves to the nearest day of that window
that no other race's race week, mini-taper, recovery or return cuts, and the week's long run swaps
places with that day's usual runs (a Saturday long run run on the Sunday that week)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

DAY = dt.timedelta(days=1)


def _shift(day: dt.date, weekday: int) -> int:
    """Days from the nearest `weekday` to `day`, in -3..3."""
    return (day.weekday() - weekday + 3) % 7 - 3


def peak_moves(
    races: Iterable[tuple[dt.date, int]],
    weekday: int,
    quality_weekdays: frozenset[int],
    cut: Callable[[dt.date, dt.date], bool],
    build: Mapping[str, Any],
    window: Mapping[str, Any],
) -> dict[dt.date, tuple[dt.date, dt.date]]:
    """A race -> (the build's peak day on the long-run weekday, the day its long run is run), for each
    A race (given with its peak target in minutes, 0 for none) whose usual peak day a race cuts
    (`cut(day, a_race)`) while a day of the window (R-PEAK-LONG-RUN `from_days`-`to_days`) is free.
    Days 22-28 out come first (R-LONG-BUILD `peak_days`), then the fewest days off the weekday, a day
    without a quality run, and the latest day."""
    from stridelift.domain.long_build import peak_day

    out: dict[dt.date, tuple[dt.date, dt.date]] = {}
    lo_build, hi_build = (int(x) for x in build["peak_days"])
    for race, target in races:
        if target <= 0:
            continue
        usual = peak_day(race, weekday, build)
        if not cut(usual, race):
            continue
        free = [
            race - k * DAY
            for k in range(int(window["to_days"]), int(window["from_days"]) + 1)
            if not cut(race - k * DAY, race)
        ]
        if not free:
            continue

        def rank(c: dt.date, race: dt.date = race) -> tuple[bool, int, bool, int]:
            return (
                not lo_build <= (race - c).days <= hi_build,
                abs(_shift(c, weekday)),
                c.weekday() in quality_weekdays,
                -c.toordinal(),
            )

        best = min(free, key=rank)
        out[race] = (best - _shift(best, weekday) * DAY, best)
    return out


def swaps(moves: Mapping[dt.date, tuple[dt.date, dt.date]]) -> dict[dt.date, dt.date]:
    """Each day whose runs come from another day's usual runs -> that day (both days of each move)."""
    out: dict[dt.date, dt.date] = {}
    for grid, run in moves.values():
        if grid != run:
            out[grid], out[run] = run, grid
    return out


def moved_note(grid: dt.date, run: dt.date, race: dt.date, others: Sequence[dt.date]) -> str:
    """Why the long run is on another day this week (R-PEAK-LONG-RUN)."""
    clear = f", clear of the race on {min(others, key=lambda o: abs((o - run).days)):%d %b}" if others else ""
    return (
        f"long run moved from {grid:%a} to {run:%a} this week: the last longest run {(race - run).days} days "
        f"before the A race on {race:%d %b}{clear}"
    )

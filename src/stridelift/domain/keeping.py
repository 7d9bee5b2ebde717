"""Keeping heavy leg strength through the development phases (rule E-HEAVY-KEEP): the week's look-ahead.

The planner places one week at a time. When next week's first day that can take heavy legs is late
(Sunday, say, because key runs follow every other day), this week's heavy session should come late too
(`WeekProblem.heavy_late_from`). When even that leaves more than the rule's days since the last heavy
day (the runner's heavy day moves from Wednesday to Sunday), the week takes a second short heavy
session in place of its last circuit: one early, one late.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from stridelift.domain.scheduling import HEAVY_KINDS, DayInfo, WeekProblem, WeekSolution, WeekSolver, heavy_allowed_on


def keep_across(
    wanted: Sequence[str],
    late_from: int | None,
    last_kept: dt.date | None,
    monday: dt.date,
    days: Sequence[DayInfo],
    quality: frozenset[str],
    max_gap_days: int,
) -> list[str]:
    """The week's demands, with its last circuit turned into a second heavy session when the first day
    that suits next week (`late_from`) lies more than `max_gap_days` after the last heavy day."""
    out = list(wanted)
    heavy = next((k for k in out if k in HEAVY_KINDS), None)
    if late_from is None or last_kept is None or heavy is None or "circuit" not in out:
        return out
    late_days = [
        d.offset
        for d in days
        if d.offset >= late_from and d.allowed_kinds & HEAVY_KINDS and d.legs_ok and heavy_allowed_on(d, quality)
    ]
    if not late_days or (monday + dt.timedelta(days=late_days[0]) - last_kept).days <= max_gap_days:
        return out
    i = len(out) - 1 - out[::-1].index("circuit")
    out[i] = heavy
    return out


def heavy_due(last_kept: dt.date | None, monday: dt.date, max_gap_days: int) -> int | None:
    """The week's last offset on which a heavy session keeps the gap since `last_kept` within
    `max_gap_days`, when that day falls in the week from `monday` (else None: no wish this week)."""
    if last_kept is None:
        return None
    due = (last_kept + dt.timedelta(days=max_gap_days) - monday).days
    return due if 0 <= due <= 6 else None


def keep_by_swap(solver: WeekSolver, problem: WeekProblem, sol: WeekSolution) -> WeekProblem | None:
    """A week that mixes two phases (the base's last day, the build's first) may allow the short heavy
    session on the days before the keep is due and the full one only after (or the other way round): when
    the week's heavy legs miss the day they are due by (`heavy_by`), the other kind of heavy session is
    demanded instead where that places them in time. The week's problem with that demand, or None."""
    due = problem.heavy_by
    if due is None or _in_time(sol, due):
        return None
    for old, new in (("heavy", "maintenance"), ("maintenance", "heavy")):
        if old not in problem.demands:
            continue
        demands = list(problem.demands)
        demands[demands.index(old)] = new
        alt = dataclasses.replace(problem, demands=tuple(demands))
        got = solver.solve(alt)
        if _in_time(got, due) and len(got.placements) >= len(sol.placements):
            return alt
    return None


def _in_time(sol: WeekSolution, due: int) -> bool:
    return any(p.kind in HEAVY_KINDS and p.offset <= due for p in sol.placements)


def spare_next_monday(
    solver: WeekSolver,
    problem: WeekProblem,
    sol: WeekSolution,
    fresh_first: int | None,
    tired_first: int | None,
    max_gap_days: int,
) -> WeekProblem | None:
    """A leg-fatiguing session on the week's Sunday keeps next week's Monday free of heavy legs (E-LEG-FATIGUE),
    so next week's first heavy day moves from `fresh_first` (Monday free) to `tired_first` (Monday tired; None:
    no day). When that leaves more than `max_gap_days` after this week's last heavy session while `fresh_first`
    would not, the week is solved again with its Sunday kept free of leg-fatiguing sessions, or else with its
    heavy session late enough for `tired_first` (and, where this week's own keep is due early, its last circuit
    a second short heavy session, as in `keep_across`); that problem is returned if it places as many sessions and
    keeps the gap (else None)."""
    last = _last_heavy(sol)
    if last is None or fresh_first is None or fresh_first + 7 - last > max_gap_days:
        return None
    if not any(p.offset == 6 and p.kind in problem.fatiguing for p in sol.placements):
        return None
    if tired_first is not None and tired_first + 7 - last <= max_gap_days:
        return None
    days = tuple(
        dataclasses.replace(d, allowed_kinds=d.allowed_kinds - problem.fatiguing) if d.offset == 6 else d
        for d in problem.days
    )
    alt = dataclasses.replace(problem, days=days)
    got = solver.solve(alt)
    kept = _last_heavy(got)
    if kept is not None and fresh_first + 7 - kept <= max_gap_days and len(got.placements) >= len(sol.placements):
        return alt
    # else the heavy session late enough in the week for next week's first day after a tired Monday
    start = None if tired_first is None else tired_first + 7 - max_gap_days
    if start is None or start <= 0:
        return None
    late = dataclasses.replace(problem, heavy_late_from=start)
    heavy = next((k for k in problem.demands if k in HEAVY_KINDS), None)
    tries = [late]
    if heavy is not None and "circuit" in problem.demands:  # one early for this week's keep, one late (keep_across)
        demands = list(problem.demands)
        demands[len(demands) - 1 - demands[::-1].index("circuit")] = heavy
        tries.append(dataclasses.replace(late, demands=tuple(demands)))
    for alt in tries:
        got = solver.solve(alt)
        kept = _last_heavy(got)
        if kept is None or kept < start or len(got.placements) < len(sol.placements):
            continue
        if problem.heavy_by is None or _in_time(got, problem.heavy_by):
            return alt
    return None


def _last_heavy(sol: WeekSolution) -> int | None:
    return max((p.offset for p in sol.placements if p.kind in HEAVY_KINDS), default=None)

"""The exact week search and CP-SAT reach the same optimum under the same hard constraints."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stridelift.domain.scheduling import (
    HEAVY_KINDS,
    DayInfo,
    RunSlot,
    WeekProblem,
    WeekSolution,
    heavy_allowed_on,
    session_hours,
    week_objective,
)
from stridelift.domain.vocab import QUALITY_RUNS
from stridelift.solvers import CpSatWeekSolver, ExactWeekSolver

# CP-SAT is the reference the shipped search is checked against; it is a dev/bench extra, not a
# runtime dependency.
pytest.importorskip("ortools", reason="ortools is not installed (pip install -e '.[dev]')")

QUALITY = frozenset(QUALITY_RUNS - {"race"})
KINDS = ["heavy", "maintenance", "circuit", "core_balance", "mobility"]


@st.composite
def weeks(draw: st.DrawFn) -> WeekProblem:
    days = []
    for off in sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))):
        runs = tuple(
            RunSlot(draw(st.sampled_from(["easy", "long", "tempo", "interval", "hills"])), slot, 40)
            for slot in draw(st.sets(st.sampled_from(["am", "pm"]), max_size=2))
        )
        allowed = frozenset(draw(st.sets(st.sampled_from(KINDS), max_size=5)))
        days.append(DayInfo(off, allowed, runs, draw(st.booleans()), ""))
    demands = tuple(draw(st.lists(st.sampled_from(KINDS[:4]), min_size=1, max_size=4)))
    return WeekProblem(
        days=tuple(days),
        demands=demands,
        required=draw(st.integers(0, len(demands))),
        max_sessions=draw(st.integers(1, 5)),
        hours_since_heavy=draw(st.sampled_from([0, 10, 30, 48])),
        heavy_late_from=draw(st.sampled_from([None, 2, 4, 6])),
        heavy_by=draw(st.sampled_from([None, 1, 3])),
    )


def valid(p: WeekProblem, sol: WeekSolution) -> bool:
    day_of = {d.offset: d for d in p.days}
    if len({pl.offset for pl in sol.placements}) != len(sol.placements) or len(sol.placements) > p.max_sessions:
        return False
    heavy = []
    for pl in sol.placements:
        d = day_of[pl.offset]
        if pl.kind not in d.allowed_kinds:
            return False
        if pl.kind in HEAVY_KINDS:
            if not heavy_allowed_on(d, QUALITY):
                return False
            heavy.append(session_hours(pl.offset, pl.slot))
    heavy.sort()
    if heavy and heavy[0] + p.hours_since_heavy < p.min_gap_hours:
        return False
    if any(b - a < p.min_gap_hours for a, b in itertools.pairwise(heavy)):
        return False
    return all(sum(1 for pl in sol.placements if pl.kind == k) <= p.demands.count(k) for k in set(p.demands))


@settings(max_examples=300, deadline=None)
@given(weeks())
def test_exact_search_matches_cp_sat(p: WeekProblem) -> None:
    exact = ExactWeekSolver(QUALITY, cache_size=0).solve(p)
    cpsat = CpSatWeekSolver(QUALITY, cache_size=0).solve(p)
    assert valid(p, exact) and valid(p, cpsat)
    assert week_objective(p, exact.placements) == week_objective(p, cpsat.placements)
    assert len(exact.placements) + len(exact.dropped) == len(p.demands)

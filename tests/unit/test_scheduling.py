"""Weekly placement: hand-made weeks fed straight to the CP-SAT solver, then whole plans where a timing
rule forces a session to move, lighten or drop."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from typing import Any

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations, monday
from stridelift.domain.plan import Plan
from stridelift.domain.progression import is_heavy_lower
from stridelift.domain.returning import is_lower_strength
from stridelift.domain.scheduling import (
    HEAVY_KINDS,
    DayInfo,
    Placement,
    RunSlot,
    WeekProblem,
    WeekSolution,
    session_hours,
)
from stridelift.domain.vocab import QUALITY_RUNS
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from stridelift.solvers import ExactWeekSolver

QUALITY = frozenset(QUALITY_RUNS - {"race"})
EVERYTHING = frozenset({"heavy", "maintenance", "circuit", "core_balance", "mobility"})
EASY_AM = (RunSlot("easy", "am", 40),)


def day(offset: int, *runs: RunSlot, kinds: frozenset[str] = EVERYTHING, heavy_ok: bool = True) -> DayInfo:
    return DayInfo(offset, kinds, tuple(runs), heavy_ok, "" if heavy_ok else "blocked by the test")


def week(
    days: list[DayInfo],
    demands: tuple[str, ...],
    *,
    required: int | None = None,
    max_sessions: int = 3,
    since: int = 48,
) -> WeekProblem:
    return WeekProblem(
        days=tuple(days),
        demands=demands,
        required=len(demands) if required is None else required,
        max_sessions=max_sessions,
        hours_since_heavy=since,
    )


def solve(problem: WeekProblem) -> WeekSolution:
    return ExactWeekSolver(quality_types=QUALITY).solve(problem)


def heavy_placements(sol: WeekSolution) -> list[Placement]:
    return [pl for pl in sol.placements if pl.kind in HEAVY_KINDS]


def assert_consistent(problem: WeekProblem, sol: WeekSolution) -> None:
    """What every solution must satisfy: one session a day at most, within the weekly maximum, only
    demanded kinds on days that admit them, and the dropped list is exactly what was not placed."""
    offsets = [pl.offset for pl in sol.placements]
    assert len(offsets) == len(set(offsets))
    assert len(sol.placements) <= problem.max_sessions
    by_offset = {d.offset: d for d in problem.days}
    for pl in sol.placements:
        assert pl.kind in by_offset[pl.offset].allowed_kinds
    assert Counter(pl.kind for pl in sol.placements) + Counter(sol.dropped) == Counter(problem.demands)


# ----- (a) heavy days -------------------------------------------------------------------------
def test_heavy_never_on_blocked_day_nor_before_an_evening_quality_run() -> None:
    days = [
        day(0, heavy_ok=False),  # e.g. the eve of a long run
        day(1, RunSlot("interval", "pm", 60)),  # quality run in the evening
        day(2, RunSlot("easy", "am", 30), RunSlot("tempo", "pm", 50)),  # double, quality second
        day(3, RunSlot("hills", "am", 50)),  # quality run in the morning: fine
        day(4, heavy_ok=False),
        day(5, RunSlot("long", "pm", 120)),
        day(6, heavy_ok=False),
    ]
    problem = week(days, ("heavy", "heavy", "core_balance"))
    sol = solve(problem)
    assert_consistent(problem, sol)
    heavy = heavy_placements(sol)
    assert [(pl.offset, pl.slot) for pl in heavy] == [(3, "pm")]
    assert sol.dropped == ("heavy",)
    assert [pl.kind for pl in sol.placements if pl.kind == "core_balance"]


def test_maintenance_follows_the_same_day_rules() -> None:
    days = [day(0, heavy_ok=False), day(1, RunSlot("tempo", "pm", 50)), day(2, RunSlot("interval", "am", 50))]
    problem = week(days, ("maintenance",))
    sol = solve(problem)
    assert [(pl.kind, pl.offset, pl.slot) for pl in sol.placements] == [("maintenance", 2, "pm")]


# ----- (b) 48 hours ---------------------------------------------------------------------------
@pytest.mark.parametrize("since", [0, 6, 20, 30, 48])
def test_heavy_sessions_are_48h_apart_including_last_week(since: int) -> None:
    days = [day(i) for i in range(7)]
    problem = week(days, ("heavy", "heavy", "heavy"), since=since)
    sol = solve(problem)
    assert_consistent(problem, sol)
    hours = sorted(session_hours(pl.offset, pl.slot) for pl in heavy_placements(sol))
    assert len(hours) == 3  # Mon/Tue, then +48 h, +48 h all fit in a week
    assert hours[0] + since >= 48
    assert all(b - a >= 48 for a, b in itertools.pairwise(hours))


def test_carry_over_from_last_week_pushes_the_first_heavy_session() -> None:
    # last heavy session on Sunday 18:00: Monday pm is 24 h later, Tuesday pm 48 h
    mon_tue = [day(0), day(1)]
    sol = solve(week(mon_tue, ("heavy",), since=6))
    assert [(pl.offset, pl.slot) for pl in sol.placements] == [(1, "pm")]
    # with Monday only, it cannot be placed at all
    only_mon = week([day(0)], ("heavy",), since=6)
    sol = solve(only_mon)
    assert sol.placements == () and sol.dropped == ("heavy",)
    # a week later nothing is carried over: Monday is fine
    sol = solve(week([day(0)], ("heavy",), since=48))
    assert [(pl.offset, pl.slot) for pl in sol.placements] == [(0, "pm")]


def test_adjacent_heavy_days_take_one_heavy_session() -> None:
    # Tuesday and Wednesday pm are 24 h apart: one heavy session, the other dropped; core on a third day
    days = [day(0, kinds=frozenset({"core_balance"})), day(1), day(2)]
    problem = week(days, ("heavy", "heavy", "core_balance"))
    sol = solve(problem)
    assert_consistent(problem, sol)
    assert len(heavy_placements(sol)) == 1
    assert sol.dropped == ("heavy",)


# ----- (c) one possible heavy day ------------------------------------------------------------
def test_only_one_heavy_day_places_one_and_drops_the_other() -> None:
    days = [
        day(0, heavy_ok=False),
        day(1, RunSlot("interval", "am", 60)),
        day(2, *EASY_AM, heavy_ok=False),
        day(3, RunSlot("tempo", "pm", 50)),
        day(4, *EASY_AM, heavy_ok=False),
    ]
    problem = week(days, ("heavy", "heavy", "core_balance"), required=2)
    sol = solve(problem)
    assert_consistent(problem, sol)
    assert [(pl.kind, pl.offset, pl.slot) for pl in heavy_placements(sol)] == [("heavy", 1, "pm")]
    assert sol.dropped == ("heavy",)
    assert len(sol.placements) == 2


# ----- (d) rest days first -------------------------------------------------------------------
@pytest.mark.parametrize("rest_offset", [0, 3, 6])
def test_circuit_prefers_a_rest_day_to_an_easy_day(rest_offset: int) -> None:
    days = [day(i) if i == rest_offset else day(i, *EASY_AM) for i in range(7)]
    sol = solve(week(days, ("circuit",)))
    assert [pl.offset for pl in sol.placements] == [rest_offset]
    assert sol.placements[0].slot == "any"


def test_sessions_take_the_rest_days_when_there_are_enough() -> None:
    runs = {1: RunSlot("interval", "am", 60), 3: RunSlot("easy", "am", 40), 5: RunSlot("long", "am", 90)}
    days = [day(i, runs[i]) if i in runs else day(i) for i in range(7)]
    sol = solve(week(days, ("circuit", "circuit", "core_balance"), max_sessions=3))
    assert {pl.offset for pl in sol.placements} <= {0, 2, 4, 6}
    assert len(sol.placements) == 3


# ----- (e) weekly maximum, (f) one a day -------------------------------------------------------
@pytest.mark.parametrize("cap", [1, 2, 3])
def test_weekly_maximum(cap: int) -> None:
    days = [day(i) for i in range(7)]
    problem = week(days, ("heavy", "circuit", "core_balance", "mobility", "circuit"), max_sessions=cap)
    sol = solve(problem)
    assert_consistent(problem, sol)
    assert len(sol.placements) == cap
    assert len(sol.dropped) == 5 - cap


def test_at_most_one_session_a_day() -> None:
    days = [day(2), day(4)]
    problem = week(days, ("circuit", "core_balance", "mobility", "core_balance"), max_sessions=4)
    sol = solve(problem)
    assert_consistent(problem, sol)
    assert sorted(pl.offset for pl in sol.placements) == [2, 4]
    assert len(sol.dropped) == 2


def test_required_sessions_are_placed_first() -> None:
    # one day, two demands: the required one wins
    problem = week([day(0)], ("mobility", "circuit"), required=1)
    sol = solve(problem)
    assert [pl.kind for pl in sol.placements] == ["mobility"]
    assert sol.dropped == ("circuit",)


def test_kinds_a_day_does_not_admit_are_not_placed_there() -> None:
    days = [day(0, kinds=frozenset({"mobility"})), day(1, kinds=frozenset())]
    problem = week(days, ("circuit", "mobility"))
    sol = solve(problem)
    assert [(pl.kind, pl.offset) for pl in sol.placements] == [("mobility", 0)]
    assert sol.dropped == ("circuit",)


# ----- (g) memo -------------------------------------------------------------------------------
def test_identical_weeks_hit_the_memo() -> None:
    solver = ExactWeekSolver(quality_types=QUALITY)

    def make() -> WeekProblem:
        return week([day(0), day(1, RunSlot("interval", "am", 60)), day(3, *EASY_AM)], ("heavy", "circuit"))

    first = solver.solve(make())
    assert (solver.solves, solver.hits) == (1, 0)
    again = solver.solve(make())  # equal, not the same object
    assert again is first
    assert (solver.solves, solver.hits) == (1, 1)
    other = solver.solve(week([day(0)], ("heavy",), since=6))
    assert other is not first
    assert (solver.solves, solver.hits) == (2, 1)
    assert solver.solve(make()) is first
    assert solver.hits == 2


def test_memo_is_bounded() -> None:
    solver = ExactWeekSolver(quality_types=QUALITY, cache_size=2)
    problems = [week([day(0)], ("mobility",), since=s) for s in (10, 20, 30)]
    for p in problems:
        solver.solve(p)
    assert solver.solves == 3
    solver.solve(problems[0])  # evicted (oldest first), solved again
    assert (solver.solves, solver.hits) == (4, 0)
    solver.solve(problems[2])
    assert solver.hits == 1


# ----- through the planner --------------------------------------------------------------------
ALL_EQUIPMENT = [
    "dumbbells",
    "kettlebell",
    "band",
    "stability_ball",
    "bench",
    "pullup_bar",
    "barbell",
    "box",
    "foam_roller",
    "balance_disc",
]


def profile(
    days: list[str],
    week_runs: list[dict[str, Any]],
    start: str,
    end: str | None = None,
    races: list[dict[str, Any]] | None = None,
    minutes: int = 60,
) -> dict[str, Any]:
    plan: dict[str, Any] = {"start": start}
    if end:
        plan["end"] = end
    return {
        "athlete": {"name": "Sched", "experience": "intermediate", "hemisphere": "north"},
        "equipment": {"available": ALL_EQUIPMENT},
        "availability": {"sessions_per_week_max": 3, "minutes_per_session": minutes, "days": days},
        "running": {"week": week_runs},
        "races": races or [],
        "plan": plan,
    }


def plan_and_check(raw: dict[str, Any]) -> Plan:
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert hard_violations(findings) == [], hard_violations(findings)
    return plan


def run(d: str, type_: str, minutes: int = 40, slot: str = "am") -> dict[str, Any]:
    return {"day": d, "type": type_, "minutes": minutes, "slot": slot}


def test_fridays_only_before_the_offseason_capped_long_run_lift_heavy_legs() -> None:
    """Fridays only, each the eve of Saturday's long run: in the off-season block that long run is the capped
    easy one (90 min, R-RUNS-BY-PHASE), base running and no key run (E-KEY-RUN-EVE judges runs as planned),
    so the block's Fridays lift heavy legs after their introduction."""
    plan = plan_and_check(
        profile(
            ["fri"],
            [run("tue", "interval", 60), run("thu", "tempo", 50), run("sat", "long", 120), run("sun", "easy")],
            start="2026-12-07",
            end="2027-01-17",
        )
    )
    assert {ph.name for ph in plan.phases} == {"offseason_strength"}
    assert plan.sessions and all(s.date.weekday() == 4 for s in plan.sessions)
    long_next = {r.date - dt.timedelta(days=1): r.minutes for r in plan.runs if r.type == "long"}
    eased = int(load_rules()["E-KEY-RUN-EVE"].params["eased_minutes"]["long"])
    heavy = [s for s in plan.sessions if is_heavy_lower(s.exercises)]
    assert len(heavy) >= 3
    assert all(long_next.get(s.date, 0) <= eased for s in heavy)  # only before a long run of base running


def test_doubles_get_heavy_legs_only_in_the_evening_after_a_morning_quality_run() -> None:
    runs = [
        run("mon", "easy", 50),
        run("mon", "easy", 30, "pm"),
        run("tue", "interval", 60),
        run("tue", "easy", 30, "pm"),
        run("wed", "easy", 50),
        run("wed", "tempo", 40, "pm"),
        run("thu", "tempo", 60),
        run("thu", "easy", 30, "pm"),
        run("sat", "long", 150),
    ]
    plan = plan_and_check(
        profile(["mon", "tue", "wed", "thu", "fri", "sat"], runs, start="2026-12-07", end="2027-01-31")
    )
    heavy = [s for s in plan.sessions if is_heavy_lower(s.exercises)]
    assert len(heavy) >= 8  # two a week in the off-season block, less the lighter weeks at most
    runs_on: dict[dt.date, list[tuple[str, str]]] = {}
    for r in plan.runs:
        runs_on.setdefault(r.date, []).append((r.type, r.slot))
    for s in heavy:
        assert s.slot == "pm", s
        types = runs_on.get(s.date, [])
        assert not any(t in QUALITY and slot == "pm" for t, slot in types), (s.date, types)
    # never on Wednesday (tempo in the evening), Monday (intervals the next day) or Saturday (the day of the
    # long run: E-LONG-RUN-SAME-DAY); Friday may, as the off-season's capped long run is no key run
    assert {s.date.weekday() for s in heavy} <= {1, 3, 4}
    assert any(s.date.weekday() == 1 for s in heavy)  # Tuesday: after the morning's hills


def test_goal_race_in_ten_days_means_no_heavy_legs() -> None:
    plan = plan_and_check(
        profile(
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            [
                run("tue", "interval", 50),
                run("wed", "easy"),
                run("thu", "tempo", 45),
                run("sat", "long", 100),
                run("sun", "easy", 30),
            ],
            start="2026-11-26",
            races=[{"date": "2026-12-06", "distance": "half", "priority": "A"}],
            minutes=30,
        )
    )
    assert plan.sessions
    # none before the race; after its recovery (ten days for a half) the base's weekly short heavy session
    # comes back (E-HEAVY-KEEP)
    race = dt.date(2026, 12, 6)
    assert not [s for s in plan.sessions if is_heavy_lower(s.exercises) and s.date <= race + dt.timedelta(days=10)]
    assert race not in {s.date for s in plan.sessions}


def test_a_week_of_offseason_eves_of_eased_runs_keeps_two_heavy_sessions() -> None:
    # in the off-season block Tuesday's intervals are short hills or strides and Saturday's long run the capped
    # easy one (no key runs as planned, E-KEY-RUN-EVE), so Monday and Wednesday both take heavy legs
    plan = plan_and_check(
        profile(
            ["mon", "wed", "fri"],
            [run("tue", "interval", 60), run("thu", "tempo", 50), run("sat", "long", 120), run("sun", "easy")],
            start="2026-12-07",
            end="2027-01-03",
        )
    )
    # two lower-body strength sessions a week (48 h apart); the plan's first two are an introduction at RPE 6
    # (E-FIRST-LIFT), so the first week holds no heavy sets
    per_week = Counter(monday(s.date) for s in plan.sessions if is_lower_strength(s, ("straight_sets",)))
    weeks = sorted({monday(s.date) for s in plan.sessions})
    assert [per_week[m] for m in weeks] == [2] * len(weeks)
    heavy = Counter(monday(s.date) for s in plan.sessions if is_heavy_lower(s.exercises))
    assert [heavy[m] for m in weeks] == [0, 2, 2, 2]
    assert {s.date.weekday() for s in plan.sessions if is_heavy_lower(s.exercises)} == {0, 2}

"""Heavy leg strength is kept between the off-season block and the races (rule E-HEAVY-KEEP): the checker
at its limit on hand-made plans (ten days pass, eleven do not; a taper, race week or recovery starts the
count again; a runner with one session a week is not held to it; a warning inside the gap explains it),
and the planner: the base's circuit months keep one short heavy session a week."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.domain.plan import Phase, Plan, Session, Warning
from stridelift.domain.templates import PhaseMenu
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete, plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, rx, session

RULE = RULES["E-HEAVY-KEEP"]
LIMIT = int(RULE.params["max_gap_days"])
ROOT = Path(__file__).resolve().parents[2]
DAY = dt.timedelta(days=1)


def keep(offset: int) -> Session:
    """A short heavy session (two sets of five at RPE 8) `offset` days after the plan's start."""
    lifts = [
        rx(LIB, "barbell_back_squat", sets=2, reps=5, rpe=8),
        rx(LIB, "standing_calf_raise", sets=1, reps=8, rpe=8),
    ]
    return session(MON + offset * DAY, lifts, fmt="maintenance", phase="base", why=("E-HEAVY-KEEP",))


def circuit(offset: int) -> Session:
    stations = [rx(LIB, "walking_lunge", "circuit", sets=3, reps=20, rest_s=30, rpe=6)]
    return session(MON + offset * DAY, stations, fmt="circuit", phase="base", why=("S1-CIRCUIT",))


def base_plan(sessions: list[Session], phases: list[tuple[str, int, int]] | None = None) -> Plan:
    spans = phases or [("base", 0, 41)]
    ph = [Phase(name, MON + a * DAY, MON + b * DAY, "") for name, a, b in spans]  # type: ignore[arg-type]
    return Plan("T", "intermediate", "north", MON, MON + spans[-1][2] * DAY, ph, [], sessions, [])


def test_ten_days_between_heavy_sessions_pass_eleven_do_not() -> None:
    assert (
        findings("E-HEAVY-KEEP", base_plan([keep(0), keep(LIMIT), keep(2 * LIMIT), keep(3 * LIMIT), keep(4 * LIMIT)]))
        == []
    )
    late = base_plan([keep(0), keep(LIMIT + 1), keep(2 * LIMIT + 1), keep(3 * LIMIT + 1), keep(41)])
    msgs = findings("E-HEAVY-KEEP", late)
    assert len(msgs) == 1 and f"{MON} to {MON + (LIMIT + 1) * DAY}" in msgs[0]
    # circuits, however many, do not keep heavy strength
    circuits = [circuit(d) for d in range(0, 42, 3)]
    assert len(findings("E-HEAVY-KEEP", base_plan([keep(0), *circuits, keep(LIMIT + 1)]))) >= 1


def test_the_count_starts_at_the_plan_start_and_after_a_light_phase() -> None:
    # from the plan's start: the first heavy day on day 9 is ten days in, on day 10 eleven
    assert findings("E-HEAVY-KEEP", base_plan([keep(LIMIT - 1), keep(2 * LIMIT - 1)], [("base", 0, 2 * LIMIT)])) == []
    assert len(findings("E-HEAVY-KEEP", base_plan([keep(LIMIT), keep(2 * LIMIT)], [("base", 0, 2 * LIMIT)]))) == 1
    # a recovery (days 1-7) holds no heavy legs and starts the count again the day after it
    phases = [("base", 0, 0), ("recovery", 1, 7), ("base", 8, 30)]
    assert findings("E-HEAVY-KEEP", base_plan([keep(0), keep(7 + LIMIT), keep(7 + 2 * LIMIT)], phases)) == []
    assert len(findings("E-HEAVY-KEEP", base_plan([keep(0), keep(8 + LIMIT), keep(8 + 2 * LIMIT)], phases))) == 1
    # taper and race week are not held to it
    assert (
        findings("E-HEAVY-KEEP", base_plan([keep(0)], [("base", 0, 0), ("taper", 1, 20), ("race_week", 21, 27)])) == []
    )


def check(p: Plan, raw: dict[str, Any]) -> list[str]:
    found, _ = check_plan(p, rules=RULES, library=LIB, templates=load_templates(), athlete=parse_profile(raw))
    return [f.rule for f in hard_violations(found) if f.rule == "E-HEAVY-KEEP"]


RAW: dict[str, Any] = {
    "athlete": {"name": "Keep", "experience": "intermediate", "hemisphere": "north"},
    "equipment": {"available": ["barbell", "dumbbells", "bench", "band", "box", "machine"]},
    "availability": {"sessions_per_week_max": 3, "minutes_per_session": 60, "days": ["tue", "thu", "sun"]},
    "running": {
        "week": [{"day": "tue", "type": "hills", "minutes": 50}, {"day": "sat", "type": "long", "minutes": 100}]
    },
    "plan": {"start": MON.isoformat(), "end": (MON + 41 * DAY).isoformat()},
}


def test_one_session_a_week_and_a_warning_in_the_gap() -> None:
    gap = base_plan([keep(0), keep(LIMIT + 1), keep(2 * LIMIT + 1), keep(3 * LIMIT + 1), keep(41)])
    assert check(gap, RAW) == ["E-HEAVY-KEEP"]
    # a runner with one session a week does the base's circuit (rule data: min_sessions)
    single = dict(RAW, availability=dict(RAW["availability"], sessions_per_week_max=1))
    assert check(gap, single) == []
    # a dated warning of a heavy rule inside the gap says why: explained; one after it does not
    said = Warning("SESSION_LIGHTENED", "the maintenance session became core and balance", MON + 3 * DAY, "E-HEAVY")
    gap.warnings.append(said)
    assert check(gap, RAW) == []
    gap.warnings[:] = [Warning("SESSION_LIGHTENED", "later", MON + 20 * DAY, "E-HEAVY")]
    assert check(gap, RAW) == ["E-HEAVY-KEEP"]
    # a warning of a rule that has nothing to do with heavy legs, inside the gap, explains nothing
    gap.warnings[:] = [Warning("CIRCUIT_NO_TIME", "no circuit", MON + 3 * DAY, "S1-CIRCUIT")]
    assert check(gap, RAW) == ["E-HEAVY-KEEP"]
    # ... and the gap is dated where it runs over the limit, not at that warning
    found, _ = check_plan(gap, rules=RULES, library=LIB, templates=load_templates(), athlete=parse_profile(RAW))
    assert [f.date for f in found if f.rule == "E-HEAVY-KEEP"] == [MON + (LIMIT + 1) * DAY]


def test_the_base_menu_keeps_a_heavy_session_unless_there_is_one_session() -> None:
    menu = load_templates().phases["base"]
    assert menu.wanted(1) == ["circuit"]
    assert menu.wanted(2) == ["maintenance", "circuit"]
    assert menu.wanted(3).count("circuit") == 2 and "maintenance" in menu.wanted(3)
    assert PhaseMenu(("heavy", "circuit"), 1).wanted(1) == ["heavy"]


def base_weeks(p: Plan) -> list[list[Session]]:
    weeks: dict[dt.date, list[Session]] = {}
    for s in p.sessions:
        weeks.setdefault(s.date - s.date.weekday() * DAY, []).append(s)
    full = []
    for m, ss in weeks.items():
        if all((ph := p.phase_on(m + i * DAY)) is not None and ph.name == "base" for i in range(7)):
            full.append(ss)
    return full


def test_the_base_between_the_block_and_the_build_keeps_heavy_legs() -> None:
    """The ultra runner with doubles (its off-season block ends in February, the build starts in July)
    had four months of circuits only; now every base week has its short heavy session."""
    result = plan_profile(ROOT / "tests/stress_profiles/doubles_three_a_day.toml")
    plan, athlete = result.plan, result.athlete
    weeks = base_weeks(plan)
    assert len(weeks) >= 15
    assert all([s for s in w if s.format == "maintenance"] for w in weeks)
    assert all(len([s for s in w if s.format == "circuit"]) >= 1 for w in weeks)
    found, _ = check_plan(plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete)
    assert not [f for f in found if f.rule == "E-HEAVY-KEEP"]


def test_the_heavy_day_moving_from_wednesday_to_sunday_keeps_ten_days() -> None:
    """Days mon, wed, fri, sun: the first block's heavy day is Wednesday, the build's Sunday (Tuesday
    intervals, Thursday tempo); the last week before the build has both, so no gap of eleven days opens
    (two_races_close; its first three weeks are now the off-season heavy block running into the build,
    S2-OFFSEASON-HEAVY, where they were base with its weekly maintenance session)."""
    result = plan_profile(ROOT / "tests/stress_profiles/two_races_close.toml")
    found, _ = check_plan(
        result.plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=result.athlete
    )
    assert not [f for f in found if f.rule == "E-HEAVY-KEEP" and not f.explained]
    last_block = [
        s
        for s in result.plan.sessions
        if s.phase == "offseason_strength" and dt.date(2027, 1, 18) <= s.date <= dt.date(2027, 1, 24)
    ]
    # Monday (the off-season's short hills next day are base running, E-KEY-RUN-EVE) and the Sunday that
    # keeps the build's first Sunday heavy day within ten days
    assert [s.date.weekday() for s in last_block if s.heavy_lower] == [0, 6]


def test_a_runner_with_two_leg_days_gets_heavy_and_a_circuit_not_two_circuits() -> None:
    """Days mon, wed, fri, sun around Tuesday hills and a Saturday long run: Friday holds no leg work
    (the long run next), so two leg days fit; one of them is the short heavy session."""
    raw = dict(
        RAW,
        availability={"sessions_per_week_max": 3, "minutes_per_session": 60, "days": ["mon", "wed", "fri", "sun"]},
        running={
            "week": [
                {"day": "tue", "type": "hills", "minutes": 45},
                {"day": "wed", "type": "easy", "minutes": 45},
                {"day": "sat", "type": "long", "minutes": 120},
                {"day": "sun", "type": "easy", "minutes": 40},
            ]
        },
        races=[],
        plan={"start": MON.isoformat(), "end": (MON + 12 * 7 * DAY - DAY).isoformat()},
    )
    plan = plan_athlete(parse_profile(raw))
    weeks = base_weeks(plan)
    assert weeks
    for w in weeks:
        assert [s.format for s in w].count("maintenance") == 1, [(s.date, s.format) for s in w]


def test_the_look_ahead_wishes_a_late_heavy_day_and_the_solver_keeps_it() -> None:
    from stridelift.domain.scheduling import DayInfo, RunSlot, WeekProblem, late_heavy_from
    from stridelift.solvers import ExactWeekSolver

    # next week's first heavy day on Sunday (6): this week's from Thursday (3) keeps them ten days apart
    assert late_heavy_from(6, LIMIT) == 3
    assert late_heavy_from(3, LIMIT) is None and late_heavy_from(None, LIMIT) is None
    quality = frozenset({"interval", "tempo", "hills"})
    heavy_day = frozenset({"maintenance", "circuit", "core_balance"})
    easy = (RunSlot("easy", "am", 40),)
    week = tuple(DayInfo(o, heavy_day, easy, True) for o in (1, 4))
    base = WeekProblem(days=week, demands=("maintenance", "circuit"), required=2, max_sessions=3, hours_since_heavy=48)
    solver = ExactWeekSolver(quality, cache_size=0)
    first = {pl.kind: pl.offset for pl in solver.solve(base).placements}
    wish = {pl.kind: pl.offset for pl in solver.solve(dataclasses.replace(base, heavy_late_from=3)).placements}
    assert first == {"maintenance": 1, "circuit": 4} and wish == {"maintenance": 4, "circuit": 1}


def test_a_week_whose_heavy_day_moves_late_takes_a_second_short_heavy_session() -> None:
    from stridelift.domain.keeping import keep_across
    from stridelift.domain.scheduling import DayInfo, RunSlot

    quality = frozenset({"interval", "tempo", "hills"})
    kinds = frozenset({"maintenance", "circuit", "core_balance"})
    easy = (RunSlot("easy", "am", 40),)
    days = [DayInfo(2, kinds, easy, True), DayInfo(6, kinds, easy, True)]
    wanted = ["maintenance", "circuit", "circuit"]
    # last heavy day last Wednesday (MON - 5): this Sunday would be eleven days on, next Sunday is the next
    assert keep_across(wanted, 3, MON - 5 * DAY, MON, days, quality, LIMIT) == ["maintenance", "circuit", "maintenance"]
    # ten days on: the late wish alone is enough
    assert keep_across(wanted, 3, MON - 4 * DAY, MON, days, quality, LIMIT) == wanted
    assert keep_across(wanted, None, MON - 5 * DAY, MON, days, quality, LIMIT) == wanted
    # no late day that takes heavy legs this week: nothing to gain from a second one
    assert keep_across(wanted, 3, MON - 5 * DAY, MON, days[:1], quality, LIMIT) == wanted


def test_a_heavy_day_due_this_week_comes_in_time() -> None:
    from stridelift.domain.keeping import heavy_due
    from stridelift.domain.scheduling import DayInfo, RunSlot, WeekProblem
    from stridelift.solvers import ExactWeekSolver

    # last heavy day last Monday (MON - 7): ten days on is this Thursday (3)
    assert heavy_due(MON - 7 * DAY, MON, LIMIT) == 3
    assert heavy_due(MON - 20 * DAY, MON, LIMIT) is None and heavy_due(MON, MON, LIMIT) is None
    assert heavy_due(None, MON, LIMIT) is None
    # Thursday easy, Saturday tempo in the morning: heavy lifting prefers the tempo's evening, unless due
    quality = frozenset({"interval", "tempo", "hills"})
    kinds = frozenset({"heavy", "circuit", "core_balance"})
    week = (
        DayInfo(3, kinds, (RunSlot("easy", "am", 40),), True),
        DayInfo(5, kinds, (RunSlot("tempo", "am", 60),), True),
    )
    base = WeekProblem(days=week, demands=("heavy", "circuit"), required=2, max_sessions=3, hours_since_heavy=48)
    solver = ExactWeekSolver(quality, cache_size=0)
    assert {pl.kind: pl.offset for pl in solver.solve(base).placements} == {"circuit": 3, "heavy": 5}
    due = dataclasses.replace(base, heavy_by=3)
    assert {pl.kind: pl.offset for pl in solver.solve(due).placements} == {"heavy": 3, "circuit": 5}


def test_the_build_after_the_base_keeps_ten_days_property_case() -> None:
    """Found by the property test: the base's last heavy day on a Tuesday, the build's first week with
    intervals on Wednesday and a Saturday tempo; its heavy session went to Saturday, eleven days on."""
    week = [
        ("mon", "hills", 103, "pm"),
        ("tue", "rest", 0, "pm"),
        ("wed", "interval", 145, "pm"),
        ("thu", "easy", 77, "am"),
        ("fri", "rest", 0, "am"),
        ("sat", "tempo", 172, "am"),
        ("sun", "easy", 20, "pm"),
    ]
    raw = {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {"available": ["cable", "dumbbells", "bosu", "pullup_bar", "barbell"]},
        "availability": {
            "sessions_per_week_max": 4,
            "minutes_per_session": 45,
            "days": ["wed", "fri", "sat", "mon", "thu", "tue"],
        },
        "running": {"week": [{"day": d, "type": t, "minutes": m or 30, "slot": s} for d, t, m, s in week]},
        "races": [{"date": "2027-03-08", "distance": "half", "priority": "A"}],
        "plan": {"start": "2026-11-28", "end": "2027-05-07"},
    }
    athlete = parse_profile(raw)
    found, _ = check_plan(plan_athlete(athlete), rules=RULES, library=LIB, templates=load_templates(), athlete=athlete)
    assert [f.message for f in hard_violations(found)] == []


def test_a_leg_fatiguing_sunday_that_pushes_next_weeks_heavy_legs_past_the_keep_is_moved() -> None:
    """Heavy legs on Monday; a circuit on Sunday would keep next Monday free of heavy legs (E-LEG-FATIGUE), and
    next week's next heavy day is its Friday (eleven days on): the Sunday is spared. With Thursday (ten days
    on) the Sunday circuit stays."""
    from stridelift.domain.keeping import spare_next_monday
    from stridelift.domain.scheduling import DayInfo, RunSlot, WeekProblem
    from stridelift.solvers import ExactWeekSolver

    quality = frozenset({"interval", "tempo", "hills"})
    kinds = frozenset({"circuit", "core_balance"})
    easy = (RunSlot("easy", "am", 40),)
    days = (DayInfo(0, kinds | {"maintenance"}, easy, True), DayInfo(2, kinds, easy, True))
    days += (DayInfo(4, kinds, easy, True), DayInfo(6, kinds, (), True))  # Sunday rests from running: first choice
    problem = WeekProblem(
        days=days, demands=("maintenance", "circuit", "circuit"), required=3, max_sessions=3, hours_since_heavy=48
    )
    solver = ExactWeekSolver(quality, cache_size=0)
    sol = solver.solve(problem)
    assert {(p.kind, p.offset) for p in sol.placements} >= {("maintenance", 0), ("circuit", 6)}
    spared = spare_next_monday(solver, problem, sol, 0, 4, LIMIT)
    assert spared is not None
    again = solver.solve(spared)
    assert sorted((p.kind, p.offset) for p in again.placements) == [("circuit", 2), ("circuit", 4), ("maintenance", 0)]
    # next week's Thursday keeps the gap at ten days: nothing to move
    assert spare_next_monday(solver, problem, sol, 0, 3, LIMIT) is None


def test_when_the_sunday_cannot_be_spared_the_heavy_session_comes_late_or_twice() -> None:
    """Days Wednesday and Sunday only (Monday tired from last Sunday): sparing Sunday would drop the circuit.
    Next week's first heavy day after a tired Monday is its Sunday (eleven days after this Wednesday): the
    heavy session goes late (Sunday); when this week's own keep is due by Saturday, the circuit becomes a
    second short heavy session, one early and one late (drawn by the random property test)."""
    from stridelift.domain.keeping import spare_next_monday
    from stridelift.domain.scheduling import DayInfo, RunSlot, WeekProblem
    from stridelift.solvers import ExactWeekSolver

    quality = frozenset({"interval", "tempo", "hills"})
    kinds = frozenset({"maintenance", "circuit", "core_balance"})
    easy = (RunSlot("easy", "am", 40),)
    days = (DayInfo(2, kinds, (), True), DayInfo(6, kinds, easy, True))  # Wednesday rests from running
    problem = WeekProblem(
        days=days, demands=("maintenance", "circuit"), required=2, max_sessions=2, hours_since_heavy=48
    )
    solver = ExactWeekSolver(quality, cache_size=0)
    sol = solver.solve(problem)
    assert sorted((p.kind, p.offset) for p in sol.placements) == [("circuit", 6), ("maintenance", 2)]
    late = spare_next_monday(solver, problem, sol, 0, 6, LIMIT)
    assert late is not None and late.demands == problem.demands
    assert sorted((p.kind, p.offset) for p in solver.solve(late).placements) == [("circuit", 2), ("maintenance", 6)]
    due = dataclasses.replace(problem, heavy_by=5)
    twice = spare_next_monday(solver, due, solver.solve(due), 0, 6, LIMIT)
    assert twice is not None and twice.demands == ("maintenance", "maintenance")
    assert sorted(p.offset for p in solver.solve(twice).placements) == [2, 6]
    # next week's Saturday after a tired Monday keeps the gap at ten days: nothing changes
    assert spare_next_monday(solver, problem, sol, 0, 5, LIMIT) is None

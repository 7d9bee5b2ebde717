"""The plan's first lifts are an introduction (rule E-FIRST-LIFT, coach review: marathon_8wk_barbell's
first session was squat 4 x 5 at 79%, novice_four_weeks_out's first barbell squat had no warm-up set and
two_races_close opened with "Maintenance" before anything was built): a plan just past each limit is
reported, one just within is not."""

from __future__ import annotations

import dataclasses
import datetime as dt

from stridelift.domain.plan import Plan, Prescription
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

P = RULES["E-FIRST-LIFT"].params
SETS, HEAVY_RPE, RPE = int(P["max_sets"]), float(P["heavy_max_rpe"]), float(P["max_rpe"])
WEEK = dt.timedelta(days=7)


def two(first: list[Prescription], second: list[Prescription], title: str = "Heavy A: squat pattern") -> Plan:
    s1 = dataclasses.replace(session(MON, first), title=title)
    s2 = dataclasses.replace(session(MON + 2 * WEEK, second), title=title)
    return plan([s1, s2])


def squat(sets: int, reps: int, rpe: float, warm: int = 1) -> Prescription:
    return rx(LIB, "barbell_back_squat", sets=sets, reps=reps, rpe=rpe, warmup_sets=warm)


def test_the_first_sessions_sets_and_effort_at_the_limit() -> None:
    within = two([squat(SETS, 5, HEAVY_RPE)], [squat(SETS, 5, HEAVY_RPE)])
    assert findings("E-FIRST-LIFT", within) == []
    more_sets = two([squat(SETS + 1, 5, HEAVY_RPE)], [squat(SETS, 5, HEAVY_RPE)])
    assert len(findings("E-FIRST-LIFT", more_sets)) == 1
    harder = two([squat(SETS, 5, HEAVY_RPE + 0.5)], [squat(SETS, 5, HEAVY_RPE)])
    assert len(findings("E-FIRST-LIFT", harder)) == 1
    # the second session is an introduction too (two weeks later: the first two sessions)
    second = two([squat(SETS, 5, HEAVY_RPE)], [squat(4, 5, 7.0)])
    assert len(findings("E-FIRST-LIFT", second)) == 2


def test_a_learning_dose_of_ten_may_reach_rpe_seven() -> None:
    assert findings("E-FIRST-LIFT", two([squat(SETS, 10, RPE)], [squat(SETS, 10, RPE)])) == []
    assert len(findings("E-FIRST-LIFT", two([squat(SETS, 10, RPE + 0.5)], [squat(SETS, 10, RPE)]))) == 1


def test_a_third_session_is_past_the_introduction() -> None:
    third = dataclasses.replace(session(MON + 3 * WEEK, [squat(4, 5, 8.0)]), title="Heavy A: squat pattern")
    p = two([squat(SETS, 5, HEAVY_RPE)], [squat(SETS, 5, HEAVY_RPE)])
    assert findings("E-FIRST-LIFT", dataclasses.replace(p, sessions=[*p.sessions, third])) == []


def test_a_barbell_lift_needs_a_warm_up_set() -> None:
    assert len(findings("E-FIRST-LIFT", two([squat(SETS, 10, RPE, warm=0)], [squat(SETS, 10, RPE)]))) == 1


def test_maintenance_only_after_something_was_built() -> None:
    built = int(P["built_days"])
    p = two([squat(SETS, 5, HEAVY_RPE)], [squat(SETS, 5, HEAVY_RPE)], title="Maintenance: Heavy A: squat pattern")
    assert len(findings("E-FIRST-LIFT", p)) == 2
    late = dataclasses.replace(
        session(MON + dt.timedelta(days=built), [squat(2, 5, 8.0)], fmt="maintenance"),
        title="Maintenance: Heavy A: squat pattern",
    )
    just_before = dataclasses.replace(late, date=MON + dt.timedelta(days=built - 1))
    base = two([squat(SETS, 5, HEAVY_RPE)], [squat(SETS, 5, HEAVY_RPE)])
    assert findings("E-FIRST-LIFT", dataclasses.replace(base, sessions=[*base.sessions, late])) == []
    assert len(findings("E-FIRST-LIFT", dataclasses.replace(base, sessions=[*base.sessions, just_before]))) == 1

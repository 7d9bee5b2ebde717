"""Plyometrics come in gently (rule E-PLYO-INTRO): the first jumps of a plan, and the first after weeks
without, are the library's low drills at few contacts, and the hardest drill rises at most one level
every two weeks; a novice stays at low and moderate. The planner keeps its drills two weeks (a coach's
review: a new drill every week, a new skill each time). The checker at its limits, and the planner on the bodyweight
novice who got squat jumps, then bounding and 20 broad jumps three weeks before a first 5k."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest

from stridelift.catalog import load_library
from stridelift.domain.checker import hard_violations
from stridelift.domain.plan import Plan, Prescription
from stridelift.services import plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

LIM = RULES["E-PLYO-INTRO"].params
GAP, STEP, MAXN = int(LIM["gap_days"]), int(LIM["step_days"]), int(LIM["intro_max_contacts"])
ROOT = Path(__file__).resolve().parents[2]


def jump(ex_id: str, sets: int = 2, reps: int = 10) -> Prescription:
    return rx(LIB, ex_id, "power", sets=sets, reps=reps, rest_s=90)


def dated(*days: tuple[int, list[Prescription]], novice: bool = False) -> Plan:
    p = plan([session(MON + dt.timedelta(days=d), ex, phase="build") for d, ex in days], phase="build", weeks=12)
    return dataclasses.replace(p, experience="novice") if novice else p


def test_the_library_ranks_its_jumps() -> None:
    lib = load_library()
    assert all(e.plyo_level in (1, 2, 3) for e in lib if e.plyometric)
    assert all(e.plyo_level == 0 for e in lib if not e.plyometric)
    assert lib.get("pogo_jump").plyo_level == lib.get("line_hop").plyo_level == int(LIM["intro_level"])
    assert lib.get("pogo_jump").plyo_level < lib.get("squat_jump").plyo_level < lib.get("broad_jump").plyo_level


def test_a_first_session_holds_low_drills_at_few_contacts() -> None:
    assert findings("E-PLYO-INTRO", dated((0, [jump("pogo_jump", 2, 10), jump("line_hop", 2, MAXN // 2 - 10)]))) == []
    assert findings("E-PLYO-INTRO", dated((0, [jump("pogo_jump", 2, 10), jump("line_hop", 2, MAXN // 2 - 9)]))) == [
        f"{MAXN + 2} contacts in a first plyometric session (at most {MAXN})"
    ]
    msgs = findings("E-PLYO-INTRO", dated((0, [jump("pogo_jump"), jump("squat_jump", 2, 5)])))
    assert msgs == ["squat_jump is a moderate-intensity plyometric where at most low fits"]


@pytest.mark.parametrize(("second", "reported"), [(STEP, False), (STEP - 1, True)])
def test_one_level_a_step(second: int, reported: bool) -> None:
    p = dated((0, [jump("pogo_jump")]), (second, [jump("squat_jump", 3, 6)]))
    assert bool(findings("E-PLYO-INTRO", p)) is reported
    # and not two levels in a week: high after a week of low only
    assert findings("E-PLYO-INTRO", dated((0, [jump("pogo_jump")]), (STEP, [jump("broad_jump", 3, 5)]))) != []
    # more contacts after the first session are E-PLYO's business, not this rule's
    assert findings("E-PLYO-INTRO", dated((0, [jump("pogo_jump")]), (3, [jump("line_hop", 3, 20)]))) == []


@pytest.mark.parametrize(("after", "reported"), [(GAP, False), (GAP + 1, True)])
def test_weeks_without_jumps_start_again_low(after: int, reported: bool) -> None:
    ramp = [(0, [jump("pogo_jump")]), (STEP, [jump("squat_jump", 3, 6)]), (2 * STEP, [jump("broad_jump", 3, 5)])]
    back = 2 * STEP + after
    p = dated(*ramp, (back, [jump("squat_jump", 3, 6)]))
    assert bool(findings("E-PLYO-INTRO", p)) is reported
    assert findings("E-PLYO-INTRO", dated(*ramp, (back, [jump("pogo_jump")]))) == []


def test_a_novice_stays_at_low_and_moderate() -> None:
    ramp = [(0, [jump("pogo_jump")]), (STEP, [jump("squat_jump", 3, 6)]), (2 * STEP, [jump("broad_jump", 3, 5)])]
    assert findings("E-PLYO-INTRO", dated(*ramp)) == []
    assert findings("E-PLYO-INTRO", dated(*ramp, novice=True)) == [
        "broad_jump is a high-intensity plyometric where at most moderate fits"
    ]


def _power(p: Plan) -> list[tuple[dt.date, list[Prescription]]]:
    days = [(s.date, [x for x in s.exercises if x.block == "power"]) for s in sorted(p.sessions, key=lambda s: s.date)]
    return [(d, xs) for d, xs in days if xs]


@pytest.mark.parametrize("name", ["examples/novice_bodyweight.toml", "tests/stress_profiles/doubles_three_a_day.toml"])
def test_the_planner_starts_jumps_low_and_few(name: str) -> None:
    result = plan_profile(ROOT / name)
    assert not [f for f in hard_violations(result.findings) if f.rule == "E-PLYO-INTRO"]
    days = _power(result.plan)
    assert days, "the plan has plyometrics"
    first = days[0][1]
    assert {LIB.get(x.id).plyo_level for x in first if LIB.get(x.id).plyometric} == {int(LIM["intro_level"])}
    assert sum(x.sets * (x.reps or 0) for x in first) <= MAXN
    for _, xs in days:
        for x in xs:
            ex = LIB.get(x.id)
            springy = "springy" in x.note
            assert springy == (ex.region == "lower" and ex.plyo_level == 1), (x.id, x.note)
    levels = [max(LIB.get(x.id).plyo_level for x in xs) for _, xs in days]
    if len(levels) > 3:  # a long run of jump sessions does climb past the low drills
        assert max(levels) > int(LIM["intro_level"])
    if result.plan.experience == "novice":
        assert max(LIB.get(x.id).plyo_level for _, xs in days for x in xs) <= int(LIM["novice_max_level"])


def test_a_level_is_held_two_weeks() -> None:
    """The step is two weeks (it was one: a level a week, low to high in three weeks)."""
    assert STEP == 14
    weekly = [(0, [jump("pogo_jump")]), (7, [jump("pogo_jump", 3)]), (14, [jump("squat_jump", 2, 8)])]
    assert findings("E-PLYO-INTRO", dated(*weekly, (21, [jump("squat_jump", 3, 8)]))) == []
    assert findings("E-PLYO-INTRO", dated(*weekly, (27, [jump("broad_jump", 2, 5)]))) == [
        "broad_jump is a high-intensity plyometric where at most moderate fits"
    ]
    assert findings("E-PLYO-INTRO", dated(*weekly, (28, [jump("broad_jump", 2, 5)]))) == []


def test_the_step_counts_across_a_week_without_jumps() -> None:
    """The level reached two weeks or more earlier in the same run of jumping counts even when the week
    between held no jumps (a race week): the ramp does not fall back to low drills."""
    p = dated((0, [jump("pogo_jump")]), (10, [jump("pogo_jump")]), (24, [jump("squat_jump", 2, 8)]))
    assert findings("E-PLYO-INTRO", p) == []
    # but a session 13 days after the first moderate one may not go high
    late = dated((0, [jump("pogo_jump")]), (14, [jump("squat_jump", 2, 8)]), (27, [jump("broad_jump", 2, 5)]))
    assert findings("E-PLYO-INTRO", late) != []


@pytest.mark.parametrize("name", ["tests/stress_profiles/southern_long_plan.toml", "examples/northern_marathoner.toml"])
def test_the_planner_keeps_a_drill_two_weeks(name: str) -> None:
    """northern_marathoner's build had a new lead drill every Tuesday (A-skip, box jump, bounding, broad
    jump, lateral bound, single-leg hop), climbing a level a week; now each is kept for two."""
    result = plan_profile(ROOT / name)
    assert not [f for f in hard_violations(result.findings) if f.rule == "E-PLYO-INTRO"]
    days = _power(result.plan)
    leads = [xs[0].id for _, xs in days]
    runs = [len(list(g)) for _, g in itertools.groupby(leads)]
    assert len(runs) >= 3 and all(n >= 2 for n in runs[:-1]), leads

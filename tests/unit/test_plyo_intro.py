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
    low = [(0, [jump("pogo_jump")]), (7, [jump("pogo_jump", 3)])]
    p = dated(*low, (second, [jump("squat_jump", 2, 6)]))
    assert bool(findings("E-PLYO-INTRO", p)) is reported
    # and not two levels in a week: high after a week of low only
    assert findings("E-PLYO-INTRO", dated(*low, (STEP, [jump("broad_jump", 2, 5)]))) != []
    # more contacts a set after the first session are E-PLYO's business, not this rule's
    assert findings("E-PLYO-INTRO", dated((0, [jump("pogo_jump")]), (3, [jump("pogo_jump", 2, 20)]))) == []


@pytest.mark.parametrize(("after", "reported"), [(GAP, False), (GAP + 1, True)])
def test_weeks_without_jumps_start_again_low(after: int, reported: bool) -> None:
    ramp = [(0, [jump("pogo_jump")]), (7, [jump("pogo_jump")]), (STEP, [jump("squat_jump", 2, 6)])]
    ramp += [(STEP + 7, [jump("squat_jump", 2, 6)]), (2 * STEP, [jump("broad_jump", 2, 5)])]
    back = 2 * STEP + after
    p = dated(*ramp, (back, [jump("squat_jump", 2, 6)]))
    assert bool(findings("E-PLYO-INTRO", p)) is reported
    assert findings("E-PLYO-INTRO", dated(*ramp, (back, [jump("pogo_jump")]))) == []


def test_a_novice_stays_at_low_and_moderate() -> None:
    ramp = [(0, [jump("pogo_jump")]), (7, [jump("pogo_jump")]), (STEP, [jump("squat_jump", 2, 6)])]
    ramp += [(STEP + 7, [jump("squat_jump", 2, 6)]), (2 * STEP, [jump("broad_jump", 2, 5)])]
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
    both = (21, [jump("squat_jump", 3, 8)])  # two weeks of moderate jumps before the high one
    assert findings("E-PLYO-INTRO", dated(*weekly, both, (28, [jump("broad_jump", 2, 5)]))) == []


def test_the_step_counts_across_a_week_without_jumps() -> None:
    """The level reached two weeks or more earlier in the same run of jumping counts even when the week
    between held no jumps (a race week): the ramp does not fall back to low drills."""
    p = dated((0, [jump("pogo_jump")]), (10, [jump("pogo_jump")]), (24, [jump("squat_jump", 2, 8)]))
    assert findings("E-PLYO-INTRO", p) == []
    # but a session 13 days after the first moderate one may not go high
    low = [(0, [jump("pogo_jump")]), (7, [jump("pogo_jump")])]
    mid = [(14, [jump("squat_jump", 2, 8)]), (21, [jump("squat_jump", 2, 8)])]
    late = dated(*low, *mid, (27, [jump("broad_jump", 2, 5)]))
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


@pytest.mark.parametrize(("base_weeks", "reported"), [(2, False), (1, True)])
def test_a_moderate_drill_needs_two_weeks_of_two_footed_low_jumps(base_weeks: int, reported: bool) -> None:
    """Coach review: box jumps came after two weeks of A-skips alone (frequent_racer_knee, northern_marathoner).
    A moderate drill needs two earlier weeks of a two-footed low jump; a skip or a one-legged drill does
    not count."""
    weeks = [(7 * i, [jump("line_hop")]) for i in range(base_weeks)]
    weeks += [(7 * i, [jump("a_skip", 2, 8)]) for i in range(base_weeks, 2)]  # the other weeks: skips only
    p = dated(*weeks, (STEP, [jump("box_jump", 2, 8)]))
    msgs = findings("E-PLYO-INTRO", p)
    assert bool(msgs) is reported
    if reported:
        assert msgs == ["box_jump is a moderate-intensity plyometric where at most low fits"]
    # two weeks of skips alone open nothing
    skips = dated((0, [jump("a_skip", 2, 8)]), (7, [jump("a_skip", 2, 8)]), (STEP, [jump("split_squat_jump", 2, 6)]))
    assert findings("E-PLYO-INTRO", skips) != []
    # a high drill needs two weeks of two-footed moderate jumps: one week of them is one short
    ramp = [(0, [jump("pogo_jump")]), (7, [jump("pogo_jump")]), (14, [jump("squat_jump", 2, 8)])]
    ramp += [(21, [jump("split_squat_jump", 2, 6)])]
    assert findings("E-PLYO-INTRO", dated(*ramp, (28, [jump("bounding", 2, 5)]))) == [
        "bounding is a high-intensity plyometric where at most moderate fits"
    ]


@pytest.mark.parametrize(("sets", "reported"), [(3, False), (4, True)])
def test_each_drill_starts_at_two_sets_and_adds_one_a_week(sets: int, reported: bool) -> None:
    """Coach review: box jump 4x8 at its second exposure, split-squat jumps 4x6/leg on their first: the sets
    followed the weeks of jumping, not the drill's own weeks."""
    low = [(0, [jump("pogo_jump")]), (7, [jump("pogo_jump", 3)]), (14, [jump("pogo_jump", 4)])]
    p = dated(*low, (21, [jump("squat_jump", 2, 8)]), (28, [jump("squat_jump", sets, 8)]))
    assert bool(findings("E-PLYO-INTRO", p)) is reported
    first = dated(*low, (21, [jump("squat_jump", 3, 8)]))
    assert findings("E-PLYO-INTRO", first) == ["squat_jump at 3 sets after 0 week(s) of it (at most 2)"]


@pytest.mark.parametrize(
    "name",
    ["examples/northern_marathoner.toml", "examples/frequent_racer_knee.toml", "examples/novice_bodyweight.toml"],
)
def test_the_planner_builds_a_two_footed_base_and_grows_each_drill(name: str) -> None:
    result = plan_profile(ROOT / name)
    assert not [f for f in hard_violations(result.findings) if f.rule == "E-PLYO-INTRO"]
    seen: set[str] = set()
    for _, xs in _power(result.plan):
        for x in xs:
            if x.id not in seen:
                assert x.sets <= int(LIM["first_sets"]), (x.id, x.sets)
            seen.add(x.id)
    first = _power(result.plan)[0][1]
    assert LIB.get(first[0].id).id in ("pogo_jump", "line_hop")

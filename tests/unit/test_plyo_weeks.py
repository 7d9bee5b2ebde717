"""Plyometrics done right (rules E-PLYO, E-PLYO-LATE, E-PLYO-WEEKS): the coach's reading found 0-1 jump
sessions in most builds, 32-54 "contacts" counted with kettlebell swings, and first-ever box jumps,
split-squat jumps, bounding and broad jumps three weeks before a 100k and a first 5k. Contacts count jumps
only; nothing new in an A race's last four weeks; a runner who jumps does so for six weeks or more.
The checker at its limits, and the planner on the profiles that showed it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from stridelift.domain.plan import Plan, Prescription, RunEntry
from stridelift.services import plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

ROOT = Path(__file__).resolve().parents[2]
LATE = int(RULES["E-PLYO-LATE"].params["days"])
LATE_B = int(RULES["E-PLYO-LATE"].params["days_by"]["B"])
LEVEL = int(RULES["E-PLYO-LATE"].params["level_days"])
WEEKS = int(RULES["E-PLYO-WEEKS"].params["min_weeks"])
MOST = int(RULES["E-PLYO"].params["max_contacts"])
RACE = MON + dt.timedelta(weeks=14)  # a Monday


def jump(ex_id: str, sets: int = 2, reps: int = 10) -> Prescription:
    return rx(LIB, ex_id, "power", sets=sets, reps=reps, rest_s=90)


def with_race(days: list[tuple[dt.date, list[Prescription]]], priority: str = "A") -> Plan:
    p = plan([session(d, ex, phase="build") for d, ex in days], phase="build", weeks=16)
    race = RunEntry(RACE, "race", 60, "am", race_priority=priority, distance_km=10.0)
    return dataclasses.replace(p, runs=[race])


def test_contacts_count_only_jumps() -> None:
    jumps = [jump("pogo_jump", 4, 10), jump("line_hop", 4, 10)]
    throws = [jump("med_ball_slam", 3, 10), jump("kettlebell_swing", 3, 15)]  # 75 reps, no foot contacts
    assert findings("E-PLYO", plan([session(MON, [*jumps, *throws], phase="build")], phase="build")) == []
    at = plan([session(MON, [jump("pogo_jump", 1, MOST)], phase="build")], phase="build")
    past = plan([session(MON, [jump("pogo_jump", 1, MOST + 1)], phase="build")], phase="build")
    assert findings("E-PLYO", at) == []
    assert findings("E-PLYO", past) == [f"{MOST + 1} plyometric contacts"]


@pytest.mark.parametrize(("before", "reported"), [(LATE + 1, False), (LATE, True)])
def test_a_new_drill_in_an_a_races_last_weeks(before: int, reported: bool) -> None:
    early = [(RACE - dt.timedelta(days=LEVEL + 1), [jump("pogo_jump")])]
    p = with_race([*early, (RACE - dt.timedelta(days=before), [jump("pogo_jump"), jump("line_hop")])])
    assert bool(findings("E-PLYO-LATE", p)) is reported
    # the drills already done may go on to the race's last weeks; a C race asks nothing
    known = with_race([*early, (RACE - dt.timedelta(days=7), [jump("pogo_jump", 2, 10)])])
    assert findings("E-PLYO-LATE", known) == []
    c = with_race([*early, (RACE - dt.timedelta(days=7), [jump("broad_jump", 2, 5)])], priority="C")
    assert findings("E-PLYO-LATE", c) == []


@pytest.mark.parametrize(("before", "reported"), [(LATE_B + 1, False), (LATE_B, True)])
def test_a_new_drill_in_a_b_races_last_two_weeks(before: int, reported: bool) -> None:
    early = [(RACE - dt.timedelta(days=LEVEL + 1), [jump("pogo_jump")])]
    p = with_race([*early, (RACE - dt.timedelta(days=before), [jump("pogo_jump"), jump("line_hop")])], priority="B")
    assert bool(findings("E-PLYO-LATE", p)) is reported


def test_a_harder_drill_late_is_a_new_one() -> None:
    early = [(RACE - dt.timedelta(days=LEVEL + 1), [jump("pogo_jump"), jump("squat_jump", 2, 6)])]
    late = (RACE - dt.timedelta(days=LATE), [jump("squat_jump", 2, 6), jump("broad_jump", 2, 5)])
    harder = with_race([*early, late])
    assert findings("E-PLYO-LATE", harder) == [
        "broad_jump done for the first time in the last weeks before an A or B race",
        f"broad_jump (level 3) above the hardest jump done before the A race's last {LEVEL} days (2)",
    ]


@pytest.mark.parametrize(("before", "reported"), [(LEVEL + 1, False), (LEVEL, True)])
def test_jumps_started_in_an_a_races_last_six_weeks_do_not_climb(before: int, reported: bool) -> None:
    """Coach review, marathon_8wk_barbell: its first box and split-squat jumps came five weeks out. In an A
    race's last six weeks no drill is harder than the hardest done before them (none at all if none was)."""
    first = RACE - dt.timedelta(days=before)
    ramp = [(first, [jump("pogo_jump")]), (first + dt.timedelta(days=7), [jump("squat_jump", 2, 6)])]
    msgs = findings("E-PLYO-LATE", with_race(ramp))
    if reported:
        assert msgs == [
            f"pogo_jump (level 1) above the hardest jump done before the A race's last {LEVEL} days (0)",
            f"squat_jump (level 2) above the hardest jump done before the A race's last {LEVEL} days (0)",
        ]
    else:
        assert msgs == [f"squat_jump (level 2) above the hardest jump done before the A race's last {LEVEL} days (1)"]
    # a B race asks only for no new drills over its last two weeks
    assert findings("E-PLYO-LATE", with_race(ramp, priority="B")) == []


def test_the_eight_week_marathoner_climbs_no_level_in_the_last_six_weeks() -> None:
    result = plan_profile(ROOT / "tests/stress_profiles/marathon_8wk_barbell.toml")
    assert not [f for f in result.findings if f.rule in ("E-PLYO-LATE", "E-PLYO-INTRO")]
    p = result.plan
    race = min(r.date for r in p.runs if r.type == "race" and r.race_priority == "A")
    window = [
        LIB.get(x.id).plyo_level
        for s in p.sessions
        if 0 < (race - s.date).days <= LEVEL
        for x in s.exercises
        if x.block == "power" and LIB.get(x.id).plyometric
    ]
    # low drills at most: with its first two weeks an introduction without jumps (E-FIRST-LIFT), a plan whose
    # jumps had not begun before the window brings in none (E-PLYO-LATE)
    assert max(window, default=0) <= 1, window


@pytest.mark.parametrize(("weeks", "reported"), [(WEEKS, False), (WEEKS - 1, True)])
def test_jumps_for_six_weeks(weeks: int, reported: bool) -> None:
    days = [(RACE - dt.timedelta(weeks=w + 5), [jump("pogo_jump")]) for w in range(weeks)]
    assert bool(findings("E-PLYO-WEEKS", with_race(days))) is reported
    assert findings("E-PLYO-WEEKS", with_race([])) == []  # a runner who does not jump is not asked to


@pytest.mark.parametrize(
    "name",
    [
        "examples/novice_bodyweight.toml",
        "examples/northern_marathoner.toml",
        "tests/stress_profiles/doubles_three_a_day.toml",
    ],
)
def test_the_planner_jumps_for_weeks_and_brings_nothing_new_late(name: str) -> None:
    result = plan_profile(ROOT / name)
    rules = {"E-PLYO", "E-PLYO-LATE", "E-PLYO-WEEKS", "E-PLYO-INTRO"}
    assert not [f for f in result.findings if f.rule in rules], [str(f) for f in result.findings if f.rule in rules]
    p = result.plan
    days = sorted(
        s.date for s in p.sessions if any(LIB.get(x.id).plyometric for x in s.exercises if x.block == "power")
    )
    a_race = min(r.date for r in p.runs if r.type == "race" and r.race_priority == "A")
    before = {d - dt.timedelta(days=d.weekday()) for d in days if 0 < (a_race - d).days <= 112}
    assert len(before) >= WEEKS, (name, sorted(before))

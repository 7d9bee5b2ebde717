"""A sore tendon's own loading rests around races (rule I-RACE-TENDON): the checker at its limits (two
days before any race, two after a 10k, four after a marathon; holds stay), and the planner on an Achilles
runner with a C marathon and a 100 km ultra, whose calf raises fell two days before the marathon and two
days after the ultra."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stridelift.catalog import load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.domain.plan import Phase, Plan, Prescription, RunEntry, Session
from stridelift.domain.tendon import quiet_days
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, rx, session

DAY = dt.timedelta(days=1)
P = RULES["I-RACE-TENDON"].params
RACE = MON + 14 * DAY


def raises() -> Prescription:
    return rx(LIB, "single_leg_calf_raise", sets=2, reps=12, rest_s=45, rpe=6)


def light(day: dt.date, lifts: list[Prescription]) -> Session:
    return session(day, lifts, fmt="core_balance", phase="race_week", why=("S3-CORE-BALANCE-WEEKLY",))


def race_plan(km: float, sessions: list[Session]) -> Plan:
    end = MON + 41 * DAY
    run = RunEntry(RACE, "race", 60, "am", "C", "", km)
    return Plan("T", "intermediate", "north", MON, end, [Phase("in_season", MON, end, "")], [run], sessions, [])


def test_quiet_days_by_distance() -> None:
    short = quiet_days([(RACE, 10.0)], P)
    assert sorted((d - RACE).days for d in short) == [-2, -1, 1, 2]
    long = quiet_days([(RACE, 42.195)], P)
    assert sorted((d - RACE).days for d in long) == [-2, -1, 1, 2, 3, 4]
    assert RACE not in long


def test_raises_two_days_before_any_race_are_found_three_are_not() -> None:
    assert len(findings("I-RACE-TENDON", race_plan(10, [light(RACE - 2 * DAY, [raises()])]))) == 1
    assert findings("I-RACE-TENDON", race_plan(10, [light(RACE - 3 * DAY, [raises()])])) == []


def test_after_the_race_by_its_distance() -> None:
    assert len(findings("I-RACE-TENDON", race_plan(10, [light(RACE + 2 * DAY, [raises()])]))) == 1
    assert findings("I-RACE-TENDON", race_plan(10, [light(RACE + 3 * DAY, [raises()])])) == []
    assert len(findings("I-RACE-TENDON", race_plan(42.195, [light(RACE + 4 * DAY, [raises()])]))) == 1
    assert findings("I-RACE-TENDON", race_plan(42.195, [light(RACE + 5 * DAY, [raises()])])) == []


def test_holds_and_other_exercises_stay() -> None:
    hold = rx(LIB, "isometric_calf_hold", sets=4, reps=None, rest_s=60, rpe=6)
    plank = rx(LIB, "side_plank", "core", sets=1, reps=None, rest_s=20)
    assert findings("I-RACE-TENDON", race_plan(42.195, [light(RACE + DAY, [hold, plank])])) == []


ACHILLES: dict[str, Any] = {
    "athlete": {"name": "Tendon", "experience": "intermediate", "hemisphere": "north"},
    "equipment": {"available": ["dumbbells", "barbell", "bench", "band", "box", "machine"]},
    "availability": {
        "sessions_per_week_max": 3,
        "minutes_per_session": 50,
        "days": ["mon", "wed", "fri", "sat", "sun"],
    },
    "running": {
        "week": [
            {"day": "tue", "type": "interval", "minutes": 60},
            {"day": "wed", "type": "easy", "minutes": 45},
            {"day": "thu", "type": "tempo", "minutes": 50},
            {"day": "sat", "type": "long", "minutes": 150},
            {"day": "sun", "type": "easy", "minutes": 40},
        ]
    },
    "races": [
        {"date": "2027-04-11", "distance": "marathon", "priority": "C"},
        {"date": "2027-06-05", "distance": 100, "priority": "A"},
    ],
    "injuries": [{"area": "achilles", "status": "recovering"}],
    "plan": {"start": "2027-02-01", "end": "2027-06-27"},
}


def test_the_achilles_runner_rests_the_raises_around_both_races() -> None:
    athlete = parse_profile(ACHILLES)
    plan = plan_athlete(athlete)
    found, _ = check_plan(plan, rules=RULES, library=LIB, templates=load_templates(), athlete=athlete)
    assert [f.message for f in hard_violations(found) if f.rule == "I-RACE-TENDON"] == []
    rested = [s for s in plan.sessions if "I-RACE-TENDON" in s.why]
    # Friday two days before the marathon; the Monday two days after the ultra is walking and mobility only
    assert dt.date(2027, 4, 9) in {s.date for s in rested}
    after = [s for s in plan.sessions if s.date == dt.date(2027, 6, 7)]
    assert after and all(s.format == "mobility" and "E-POST-RACE-REST" in s.why for s in after)
    assert not [p for s in after for p in s.exercises if p.block == "strength"]
    assert all(any("tendon rests" in n for n in s.notes) for s in rested)
    # the raises are back once the quiet days are over
    adds = {a for sp in load_templates().injuries["achilles"].by_status.values() for a in sp.add}
    later = [s for s in plan.sessions if dt.date(2027, 4, 16) <= s.date <= dt.date(2027, 4, 30)]
    assert any(p.id in adds for s in later for p in s.exercises)

"""No heavy eccentric work in the last two weeks before an A race (rule E-TAPER-ECCENTRIC): the checker at
its limit (14 days before an A race found, 15 not; a B race and a warm-up drill not), and the planner on
a college 5k runner with two A races six weeks apart, whose taper days held Nordic curls 11 days before
each race (coach's review, issue 6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stridelift.catalog import load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.domain.plan import Phase, Plan, Prescription, RunEntry, Session
from stridelift.domain.taper_eccentric import eccentric_free_days
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, rx, session

DAY = dt.timedelta(days=1)
P = RULES["E-TAPER-ECCENTRIC"].params
RACE = MON + 28 * DAY
DAYS = int(P["days_before"])


def nordics(block: str = "strength") -> Prescription:
    return rx(LIB, "nordic_hamstring_curl", block, sets=2, reps=5, rest_s=90, rpe=6)  # type: ignore[arg-type]


def day_with(day: dt.date, lifts: list[Prescription]) -> Session:
    return session(day, lifts, fmt="maintenance", phase="taper", why=("E-IN-SEASON",))


def race_plan(priority: str, sessions: list[Session]) -> Plan:
    end = MON + 41 * DAY
    run = RunEntry(RACE, "race", 30, "am", priority, "", 5.0)
    return Plan("T", "advanced", "south", MON, end, [Phase("in_season", MON, end, "")], [run], sessions, [])


def test_the_days_kept_free_are_the_last_two_weeks_before_an_a_race() -> None:
    free = eccentric_free_days([(RACE, "A"), (RACE + 70 * DAY, "B")], P)
    assert sorted((RACE - d).days for d in free) == list(range(1, DAYS + 1))
    assert DAYS == 14


def test_nordics_14_days_before_an_a_race_are_found_15_are_not() -> None:
    assert len(findings("E-TAPER-ECCENTRIC", race_plan("A", [day_with(RACE - DAYS * DAY, [nordics()])]))) == 1
    assert findings("E-TAPER-ECCENTRIC", race_plan("A", [day_with(RACE - (DAYS + 1) * DAY, [nordics()])])) == []


def test_a_b_race_or_a_warm_up_drill_is_not_judged() -> None:
    assert findings("E-TAPER-ECCENTRIC", race_plan("B", [day_with(RACE - 3 * DAY, [nordics()])])) == []
    assert findings("E-TAPER-ECCENTRIC", race_plan("A", [day_with(RACE - 3 * DAY, [nordics("warmup")])])) == []


COLLEGE_5K: dict[str, Any] = {
    "athlete": {"name": "Tama", "experience": "advanced", "hemisphere": "south"},
    "equipment": {
        "available": ["dumbbells", "barbell", "bench", "pullup_bar", "band", "box", "kettlebell", "cable", "machine"]
    },
    "availability": {
        "sessions_per_week_max": 3,
        "minutes_per_session": 45,
        "days": ["mon", "tue", "wed", "thu", "fri", "sat"],
    },
    "running": {
        "week": [
            {"day": "mon", "type": "easy", "minutes": 50},
            {"day": "tue", "type": "interval", "minutes": 70},
            {"day": "wed", "type": "easy", "minutes": 50},
            {"day": "thu", "type": "tempo", "minutes": 60},
            {"day": "fri", "type": "easy", "minutes": 40},
            {"day": "sat", "type": "hills", "minutes": 60},
            {"day": "sun", "type": "long", "minutes": 90},
        ]
    },
    "races": [
        {"date": "2027-10-09", "distance": "5k", "priority": "A"},
        {"date": "2027-11-20", "distance": "5k", "priority": "A"},
    ],
    "plan": {"start": "2027-05-03", "end": "2027-12-12"},
}


def test_the_college_runner_tapers_without_nordics_and_takes_them_up_again() -> None:
    athlete = parse_profile(COLLEGE_5K)
    plan = plan_athlete(athlete)
    found, _ = check_plan(plan, rules=RULES, library=LIB, templates=load_templates(), athlete=athlete)
    assert [f.message for f in hard_violations(found)] == []
    ids = set(P["ids"])
    with_nordics = {s.date for s in plan.sessions for p in s.exercises if p.id in ids and p.block != "warmup"}
    for race in (dt.date(2027, 10, 9), dt.date(2027, 11, 20)):
        assert not {d for d in with_nordics if 0 < (race - d).days <= DAYS}
    kept = [s for s in plan.sessions if "E-TAPER-ECCENTRIC" in s.why]
    assert kept and all(any("No Nordic curls" in n for n in s.notes) for s in kept)
    assert with_nordics and max(with_nordics) > dt.date(2027, 11, 20)  # back after the race

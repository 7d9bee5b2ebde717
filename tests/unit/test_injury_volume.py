"""An injury's own loading follows the volume rules like any lift (E-TAPER, E-VOLUME-STEP): the Achilles'
four isometric holds are cut to the taper's sets in race week and come back one set at a time after it.
Found by the property test (novice, one strength day, flaring hamstring and Achilles, a race)."""

from __future__ import annotations

import math
from typing import Any

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.domain.sessions import SessionBuilder
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete

RULES = load_rules()
HOLDS = int(RULES.param("E-HOLDS", "hold_sets"))
TAPER_SETS = int(RULES.param("E-TAPER", "max_sets"))


def profile() -> dict[str, Any]:
    week = [
        {"day": "mon", "type": "rest"},
        {"day": "tue", "type": "interval", "minutes": 50},
        {"day": "wed", "type": "easy", "minutes": 40},
        {"day": "thu", "type": "tempo", "minutes": 45},
        {"day": "fri", "type": "rest"},
        {"day": "sat", "type": "easy", "minutes": 40},
        {"day": "sun", "type": "long", "minutes": 90},
    ]
    return {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": ["band", "foam_roller"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 30, "days": ["wed"]},
        "running": {"week": week},
        "races": [{"date": "2027-03-07", "distance": "5k", "priority": "B"}],
        "injuries": [{"area": "hamstring", "status": "flaring"}, {"area": "achilles", "status": "flaring"}],
        "plan": {"start": "2027-02-22", "end": "2027-03-28"},
    }


def test_the_achilles_holds_taper_and_come_back_a_set_at_a_time() -> None:
    athlete = parse_profile(profile())
    plan = plan_athlete(athlete)
    holds = [
        (s.phase, p.sets) for s in plan.sessions for p in s.exercises if p.id == "isometric_calf_hold"
    ]
    assert holds[0] == ("base", HOLDS)
    assert ("race_week", TAPER_SETS) in holds
    after = [n for _, n in holds[holds.index(("race_week", TAPER_SETS)) :]]
    assert after == [TAPER_SETS, TAPER_SETS + 1]  # the Achilles is past its holds in the fourth week
    race_week = next(s for s in plan.sessions if s.phase == "race_week")
    timer = SessionBuilder(athlete, load_library(), RULES, load_templates())
    # the two holds left out (3.5 minutes with their rests) are not counted in its minutes
    assert abs(race_week.minutes - math.ceil(timer.seconds(race_week.exercises) / 60)) <= 1
    findings, _ = check_plan(
        plan, rules=RULES, library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert [f"{f.rule} {f.message}" for f in hard_violations(findings)] == []

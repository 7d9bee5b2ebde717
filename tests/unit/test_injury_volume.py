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
from tests.unit.test_checks_prescription import LIB, MON, findings, plan, rx, session

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


def test_a_hard_move_added_for_an_injury_is_done_for_a_few_reps_at_the_limit() -> None:
    few = int(RULES.param("E-HEAVY-LOAD", "hard_bodyweight_reps"))
    low = int(RULES.param("S4-HIGH-REPS", "min_reps"))
    nordics = plan([session(MON, [rx(LIB, "nordic_hamstring_curl", sets=2, reps=few)], "core_balance", "base")], "base")
    assert findings("S4-HIGH-REPS", nordics) == []
    squats = plan([session(MON, [rx(LIB, "goblet_squat_db", sets=2, reps=low - 1)], "core_balance", "base")], "base")
    assert findings("S4-HIGH-REPS", squats) == [f"goblet_squat_db: {low - 1} reps in a high-repetition phase"]


def test_the_nordics_a_hamstring_history_adds_stay_few_after_heavy_sets_of_five() -> None:
    """The property test's find (seed 7): 5-rep Nordics in the off-season block, then 1x12 as the injury's
    addition to the base phase's core and balance day (E-CIRCUIT-DOSE: more than twice the reps)."""
    raw = profile()
    raw["athlete"]["experience"] = "advanced"
    raw["equipment"]["available"] = ["barbell", "bench"]
    raw["availability"] = {"sessions_per_week_max": 1, "minutes_per_session": 45, "days": ["tue", "thu", "sat"]}
    raw["running"]["week"] = [{"day": d, "type": "easy", "minutes": 40} for d in ("tue", "wed", "thu", "sat")]
    raw["running"]["week"].append({"day": "sun", "type": "long", "minutes": 90})
    raw["races"] = []
    raw["injuries"] = [{"area": "hamstring", "status": "history"}]
    raw["plan"] = {"start": "2027-01-04", "end": "2027-04-25"}
    athlete = parse_profile(raw)
    plan_ = plan_athlete(athlete)
    doses = {(s.phase, p.reps) for s in plan_.sessions for p in s.exercises if p.id == "nordic_hamstring_curl"}
    few = int(RULES.param("E-HEAVY-LOAD", "hard_bodyweight_reps"))
    assert {"offseason_strength", "base"} <= {ph for ph, _ in doses}
    assert {n for _, n in doses} == {few}
    findings_, _ = check_plan(
        plan_, rules=RULES, library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert [f"{f.rule} {f.message}" for f in hard_violations(findings_)] == []

"""A circuit station keeps to its exercise's own rep cap (exercises.toml `max_circuit_reps`, rule
E-CIRCUIT-DOSE): a band-assisted pull-up is about 12 a set, not the seed's 20; the checker at the cap and
one past it, the dose function, and planned circuits."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from stridelift.catalog import load_library, load_rules
from stridelift.domain.progression import station_dose
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import MON, findings, plan, rx, session

LIB = load_library()
RULES = load_rules()
DOSE = RULES["E-CIRCUIT-DOSE"].params
CAP = LIB.get("band_assisted_pull_up").max_circuit_reps
ROOT = Path(__file__).resolve().parents[2]


def test_the_cap_is_data_for_the_band_assisted_pull_up() -> None:
    assert CAP is not None and int(RULES["S1-CIRCUIT"].params["reps"]) > CAP
    assert int(RULES["S4-HIGH-REPS"].params["min_reps"]) <= CAP  # still high repetitions in base


def test_a_band_assisted_pull_up_one_rep_past_its_cap() -> None:
    assert CAP is not None
    at = rx(LIB, "band_assisted_pull_up", "circuit", sets=3, reps=CAP, rest_s=30, rpe=7)
    assert findings("E-CIRCUIT-DOSE", plan([session(MON, [at], fmt="circuit")])) == []
    over = dataclasses.replace(at, reps=CAP + 1)
    msgs = findings("E-CIRCUIT-DOSE", plan([session(MON, [over], fmt="circuit")]))
    assert len(msgs) == 1 and "band_assisted_pull_up" in msgs[0] and str(CAP) in msgs[0]
    # the cap is the circuit's: as a heavy station the same reps are another rule's business
    heavy = dataclasses.replace(over, block="strength")
    assert findings("E-CIRCUIT-DOSE", plan([session(MON, [heavy])])) == []


def test_the_station_dose_takes_the_exercise_cap() -> None:
    assert station_dose(DOSE, 3, 20, "band_assisted_pull_up", None, CAP) == (3, CAP)
    assert station_dose(DOSE, 2, 12, "band_assisted_pull_up", (2, 12), CAP) == (2, min(12, CAP or 12))
    assert station_dose(DOSE, 3, 20, "goblet_squat_db", None, None) == (3, 20)


def test_planned_circuits_keep_band_assisted_pull_ups_to_their_cap() -> None:
    raw = tomllib.loads((ROOT / "tests/stress_profiles/doubles_three_a_day.toml").read_text())
    p = plan_athlete(parse_profile(raw))
    pulls = [x for s in p.sessions for x in s.exercises if x.block == "circuit" and x.id == "band_assisted_pull_up"]
    assert pulls and all(x.reps == CAP for x in pulls if x.sets == 3)
    assert findings("E-CIRCUIT-DOSE", p) == []

"""One-sided circuit stations and variants of one movement at their limits (rules E-CIRCUIT-DOSE,
E-ONE-VARIANT, S4-HIGH-REPS): a plan just past each limit is reported, one just within is not; and the
planner keeps them on real profiles."""

from __future__ import annotations

import datetime as dt

from stridelift.domain.families import families
from stridelift.domain.plan import Prescription
from stridelift.domain.progression import leg_reps, station_dose
from tests.unit.test_checks_dose import DOSE, circuit, station
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

MOST = int(DOSE["max_leg_reps"])
ONE = RULES["E-ONE-VARIANT"].params


def test_one_sided_stations_take_their_share_of_the_reps() -> None:
    share = float(DOSE["per_side_share"])
    assert station_dose(DOSE, 3, 20, "single_leg_glute_bridge", None, per_side=True) == (3, round(20 * share))
    assert station_dose(DOSE, 3, 20, "glute_bridge", None, per_side=False) == (3, 20)
    # a novice's first circuit: its ramp step, then the side's share
    assert station_dose(DOSE, 3, 20, "single_leg_glute_bridge", (2, 12), per_side=True) == (2, round(12 * share))


def test_a_circuits_leg_reps_count_each_leg() -> None:
    # four two-legged stations at 3x20 (240) and one per-leg station: 3x10 per leg is 60 more (300)
    both = [station(i, 3, 20) for i in ("bodyweight_squat", "bent_knee_calf_raise", "tibialis_raise", "back_extension")]
    within = [*both, station("single_leg_glute_bridge", 3, 10)]
    assert leg_reps(circuit(MON, within).sessions[0]) == MOST
    assert not [m for m in findings("E-CIRCUIT-DOSE", circuit(MON, within)) if "leg reps" in m]
    past = [*both, station("single_leg_glute_bridge", 3, 11)]  # 66 on the legs: 306
    msgs = [m for m in findings("E-CIRCUIT-DOSE", circuit(MON, past)) if "leg reps" in m]
    assert len(msgs) == 1 and "306" in msgs[0]
    # 3x20 per leg, the old dose: the seed's 20 on each leg is 120 leg reps for one station
    old = [*both, station("single_leg_glute_bridge", 3, 20)]
    assert [m for m in findings("E-CIRCUIT-DOSE", circuit(MON, old)) if "leg reps" in m]


def test_high_reps_count_a_one_sided_station_on_both_sides() -> None:
    low = int(RULES["S4-HIGH-REPS"].params["min_reps"])
    half = (low + 1) // 2
    assert findings("S4-HIGH-REPS", circuit(MON, [station("single_leg_glute_bridge", 3, half)])) == []
    assert len(findings("S4-HIGH-REPS", circuit(MON, [station("single_leg_glute_bridge", 3, half - 1)]))) == 1
    # a two-legged station still needs its own 12
    assert len(findings("S4-HIGH-REPS", circuit(MON, [station("bodyweight_squat", 3, low - 1)]))) == 1


def test_families_join_library_linked_variants_and_named_patterns() -> None:
    fam = families(LIB, ONE["one_movement_patterns"])
    assert fam["single_leg_rdl"] == fam["db_single_leg_rdl"]
    assert fam["single_leg_glute_bridge"] == fam["single_leg_hip_thrust"]
    assert fam["single_leg_calf_raise"] == fam["single_leg_bent_knee_calf_raise"]  # calf raises: one movement
    assert fam["single_leg_rdl"] != fam["single_leg_glute_bridge"]


def test_no_two_variants_of_one_movement_in_a_session() -> None:
    def circ(ids: list[str]) -> list[str]:
        return findings("E-ONE-VARIANT", circuit(MON, [station(i, 3, 10) for i in ids]))

    assert circ(["single_leg_rdl", "single_leg_glute_bridge", "single_leg_calf_raise"]) == []
    assert len(circ(["single_leg_rdl", "db_single_leg_rdl"])) == 1
    assert len(circ(["single_leg_bent_knee_calf_raise", "single_leg_calf_raise"])) == 1
    assert len(circ(["single_leg_hip_thrust", "single_leg_glute_bridge"])) == 1
    # across blocks it names (a strength lift and a circuit station or core exercise of one movement: the
    # core block since the coach's review of core blocks with a clamshell and a fire hydrant), not the warm-up
    lift = rx(LIB, "db_single_leg_rdl", "strength", sets=3, reps=8, rpe=7)
    warm: Prescription = rx(LIB, "single_leg_rdl", "warmup", sets=1, reps=10)
    day = MON + dt.timedelta(days=2)
    assert findings("E-ONE-VARIANT", plan([session(day, [lift, warm])])) == []
    core: Prescription = rx(LIB, "single_leg_rdl", "core", sets=1, reps=10)
    assert len(findings("E-ONE-VARIANT", plan([session(day, [lift, core])]))) == 1
    two = [lift, rx(LIB, "single_leg_rdl", "strength", sets=3, reps=8, rpe=7)]
    assert len(findings("E-ONE-VARIANT", plan([session(day, two)]))) == 1


def test_a_heavy_day_leaves_out_a_station_rather_than_repeat_a_movement() -> None:
    """A bench-only intermediate runner's maintenance day (flaring hip flexor and knee, two 5k races) had a
    single-leg hip thrust and a single-leg glute bridge as its two lifts (property test): with no other lift
    for the second station, it is left out."""
    from stridelift.catalog import load_library, load_rules, load_templates
    from stridelift.domain.checker import check_plan, hard_violations
    from stridelift.profile import parse_profile
    from stridelift.services.planning import plan_athlete

    raw = {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "north"},
        "equipment": {"available": ["bench"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 17, "days": ["tue"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "wed", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "fri", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sat", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sun", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "sun", "type": "easy", "minutes": 30, "slot": "pm"},
            ]
        },
        "races": [
            {"date": "2026-01-05", "distance": "5k", "priority": "A"},
            {"date": "2026-01-24", "distance": "5k", "priority": "C"},
        ],
        "injuries": [{"area": "hip_flexor", "status": "flaring"}, {"area": "knee", "status": "flaring"}],
        "plan": {"start": "2026-01-05", "end": "2026-01-25"},
    }
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert [f.message for f in hard_violations(findings) if f.rule == "E-ONE-VARIANT"] == []

"""I-HIP-FLEXOR and split-stance lunges: a Bulgarian (rear-foot-elevated) split squat is the couch stretch
under load for the rear leg, and a lunge's bottom is the half-kneeling hip-flexor stretch, so the library
tags them as loading the hip flexor; lateral lunges and step-ups are not. With hip flexors flaring the
checker reports one in any block, and the planner stands in step-ups and single-leg squats so heavy
sessions and circuits keep their shape."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx, check_plan, hard_violations
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, Session
from stridelift.profile import load_profile, parse_profile
from stridelift.services import plan_athlete
from tests.conftest import BASE_PROFILE

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
RULES = load_rules()
SPLIT_STANCE = (
    "bulgarian_split_squat",
    "db_bulgarian_split_squat",
    "barbell_bulgarian_split_squat",
    "split_squat",
    "dumbbell_lunge",
    "reverse_lunge",
    "db_reverse_lunge",
    "walking_lunge",
    "db_walking_lunge",
    "three_plane_lunge",
    "split_squat_jump",
)


@pytest.mark.parametrize("ex_id", SPLIT_STANCE)
def test_split_stance_lunges_load_the_hip_flexor(ex_id: str) -> None:
    ex = LIB.get(ex_id)
    assert "hip_flexor" in ex.loads and "hip_flexors" in ex.muscles


def test_lunges_without_rear_hip_extension_do_not() -> None:
    for ex_id in ("lateral_lunge", "box_step_up", "db_step_up", "lateral_step_up", "skater_squat", "goblet_squat_db"):
        assert "hip_flexor" not in LIB.get(ex_id).loads, ex_id


def _rx(ex_id: str) -> Prescription:
    ex = LIB.get(ex_id)
    return Prescription(
        ex.id, ex.name, "strength", 0, ex.region, None, ex.muscles, ex.equipment, ex.balance, ex.unilateral,
        ex.planes, 3, 8, None, 150, Intensity(rpe=7.0),
    )  # fmt: skip


def _findings(ex_id: str, status: str) -> list[str]:
    athlete = load_profile(ROOT / "examples" / "hip_flexor_flaring.toml")
    athlete = dataclasses.replace(
        athlete, injuries=tuple(dataclasses.replace(i, status=status) for i in athlete.injuries)
    )
    day = athlete.start + dt.timedelta(days=2)
    s = Session(day, "pm", "offseason_strength", "straight_sets", 45, (), (_rx(ex_id),), title="Strength B")
    ph = [Phase("offseason_strength", athlete.start, athlete.end, "focus")]
    p = Plan("T", "intermediate", "north", athlete.start, athlete.end, ph, [], [s], [])
    rule = RULES["I-HIP-FLEXOR"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, load_templates(), athlete))]


def test_a_bulgarian_split_squat_is_reported_while_the_hip_flexors_flare_or_recover() -> None:
    assert _findings("db_bulgarian_split_squat", "flaring")
    assert _findings("db_bulgarian_split_squat", "recovering")
    assert not _findings("db_bulgarian_split_squat", "history")  # the injury's data: history excludes nothing
    assert not _findings("db_step_up", "flaring")  # the stand-in


def test_the_hip_flexor_example_keeps_its_single_leg_lift_without_split_squats() -> None:
    athlete = load_profile(ROOT / "examples" / "hip_flexor_flaring.toml")
    plan = plan_athlete(athlete)
    findings, _ = check_plan(plan, rules=RULES, library=LIB, templates=load_templates(), athlete=athlete)
    assert not [f for f in hard_violations(findings) if f.rule == "I-HIP-FLEXOR"]
    b = [s for s in plan.sessions if "hinge and single leg" in s.title]
    assert b
    for s in b:
        lower = [LIB.get(p.id) for p in s.exercises if p.block == "strength" and p.region == "lower"]
        assert any(e.unilateral and e.pattern in ("step", "squat", "lunge") for e in lower), s.date
        assert not [e.id for e in lower if "hip_flexor" in e.loads]


def test_circuits_keep_five_lower_stations_with_hip_flexors_flaring() -> None:
    raw = copy.deepcopy(BASE_PROFILE)
    raw["injuries"] = [{"area": "hip_flexor", "status": "flaring"}]
    raw["plan"] = {"start": "2027-03-01", "end": "2027-05-30"}
    raw["races"] = [{"date": "2027-05-23", "distance": "half", "priority": "A"}]
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    circuits = [s for s in plan.sessions if s.format == "circuit"]
    assert circuits
    for s in circuits:
        stations = [p for p in s.exercises if p.block == "circuit"]
        assert sum(p.region == "lower" for p in stations) == 5 and sum(p.region == "upper" for p in stations) == 3
        assert not [p.id for p in s.exercises if "hip_flexor" in LIB.get(p.id).loads], s.date

"""What a physio would keep out, by the library's honest tags and the injuries' `exclude_tags` (coach
review r0 #10): an inchworm, a hamstring stretch or a leg swing (the hamstring stretched to its end range)
while a hamstring flares; long-lever core the lumbar spine has to hold (leg raises, flutter kicks,
bicycles, supermans, prone scissors) for a low back at any stage, history included, with dead bugs, bird
dogs and side planks in their place; a walking knee hug (the hip pulled to the end of its flexion) while
the hip flexors flare. The checker reports a tagged exercise in any block."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.athlete import Injury
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, Session
from stridelift.profile import load_profile
from stridelift.services import plan_athlete

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
RULES = load_rules()
TEMPLATES = load_templates()
BLOCKS = ("warmup", "core", "circuit", "strength", "mobility")
# (area, status, tagged exercise, tag, stand-in that must pass, the rule that judges it)
CASES = [
    ("hamstring", "flaring", "inchworm", "hamstring_stretch", "cat_camel", "I-OTHER"),
    ("hamstring", "flaring", "supine_hamstring_stretch", "hamstring_stretch", "figure_four_stretch", "I-OTHER"),
    ("low_back", "history", "lying_leg_raise", "long_lever_lumbar", "dead_bug", "I-OTHER"),
    ("low_back", "history", "flutter_kick", "long_lever_lumbar", "dead_bug", "I-OTHER"),
    ("low_back", "history", "bicycle_crunch", "long_lever_lumbar", "side_plank", "I-OTHER"),
    ("low_back", "history", "superman_crisscross", "long_lever_lumbar", "bird_dog", "I-OTHER"),
    ("hip_flexor", "flaring", "walking_knee_hug", "end_range_hip_flexion", "leg_swing_side", "I-HIP-FLEXOR"),
]


def _findings(area: str, status: str, ex_id: str, block: str, day_offset: int = 2) -> list[str]:
    athlete = load_profile(ROOT / "examples" / "hip_flexor_flaring.toml")
    athlete = dataclasses.replace(athlete, injuries=(Injury(area, status),))  # type: ignore[arg-type]
    ex = LIB.get(ex_id)
    rx = Prescription(
        ex.id, ex.name, block, 1, ex.region, None, ex.muscles, ex.equipment, ex.balance, ex.unilateral,
        ex.planes, 1, 8, None, 30, Intensity(),
    )  # fmt: skip
    day = athlete.start + dt.timedelta(days=day_offset)
    s = Session(day, "pm", "offseason_strength", "core_balance", 30, (), (rx,), title="Core")
    ph = [Phase("offseason_strength", athlete.start, athlete.end, "focus")]
    p = Plan("T", "intermediate", "north", athlete.start, athlete.end, ph, [], [s], [])
    rule = RULES["I-HIP-FLEXOR" if area == "hip_flexor" else "I-OTHER"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, athlete)) if "covered" not in m]


@pytest.mark.parametrize(("area", "status", "ex_id", "tag", "stand_in", "rule"), CASES)
def test_a_tagged_exercise_is_reported_in_every_block_and_its_stand_in_is_not(
    area: str, status: str, ex_id: str, tag: str, stand_in: str, rule: str
) -> None:
    assert tag in LIB.get(ex_id).tags
    assert tag in TEMPLATES.injuries[area].by_status[status].exclude_tags
    assert TEMPLATES.injuries[area].rule == rule
    for block in BLOCKS:
        assert any(tag.replace("_", " ") in m for m in _findings(area, status, ex_id, block)), (ex_id, block)
    assert tag not in LIB.get(stand_in).tags
    assert not _findings(area, status, stand_in, "core")


def test_the_hamstring_stretch_comes_back_the_day_the_flare_stage_ends() -> None:
    weeks = TEMPLATES.injuries["hamstring"].by_status["flaring"].progress_weeks
    assert weeks is not None
    last_flaring, first_recovering = 7 * weeks - 1, 7 * weeks
    assert _findings("hamstring", "flaring", "inchworm", "warmup", last_flaring)  # just past the limit
    assert not _findings("hamstring", "flaring", "inchworm", "warmup", first_recovering)  # just within


@pytest.mark.parametrize(
    ("profile", "tag"),
    [
        ("tests/stress_profiles/b2b_ultra_hamstring.toml", "long_lever_lumbar"),
        ("tests/stress_profiles/novice_half_bands_mat.toml", "long_lever_lumbar"),
        ("examples/hip_flexor_flaring.toml", "end_range_hip_flexion"),
    ],
)
def test_the_planner_leaves_the_tagged_exercises_out(profile: str, tag: str) -> None:
    athlete = load_profile(ROOT / profile)
    plan = plan_athlete(athlete)
    bad = [(s.date, p.id) for s in plan.sessions for p in s.exercises if tag in LIB.get(p.id).tags]
    assert not bad


def test_no_inchworm_while_the_hamstring_flares() -> None:
    athlete = load_profile(ROOT / "tests/stress_profiles/b2b_ultra_hamstring.toml")
    plan = plan_athlete(athlete)
    end = athlete.start + dt.timedelta(weeks=2)
    early = [(s.date, p.id) for s in plan.sessions if s.date < end for p in s.exercises]
    assert early and not [d for d, i in early if "hamstring_stretch" in LIB.get(i).tags]

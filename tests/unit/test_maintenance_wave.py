"""Maintenance changes every few weeks (rule E-MAINTENANCE-WAVE): coach review, southern_long_plan's base
held the same split squat, Romanian deadlift, step-up and calf raise at 2x5 / 1x6 / 1x8 at RPE 8 for 14
weeks. The checker at its limit (six weeks of one dose), the wave's steps, and the planner on the plans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.maintenance_wave import maintenance_step
from stridelift.domain.plan import Intensity, Plan, Prescription
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_prescription import LIB, MON, RULES, TEMPLATES, plan, rx, session

RULE = RULES["E-MAINTENANCE-WAVE"]
MOST = int(RULE.params["max_days"])
GAP = int(RULE.params["gap_days"])
ROOT = Path(__file__).resolve().parents[2]


def found(p: Plan) -> list[str]:
    return [m for m, _ in CHECKS[RULE.check](RULE, Ctx(p, RULES, LIB, TEMPLATES, None))]


def weeks(days: list[int], lifts: dict[int, Prescription] | None = None) -> Plan:
    base = rx(LIB, "db_romanian_deadlift", sets=2, reps=5, rpe=8)
    return plan(
        [
            session(MON + dt.timedelta(days=d), [(lifts or {}).get(d, base)], fmt="maintenance", phase="base")
            for d in days
        ],
        phase="base",
        weeks=20,
    )


@pytest.mark.parametrize(("last", "reported"), [(MOST, False), (MOST + 7, True)])
def test_one_dose_for_six_weeks_at_most(last: int, reported: bool) -> None:
    assert MOST == 42
    p = weeks(list(range(0, last + 1, 7)))
    msgs = found(p)
    assert bool(msgs) is reported
    if reported:
        assert msgs == [
            f"db_romanian_deadlift: 2x5 at RPE 8 in every maintenance session from {MON} to "
            f"{MON + dt.timedelta(days=last)} (7 weeks; it changes within 6)"
        ]


def test_a_change_or_a_gap_starts_a_new_run() -> None:
    heavier = rx(LIB, "db_romanian_deadlift", sets=2, reps=4, rpe=8)
    assert found(weeks(list(range(0, 71, 7)), {28: heavier})) == []
    # an effort wave counts as a change too
    lighter = dataclasses.replace(heavier, reps=5, intensity=Intensity(rpe=7.5))
    assert found(weeks(list(range(0, 71, 7)), {35: lighter})) == []
    # weeks apart (a race's taper and recovery between): two stretches, each within
    assert found(weeks([0, 7, 14, 21, 28, 28 + GAP + 1, 35 + GAP + 1, 42 + GAP + 1])) == []
    assert found(weeks([0, 7, 14, 21, 28, 28 + GAP, 35 + GAP, 42 + GAP])) != []


def test_a_dose_another_rule_holds_is_left_to_it() -> None:
    nordic = rx(LIB, "nordic_hamstring_curl", sets=1, reps=5, rpe=7)
    days = list(range(0, 71, 7))
    assert "nordic_hamstring_curl" in RULES[RULE.params["held_by"][0]].params["ids"]
    assert found(weeks(days, dict.fromkeys(days, nordic))) == []


def test_the_wave_steps_every_three_weeks_in_long_stretches_only() -> None:
    m = RULES["E-IN-SEASON"].params
    steps = [maintenance_step(m, "base", w) for w in range(9)]
    assert steps == [(0, 0.0)] * 3 + [(-1, 0.0)] * 3 + [(1, -0.5)] * 3
    assert maintenance_step(m, "base", 9) == (0, 0.0)
    assert maintenance_step(m, "in_season", 4) == (-1, 0.0)
    # a taper and a peak hold one dose: nothing new before a race
    assert maintenance_step(m, "taper", 4) == maintenance_step(m, "peak", 4) == (0, 0.0)
    # every step stays within the runner's effort cap (E-RUNNER-RIR)
    assert all(float(m["rpe"]) + e <= float(RULES["E-RUNNER-RIR"].params["max_rpe"]) for _, e in m["wave"])


@pytest.mark.parametrize(
    "name",
    [
        "tests/stress_profiles/southern_long_plan.toml",
        "tests/stress_profiles/b2b_ultra_hamstring.toml",
        "tests/stress_profiles/masters_shin_2days.toml",
    ],
)
def test_the_planner_waves_maintenance(name: str) -> None:
    raw = tomllib.loads((ROOT / name).read_text())
    athlete = parse_profile(raw)
    p = plan_athlete(athlete)
    assert [m for m, _ in CHECKS[RULE.check](RULE, Ctx(p, RULES, LIB, TEMPLATES, athlete))] == []
    doses = {
        (x.reps, x.intensity.rpe)
        for s in p.sessions
        if s.format == "maintenance" and s.phase == "base"
        for x in s.exercises
        if x.block == "strength" and x.id not in RULES["E-NORDIC-DOSE"].params["ids"]
    }
    assert len(doses) >= 3, doses

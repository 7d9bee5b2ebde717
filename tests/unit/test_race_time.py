"""R-RACE-MINUTES: a race's minutes from its distance and the runner's experience (coach review: every
marathon was 253 minutes, every half 127 and every 10 km 60, novice or advanced)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan
from stridelift.domain.race_time import race_minutes
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
P = load_rules()["R-RACE-MINUTES"].params


def test_race_minutes_by_distance_and_experience() -> None:
    assert [race_minutes(10, x, P) for x in ("novice", "intermediate", "advanced")] == [65, 55, 45]
    assert [race_minutes(42.195, x, P) for x in ("novice", "intermediate", "advanced")] == [299, 253, 207]
    assert [race_minutes(21.0975, x, P) for x in ("novice", "intermediate", "advanced")] == [143, 121, 99]
    assert race_minutes(5, "advanced", P) == 22
    assert race_minutes(80, "intermediate", P) > race_minutes(42.195, "intermediate", P) * 80 / 42.195


def test_the_advanced_10k_runner_races_45_minutes_and_the_check_reads_it() -> None:
    result = plan_profile(ROOT / "examples" / "southern_10k.toml")
    plan = result.plan
    races = [(i, r) for i, r in enumerate(plan.runs) if r.type == "race"]
    assert races and not [f for f in result.findings if f.rule == "R-RACE-MINUTES"]
    i, r = next((i, r) for i, r in races if r.distance_km == 10)
    assert r.minutes == 45  # was 60
    for minutes, found in ((49, False), (50, True), (41, False), (40, True)):  # within 10% of 45
        runs = list(plan.runs)
        runs[i] = dataclasses.replace(r, minutes=minutes)
        findings, _ = check_plan(
            dataclasses.replace(plan, runs=runs),
            rules=load_rules(),
            library=load_library(),
            templates=load_templates(),
            athlete=result.athlete,
        )
        assert bool([f for f in findings if f.rule == "R-RACE-MINUTES"]) is found, minutes

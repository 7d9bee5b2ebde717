"""Profiles the random property test (tests/property/test_random_profiles.py) drew that planned with hard
violations, written out: each plans with none now. The comment on each says what went wrong."""

from __future__ import annotations

from typing import Any

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete


def _week(*runs: tuple[str, str, int, str]) -> list[dict[str, Any]]:
    return [{"day": d, "type": t, "minutes": m, "slot": s} for d, t, m, s in runs]


CASES: dict[str, dict[str, Any]] = {
    # I-STAGED: the plan starts on a Sunday, so its first week held one run and every full week after it
    # seemed to build; the plantar fascia's recovering stage (9 weeks) outlasts the 8-week plan
    "sunday_start_plantar_recovering": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["sat"]},
        "running": {
            "week": _week(
                ("mon", "rest", 144, "pm"),
                ("tue", "long", 138, "am"),
                ("wed", "hills", 40, "am"),
                ("thu", "hills", 180, "am"),
                ("fri", "easy", 92, "pm"),
                ("sat", "hills", 117, "am"),
                ("sun", "tempo", 163, "pm"),
            )
        },
        "races": [],
        "injuries": [{"area": "hip_flexor", "status": "flaring"}, {"area": "plantar_fascia", "status": "recovering"}],
        "plan": {"start": "2027-07-18", "end": "2027-09-10"},
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_property_case_plans_without_hard_violations(name: str) -> None:
    athlete = parse_profile(CASES[name])
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert [f"{f.rule} {f.date} {f.message}" for f in hard_violations(findings)] == []

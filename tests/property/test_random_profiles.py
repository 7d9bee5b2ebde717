"""Random valid profiles always give plans with zero unexplained hard violations."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridelift.domain.checker import hard_violations
from stridelift.domain.planner import EmptyRunningWeek
from stridelift.domain.vocab import EQUIPMENT, INJURY_AREAS, WEEKDAYS
from stridelift.exporters.plan_json import plan_from_dict, plan_to_dict
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete

RUN_TYPES = ["rest", "easy", "easy", "long", "tempo", "interval", "hills"]


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    start = dt.date(2026, 1, 5) + dt.timedelta(days=draw(st.integers(0, 900)))
    weeks = draw(st.integers(1, 52))
    end = start + dt.timedelta(days=weeks * 7 - 1 + draw(st.integers(0, 6)))
    week = []
    for day in WEEKDAYS:
        t = draw(st.sampled_from(RUN_TYPES))
        week.append(
            {"day": day, "type": t, "minutes": draw(st.integers(20, 180)), "slot": draw(st.sampled_from(["am", "pm"]))}
        )
        if t != "rest" and draw(st.integers(0, 9)) == 0:
            other = "pm" if week[-1]["slot"] == "am" else "am"
            week.append({"day": day, "type": "easy", "minutes": 30, "slot": other})
    n_races = draw(st.integers(0, 4))
    race_days = sorted(set(draw(st.lists(st.integers(0, (end - start).days), min_size=n_races, max_size=n_races))))
    races = [
        {
            "date": (start + dt.timedelta(days=d)).isoformat(),
            "distance": draw(st.sampled_from(["5k", "10k", "half", "marathon", "ultra", 15, 60])),
            "priority": draw(st.sampled_from(["A", "B", "C"])),
        }
        for d in race_days
    ]
    injuries = [
        {"area": a, "status": draw(st.sampled_from(["flaring", "recovering", "history"]))}
        for a in draw(st.lists(st.sampled_from(INJURY_AREAS), max_size=2, unique=True))
    ]
    return {
        "athlete": {
            "name": "R",
            "experience": draw(st.sampled_from(["novice", "intermediate", "advanced"])),
            "hemisphere": draw(st.sampled_from(["north", "south"])),
        },
        "equipment": {
            "available": draw(st.lists(st.sampled_from([e for e in EQUIPMENT if e != "bodyweight"]), unique=True))
        },
        "availability": {
            "sessions_per_week_max": draw(st.integers(1, 5)),
            "minutes_per_session": draw(st.integers(15, 90)),
            "days": draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True)),
        },
        "running": {"week": week},
        "races": races,
        "injuries": injuries,
        "plan": {"start": start.isoformat(), "end": end.isoformat()},
    }


@settings(
    max_examples=int(os.environ.get("STRIDELIFT_PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(profiles())
def test_random_profiles_plan_without_hard_violations(raw: dict[str, Any]) -> None:
    from stridelift.catalog import load_library, load_rules, load_templates
    from stridelift.domain.checker import check_plan

    athlete = parse_profile(raw)
    if not any(r.type != "rest" for r in athlete.running_week):
        with pytest.raises(EmptyRunningWeek, match="no runs"):
            plan_athlete(athlete)
        return
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    hard = hard_violations(findings)
    assert hard == [], [f"{f.rule} {f.date} {f.message}" for f in hard]
    # every explained finding is explained by a warning the runner sees (of its rule, or of a rule its data
    # names as explaining it)
    rules = load_rules()
    for f in findings:
        if f.explained:
            why = {f.rule, *rules[f.rule].params.get("excused_by", ())}
            assert any(w.rule in why or w.code == "WEEK_WITHOUT_SESSION" for w in plan.warnings)
    # the JSON round trip keeps the checker's verdict
    again, _ = check_plan(
        plan_from_dict(plan_to_dict(plan)),
        rules=load_rules(),
        library=load_library(),
        templates=load_templates(),
        athlete=athlete,
    )
    assert hard_violations(again) == []

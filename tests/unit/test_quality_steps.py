"""Tempo before intervals after a race (rule R-QUALITY-STEPS): the checker at its limit on hand-made runs,
and the planner on the runner whose A half is ten days away (intervals nine days after it before)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from stridelift.domain.checker import hard_violations
from stridelift.domain.plan import Plan, RunEntry
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete, plan_profile
from tests.unit.test_checks_prescription import findings, plan
from tests.unit.test_periodization_golden import profile

ROOT = Path(__file__).resolve().parents[2]
HALF_10_DAYS = dt.date(2026, 12, 6)  # examples/race_in_10_days.toml's A half
HALF = dt.date(2027, 1, 10)  # a Sunday A half: 7 days' recovery, then 80% and 90% weeks


def runs_after(day: dt.date, kind: str) -> Plan:
    race = RunEntry(HALF, "race", 100, "am", race_priority="A", distance_km=21.1)
    return dataclasses.replace(plan([]), runs=[race, RunEntry(day, kind, 30, "am")])


def test_no_intervals_while_the_return_holds_quality_at_80_percent() -> None:
    week1 = HALF + dt.timedelta(days=9)  # the first week after the 7 days' recovery: 80%
    week2 = HALF + dt.timedelta(days=15)  # the second: 90%
    msgs = findings("R-QUALITY-STEPS", runs_after(week1, "interval"))
    assert msgs == ["interval run in the return after a race (quality at 80%): tempo or strides first"]
    assert findings("R-QUALITY-STEPS", runs_after(week1, "tempo")) == []
    assert findings("R-QUALITY-STEPS", runs_after(week2, "interval")) == []
    assert findings("R-QUALITY-STEPS", runs_after(HALF + dt.timedelta(days=14), "interval"))  # last day at 80%


def test_the_half_marathoner_runs_tempo_before_intervals() -> None:
    result = plan_profile(ROOT / "examples" / "race_in_10_days.toml")
    assert not [f for f in hard_violations(result.findings) if f.rule in ("R-QUALITY-STEPS", "R-RETURN-AFTER-RACE")]
    tue = next(r for r in result.plan.runs if r.date == dt.date(2026, 12, 15))
    # day 9 after the A half is inside its ten days labelled recovery (E-RECOVERY): easy, as the label
    # says (R-PHASE-LABEL; it was a tempo run before intervals), and no intervals follow in the plan
    assert tue.type == "easy" and "quality come back after it" in tue.note
    assert not [r for r in result.plan.runs if r.date > HALF_10_DAYS and r.type == "interval"]


def test_intervals_come_back_three_weeks_after_a_marathons_recovery() -> None:
    race = dt.date(2027, 4, 18)
    later = {"date": "2027-06-13", "distance": "10k", "priority": "B"}  # so the weeks after are not base
    raw = profile(
        "2027-03-01", "2027-06-20", [{"date": race.isoformat(), "distance": "marathon", "priority": "A"}, later]
    )
    runs = plan_athlete(parse_profile(raw)).runs
    back = race + dt.timedelta(days=14)  # the marathon's recovery
    tempo = [r for r in runs if "before intervals" in r.note]
    assert tempo and all(r.type == "tempo" and back < r.date <= back + dt.timedelta(days=21) for r in tempo)
    first = min(r.date for r in runs if r.date > race and r.type == "interval")
    assert back + dt.timedelta(days=21) < first <= back + dt.timedelta(days=28)

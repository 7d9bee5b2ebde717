"""Leg strength through a season of B and C races (rule E-LEGS-GAP, coach review of issue 6): the southern
college 5k runner went 23 days without it between a C and a B race, and had no preseason build."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from stridelift.domain.plan import Prescription, RunEntry
from stridelift.services import plan_profile
from stridelift.services.planning import PlanResult
from tests.unit.test_checks_prescription import LIB, MON, findings, plan, rx, session

ROOT = Path(__file__).parents[2]
DAY = dt.timedelta(days=1)


def squat() -> Prescription:
    return rx(LIB, "barbell_back_squat", sets=2, reps=5, rpe=8.0, warmup_sets=2)


def gap(days: int, races: list[tuple[int, str, float]]) -> list[str]:
    p = plan([session(MON, [squat()], "maintenance"), session(MON + days * DAY, [squat()], "maintenance")], weeks=6)
    p.runs = [RunEntry(MON + d * DAY, "race", 30, "am", prio, distance_km=km) for d, prio, km in races]
    return findings("E-LEGS-GAP", p)


def test_at_most_fourteen_days_without_leg_strength_when_free_days_lay_between() -> None:
    assert gap(14, []) == []
    assert gap(15, []) == [
        "no lower-body strength session from 2027-01-04 to 2027-01-19 (15 days, at most 14) "
        "though days outside the races' buffers and recoveries lay between"
    ]
    # the college runner's February: a C 5k on day 4 and a B 5k on day 18, free days 8-10 between them
    assert len(gap(23, [(4, "C", 5.0), (18, "B", 5.0)])) == 1
    # an A race's taper and recovery excuse the gap
    assert gap(23, [(12, "A", 5.0)]) == []
    # a B half's buffer (7 days) and its recovery (4 days, half an A race's: E-RACE-RECOVERY) leave days 1-2 and
    # 15-19 free: sessions on days 1 and 15 keep both parts within 14
    assert len(gap(20, [(10, "B", 21.1)])) == 1
    # an A half's recovery (7 days) leaves no day that would keep both parts within 14
    assert gap(20, [(10, "A", 21.1)]) == []


@lru_cache(maxsize=1)
def college() -> PlanResult:
    return plan_profile(ROOT / "tests/stress_profiles/southern_college_5k.toml")


def test_the_college_runner_builds_before_the_season_and_lifts_between_its_races() -> None:
    result = college()
    phases = [(p.name, p.start, p.end) for p in result.plan.phases]
    # four weeks of build before the season's first race (the A 5k's build fell among the races)
    assert ("build", dt.date(2027, 1, 14), dt.date(2027, 2, 10)) in phases
    # the days between the C race's recovery and the B race's race week are in season: the runs there are
    # the usual week (tempo 50, long 80), so "taper" would be a label that lies (R-PHASE-LABEL)
    assert ("in_season", dt.date(2027, 2, 17), dt.date(2027, 2, 22)) in phases
    legs = sorted(s.date for s in result.plan.sessions if s.format in ("straight_sets", "maintenance"))
    assert dt.date(2027, 2, 18) in legs  # was 23 days from 9 Feb to 4 Mar without leg strength
    assert [f for f in result.findings if f.rule == "E-LEGS-GAP"] == []
    assert [f for f in result.findings if f.hard and not f.explained] == []

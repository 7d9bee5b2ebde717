"""E-RACE-RECOVERY by priority and R-B-RACE-RECOVERY: a B race, run as a hard training effort, gets half an
A race's recovery and a C race at most three days (coach review: ultra_doubles' B 50 km on 24 Apr was
followed by 21 days of 30-40 minute easy runs, leaving two build weeks before the A race)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan
from stridelift.domain.plan import Plan
from stridelift.domain.running import recovery_days
from stridelift.services import plan_profile

ROOT = Path(__file__).resolve().parents[2]
D = dt.date
REC = load_rules()["E-RACE-RECOVERY"].params


def test_recovery_scales_with_priority() -> None:
    assert [recovery_days(50, REC, p) for p in "ABC"] == [21, 11, 3]
    assert [recovery_days(42.195, REC, p) for p in "ABC"] == [14, 7, 3]
    assert [recovery_days(21.0975, REC, p) for p in "ABC"] == [7, 4, 3]
    assert [recovery_days(10, REC, p) for p in "ABC"] == [3, 3, 3]  # never under a short race's days
    assert [recovery_days(100, REC, p) for p in "ABC"] == [28, 14, 3]
    assert recovery_days(50, REC) == 21  # an A race when no priority is given


def _findings(plan: Plan, result_athlete: object) -> list[str]:
    findings, _ = check_plan(
        plan,
        rules=load_rules(),
        library=load_library(),
        templates=load_templates(),
        athlete=result_athlete,  # type: ignore[arg-type]
    )
    return [f.message for f in findings if f.rule == "R-B-RACE-RECOVERY"]


def test_the_b_50k_gets_eleven_days_and_the_long_run_comes_back() -> None:
    result = plan_profile(ROOT / "examples" / "ultra_doubles.toml")
    plan = result.plan
    race = D(2027, 4, 24)
    after = [r for r in plan.runs if race < r.date <= race + 21 * dt.timedelta(days=1)]
    assert not [r for r in after if r.date <= race + 11 * dt.timedelta(days=1) and r.type in ("long", "tempo", "hills")]
    longs = sorted(r.date for r in after if r.type == "long")
    assert longs and longs[0] <= D(2027, 5, 9)  # was 16 May: 21 days of easy runs
    assert not [f for f in result.findings if f.rule == "R-B-RACE-RECOVERY"]
    assert not [f for f in result.findings if f.hard and not f.explained]
    # just within: only the last long run of the days an A race's recovery would add (15 May) is kept
    last = D(2027, 5, 15)
    within = [
        dataclasses.replace(r, type="easy") if r in after and r.type == "long" and r.date != last else r
        for r in plan.runs
    ]
    assert not _findings(dataclasses.replace(plan, runs=within), result.athlete)
    # just past: none kept, the A race's 21 days of easy running again
    past = [dataclasses.replace(r, type="easy") if r in after and r.type == "long" else r for r in plan.runs]
    [msg] = _findings(dataclasses.replace(plan, runs=past), result.athlete)
    assert "2027-04-24" in msg and "day 12 to day 21" in msg


def test_a_long_b_race_in_a_longer_a_race_last_weeks_is_its_last_long_run() -> None:
    """R-B-TAPER `long_run_race`: a B race of 30 km or more 17-42 days before a longer A race of 30 km or more."""
    from stridelift.domain.b_long_run import served_a_race
    from stridelift.domain.checks_schedule import RaceInfo

    p = load_rules()["R-B-TAPER"].params["long_run_race"]
    a = RaceInfo(D(2027, 10, 3), "A", 80.0)
    for days, km, prio, served in (
        (28, 42.195, "B", True),
        (17, 42.195, "B", True),
        (16, 42.195, "B", False),  # inside the A race's taper: a mini-taper and a recovery as usual
        (43, 42.195, "B", False),
        (28, 21.1, "B", False),  # a half is a tune-up (R-RETURN-AFTER-RACE), not a long run
        (28, 42.195, "C", False),
    ):
        b = RaceInfo(a.date - days * dt.timedelta(days=1), prio, km)
        assert (served_a_race(b, [b, a], p) == a.date) is served, (days, km, prio)
    same = RaceInfo(D(2027, 9, 5), "B", 80.0)  # not shorter than the A race
    assert served_a_race(same, [same, a], p) is None

"""The usual week reached in steps after a capped stretch (R-RAMP-BACK) and the recovery after a race by
its distance, ultras included, with its first days rest or walking (E-RACE-RECOVERY): the checker at its
limits on hand-made runs, and the planner on the runners the coach's review found jumping back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from stridelift.catalog import load_library, load_templates
from stridelift.domain.athlete import RunDay
from stridelift.domain.checker import CHECKS, Ctx, check_plan, hard_violations
from stridelift.domain.plan import Plan
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete, plan_profile
from stridelift.services.planning import PlanResult
from tests.unit.test_checks_schedule import RULES, d, findings, plan, run
from tests.unit.test_periodization_golden import profile

ROOT = Path(__file__).resolve().parents[2]


USUAL = parse_profile(profile("2027-03-01", "2027-06-01", []))


def ramp(p: Plan, long_minutes: int = 90, easy: int = 60) -> list[str]:
    """R-RAMP-BACK's findings for a runner whose usual week is a long run and five easy runs."""
    week = (RunDay(6, "long", long_minutes), *(RunDay(k, "easy", easy) for k in range(5)))
    rule = RULES["R-RAMP-BACK"]
    ctx = Ctx(p, RULES, load_library(), load_templates(), dataclasses.replace(USUAL, running_week=week))
    return [m for m, _ in CHECKS[rule.check](rule, ctx)]


def weeks_of(long_minutes: int, easy: int = 60, weeks: int = 4) -> list:  # type: ignore[type-arg]
    """`weeks` full weeks from the plan's Monday, each a long run on Sunday and five easy runs."""
    out = []
    for w in range(weeks):
        out.append(run(7 * w + 6, "long", long_minutes))
        out.extend(run(7 * w + k, "easy", easy) for k in range(5))
    return out


# ----- R-RAMP-BACK: the long run and the week's minutes come back in steps --------------------------
def test_the_long_run_grows_15_minutes_a_week_after_a_capped_stretch() -> None:
    base = weeks_of(90)  # 90-minute long runs: the next week may hold 105
    ok = [*base, run(34, "long", 105)]
    assert ramp(plan(ok)) == []
    msgs = ramp(plan([*base, run(34, "long", 106)]))
    assert msgs == ["a 106-minute long run in the week of 2027-03-29: the weeks before allow 105"]


def test_a_long_run_past_150_minutes_grows_by_10_percent() -> None:
    base = weeks_of(200, easy=30)
    assert ramp(plan([*base, run(34, "long", 220)]), 200, 30) == []
    assert ramp(plan([*base, run(34, "long", 221)]), 200, 30)


def test_the_weeks_minutes_grow_by_10_percent() -> None:
    base = weeks_of(90)  # 390 minutes a week: the next may hold 429
    assert ramp(plan([*base, *(run(28 + k, "easy", 85) for k in range(5))])) == []
    over = [*base, *(run(28 + k, "easy", 85) for k in range(4)), run(32, "easy", 90)]
    assert ramp(plan(over)) == [
        "430 minutes of running in the week of 2027-03-29: the weeks before allow 429"
    ]


def test_a_race_is_the_longest_run_but_not_the_weeks_volume() -> None:
    base = weeks_of(90)
    after_race = [*base, run(27, "race", 253, km=42.2), run(34, "long", 150)]
    assert ramp(plan(after_race)) == []  # the race's own return limits apply
    race_week = [*base, *(run(28 + k, "easy", 70) for k in range(5)), run(34, "race", 600, km=100.0)]
    assert ramp(plan(race_week)) == []  # 350 minutes of running: the race not counted


def test_only_full_weeks_are_judged_and_stepped_from() -> None:
    """A plan starting on a Thursday: its first three days are no week to step from."""
    runs = [run(3, "easy", 20), run(6, "long", 200), *(r for r in weeks_of(90, weeks=2) if r.date >= d(7))]
    p = dataclasses.replace(plan(runs), start=d(3))
    assert ramp(p) == []
    assert ramp(dataclasses.replace(p, runs=[*runs, run(20, "long", 106)]))


def test_the_longest_of_six_weeks_is_the_reference() -> None:
    """A reduced week or two (race week, a short recovery) does not force a ramp back."""
    runs = [r for r in weeks_of(150, weeks=5) if not (d(21) <= r.date and r.type == "long")]  # two weeks without
    runs += [run(35 + k, "easy", 60) for k in range(5)]
    assert ramp(plan([*runs, run(41, "long", 165)]), 150) == []
    assert ramp(plan([*runs, run(41, "long", 166)]), 150)
    seven = [*weeks_of(90, weeks=7), run(1, "long", 200)]  # seven weeks back: out of reach
    assert ramp(plan([*seven, run(55, "long", 106)]))


def test_a_plan_starting_in_a_taper_steps_from_the_usual_week() -> None:
    """Before the plan the runner runs the profile's week: a first week cut to half is no ceiling."""
    taper = [run(6, "long", 45), *(run(k, "easy", 30) for k in range(5))]
    assert ramp(plan([*taper, *(r for r in weeks_of(90, weeks=2) if r.date >= d(7))])) == []
    assert ramp(plan([*taper, run(13, "long", 106)]))  # the usual 90 + 15 still caps the long run


def test_without_the_profile_the_ramp_is_not_checked() -> None:
    p = plan([*weeks_of(90), run(34, "long", 200)])
    findings_, skipped = check_plan(p, rules=RULES, library=load_library(), templates=load_templates())
    assert "R-RAMP-BACK: needs --profile" in skipped
    assert not [f for f in findings_ if f.rule == "R-RAMP-BACK"]


# ----- E-RACE-RECOVERY: longer after an ultra; the first days rest or walking ---------------------
@pytest.mark.parametrize(("km", "days"), [(100.0, 28), (80.0, 28), (79.9, 21), (50.0, 21), (45.0, 21), (44.9, 14)])
def test_an_ultra_recovers_longer_than_a_marathon(km: float, days: int) -> None:
    race = run(10, "race", km=km)
    assert findings("E-RACE-RECOVERY", plan([race, run(10 + days, "long", 60)]))
    assert not findings("E-RACE-RECOVERY", plan([race, run(11 + days, "long", 60)]))


@pytest.mark.parametrize(("km", "rest"), [(100.0, 5), (50.0, 4), (42.2, 3), (30.0, 3), (21.1, 1), (10.0, 0)])
def test_the_first_days_after_a_long_race_are_rest_or_walking(km: float, rest: int) -> None:
    race = run(10, "race", km=km)
    if rest:
        msgs = findings("E-RACE-RECOVERY", plan([race, run(10 + rest, "easy", 20)]))
        assert msgs == [f"a run {rest} days after the race on {d(10)}: rest or walk"]
    assert not findings("E-RACE-RECOVERY", plan([race, run(11 + rest, "easy", 20)]))


# ----- the planner: the review's runners -------------------------------------------------------------
def _weeks(runs: list, monday: dt.date) -> tuple[list[int], int]:  # type: ignore[type-arg]
    week = [r for r in runs if monday <= r.date < monday + dt.timedelta(days=7)]
    return [r.minutes for r in week if r.type == "long"], sum(r.minutes for r in week if r.type != "race")


def test_the_ultra_runner_builds_back_after_the_off_season() -> None:
    result = plan_profile(ROOT / "examples" / "ultra_doubles.toml")
    assert not [f for f in hard_violations(result.findings) if f.rule in ("R-RAMP-BACK", "E-RACE-RECOVERY")]
    runs = result.plan.runs
    last_capped, first_after = _weeks(runs, dt.date(2027, 2, 22)), _weeks(runs, dt.date(2027, 3, 1))
    # the B 50 km comes eight weeks after the block: its long run is kept at 80% of the usual 210 or more
    # (R-OFFSEASON-LONG: 170, the Sunday's 120 under it), then grows by a step of about 15 minutes
    cap = 5 * round(0.8 * 210 / 5)
    assert last_capped[0] == [cap, 120]
    assert max(first_after[0]) <= cap + 15 and first_after[1] <= last_capped[1] * 1.1
    assert any("building back: the long run" in r.note for r in runs if r.date == dt.date(2027, 3, 6))
    # the 50 km on Sat 24 Apr: four days without running, then easy only
    assert not [r for r in runs if dt.date(2027, 4, 25) <= r.date <= dt.date(2027, 4, 28)]
    assert [r.type for r in runs if r.date == dt.date(2027, 4, 29)] == ["easy"]


def test_the_100_km_runner_rests_five_days_and_recovers_four_weeks() -> None:
    race = dt.date(2027, 12, 11)  # a Saturday 100 km A race
    raw = profile("2027-09-06", "2028-01-30", [{"date": race.isoformat(), "distance": 100, "priority": "A"}])
    athlete = parse_profile(raw)
    result = PlanResult(athlete, plan_athlete(athlete), [])
    runs = result.plan.runs
    assert not [f for f in hard_violations(result.findings) if f.rule in ("R-RAMP-BACK", "E-RACE-RECOVERY")]
    assert not [r for r in runs if race < r.date <= race + dt.timedelta(days=5)]
    assert {r.type for r in runs if race + dt.timedelta(days=6) <= r.date <= race + dt.timedelta(days=28)} == {"easy"}
    assert any(r.type == "long" for r in runs if race + dt.timedelta(days=29) <= r.date <= race + dt.timedelta(days=35))

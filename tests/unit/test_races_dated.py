"""R-RACES-DATED: a race in the plan is one of the runner's dated races. The checker on hand-made plans
(a race run off the profile's race dates is reported, one on a race date is not; without a profile a
race with no priority is reported); the planner on a profile whose usual week holds a weekly race (it is
run as the rule's race-effort run type, reshaped by the phases, and the plan says so)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.athlete import Race
from stridelift.domain.checker import CHECKS, Ctx, check_plan, hard_violations
from stridelift.domain.plan import RunEntry
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_checks_schedule import d, plan, run

RULES = load_rules()
RULE = RULES["R-RACES-DATED"]
ROOT = Path(__file__).resolve().parents[2]
AS_TYPE = str(RULE.params["usual_race_as"])


def _athlete(race_days: list[int]):  # type: ignore[no-untyped-def]
    with (ROOT / "examples" / "southern_10k.toml").open("rb") as fh:
        athlete = parse_profile(tomllib.load(fh))
    return dataclasses.replace(athlete, races=tuple(Race(d(k), 10.0, "A", "") for k in race_days))


def findings(p, athlete=None) -> list[str]:  # type: ignore[no-untyped-def]
    ctx = Ctx(p, RULES, load_library(), load_templates(), athlete)
    return [m for m, _ in CHECKS[RULE.check](RULE, ctx)]


def test_a_race_run_off_the_profiles_race_dates_is_reported() -> None:
    athlete = _athlete([20])
    assert not findings(plan([run(20, "race", km=10)]), athlete)  # on the race date: within
    out = findings(plan([run(20, "race", km=10), run(13, "race", km=10)]), athlete)  # a week early: past
    assert out == [f"a race on {d(13)} that is none of the profile's races"]


def test_without_a_profile_a_race_needs_its_priority() -> None:
    assert not findings(plan([run(20, "race", km=10, prio="C")]))
    weekly = RunEntry(d(13), "race", 40, "am")  # as copied from a usual week: no priority, no distance
    assert findings(plan([weekly])) == [f"a race on {d(13)} without a priority: not one of the runner's dated races"]


def _weekly_race_profile() -> dict:  # type: ignore[type-arg]
    with (ROOT / "examples" / "southern_10k.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    sat = next(r for r in raw["running"]["week"] if r["day"] == "sat")
    sat.update(type="race", minutes=40)
    return raw


def test_the_planner_runs_a_weekly_race_as_a_race_effort_run_and_says_so() -> None:
    athlete = parse_profile(_weekly_race_profile())
    assert any(r.type == "race" for r in athlete.running_week)
    p = plan_athlete(athlete)
    race_dates = {r.date for r in athlete.races}
    assert {r.date for r in p.runs if r.type == "race"} <= race_dates
    saturdays = [r for r in p.runs if r.date.weekday() == 5 and r.date not in race_dates]
    assert any(r.type == AS_TYPE for r in saturdays)  # run as the race-effort type where the phase keeps quality
    codes = [w for w in p.warnings if w.code == "USUAL_WEEK_RACE"]
    assert len(codes) == 1 and "Saturday" in codes[0].message and codes[0].rule == "R-RACES-DATED"
    findings_, _ = check_plan(p, rules=RULES, library=load_library(), templates=load_templates(), athlete=athlete)
    assert not [f for f in hard_violations(findings_) if f.rule == "R-RACES-DATED"]
    assert not hard_violations(findings_)


def test_a_weekly_race_is_not_run_on_the_eve_of_the_a_race() -> None:
    # the weekly race is a quality run: the phase calendar drops it in the last days before the A race
    athlete = parse_profile(_weekly_race_profile())
    p = plan_athlete(athlete)
    for race in athlete.races:
        eve = [r for r in p.runs if r.date == race.date - dt.timedelta(days=1)]
        assert all(r.type in ("easy", "rest") for r in eve), eve

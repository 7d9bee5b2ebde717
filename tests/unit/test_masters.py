"""E-MASTERS-RECOVERY: from 50 (a masters runner who gives an age), heavy sessions loading the same leg
muscles are at least 72 hours apart, a day more than E-48H; younger runners and runners without an age
keep 48 (coach review: the profile had no age, so a 58-year-old was planned like a 30-year-old)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import tomllib
from typing import Any

import pytest

from stridelift.catalog import load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.masters import masters_gap, masters_note
from stridelift.profile import ProfileError, parse_profile
from stridelift.services import plan_athlete
from tests.conftest import ROOT
from tests.unit.test_checks_prescription import LIB, MON, plan, rx, session

RULES = load_rules()
RULE = RULES["E-MASTERS-RECOVERY"]
MIN_AGE, HOURS = int(RULE.params["min_age"]), int(RULE.params["hours"])
PROFILE = ROOT / "tests" / "stress_profiles" / "masters_half_knee.toml"


def _raw() -> dict[str, Any]:
    with PROFILE.open("rb") as fh:
        return tomllib.load(fh)


@pytest.mark.parametrize(("age", "ok"), [(13, False), (14, True), (100, True), (101, False)])
def test_the_profile_takes_an_optional_age_within_bounds(age: int, ok: bool) -> None:
    raw = _raw()
    raw["athlete"]["age"] = age
    if ok:
        assert parse_profile(raw).age == age
    else:
        with pytest.raises(ProfileError):
            parse_profile(raw)
    del raw["athlete"]["age"]
    assert parse_profile(raw).age is None


def test_the_gap_grows_from_the_rules_age() -> None:
    athlete = parse_profile(_raw())
    assert masters_gap(dataclasses.replace(athlete, age=None), RULES) == 48
    assert masters_gap(dataclasses.replace(athlete, age=MIN_AGE - 1), RULES) == 48
    assert masters_gap(dataclasses.replace(athlete, age=MIN_AGE), RULES) == HOURS
    assert masters_note(dataclasses.replace(athlete, age=MIN_AGE - 1), RULES) == ""
    assert f"at least {HOURS} hours apart" in masters_note(dataclasses.replace(athlete, age=MIN_AGE), RULES)


def _found(age: int | None, days_apart: int) -> list[str]:
    athlete = dataclasses.replace(parse_profile(_raw()), age=age)
    lifts = [rx(LIB, "barbell_back_squat", reps=5, rpe=8)]
    p = plan([session(MON, lifts), session(MON + dt.timedelta(days=days_apart), lifts)])
    return [m for m, _ in CHECKS[RULE.check](RULE, Ctx(p, RULES, LIB, load_templates(), athlete))]


def test_the_checker_holds_a_masters_runner_to_the_longer_gap() -> None:
    assert _found(MIN_AGE, 2) == [f"heavy sessions {MON} pm and {MON + dt.timedelta(days=2)} pm are 48 h apart"]
    assert _found(MIN_AGE, 3) == []  # 72 h: just within
    assert _found(MIN_AGE - 1, 2) == []  # a younger runner keeps E-48H's 48 h
    assert _found(None, 2) == []


def test_the_planner_spaces_a_masters_runners_heavy_days() -> None:
    athlete = parse_profile(_raw())
    assert athlete.age is not None and athlete.age >= MIN_AGE
    p = plan_athlete(athlete)
    heavy = sorted(s.date for s in p.sessions if s.heavy_lower)
    assert heavy and min((b - a).days for a, b in itertools.pairwise(heavy)) >= HOURS // 24
    assert any("E-MASTERS-RECOVERY" in n for n in p.notes)
    younger = plan_athlete(dataclasses.replace(athlete, age=MIN_AGE - 1))
    days = sorted(s.date for s in younger.sessions if s.heavy_lower)
    assert min((b - a).days for a, b in itertools.pairwise(days)) == 2  # what the 72 h changes


def test_the_onboarding_form_passes_an_optional_age() -> None:
    from stridelift.web.forms import profile_from_form

    assert profile_from_form({"athlete.age": "58"}, {})["athlete"]["age"] == 58
    assert "age" not in profile_from_form({"athlete.age": " "}, {})["athlete"]

"""A phase says what it holds (rule S2-HEAVY-HONEST): a novice who starts four weeks before an A
marathon gets familiarisation sessions, and the peak and taper phases say so instead of promising heavy
work; a phase of a week or more (the rule's `min_days`) that promises what it lacks is reported."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.periodization import FOCUS
from stridelift.domain.plan import Plan
from stridelift.domain.progression import is_heavy_lower
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.conftest import ROOT

RULES = load_rules()
LIB = load_library()
TEMPLATES = load_templates()


def late_novice() -> Plan:
    with (ROOT / "tests" / "stress_profiles" / "novice_four_weeks_out.toml").open("rb") as fh:
        return plan_athlete(parse_profile(tomllib.load(fh)))


def findings(plan: Plan) -> list[str]:
    rule = RULES["S2-HEAVY-HONEST"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(plan, RULES, LIB, TEMPLATES, None))]


def test_familiarisation_phases_say_so() -> None:
    plan = late_novice()
    for name in ("peak", "taper"):
        ph = next(p for p in plan.phases if p.name == name)
        inside = [s for s in plan.sessions if ph.contains(s.date)]
        assert inside and not any(is_heavy_lower(s.exercises) for s in inside)
        assert "heavy sessions" not in ph.focus and "intensity kept" not in ph.focus
        assert "Familiarisation" in ph.focus and "after the race" in ph.focus
    assert findings(plan) == []


def test_a_week_long_phase_promising_heavy_work_it_lacks_is_reported() -> None:
    plan = late_novice()
    peak = next(p for p in plan.phases if p.name == "peak")
    assert peak.days == int(RULES["S2-HEAVY-HONEST"].params["min_days"])  # at the limit
    promised = [dataclasses.replace(p, focus=FOCUS["peak"]) if p is peak else p for p in plan.phases]
    assert findings(dataclasses.replace(plan, phases=promised)) == [
        f"peak phase from {peak.start} promises heavy work, holds none and does not say so"
    ]
    # a day shorter than the rule's week: too short to promise anything
    short = dataclasses.replace(peak, focus=FOCUS["peak"], end=peak.end - dt.timedelta(days=1))
    shorter = [short if p is peak else p for p in plan.phases]
    assert findings(dataclasses.replace(plan, phases=shorter)) == []


def test_a_phase_held_moderate_by_an_injury_says_the_injury_not_the_days() -> None:
    # hip flexors flaring cap leg effort at RPE 7 (injuries.toml): the strength days could take heavy legs,
    # so the focus names the injury and the moderate leg sets the phase does hold (coach review: the focus
    # said "none of your strength days can take heavy legs" over Smith squats 4x8)
    with (ROOT / "examples" / "hip_flexor_flaring.toml").open("rb") as fh:
        plan = plan_athlete(parse_profile(tomllib.load(fh)))
    block = next(p for p in plan.phases if p.name == "offseason_strength")
    assert "WITHOUT heavy leg work" in block.focus
    assert "hip flexor caps leg effort at RPE 7" in block.focus
    assert "none of your strength days" not in block.focus
    inside = [s for s in plan.sessions if block.contains(s.date)]
    legs = {
        p.name.lower()
        for s in inside
        for p in s.exercises
        if p.block == "strength" and p.region in ("lower", "full") and not is_heavy_lower([p])
    }
    assert legs and any(f"e.g. {name} " in block.focus for name in legs)
    [w] = [w for w in plan.warnings if w.code == "HEAVY_BLOCK_NOT_HEAVY"]
    assert "hip flexor caps leg effort" in w.message and "moderate strength sets" in w.message

"""The soft rules about what sessions hold, each broken on purpose in a generated plan (just past its
limit where it has one) and kept (just within): switching any of these checks off fails a test."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Plan, Prescription, Session
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.unit.test_session_prescriptions import RUNNER

RULES = load_rules()
LIB = load_library()
TEMPLATES = load_templates()


@pytest.fixture(scope="module")
def base() -> Plan:
    raw: dict[str, Any] = copy.deepcopy(RUNNER)
    raw["equipment"]["available"] = [*raw["equipment"]["available"], "medicine_ball", "kettlebell"]
    return plan_athlete(parse_profile(raw))


def findings(rule_id: str, plan: Plan) -> list[str]:
    rule = RULES[rule_id]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(plan, RULES, LIB, TEMPLATES, None))]


def edit(plan: Plan, keep: Callable[[Session, Prescription], Prescription | None]) -> Plan:
    """A copy of the plan with every prescription passed through `keep` (None drops it)."""
    sessions = [
        dataclasses.replace(s, exercises=tuple(q for p in s.exercises if (q := keep(s, p)) is not None))
        for s in plan.sessions
    ]
    return dataclasses.replace(plan, sessions=sessions)


def no_brace(plan: Plan) -> Plan:
    first = next(s for s in plan.sessions if any(p.block == "core" for p in s.exercises))
    return edit(
        plan,
        lambda s, p: dataclasses.replace(p, cues=("Move slowly",)) if s is first and p.block == "core" else p,
    )


def no_breathing(plan: Plan) -> Plan:
    return edit(plan, lambda s, p: None if "breath" in p.id else p)


def core_in_one_plane(plan: Plan) -> Plan:
    return edit(plan, lambda s, p: dataclasses.replace(p, planes=("sagittal",)) if p.block == "core" else p)


def no_one_foot_lifts(plan: Plan) -> Plan:
    return edit(plan, lambda s, p: dataclasses.replace(p, balance=False) if p.region == "upper" else p)


def no_snacks(plan: Plan) -> Plan:
    return dataclasses.replace(plan, balance_snacks=[])


def no_eating_note(plan: Plan) -> Plan:
    sessions = [
        dataclasses.replace(s, notes=tuple(n for n in s.notes if "eat" not in n.lower())) for s in plan.sessions
    ]
    return dataclasses.replace(plan, sessions=sessions, notes=[n for n in plan.notes if "eat" not in n.lower()])


def one_contact_too_many(plan: Plan) -> Plan:
    cap = int(RULES["E-PLYO"].params["max_contacts"])
    s0 = next(s for s in plan.sessions if any(p.block == "power" for p in s.exercises))
    power = [p for p in s0.exercises if p.block == "power"]
    others = sum(p.sets * (p.reps or 0) for p in power[1:])
    target = power[0]
    # the first drill takes the session to cap + 1 contacts in one set of the right size
    fixed = dataclasses.replace(target, sets=1, reps=cap + 1 - others)
    return edit(plan, lambda s, p: fixed if p is target else p)


def no_heavy_in_build(plan: Plan) -> Plan:
    return edit(
        plan,
        lambda s, p: (
            dataclasses.replace(p, reps=12, intensity=dataclasses.replace(p.intensity, pct_1rm=None, rpe=6))
            if s.phase == "build" and p.block == "strength"
            else p
        ),
    )


BREAKS: dict[str, Callable[[Plan], Plan]] = {
    "S3-BRACE": no_brace,
    "S4-BREATHING": no_breathing,
    "S4-CORE-PLANES": core_in_one_plane,
    "S3-BALANCE-LIFTS": no_one_foot_lifts,
    "S3-BALANCE-SNACKS": no_snacks,
    "S2-EAT-MORE": no_eating_note,
    "E-PLYO": one_contact_too_many,
    "E-HEAVY": no_heavy_in_build,
}


@pytest.mark.parametrize("rule_id", list(BREAKS))
def test_a_soft_rule_broken_on_purpose_is_reported(base: Plan, rule_id: str) -> None:
    assert not RULES[rule_id].hard
    assert findings(rule_id, base) == []
    assert findings(rule_id, BREAKS[rule_id](base))


def test_plyometric_contacts_at_the_cap_pass(base: Plan) -> None:
    cap = int(RULES["E-PLYO"].params["max_contacts"])
    broken = one_contact_too_many(base)
    assert findings("E-PLYO", broken) == [f"{cap + 1} plyometric contacts"]
    at_cap = edit(
        broken, lambda s, p: dataclasses.replace(p, reps=p.reps - 1) if p.block == "power" and p.sets == 1 else p
    )
    assert findings("E-PLYO", at_cap) == []

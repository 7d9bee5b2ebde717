"""An exercise's volume grows one set at a time and a novice starts hard bodyweight lifts at their easier
version (rule E-VOLUME-STEP): the checker at its limits, and the planner on the bodyweight novice whose
single-leg squats went from 2 x 5 to 4 x 5 in a week."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

from stridelift.catalog import load_templates
from stridelift.domain.checker import CHECKS, Ctx, check_plan, hard_violations
from stridelift.domain.plan import Plan, Prescription
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete, plan_profile
from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

STEP = RULES["E-VOLUME-STEP"].params
MORE = int(STEP["max_added_sets"])
RISE = float(STEP["max_reps_rise"])
ROOT = Path(__file__).resolve().parents[2]
NEXT = MON + dt.timedelta(days=7)


def twice(first: Prescription, second: Prescription) -> Plan:
    return plan([session(MON, [first]), session(NEXT, [second])])


def lift(sets: int, reps: int) -> Prescription:
    return rx(LIB, "single_leg_squat", sets=sets, reps=reps, rpe=7)


def test_sets_rise_by_at_most_one_between_appearances() -> None:
    assert findings("E-VOLUME-STEP", twice(lift(2, 5), lift(2 + MORE, 5))) == []
    assert findings("E-VOLUME-STEP", twice(lift(2, 5), lift(2 + MORE + 1, 5))) == [
        f"single_leg_squat: {2 + MORE + 1} sets after 2 last time (at most {MORE} more)"
    ]
    # fewer sets (a deload, a taper) are always fine, and so is climbing back one set at a time
    assert findings("E-VOLUME-STEP", twice(lift(4, 5), lift(1, 5))) == []


def test_reps_rise_by_at_most_half_again() -> None:
    ok = int(10 * (1 + RISE))
    assert findings("E-VOLUME-STEP", twice(lift(2, 10), lift(2, ok))) == []
    msgs = findings("E-VOLUME-STEP", twice(lift(2, 10), lift(2, ok + 1)))
    assert len(msgs) == 1 and "reps a set" in msgs[0]
    # circuits have their own dose rule (E-CIRCUIT-DOSE): a circuit's 3 x 20 is not this rule's business
    circ = dataclasses.replace(lift(3, 20), block="circuit")
    assert findings("E-VOLUME-STEP", plan([session(MON, [lift(2, 5)]), session(NEXT, [circ], fmt="circuit")])) == []


def _novice(equipment: list[str]) -> dict[str, object]:
    raw = tomllib.loads((ROOT / "examples" / "novice_bodyweight.toml").read_text())
    raw["equipment"] = {"available": equipment}
    return raw


def test_the_bodyweight_novice_adds_one_set_at_a_time() -> None:
    result = plan_profile(ROOT / "examples" / "novice_bodyweight.toml")
    assert not [f for f in hard_violations(result.findings) if f.rule == "E-VOLUME-STEP"]
    last: dict[str, int] = {}
    for s in sorted(result.plan.sessions, key=lambda s: s.date):
        for p in s.exercises:
            if p.block == "strength":
                assert p.sets <= last.get(p.id, p.sets) + MORE, (s.date, p.id, last.get(p.id), p.sets)
                last[p.id] = p.sets
    assert max(last.values()) >= 3  # the volume does grow


def test_a_novice_with_a_bench_starts_at_the_box_single_leg_squat() -> None:
    athlete = parse_profile(_novice(["band", "bench"]))
    p = plan_athlete(athlete)
    ids = {e.id for s in p.sessions for e in s.exercises if e.block == "strength"}
    assert "single_leg_box_squat" in ids and "single_leg_squat" not in ids
    rule = RULES["E-VOLUME-STEP"]
    ctx = Ctx(p, RULES, LIB, load_templates(), athlete)
    assert list(CHECKS[rule.check](rule, ctx)) == []
    # the same plan with the hard version put back is caught, with the easier one named
    swapped = [
        dataclasses.replace(
            s,
            exercises=tuple(
                dataclasses.replace(e, id="single_leg_squat")
                if e.id == "single_leg_box_squat" and e.block == "strength"
                else e
                for e in s.exercises
            ),
        )
        for s in p.sessions
    ]
    msgs = [
        m for m, _ in CHECKS[rule.check](rule, dataclasses.replace(ctx, plan=dataclasses.replace(p, sessions=swapped)))
    ]
    assert msgs and all("could start at single_leg_box_squat" in m for m in msgs)
    # without a bench nothing easier is in reach: the single-leg squat is right
    bare = parse_profile(_novice(["band"]))
    findings_bare, _ = check_plan(
        plan_athlete(bare), rules=RULES, library=LIB, templates=load_templates(), athlete=bare
    )
    assert not [f for f in findings_bare if f.rule == "E-VOLUME-STEP"]

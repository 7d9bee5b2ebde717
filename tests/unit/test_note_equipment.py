"""Notes name only equipment the runner has (rule E-NOTE-EQUIPMENT; coach review: a band-only novice was
told "Too easy? Hold a dumbbell" 80 times): a note naming a piece the profile lacks is reported, the same
note for a runner who has it is not; and the planner offers a band-only runner the loaded backpack only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from stridelift.domain.checker import CHECKS, Ctx, check_plan
from stridelift.domain.prescribing import Prescriber
from stridelift.profile import load_profile
from stridelift.services.planning import plan_athlete
from tests.unit.test_checks_prescription import LIB, MON, RULES, TEMPLATES, plan, rx, session

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BAND_ONLY = load_profile(EXAMPLES / "novice_bodyweight.toml")
BW = RULES["E-BODYWEIGHT-EFFORT"].params


def _found(note: str, equipment: frozenset[str], session_note: str = "") -> list[str]:
    p = dataclasses.replace(rx(LIB, "split_squat", "circuit", reps=10, rpe=7.5), note=note)
    notes = (session_note,) if session_note else ()
    s = dataclasses.replace(session(MON, [p], fmt="circuit", phase="base"), notes=notes)
    athlete = dataclasses.replace(BAND_ONLY, equipment=equipment)
    rule = RULES["E-NOTE-EQUIPMENT"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(plan([s], phase="base"), RULES, LIB, TEMPLATES, athlete))]


def test_a_note_naming_equipment_the_runner_lacks_is_reported() -> None:
    note = "Too easy? Hold a dumbbell or wear a loaded backpack."
    msgs = _found(note, frozenset({"band"}))
    assert len(msgs) == 1 and "dumbbell" in msgs[0] and "split_squat" in msgs[0]
    assert _found(note, frozenset({"band", "dumbbells"})) == []  # they have one
    assert _found("Too easy? Wear a loaded backpack.", frozenset()) == []  # anyone has a backpack
    # every word of the vocabulary counts, in the session's notes too; two-word names with a space
    assert _found("", frozenset({"band"}), "Sit back onto a box.")
    assert _found("Toss the medicine ball.", frozenset({"band"}))
    assert _found("Hang from a pull-up bar.", frozenset({"band"}))
    assert _found("Hang from a pull-up bar.", frozenset({"pullup_bar"})) == []
    assert _found("Bodyweight: slow the lowering.", frozenset()) == []  # bodyweight is everyone's


def test_the_load_hint_follows_the_runners_equipment() -> None:
    ex = LIB.get("split_squat")
    band = Prescriber.from_rules(RULES, frozenset({"band"})).bodyweight_hint(ex, 10)
    assert band == f"Too easy? {str(BW['load_hint']).capitalize()}."
    assert "dumbbell" not in band.lower()
    kb = Prescriber.from_rules(RULES, frozenset({"kettlebell"})).bodyweight_hint(ex, 10)
    assert kb.startswith("Too easy? Hold a kettlebell or")


def test_a_band_only_runner_is_never_told_to_hold_a_dumbbell() -> None:
    p = plan_athlete(BAND_ONLY)
    notes = [n for s in p.sessions for n in (*s.notes, *(x.note for x in s.exercises))]
    assert any("loaded backpack" in n for n in notes)  # still told how to make it harder
    # a stand-in's "X instead of Y: why" and the seed circuit's left-out note say what is not done (E-SUBSTITUTE-WHY)
    told = [
        ". ".join(x for x in n.split(". ") if " instead of " not in x) for n in notes if not n.startswith("Left out")
    ]
    assert not [n for n in told if "dumbbell" in n.lower()]


@pytest.mark.parametrize("kit", [frozenset({"dumbbells"}), frozenset()])
def test_a_runner_without_a_band_is_told_a_variant_not_a_band(kit: frozenset[str]) -> None:
    # property test: a dumbbells-only novice's bodyweight circuit said "Choose a band or variant"
    athlete = dataclasses.replace(BAND_ONLY, equipment=kit)
    p = plan_athlete(athlete)
    found, _ = check_plan(p, rules=RULES, library=LIB, templates=TEMPLATES, athlete=athlete)
    assert [f.message for f in found if f.rule == "E-NOTE-EQUIPMENT"] == []
    assert not [n for s in p.sessions for n in s.notes if "band" in n]

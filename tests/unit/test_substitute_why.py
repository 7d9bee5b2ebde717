"""E-SUBSTITUTE-WHY: a circuit station standing in for its template's exercise says what for and why, and
the seed's circuit names the seed's exercises it leaves out (coach review: "the seed circuit" held a calf
raise where the seed has box step-ups, without a word)."""

from __future__ import annotations

import dataclasses
import tomllib

from stridelift.catalog import load_library, load_templates
from stridelift.domain.substitution import LEFT_OUT, MARK, template_ids, unavailable
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.conftest import ROOT
from tests.unit.test_checks_prescription import LIB, MON, findings, plan, rx, session

KNEE = ROOT / "examples" / "frequent_racer_knee.toml"
SEED_A = next(t for t in load_templates().circuits if t.id == "A")


def _seed_circuit(stand_in_note: str, left_out: bool) -> list[str]:
    stations = [rx(LIB, i, "circuit", sets=3, reps=20, rest_s=30, rpe=6) for i in SEED_A.seed[:7]]
    stand_in = rx(LIB, "tibialis_raise", "circuit", sets=3, reps=20, rest_s=30, rpe=6)
    stand_in.note = stand_in_note
    notes = (f"{LEFT_OUT} the single-leg Romanian deadlift: it needs a barbell.",) if left_out else ()
    s = dataclasses.replace(session(MON, [*stations, stand_in], "circuit", "base", ("S1-CIRCUIT",), "A"), notes=notes)
    return findings("E-SUBSTITUTE-WHY", plan([s], "base"))


def test_a_stand_in_without_its_reason_is_caught_and_one_with_it_passes() -> None:
    assert "tibialis_raise" not in template_ids(SEED_A, LIB)
    bad = _seed_circuit("Make it harder by slowing the lowering (3 s).", left_out=True)
    assert bad == ["circuit A station tibialis_raise stands in for its template's exercise without saying why"]
    good = f"Tibialis raise{MARK}single-leg Romanian deadlift: it loads your knee, which is flaring."
    assert _seed_circuit(good, left_out=True) == []


def test_a_seed_exercise_left_out_unnamed_is_caught() -> None:
    good = f"Tibialis raise{MARK}single-leg Romanian deadlift: it loads your knee, which is flaring."
    assert _seed_circuit(good, left_out=False) == [
        "circuit A leaves out the source's single_leg_rdl without saying why"
    ]


def test_the_reason_is_the_injury_or_the_missing_equipment() -> None:
    with KNEE.open("rb") as fh:
        athlete = parse_profile(tomllib.load(fh))
    lib, tpl = load_library(), load_templates()
    flaring = [i.status for i in athlete.injuries]
    assert unavailable(lib.get("walking_lunge"), athlete, tpl, flaring) == "it loads your knee, which is flaring"
    assert unavailable(lib.get("pull_up"), athlete, tpl, flaring) == (
        "it needs a pull-up bar, which is not in your equipment"
    )
    assert unavailable(lib.get("single_leg_calf_raise"), athlete, tpl, flaring) is None


def test_the_planner_says_why_for_every_stand_in_on_the_knee_profile() -> None:
    with KNEE.open("rb") as fh:
        athlete = parse_profile(tomllib.load(fh))
    p = plan_athlete(athlete)
    circuits = [s for s in p.sessions if s.format == "circuit" and s.variation]
    assert circuits
    said = [p_.note for s in circuits for p_ in s.exercises if MARK in p_.note and ":" in p_.note]
    assert any("it loads your knee" in n for n in said)
    assert findings("E-SUBSTITUTE-WHY", p) == []
    seed_days = [s for s in circuits if s.variation == "A"]
    assert seed_days and all(any(n.startswith(LEFT_OUT) for n in s.notes) for s in seed_days)

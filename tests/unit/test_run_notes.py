"""Each run's note belongs to that run (rule R-RUN-NOTES): the checker on a hand-made double day, and
the planner on the ultra runner's doubles after the 50 k, where the morning's 'back after the race'
note was copied onto the evening easy run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

from stridelift.catalog import load_templates
from stridelift.domain.checker import CHECKS, Ctx, hard_violations
from stridelift.domain.plan import Plan, RunEntry
from stridelift.profile import parse_profile
from stridelift.services import plan_profile
from tests.unit.test_checks_prescription import LIB, RULES, plan

ROOT = Path(__file__).resolve().parents[2]
ULTRA = ROOT / "examples" / "ultra_doubles.toml"
ATHLETE = parse_profile(tomllib.loads(ULTRA.read_text()))
TUE = dt.date(2027, 5, 18)  # the usual Tuesday after the 50 km's 21 days: hills 70 min am, easy 30 min pm


def found(p: Plan, athlete: object = ATHLETE) -> list[str]:
    rule = RULES["R-RUN-NOTES"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, load_templates(), athlete))]  # type: ignore[arg-type]


def double(pm_note: str) -> Plan:
    runs = [
        RunEntry(TUE, "hills", 40, "am", note="back after the race: long run and quality at 60% of the usual"),
        RunEntry(TUE, "easy", 30, "pm", note=pm_note),
    ]
    return dataclasses.replace(plan([]), runs=runs)


def test_a_note_on_the_unchanged_run_of_a_double_is_reported() -> None:
    assert found(double("")) == []
    msgs = found(double("back after the race: long run and quality at 60% of the usual"))
    assert len(msgs) == 1 and msgs[0].startswith("the pm easy run (30 min, as usual)")
    # a changed evening run may say why it changed
    changed = double("race week: easy instead of quality")
    changed.runs[1] = dataclasses.replace(changed.runs[1], minutes=20)
    assert found(changed) == []
    # a single run of the day (a recovery day's easy run as usual) may carry its day's note
    alone = dataclasses.replace(double(""), runs=[RunEntry(TUE, "easy", 30, "pm", note="recovery: easy only")])
    assert found(alone) == []
    assert found(double("copied"), None) == []  # the usual week is in the profile


def test_the_ultra_runners_evening_runs_keep_their_own_notes() -> None:
    result = plan_profile(ULTRA)
    assert not [f for f in hard_violations(result.findings) if f.rule == "R-RUN-NOTES"]
    tue = [r for r in result.plan.runs if r.date == TUE]
    assert [(r.type, r.slot) for r in tue] == [("hills", "am"), ("easy", "pm")]
    assert "back after the race" in tue[0].note and tue[1].note == ""


def test_a_run_whose_own_change_lands_on_its_usual_minutes_keeps_its_note() -> None:
    """Found by the CI property run: a taper cut from the build's longer long run (35 -> 20 min) landed on
    the usual 20 minutes; its note is its own, not the evening run's, so it is not reported."""
    runs = [
        RunEntry(TUE, "hills", 70, "am", note="taper: long run and quality cut to 60%"),
        RunEntry(TUE, "easy", 20, "pm", note="building back: the week's running grows 10% a week at most"),
    ]
    assert found(dataclasses.replace(plan([]), runs=runs)) == []
    # ... but a part of the evening run's note copied onto it is
    copied = "taper: cut; building back: the week's running grows 10% a week at most"
    runs[0] = dataclasses.replace(runs[0], note=copied)
    assert len(found(dataclasses.replace(plan([]), runs=runs))) == 1

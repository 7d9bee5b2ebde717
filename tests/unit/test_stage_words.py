"""I-STAGE-WORDS: each injury stage change is told in the words of the stage it enters, one line a stage
(coach review: frequent_racer_knee's "Injury progressed (2x) - Tue 27 Apr, Mon 7 Jun: ... recovering
stage (... still no jumps)", though 7 Jun is the full plan and box jumps follow on 6 Jul)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import CHECKS, Ctx
from stridelift.domain.plan import Plan, Warning
from stridelift.domain.warning_groups import group_warnings
from stridelift.profile import load_profile
from stridelift.services import plan_athlete

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
RULES = load_rules()
TEMPLATES = load_templates()
ATHLETE = load_profile(ROOT / "examples" / "frequent_racer_knee.toml")
PLAN = plan_athlete(ATHLETE)


def findings(p: Plan) -> list[str]:
    rule = RULES["I-STAGE-WORDS"]
    return [m for m, _ in CHECKS[rule.check](rule, Ctx(p, RULES, LIB, TEMPLATES, ATHLETE))]


def told() -> list[tuple[int, Warning]]:
    return [(i, w) for i, w in enumerate(PLAN.warnings) if w.code == "INJURY_PROGRESSED"]


def test_each_knee_stage_is_its_own_line_in_its_own_words() -> None:
    (_, rec), (_, hist) = told()
    assert "recovering stage" in rec.message and "still no jumps" in rec.message
    assert "history stage" in hist.message and "jumps" in hist.message and "still no jumps" not in hist.message
    lines = [g for g in group_warnings(PLAN.warnings) if g.code == "INJURY_PROGRESSED"]
    assert len(lines) == 2 and all(g.count == 1 for g in lines)
    assert findings(PLAN) == []  # just within


def test_a_line_telling_the_earlier_stage_on_the_later_date_is_reported() -> None:
    (_, rec), (j, hist) = told()
    assert hist.date is not None
    merged = list(PLAN.warnings)
    merged[j] = dataclasses.replace(hist, message=f"{hist.date:%a %d %b}: " + rec.message.split(": ", 1)[1])
    msgs = findings(dataclasses.replace(PLAN, warnings=merged))
    assert any(str(hist.date) in m and "history stage" in m for m in msgs), msgs


def test_a_stage_never_told_is_reported() -> None:
    _, (j, _) = told()
    dropped = [w for i, w in enumerate(PLAN.warnings) if i != j]
    msgs = findings(dataclasses.replace(PLAN, warnings=dropped))
    assert len(msgs) == 1 and "history stage" in msgs[0]


def test_a_stage_told_in_other_words_is_reported() -> None:
    _, (j, hist) = told()
    vague = list(PLAN.warnings)
    vague[j] = dataclasses.replace(hist, message=hist.message.replace("jumps and hills back", "more"))
    assert findings(dataclasses.replace(PLAN, warnings=vague))

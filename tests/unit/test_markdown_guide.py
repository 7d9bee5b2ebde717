"""What the Markdown explains to the runner: how to read RPE, RIR and %1RM (once), rest as m:ss,
"per leg" for one-sided work, warnings grouped in words, an exercise guide with every cue and the
easier, harder and substitute versions, a glossary of exactly the rules the plan cites."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from stridelift.catalog import load_library, load_rules
from stridelift.domain.plan import Plan, Warning
from stridelift.exporters.markdown import format_rest, to_markdown, to_markdown_with_guide
from stridelift.services import plan_profile

LIB = load_library()
RULES = load_rules()


def _plan() -> Plan:
    return plan_profile(Path("examples/northern_marathoner.toml")).plan


def test_rest_reads_minutes_and_seconds() -> None:
    assert [format_rest(s) for s in (0, 30, 59, 60, 90, 150, 600)] == [
        "—",
        "0:30",
        "0:59",
        "1:00",
        "1:30",
        "2:30",
        "10:00",
    ]


def test_rpe_rir_and_1rm_are_explained_once() -> None:
    text = to_markdown_with_guide(_plan()).decode()
    assert text.count("## How to read the prescriptions") == 1
    guide = text[text.index("## How to read") : text.index("## Warnings")]
    for term in ("**RPE**", "**RIR**", "**%1RM**", "**Choosing a weight**"):
        assert guide.count(term) == 1, term
    assert text.index("## How to read") < text.index("## Week 1")


def test_one_sided_work_says_per_leg() -> None:
    plan = _plan()
    text = to_markdown(plan).decode()
    one_leg = next(
        p
        for s in plan.sessions
        for p in s.exercises
        if p.unilateral and p.region == "lower" and p.block in ("strength", "circuit")
    )
    assert re.search(rf"\| {re.escape(one_leg.name)} \| \d+ × \d+ (s )?per leg \|", text)


def test_warnings_are_grouped_in_words() -> None:
    plan = _plan()
    d1, d2 = dt.date(2027, 1, 4), dt.date(2027, 1, 11)
    plan = dataclasses.replace(
        plan,
        warnings=[
            Warning("SESSION_LIGHTENED", f"{d1:%a %d %b}: too little time", d1, "E-FREQUENCY"),
            Warning("SESSION_LIGHTENED", f"{d2:%a %d %b}: too little time", d2, "E-FREQUENCY"),
        ],
    )
    text = to_markdown(plan).decode()
    lines = [line for line in text.splitlines() if "Session lightened" in line]
    assert lines == [
        "- **Session lightened** (2×) — Mon 4 Jan 2027, Mon 11 Jan 2027: too little time (rule E-FREQUENCY)"
    ]
    assert "SESSION_LIGHTENED" not in text


def test_exercise_guide_has_all_cues_and_the_other_versions() -> None:
    plan = _plan()
    text = to_markdown(plan, LIB, RULES).decode()
    guide = text[text.index("## Exercise guide") : text.index("## Rules cited")]
    used = {p.id for s in plan.sessions for p in s.exercises}
    for ex_id in used:
        ex = LIB.get(ex_id)
        assert guide.count(f"**{ex.name}**") == 1, ex_id
        for cue in ex.cues:
            assert f"- {cue}" in guide
    squat = LIB.get("barbell_back_squat")
    section = guide[guide.index(f"**{squat.name}**") :].split("\n\n**")[0]
    for label, ids in (("Easier", squat.regressions), ("Harder", squat.progressions), ("Instead", squat.substitutions)):
        if ids:
            assert f"- *{label}:* " + ", ".join(LIB.get(i).name for i in ids) in section


def test_glossary_lists_exactly_the_rules_cited() -> None:
    plan = _plan()
    text = to_markdown(plan, LIB, RULES).decode()
    glossary = text[text.index("## Rules cited") :]
    listed = set(re.findall(r"^- \*\*([A-Z0-9-]+)\*\* — ", glossary, flags=re.M))
    cited = {r for s in plan.sessions for r in s.why} | {r for ph in plan.phases for r in ph.why}
    cited |= {w.rule for w in plan.warnings if w.rule}
    assert listed == cited & {r.id for r in RULES}


def test_a_sessions_explanation_is_shown() -> None:
    plan = _plan()
    plan.sessions[0] = dataclasses.replace(plan.sessions[0], explanation="Tuesday pm: after the morning intervals.")
    text = to_markdown(plan).decode()
    assert "Tuesday pm: after the morning intervals." in text

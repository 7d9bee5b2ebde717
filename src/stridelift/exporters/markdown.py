"""Markdown export: a plan a runner or coach can read in any viewer, print, or paste into notes.

The formatting helpers here are also used by the ICS exporter so both speak the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, RunEntry, Session
from stridelift.domain.rules import RuleBook
from stridelift.domain.warning_groups import group_warnings

PHASE_LABELS: dict[str, str] = {
    "offseason_strength": "Off-season strength",
    "base": "Base",
    "build": "Build",
    "peak": "Peak",
    "taper": "Taper",
    "race_week": "Race week",
    "recovery": "Recovery",
    "in_season": "In-season",
}

FORMAT_LABELS: dict[str, str] = {
    "circuit": "circuit",
    "straight_sets": "straight sets",
    "core_balance": "core & balance",
    "mobility": "mobility",
    "maintenance": "maintenance",
}

BLOCK_LABELS: dict[str, str] = {
    "warmup": "Warm-up",
    "circuit": "Circuit",
    "strength": "Strength",
    "power": "Power",
    "core": "Core",
    "balance": "Balance",
    "mobility": "Mobility",
}

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def phase_label(name: str) -> str:
    """Human name for a phase; unknown names pass through so a newer plan still exports."""
    return PHASE_LABELS.get(name, name.replace("_", " ").capitalize())


def format_label(name: str) -> str:
    """Human name for a session format; unknown names pass through (forward compatibility)."""
    return FORMAT_LABELS.get(name, name.replace("_", " "))


def block_label(name: str) -> str:
    """Human name for an exercise block; unknown names pass through (forward compatibility)."""
    return BLOCK_LABELS.get(name, name.replace("_", " ").capitalize())


def format_date(day: dt.date) -> str:
    """'Mon 7 Dec 2026', built by hand so the output never depends on the machine's locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _number(value: float) -> str:
    """One decimal at most, no trailing '.0': 0.78 * 100 must read 78, and 72.5 stays 72.5."""
    return f"{round(value, 1):g}"


def intensity_parts(intensity: Intensity) -> list[str]:
    """['80% 1RM', 'RPE 7'], either, or [] for bodyweight work (shared by every exporter)."""
    parts: list[str] = []
    if intensity.pct_1rm is not None:
        # The rules store loads as fractions (0.8); accept percentages too since the contract
        # does not pin the scale.
        pct = intensity.pct_1rm * 100 if intensity.pct_1rm <= 1.5 else intensity.pct_1rm
        parts.append(f"{_number(pct)}% 1RM")
    if intensity.rpe is not None:
        parts.append(f"RPE {_number(intensity.rpe)}")
    return parts


def format_intensity(intensity: Intensity) -> str:
    """'80% 1RM', 'RPE 7', both, or 'bodyweight' when neither is prescribed."""
    return " · ".join(intensity_parts(intensity)) or "bodyweight"


def format_dose(p: Prescription) -> str:
    """'3 × 20' for reps, '3 × 30 s' for holds; a set is given by one or the other (contract).
    One-sided work says so: '3 × 8 per leg' (lower body) or 'per side'."""
    side = (" per leg" if p.region == "lower" else " per side") if p.unilateral and p.block != "warmup" else ""
    if p.reps is not None:
        return f"{p.sets} × {p.reps}{side}"
    if p.duration_s is not None:
        return f"{p.sets} × {p.duration_s} s{side}"
    return f"{p.sets} sets"


def format_rest(seconds: int) -> str:
    """Rest as m:ss ('2:30', '0:30'); no rest is a dash."""
    if seconds <= 0:
        return "—"
    return f"{seconds // 60}:{seconds % 60:02d}"


def session_label(session: Session) -> str:
    """'circuit (variation A)': the format plus the variation, which tells circuits apart."""
    label = format_label(session.format)
    if session.variation:
        label += f" (variation {session.variation})"
    return label


def blocks_in_order(exercises: Iterable[Prescription]) -> list[tuple[str, list[Prescription]]]:
    """Exercises sorted by `order`, grouped by block in the order each block first appears."""
    groups: dict[str, list[Prescription]] = {}
    for p in sorted(exercises, key=lambda e: e.order):
        groups.setdefault(p.block, []).append(p)
    return list(groups.items())


def _cell(text: object) -> str:
    """A table cell: a raw '|' or newline would break the row."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = [_row(header), "|" + "|".join("---" for _ in header) + "|"]
    lines.extend(_row(r) for r in rows)
    return lines


def _weeks_label(phase: Phase) -> str:
    """Whole weeks as an integer, otherwise one decimal, so partial phases are visible."""
    days = phase.days
    return str(days // 7) if days % 7 == 0 else f"{days / 7:.1f}"


def _run_text(run: RunEntry) -> str:
    if run.type == "rest":
        return "rest"
    kind = f"race ({run.race_priority})" if run.race_priority else run.type
    text = f"{kind} {run.minutes} min ({run.slot})"
    return f"{text}: {run.note}" if run.note and not run.race_priority else text


def _overview(plan: Plan) -> list[str]:
    if not plan.phases:
        return ["No phases."]
    rows = [
        (
            phase_label(ph.name),
            f"{format_date(ph.start)} – {format_date(ph.end)}",
            _weeks_label(ph),
            ph.focus,
        )
        for ph in plan.phases
    ]
    return _table(("Phase", "Dates", "Weeks", "Focus"), rows)


def _warnings(plan: Plan) -> list[str]:
    """One line per kind of warning: what it is in words, how often, on which dates, the message."""
    if not plan.warnings:
        return ["No warnings."]
    lines = []
    for g in group_warnings(plan.warnings):
        count = f" ({g.count}×)" if g.count > 1 else ""
        when = ""
        if g.dates:
            shown = ", ".join(format_date(d) for d in g.dates[:6])
            when = f" — {shown}" + (f" and {len(g.dates) - 6} more" if len(g.dates) > 6 else "")
        rule = f" (rule {g.rule})" if g.rule else ""
        lines.append(f"- **{g.label}**{count}{when}: {g.message}{rule}")
    return lines


READING_GUIDE = [
    "- **RPE** (rate of perceived exertion, 1-10) says how hard a set should feel at its last rep: "
    "RPE 10 is all you have, RPE 9 leaves one more rep in you, RPE 8 two, RPE 7 three.",
    "- **RIR** (reps in reserve) is the same scale counted the other way: RIR 2 = RPE 8.",
    "- **%1RM** is a share of the most you can lift once. It is given only for the main barbell "
    "lifts you can test (full squats, deadlifts and the Romanian deadlift, bench press, bent-over "
    "row, standing press), and always as a share of that same lift's 1RM (a front squat's % is of "
    "your front squat); other lifts get an RPE. The load, reps and RPE of a set agree on the RPE chart used in "
    "powerlifting coaching "
    "(5 reps at RPE 8 is about 81% of 1RM).",
    "- **Finding your 1RM** without testing a true max: take a set of 3-10 reps you finished with a "
    "few reps in reserve and divide its weight by the chart's share for its reps plus reps in reserve "
    "(10 reps with 3 left is about 65%: 40 kg / 0.65 = about 62 kg).",
    "- **Choosing a weight**: in your first set, pick a load you think you could lift the prescribed "
    "reps plus the reps in reserve; if the last rep felt easier than the RPE, add 2-5% next set or "
    "next session; if harder, take some off. Without a 1RM, let the RPE decide.",
    "- **Rest** is written m:ss (2:30 is two and a half minutes) and is taken after each set; in a "
    "circuit, after each station. **Per leg** means each side does the reps.",
    "- **Warm-up sets** before heavy lifts are lighter sets of the same lift, in the minutes given.",
]


def _glossary(plan: Plan, rules: RuleBook | None) -> list[str]:
    """The rule ids this plan cites, each with its title and statement."""
    if rules is None:
        return []
    used: set[str] = {r for s in plan.sessions for r in s.why}
    used.update(r for ph in plan.phases for r in ph.why)
    used.update(w.rule for w in plan.warnings if w.rule)
    lines = []
    for rule in rules:
        if rule.id in used:
            lines.append(f"- **{rule.id}** — {rule.title}: {rule.statement}")
    return lines


def _exercise_guide(plan: Plan, library: ExerciseLibrary | None) -> list[str]:
    """Every exercise of the plan once: all its cues, an easier and a harder version, a substitute."""
    seen: dict[str, Prescription] = {}
    for session in plan.sessions:
        for p in session.exercises:
            seen.setdefault(p.id, p)
    lines: list[str] = []

    def names(ids: Iterable[str]) -> str:
        assert library is not None
        return ", ".join(ex.name for i in ids if (ex := library.find(i)) is not None)

    for ex_id, p in sorted(seen.items(), key=lambda kv: kv[1].name.lower()):
        ex = library.find(ex_id) if library is not None else None
        cues = p.cues or (ex.cues if ex is not None else ())
        lines.extend(["", f"**{p.name}**", ""])
        lines.extend(f"- {c}" for c in cues)
        if ex is not None:
            for label, ids in (
                ("Easier", ex.regressions),
                ("Harder", ex.progressions),
                ("Instead", ex.substitutions),
            ):
                text = names(ids)
                if text:
                    lines.append(f"- *{label}:* {text}")
    return lines


def _session_heading(session: Session) -> str:
    return f"### {format_date(session.date)} — {session.slot} · {session_label(session)} · {session.minutes} min"


def _session(session: Session) -> list[str]:
    lines = [_session_heading(session), ""]
    if session.title:
        lines.extend([f"**{session.title}**", ""])
    lines.append(f"Phase: {phase_label(session.phase)}  ")
    if session.explanation:
        lines.append(f"{session.explanation}  ")
    lines.append("Why: " + (", ".join(session.why) if session.why else "—"))
    if session.notes:
        lines.append("")
        lines.extend(f"- {n}" for n in session.notes)
    for block, items in blocks_in_order(session.exercises):
        lines.extend(["", f"**{block_label(block)}**", ""])
        rows = [
            (p.order, p.name, format_dose(p), format_rest(p.rest_s), format_intensity(p.intensity), p.note)
            for p in items
        ]
        lines.extend(_table(("#", "Exercise", "Sets × reps", "Rest", "Intensity", "Notes"), rows))
    cues: list[str] = []
    seen: set[str] = set()
    for p in sorted(session.exercises, key=lambda e: e.order):
        if p.cues and p.id not in seen:
            seen.add(p.id)
            cues.append(f"- **{p.name}**: {p.cues[0]}" + (" (more in the exercise guide)" if len(p.cues) > 1 else ""))
    if cues:
        lines.extend(["", "Form cues:", "", *cues])
    return lines


def _mondays(start: dt.date, end: dt.date) -> list[dt.date]:
    first = start - dt.timedelta(days=start.weekday())
    count = (end - first).days // 7 + 1
    return [first + dt.timedelta(weeks=i) for i in range(max(count, 0))]


def _week(plan: Plan, number: int, monday: dt.date) -> list[str]:
    days = [d for d in (monday + dt.timedelta(days=i) for i in range(7)) if plan.start <= d <= plan.end]
    phases: list[str] = []
    for d in days:
        ph = plan.phase_on(d)
        if ph is not None and phase_label(ph.name) not in phases:
            phases.append(phase_label(ph.name))
    lines = [f"## Week {number} — {format_date(monday)}", ""]
    if phases:
        lines.extend([f"Phase: {' → '.join(phases)}", ""])
    week_sessions = sorted(
        (s for s in plan.sessions if monday <= s.date < monday + dt.timedelta(days=7)),
        key=lambda s: (s.date, _slot_rank(s.slot)),
    )
    rows = []
    for d in days:
        runs = sorted((r for r in plan.runs if r.date == d), key=lambda r: _slot_rank(r.slot))
        strength = [f"{session_label(s)} {s.minutes} min ({s.slot})" for s in week_sessions if s.date == d]
        rows.append(
            (
                f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}",
                " + ".join(_run_text(r) for r in runs) or "—",
                " + ".join(strength) or "—",
            )
        )
    lines.extend(_table(("Day", "Run", "Strength"), rows))
    for s in week_sessions:
        lines.extend(["", *_session(s)])
    return lines


def _slot_rank(slot: str) -> int:
    return {"am": 0, "any": 1, "pm": 2}.get(slot, 3)


def to_markdown(plan: Plan, library: ExerciseLibrary | None = None, rules: RuleBook | None = None) -> bytes:
    """Render the plan as UTF-8 Markdown; deterministic (no clock) so exports diff cleanly. With the
    library and the rule book it adds an exercise guide and a glossary of the rules it cites."""
    lines = [
        f"# Strength plan for {plan.athlete_name}: {format_date(plan.start)} – {format_date(plan.end)}",
        "",
        f"Experience: {plan.experience} · Hemisphere: {plan.hemisphere} · Sessions: {len(plan.sessions)}",
        "",
        *(f"> {line}" if line else ">" for line in plan.disclaimer.splitlines()),
        "",
        "## Season overview",
        "",
        *_overview(plan),
        "",
        "## How to read the prescriptions",
        "",
        *READING_GUIDE,
        "",
        "## Warnings",
        "",
        *_warnings(plan),
    ]
    for number, monday in enumerate(_mondays(plan.start, plan.end), start=1):
        lines.extend(["", *_week(plan, number, monday)])
    if plan.balance_snacks:
        lines.extend(["", "## Balance snacks", ""])
        lines.extend(
            f"- **{b.name}** — {b.duration_s} s, {b.when}" if b.when else f"- **{b.name}** — {b.duration_s} s"
            for b in plan.balance_snacks
        )
    if plan.notes:
        lines.extend(["", "## Notes", ""])
        lines.extend(f"- {n}" for n in plan.notes)
    if plan.sessions:
        lines.extend(["", "## Exercise guide", *_exercise_guide(plan, library)])
    glossary = _glossary(plan, rules)
    if glossary:
        lines.extend(["", "## Rules cited (glossary)", "", *glossary])
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_markdown_with_guide(plan: Plan) -> bytes:
    """The Markdown with the exercise guide and the rule glossary from the bundled data."""
    from stridelift.catalog import load_library, load_rules

    return to_markdown(plan, load_library(), load_rules())

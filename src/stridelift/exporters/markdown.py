"""Markdown export: a plan a runner or coach can read in any viewer, print, or paste into notes.

The formatting helpers here are also used by the ICS exporter so both speak the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from stridelift.domain.plan import Intensity, Phase, Plan, Prescription, RunEntry, Session

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
    """'3 × 20' for reps, '3 × 30 s' for holds; a set is given by one or the other (contract)."""
    if p.reps is not None:
        return f"{p.sets} × {p.reps}"
    if p.duration_s is not None:
        return f"{p.sets} × {p.duration_s} s"
    return f"{p.sets} sets"


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
    return f"{kind} {run.minutes} min ({run.slot})"


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
    if not plan.warnings:
        return ["No warnings."]
    lines = []
    for w in plan.warnings:
        when = f" ({format_date(w.date)})" if w.date else ""
        rule = f" — rule {w.rule}" if w.rule else ""
        lines.append(f"- **{w.code}**{when}: {w.message}{rule}")
    return lines


def _session_heading(session: Session) -> str:
    return f"### {format_date(session.date)} — {session.slot} · {session_label(session)} · {session.minutes} min"


def _session(session: Session) -> list[str]:
    lines = [_session_heading(session), ""]
    if session.title:
        lines.extend([f"**{session.title}**", ""])
    lines.append(f"Phase: {phase_label(session.phase)}  ")
    lines.append("Why: " + (", ".join(session.why) if session.why else "—"))
    if session.notes:
        lines.append("")
        lines.extend(f"- {n}" for n in session.notes)
    for block, items in blocks_in_order(session.exercises):
        lines.extend(["", f"**{block_label(block)}**", ""])
        rows = [
            (p.order, p.name, format_dose(p), f"{p.rest_s} s", format_intensity(p.intensity), p.note) for p in items
        ]
        lines.extend(_table(("#", "Exercise", "Sets × reps", "Rest", "Intensity", "Notes"), rows))
    cues: list[str] = []
    seen: set[str] = set()
    for p in sorted(session.exercises, key=lambda e: e.order):
        if p.cues and p.id not in seen:
            seen.add(p.id)
            cues.append(f"- **{p.name}**: {p.cues[0]}")
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


def to_markdown(plan: Plan) -> bytes:
    """Render the plan as UTF-8 Markdown; deterministic (no clock) so exports diff cleanly."""
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
    return ("\n".join(lines) + "\n").encode("utf-8")

"""Terminal rendering with Rich: summaries, findings, the rule book and the exercise library."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from stridelift.domain.checker import Finding
    from stridelift.services import PlanResult

PHASE_LABEL = {
    "offseason_strength": "Off-season strength",
    "base": "Base",
    "build": "Build",
    "peak": "Peak",
    "taper": "Taper",
    "race_week": "Race week",
    "recovery": "Recovery",
    "in_season": "In season",
}


def _console() -> Console:
    wide = None if sys.stdout.isatty() else 120
    return Console(highlight=False, soft_wrap=False, width=wide)


def print_summary(result: PlanResult, written: list[Path]) -> None:
    from stridelift.domain.checker import hard_violations

    c = _console()
    p = result.plan
    c.print(
        f"[bold]{escape(p.athlete_name)}[/]: {p.start:%d %b %Y} - {p.end:%d %b %Y}, "
        f"{len(p.sessions)} strength sessions, {len(p.runs)} runs scheduled around"
    )
    t = Table(title="Season overview", show_lines=False)
    for col in ("phase", "from", "to", "weeks", "sessions", "formats"):
        t.add_column(col)
    for ph in p.phases:
        inside = [s for s in p.sessions if ph.contains(s.date)]
        fm = Counter(s.format for s in inside)
        t.add_row(
            PHASE_LABEL[ph.name],
            f"{ph.start:%d %b %Y}",
            f"{ph.end:%d %b %Y}",
            f"{ph.days / 7:.1f}",
            str(len(inside)),
            ", ".join(f"{k} x{v}" for k, v in fm.most_common()),
        )
    c.print(t)
    hard = hard_violations(result.findings)
    c.print(
        f"Rule check: [bold {'red' if hard else 'green'}]{len(hard)} hard violations[/], "
        f"{sum(1 for f in result.findings if not f.hard)} soft notes"
    )
    if p.warnings:
        from stridelift.domain.warning_groups import group_warnings

        c.print(f"[yellow]{len(p.warnings)} warnings[/] (all of them are in the plan files), one line per kind:")
        for g in group_warnings(p.warnings):
            count = f" ({g.count}x)" if g.count > 1 else ""
            when = f" [dim]{escape(g.when('%a %d %b %Y'))}[/]:" if g.dates else ":"
            c.print(f"  [yellow]{escape(g.label)}[/]{count}{when} {escape(g.message)}")
    if result.history_skipped:
        from stridelift.safe_text import printable

        name, reason = result.history_skipped[0]  # bytes from anywhere: no markup, no escape sequences
        c.print(
            f"[yellow]{len(result.history_skipped)} history files skipped[/], e.g. "
            f"{escape(printable(name))}: {escape(printable(reason))}"
        )
    for path in written:
        if path.is_dir():
            n_fit = sum(1 for f in path.iterdir() if f.suffix.lower() == ".fit")
            c.print(f"wrote {escape(str(path))}/ ({n_fit} FIT workout{'s' if n_fit != 1 else ''}, one a session)")
        else:
            c.print(f"wrote {escape(str(path))}")


def print_findings(findings: list[Finding], skipped: list[str], as_json: bool) -> None:
    if as_json:
        out: dict[str, Any] = {
            "violations": [
                {
                    "rule": f.rule,
                    "hard": f.hard,
                    "explained": f.explained,
                    "message": f.message,
                    "date": f.date.isoformat() if f.date else None,
                }
                for f in findings
            ],
            "hard": sum(1 for f in findings if f.hard and not f.explained),
            "not_checked": skipped,
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    c = _console()
    hard = [f for f in findings if f.hard and not f.explained]
    for f in sorted(findings, key=lambda f: (not f.hard, f.explained, f.date.isoformat() if f.date else "")):
        kind = "explained" if f.explained else ("HARD" if f.hard else "soft")
        colour = "red" if kind == "HARD" else ("cyan" if kind == "explained" else "yellow")
        c.print(f"[{colour}]{kind:9}[/] {f.rule:24} {f.date.isoformat() if f.date else '-':10}  {escape(f.message)}")
    for s in skipped:
        c.print(f"[dim]not checked: {escape(s)}[/]")
    c.print(
        f"{len(hard)} hard violations, {sum(1 for f in findings if f.explained)} explained by warnings, "
        f"{sum(1 for f in findings if not f.hard)} soft"
    )


def print_rules(as_json: bool) -> None:
    from stridelift.catalog import load_rules, load_sources

    rules = load_rules()
    sources = load_sources()
    if as_json:
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "statement": r.statement,
                        "hard": r.hard,
                        "phases": list(r.phases),
                        "source": list(r.source),
                        "citations": [sources[s].citation for s in r.source],
                        "params": dict(r.params),
                    }
                    for r in rules
                ],
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        return
    t = Table(title=f"{len(rules)} rules", show_lines=True)
    for col in ("id", "hard", "phases", "statement", "source"):
        t.add_column(col, overflow="fold")
    for r in rules:
        t.add_row(r.id, "hard" if r.hard else "soft", ", ".join(r.phases) or "all", r.statement, ", ".join(r.source))
    _console().print(t)


def print_exercises(as_json: bool, equipment: list[str] | None) -> None:
    from stridelift.catalog import load_library

    lib = load_library()
    items = list(lib)
    if equipment is not None:
        have = frozenset(equipment) | {"bodyweight"}
        items = [e for e in items if e.allowed_by(have)]
    if as_json:
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "name": e.name,
                        "aliases": list(e.aliases),
                        "region": e.region,
                        "muscles": list(e.muscles),
                        "equipment": list(e.equipment),
                        "planes": list(e.planes),
                        "unilateral": e.unilateral,
                        "balance": e.balance,
                        "core_target": e.core_target,
                        "roles": list(e.roles),
                        "pattern": e.pattern,
                        "cues": list(e.cues),
                        "regressions": list(e.regressions),
                        "progressions": list(e.progressions),
                        "substitutions": list(e.substitutions),
                        "loads": list(e.loads),
                        "heavy": e.heavy,
                        "plyometric": e.plyometric,
                        "speed": e.speed,
                        "balance_level": e.balance_level,
                        "fit_category": e.fit_category,
                        "fit_name": e.fit_name,
                        "source": list(e.source),
                    }
                    for e in items
                ],
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        return
    t = Table(title=f"{len(items)} exercises")
    for col in ("id", "name", "region", "roles", "equipment", "planes", "core", "loads", "source"):
        t.add_column(col, overflow="fold")
    for e in items:
        t.add_row(
            e.id,
            e.name,
            e.region,
            ",".join(e.roles),
            ",".join(e.equipment) or "-",
            ",".join(p[0] for p in e.planes),
            e.core_target or "",
            ",".join(e.loads),
            ",".join(e.source),
        )
    _console().print(t)


def print_load(
    report: Any,
    rows: list[Any],
    chart: Path,
    n_activities: int,
    skipped: list[tuple[str, str]],
    said: Sequence[str] = (),
    recorded: int | None = None,
) -> None:
    c = _console()
    th = report.thresholds
    of = f" (of {recorded} recorded)" if recorded is not None and recorded != n_activities else ""
    c.print(
        f"{n_activities} activities{of}, {report.start:%d %b %Y} - {report.end:%d %b %Y}"
        + (f"; heart rate: max {th.max_hr:.0f}, resting {th.resting_hr:.0f} ({th.source})" if th else "")
    )
    for line in said:
        c.print(f"[yellow]{escape(line)}[/]")
    t = Table(title="Running load by week (TRIMP)")
    cols = ("week of", "runs", "minutes", "running load", "cross-training", "acute/day", "chronic/day", "ACWR", "TSB")
    for col in cols:
        t.add_column(col, justify="right" if col != "week of" else "left")

    from stridelift.formatting import fmt_num as f

    for r in rows:
        acwr = f(r.acwr, ".2f")
        if r.acwr is not None and r.acwr > report.spike_threshold:
            acwr = f"[bold red]{acwr}[/]"
        elif r.acwr is not None and 0.8 <= r.acwr <= 1.3:
            acwr = f"[green]{acwr}[/]"
        cross = f"{r.cross:.0f} ({r.cross_sessions})" if r.cross_sessions else "-"
        t.add_row(
            f"{r.week_start:%d %b %Y}",
            str(r.runs),
            f(r.minutes),
            f(r.load),
            cross,
            f(r.acute),
            f(r.chronic),
            acwr,
            f(r.tsb),
        )
    c.print(t)
    c.print(
        "[dim]acute/chronic/ACWR/TSB count running plus cross-training at its stated factor; "
        "cross-training shows TRIMP (activities)[/]"
    )
    if report.spikes:
        c.print(
            f"[red]load spikes (ACWR > {report.spike_threshold:g})[/]: "
            + ", ".join(d.isoformat() for d in report.spikes[-6:])
        )
    for note in report.notes:
        c.print(f"[dim]{escape(note)}[/]")
    if skipped:
        c.print(f"[yellow]{len(skipped)} files skipped[/]")
    c.print(f"wrote {escape(str(chart))}")

"""E-TAPER-ECCENTRIC: no heavy eccentric work in the last days before an A race, judged on the plan's races."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule
from stridelift.domain.taper_eccentric import eccentric_free_days, is_eccentric


@check("taper_eccentric")
def _taper_eccentric(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    ids = frozenset(rule.params["ids"])
    races = [(r.date, r.race_priority) for r in ctx.plan.runs if r.type == "race"]
    free = eccentric_free_days(races, rule.params)
    for s in ctx.plan.sessions:
        race = free.get(s.date)
        if race is None:
            continue
        for p in s.exercises:
            if is_eccentric(p, ids):
                yield f"{p.id} {p.sets}x{p.reps} {(race - s.date).days} days before the A race on {race}", s.date


def _week_phase(ctx: Ctx, m: dt.date) -> str | None:
    """The phase holding most of the plan's days of the week from Monday `m` (the earlier one on a tie),
    as the planner decides which block a week belongs to."""
    days = [m + dt.timedelta(days=i) for i in range(7)]
    counts: dict[str, int] = {}
    for d in days:
        if ctx.plan.start <= d <= ctx.plan.end:
            ph = next((p for p in ctx.plan.phases if p.contains(d)), None)
            if ph is not None:
                counts[ph.name] = counts.get(ph.name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None  # dicts keep the first-seen order on ties


@check("deload_earned")
def _deload_earned(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """A lighter week (a session naming E-DELOAD) only after `min_weeks` weeks of its own block before it."""
    need = int(rule.params["min_weeks"])
    seen: set[dt.date] = set()
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        m = s.date - dt.timedelta(days=s.date.weekday())
        if "E-DELOAD" not in s.why or m in seen:
            continue
        seen.add(m)
        name = _week_phase(ctx, m)
        if name is None or not rule.applies_in(name):
            continue
        before = 0
        prev = m - dt.timedelta(days=7)
        while prev >= ctx.plan.start - dt.timedelta(days=6) and _week_phase(ctx, prev) == name:
            before += 1
            prev -= dt.timedelta(days=7)
        if before < need:
            yield (
                f"a lighter week after {before} week(s) of the {name.replace('_', ' ')} block (at least {need})",
                s.date,
            )

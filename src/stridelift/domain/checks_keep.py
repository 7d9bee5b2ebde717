"""E-HEAVY-KEEP: heavy leg strength is kept through the development phases, judged on the sessions;
S6-STABLE-BLOCKS: the development stages are blocks of a week or more."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.plan import Plan
from stridelift.domain.returning import is_lower_strength
from stridelift.domain.rules import Rule

ONE_DAY = dt.timedelta(days=1)
STAGES = frozenset({"base", "build", "peak", "in_season"})  # the development stages (S6-STABLE-BLOCKS)


def heavy_gaps(
    plan: Plan, phases: frozenset[str], max_gap_days: int, formats: tuple[str, ...]
) -> Iterator[tuple[dt.date, dt.date]]:
    """(from, to) of each stretch of development days that runs more than `max_gap_days` past the last
    lower-body strength session (heavy, maintenance, or a novice's first weeks of learning the lifts),
    or past the start of the stretch (the plan's start, or the day after a taper, race week or
    recovery); `to` is the first day over the limit."""
    heavy = {s.date for s in plan.sessions if is_lower_strength(s, formats)}
    anchor: dt.date | None = None
    reported = False
    day = plan.start
    while day <= plan.end:
        ph = plan.phase_on(day)
        if ph is None or ph.name not in phases:
            anchor, reported = None, False
        else:
            if anchor is None:
                anchor = day - ONE_DAY  # the day before the stretch counts as its last rest from heavy work
            if (day - anchor).days > max_gap_days and not reported:
                reported = True
                yield anchor, day
            if day in heavy:
                anchor, reported = day, False
        day += ONE_DAY


@check("heavy_keep")
def _heavy_keep(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    # a runner with one session a week (or one available day) does the base's circuit
    a = ctx.athlete
    if a is not None and min(a.sessions_per_week_max, len(a.strength_days)) < int(rule.params["min_sessions"]):
        return
    limit = int(rule.params["max_gap_days"])
    # a gap is dated where the plan says why it has no heavy legs (a warning of this rule or of the heavy
    # rules it names, or a week without any available day), so that warning explains it; else where it
    # runs over the limit
    why = {rule.id, *rule.params.get("excused_by", ())}
    said = sorted(
        w.date
        for w in ctx.plan.warnings
        if w.date is not None
        and (w.rule in why or (rule.params.get("empty_weeks") and w.code == "WEEK_WITHOUT_SESSION"))
    )
    for last, day in heavy_gaps(ctx.plan, frozenset(rule.phases), limit, tuple(rule.params["formats"])):
        at = next((d for d in said if last < d <= day), day)
        yield f"no lower-body strength session from {last} to {day}: more than {limit} days without it", at


@check("stable_blocks")
def _stable_blocks(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """S6-STABLE-BLOCKS: no development phase of fewer than `min_days` days inside the plan, nor at its
    start when the stage after it (one of `start_into`) could have taken its days."""
    least = int(rule.params["min_days"])
    start_into = frozenset(rule.params.get("start_into", ()))
    phases = ctx.plan.phases
    for k, ph in enumerate(phases):
        if ph.name not in STAGES or ph.days >= least or ph.end == ctx.plan.end:
            continue
        if ph.start == ctx.plan.start and not (k + 1 < len(phases) and phases[k + 1].name in start_into):
            continue
        yield f"{ph.name} for {ph.days} days ({ph.start} to {ph.end}): too short to be a stage", ph.start

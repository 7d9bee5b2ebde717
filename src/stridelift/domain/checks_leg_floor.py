"""Leg strength is never left out for weeks (rule E-LEG-FLOOR): a strength phase that is upper-body only
while a day could take leg work, and a stretch of 3 weeks or more without leg strength outside race
weeks, recoveries and a leg injury's flaring stage. Judged from the plan's sessions, runs (key runs as
planned, key_runs.py) and race dates; the profile's strength days and injuries when given."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.leg_floor import has_legs, leg_lifts
from stridelift.domain.rules import Rule
from stridelift.domain.running import recovery_days
from stridelift.domain.templates import status_on

DAY = dt.timedelta(days=1)
Out = Iterable[tuple[str, dt.date | None]]


def _race_blocked(ctx: Ctx, params: Mapping[str, Any]) -> set[dt.date]:
    """Race days, their buffers before (E-RACE-BUFFER) and recoveries after (E-RACE-RECOVERY)."""
    buffers = ctx.rules[str(params["buffer_rule"])].params
    rec = ctx.rules[str(params["recovery_rule"])].params
    out: set[dt.date] = set()
    for r in checks_schedule.races(ctx):
        out.add(r.date)
        out.update(r.date - DAY * k for k in range(1, int(buffers.get(r.priority, 0)) + 1))
        days = recovery_days(r.distance_km or 0.0, rec, r.priority)
        out.update(r.date + DAY * k for k in range(1, days + 1))
    return out


def _flaring(ctx: Ctx, params: Mapping[str, Any], day: dt.date) -> bool:
    """A leg injury at a flaring stage on `day` (its stages from injuries.toml)."""
    if ctx.athlete is None:
        return False
    for inj in ctx.athlete.injuries:
        policy = ctx.templates.injuries.get(inj.area)
        if policy is None or inj.area not in params["leg_areas"]:
            continue
        if status_on(policy, inj.status, ctx.athlete.start, day) in params["flaring"]:
            return True
    return False


def _excuse(ctx: Ctx, rule: Rule, start: dt.date, end: dt.date) -> dt.date | None:
    """The date of a warning of the rule's `excused_by` inside [start, end]: it names the reason."""
    by = set(rule.params.get("excused_by", ()))
    return next((w.date for w in ctx.plan.warnings if w.rule in by and w.date and start <= w.date <= end), None)


@check("leg_floor")
def _leg_floor(rule: Rule, ctx: Ctx) -> Out:
    params = rule.params
    leg = params["leg"]
    plan = ctx.plan
    a = ctx.athlete
    if a is not None and min(a.sessions_per_week_max, len(a.strength_days)) < int(params["min_sessions"]):
        return  # one session a week rotates its work (E-HEAVY-KEEP's and E-LEGS-GAP's limit too)
    legs_days = sorted({s.date for s in plan.sessions if leg_lifts(s, ctx.library, leg)})
    blocked = _race_blocked(ctx, params)
    keyed = checks_schedule.key_days(ctx)
    weekdays = set(ctx.athlete.strength_days) if ctx.athlete is not None else {s.date.weekday() for s in plan.sessions}
    for ph in plan.phases:
        if ph.name not in params["strength_phases"] or ph.days < int(params["min_phase_days"]):
            continue
        inside = [s for s in plan.sessions if ph.contains(s.date)]
        lifts = any(p.block == "strength" and p.region == "upper" for s in inside for p in s.exercises)
        if not lifts or has_legs(inside, ctx.library, leg):
            continue
        open_days = [
            d
            for d in (ph.start + DAY * i for i in range(ph.days))
            if d.weekday() in weekdays
            and d not in blocked
            and d + DAY not in keyed
            and not keyed.get(d, frozenset()) & {"race"}
        ]
        if open_days:
            yield (
                f"the {ph.name.replace('_', ' ')} phase {ph.start}..{ph.end} is upper-body only while "
                f"{open_days[0]:%a %d %b} could take leg work",
                ph.start,
            )
    yield from _stretches(rule, ctx, legs_days)


def _stretches(rule: Rule, ctx: Ctx, legs_days: list[dt.date]) -> Out:
    params = rule.params
    plan = ctx.plan
    skip = set(params["skip_phases"])
    phase_of = {d: ph.name for ph in plan.phases for d in (ph.start + DAY * i for i in range(ph.days))}
    limit = int(params["max_days"])
    marks = [plan.start - DAY, *legs_days, plan.end + DAY]
    for a, b in itertools.pairwise(marks):
        counted = [
            d
            for d in (a + DAY * i for i in range(1, (b - a).days))
            if phase_of.get(d) not in skip and not _flaring(ctx, params, d)
        ]
        if len(counted) <= limit:
            continue
        start, end = counted[0], counted[-1]
        excused = _excuse(ctx, rule, start, end)
        yield (
            f"{len(counted)} days without leg strength {start}..{end} (outside race weeks, recoveries and a "
            f"leg injury's flare; at most {limit})",
            excused or start,
        )

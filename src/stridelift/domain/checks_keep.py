"""E-HEAVY-KEEP: heavy leg strength is kept through the development phases, judged on the sessions;
E-LEGS-GAP: between races of a season too, judged on the race dates, not the phase labels;
S6-STABLE-BLOCKS: the development stages are blocks of a week or more."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator

from stridelift.domain import checks_schedule
from stridelift.domain.checker import Ctx, check
from stridelift.domain.checks_light import is_eve_dose
from stridelift.domain.plan import Plan
from stridelift.domain.returning import is_lower_strength
from stridelift.domain.rules import Rule
from stridelift.domain.running import recovery_days

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


def _blocked_days(ctx: Ctx) -> set[dt.date]:
    """Race days, the days before a race that E-RACE-BUFFER keeps free of heavy legs, and the recovery
    days after it (E-RACE-RECOVERY), from the race dates."""
    buffer = ctx.rules["E-RACE-BUFFER"].params
    rec = ctx.rules["E-RACE-RECOVERY"].params
    out: set[dt.date] = set()
    for r in checks_schedule.races(ctx):
        before = int(buffer.get(r.priority, 0))
        after = recovery_days(r.distance_km, rec, r.priority) if r.distance_km is not None else 0
        out.update(r.date + k * ONE_DAY for k in range(-before, after + 1))
    return out


def avoidable(last: dt.date, nxt: dt.date, free: Callable[[dt.date], bool], most: int, rest: int) -> bool:
    """Whether sessions on free days (each `rest` days or more from the one before and from `nxt`) could
    have split the gap from `last` to `nxt` into parts of at most `most` days."""
    cur = last
    while (nxt - cur).days > most:
        days = [cur + k * ONE_DAY for k in range(rest, most + 1)]
        options = [d for d in days if free(d) and (nxt - d).days >= rest]
        if not options:
            return False
        cur = max(options)
    return True


@check("legs_gap")
def _legs_gap(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    p = rule.params
    a = ctx.athlete
    if a is not None and min(a.sessions_per_week_max, len(a.strength_days)) < int(p["min_sessions"]):
        return
    most, rest = int(p["max_gap_days"]), int(p["rest_days"])
    dose_rule = p.get("except_dose")  # a key-run eve's reduced leg dose is leg strength too (E-EVE-LIGHT)
    legs = sorted(
        {
            s.date
            for s in ctx.plan.sessions
            if is_lower_strength(s, tuple(p["formats"])) or (dose_rule and is_eve_dose(s, ctx, str(dose_rule)))
        }
    )
    excusing = [r.date for r in checks_schedule.races(ctx) if r.priority in p["excused_priorities"]]
    blocked = _blocked_days(ctx)

    def free(d: dt.date) -> bool:
        return d not in blocked and (a is None or d.weekday() in a.strength_days)

    for last, nxt in itertools.pairwise(legs):
        gap = (nxt - last).days
        if gap > most and not any(last < d < nxt for d in excusing) and avoidable(last, nxt, free, most, rest):
            yield (
                f"no lower-body strength session from {last} to {nxt} ({gap} days, at most {most}) "
                "though days outside the races' buffers and recoveries lay between",
                last + dt.timedelta(days=most + 1),
            )


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
        between = k > 0 and phases[k - 1].name not in STAGES and k + 1 < len(phases)
        if between and ph.name == rule.params.get("before_race_week") and phases[k + 1].name == "race_week":
            continue  # a few in-season days between one race's recovery and the next race's week
        yield f"{ph.name} for {ph.days} days ({ph.start} to {ph.end}): too short to be a stage", ph.start

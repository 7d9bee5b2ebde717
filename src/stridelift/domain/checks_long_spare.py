"""What the longest runs spare, judged on the plan's runs and sessions (never the planner's labels):
E-ECCENTRIC-LONG (no Nordic curls in the days before a very long run or a back-to-back weekend, none as a
circuit station, full rest wherever they are) and E-AFTER-VERY-LONG (leg work the day after a very long run
is lighter and says so)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.long_spare import eccentric_free_before, lighter_days
from stridelift.domain.rules import Rule
from stridelift.domain.taper_eccentric import is_eccentric

DAY = dt.timedelta(days=1)
Out = Iterable[tuple[str, dt.date | None]]


@check("eccentric_long")
def _eccentric_long(rule: Rule, ctx: Ctx) -> Out:
    params = rule.params
    ids = frozenset(params["ids"])
    least_rest = int(params["min_rest_s"])
    free = eccentric_free_before(((r.date, r.type, r.minutes) for r in ctx.plan.runs), params)
    for s in ctx.plan.sessions:
        for p in s.exercises:
            if not is_eccentric(p, ids):
                continue
            if s.format in params["no_formats"]:
                yield f"{p.name} as filler in a {s.format}: it belongs in a strength session", s.date
            if p.sets > 1 and p.rest_s < least_rest:  # one set has no rest between sets to judge
                yield f"{p.name} with {p.rest_s} s rest between sets (under {least_rest} s)", s.date
            spared = free.get(s.date)
            if spared is not None:
                day, words = spared
                yield f"{p.name} {(day - s.date).days} day(s) before the {words} of {day:%a %d %b}", s.date


@check("after_very_long")
def _after_very_long(rule: Rule, ctx: Ctx) -> Out:
    params = rule.params
    cap, words = int(params["max_sets"]), str(params["words"])
    for s in ctx.plan.sessions:
        lighter = lighter_on(ctx).get(s.date)
        if lighter is None or s.format not in params["no_jumps_formats"]:
            continue
        run = lighter[0]
        work = [(p, ctx.library.find(p.id)) for p in s.exercises if p.block != "warmup"]
        jumps = sorted({p.name for p, ex in work if ex is not None and ex.plyometric})
        if jumps:
            yield f"jumps ({', '.join(jumps)}) the day after a {run}-minute long run", s.date
        if s.format not in params["formats"]:
            continue
        heavy = sorted(
            {p.name for p, ex in work if ex is not None and ex.region == "lower" and ex.leg_fatigue and p.sets > cap}
        )
        if heavy:
            yield f"{', '.join(heavy)} at more than {cap} sets the day after a {run}-minute long run", s.date
        elif words not in (s.explanation or ""):
            yield f"{s.format} the day after a {run}-minute long run does not say it is {words}", s.date


def lighter_on(ctx: Ctx) -> dict[dt.date, tuple[int, int]]:
    """The plan's days lighter after a very long run (E-AFTER-VERY-LONG): the run's minutes, the sets kept."""
    priorities = ctx.rules["E-TAPER-NO-RISE"].params["priorities"]
    held = [r.date for r in ctx.plan.runs if r.type == "race" and r.race_priority in priorities]
    runs = [(r.date, r.type, r.minutes) for r in ctx.plan.runs]
    return lighter_days(runs, held, ctx.plan.experience == "novice", ctx.rules)

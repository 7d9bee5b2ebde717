"""No heavy legs the day after the longest runs (rule E-AFTER-LONG): a leg-fatiguing session the day
after a long run of the rule's length is reported when the same week had another of the runner's
available days free that sits before no key run and in no race's first days after it, follows no such
long run and keeps 48 hours from the week's other leg sessions; where it had none, when the session's
explanation does not name the run. Computed from the plan's runs and sessions and the profile's days,
never from the planner's labels."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.plan import Session
from stridelift.domain.rules import Rule

DAY = dt.timedelta(days=1)
Out = Iterable[tuple[str, dt.date | None]]


@check("after_long")
def _after_long(rule: Rule, ctx: Ctx) -> Out:
    params = rule.params
    least = int(params["novice_long_min" if ctx.plan.experience == "novice" else "long_min"])
    keys = set(params["key_types"])
    words = str(params["words"])
    long_min: dict[dt.date, int] = defaultdict(int)
    key_days: set[dt.date] = set()
    after_race = int(params["race_days"])
    key_days.update(d for d, kinds in checks_schedule.key_days(ctx).items() if kinds & keys)  # as planned
    for r in ctx.plan.runs:
        if r.type == "long":
            long_min[r.date] = max(long_min[r.date], r.minutes)
        if r.type == "race":  # a race's first days of recovery are no free day for the legs either
            key_days.update(r.date + DAY * i for i in range(after_race))
    legs = [s for s in checks_schedule.fatiguing(ctx) if s.format in params["formats"]]
    taken = {s.date for s in ctx.plan.sessions}
    for s in legs:
        run = long_min.get(s.date - DAY, 0)
        if run < least:
            continue
        free = _free_day(ctx, s, legs, taken, key_days, long_min, least)
        if free is not None:
            yield (
                f"leg-fatiguing {s.format} the day after a {run}-minute long run while {free:%a %d %b} was free",
                s.date,
            )
        elif words not in (s.explanation or "") or str(run) not in (s.explanation or ""):
            yield f"leg-fatiguing {s.format} the day after a {run}-minute long run, and it does not say so", s.date


def _free_day(
    ctx: Ctx,
    s: Session,
    legs: list[Session],
    taken: set[dt.date],
    key_days: set[dt.date],
    long_min: dict[dt.date, int],
    least: int,
) -> dt.date | None:
    """Another day of the session's week that could have held it (needs the profile's days)."""
    athlete = ctx.athlete
    if athlete is None:
        return None
    monday = s.date - dt.timedelta(days=s.date.weekday())
    others = [x.date for x in legs if x is not s]
    for i in range(7):
        day = monday + dt.timedelta(days=i)
        if day == s.date or day in taken or day.weekday() not in athlete.strength_days:
            continue
        if not ctx.plan.start <= day <= ctx.plan.end or day in key_days or day + DAY in key_days:
            continue  # a key run today (hours before) or tomorrow
        if long_min.get(day - DAY, 0) >= least or any(abs((day - o).days) < 2 for o in others):
            continue
        return day
    return None

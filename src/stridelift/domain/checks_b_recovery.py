"""A B or C race does not get an A race's recovery (rule R-B-RACE-RECOVERY): between the end of its own
recovery (E-RACE-RECOVERY scaled by priority) and the end of the recovery an A race of its distance would
get, the long run comes back. Judged from the race dates and the plan's runs, never from phase labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule
from stridelift.domain.running import recovery_days

DAY = dt.timedelta(days=1)


def _long_weekdays(ctx: Ctx) -> set[int]:
    if ctx.athlete is not None:
        return {r.weekday for r in ctx.athlete.running_week if r.type == "long"}
    return {r.date.weekday() for r in ctx.plan.runs if r.type == "long"}


@check("b_race_recovery")
def _b_race_recovery(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """No long run at all in the days an A race's recovery would add after a B or C race, though the
    runner's long-run day falls there clear of every other race's race week and recovery."""
    rec = ctx.rules["E-RACE-RECOVERY"].params
    before = int(rule.params["race_week_days"])
    known = [r for r in checks_schedule.races(ctx) if r.distance_km is not None]
    long_days = _long_weekdays(ctx)
    longs = {r.date for r in ctx.plan.runs if r.type == "long"}
    end = ctx.plan.end

    def busy(d: dt.date, own: dt.date) -> bool:
        for o in known:
            if o.date == own:
                continue
            k = (d - o.date).days
            if -before <= k <= recovery_days(float(o.distance_km or 0), rec, o.priority):
                return True
        return False

    for r in known:
        if r.priority == "A":
            continue
        km = float(r.distance_km or 0)
        own, full = recovery_days(km, rec, r.priority), recovery_days(km, rec, "A")
        window = [r.date + k * DAY for k in range(own + 1, full + 1)]
        free = [d for d in window if d <= end and d.weekday() in long_days and not busy(d, r.date)]
        if free and not any(d in longs for d in window):
            yield (
                (
                    f"the {r.priority} race on {r.date} ({km:g} km) is given an A race's recovery: no long run from "
                    f"day {own + 1} to day {full} after it (its own recovery is {own} days), though "
                    f"{free[0]} is a free long-run day"
                ),
                free[0],
            )

"""R-LONG-BUILD: the long run builds toward an A race's distance, with cutback weeks; judged on the
plan's runs and the profile's races and usual week, never its labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.long_build import DAY, no_cutback, shortfalls, usual_long
from stridelift.domain.rules import Rule


@check("long_build")
def _long_build(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    p = rule.params
    runs = [(r.date, r.type, r.minutes) for r in ctx.plan.runs]
    known = [
        (r.date, float(r.distance_km), r.priority) for r in checks_schedule.races(ctx) if r.distance_km is not None
    ]
    for race, best, target in shortfalls(runs, known, ctx.plan.start, p):
        yield (
            (
                f"the longest long run before the A race on {race} is {best} minutes: the distance asks for a build "
                f"toward about {target} (at least {float(p['min_share']):.0%} of it)"
            ),
            race - int(p["peak_days"][0]) * DAY,
        )
    if ctx.athlete is None:
        return  # the cutback weeks are judged against the usual long run: the profile's
    usual = usual_long(ctx.athlete.running_week)[0]
    for monday, weeks in no_cutback(runs, usual, ctx.plan.start, ctx.plan.end, p):
        yield f"{weeks} weeks in a row of long runs above the usual {usual} minutes without a cutback week", monday

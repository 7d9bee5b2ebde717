"""The long run after the season's last A race (rule R-LONG-AFTER-SEASON), judged from the race dates and
the plan's runs: with no A or B race ahead, no long run above the cap `season_cap` computes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.long_build import usual_long
from stridelift.domain.rules import Rule
from stridelift.domain.season_end import season_cap, season_end


@check("long_after_season")
def _long_after_season(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    if ctx.athlete is None:
        return  # the usual long run is the profile's
    usual, _ = usual_long(ctx.athlete.running_week)
    races = [(r.date, r.priority) for r in checks_schedule.races(ctx)]
    last = season_end(races, ctx.plan.start, ctx.plan.end, rule.params)
    if last is None or usual <= 0:
        return
    longs = [(r.date, r.minutes) for r in ctx.plan.runs if r.type == "long"]
    cap = season_cap(longs, last, usual, rule.params, ctx.plan.start)
    for d, m in longs:
        if d > last and m > cap:
            yield (
                f"a {m}-minute long run after the last A race on {last} with no race ahead: at most {cap} "
                f"(about {float(rule.params['share']):.0%} of the peak before it, at most the usual {usual})",
                d,
            )

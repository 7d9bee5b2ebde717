"""R-RAMP-BACK: the usual running week is reached in steps, judged on the plan's runs (never its labels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.ramp import full_weeks, usual_load, week_limits, week_load
from stridelift.domain.rules import Rule


@check("ramp_back")
def _ramp_back(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    by_day: dict[dt.date, list[tuple[str, int]]] = {}
    for r in ctx.plan.runs:
        by_day.setdefault(r.date, []).append((r.type, r.minutes))
    if ctx.athlete is None:
        return  # needs the profile (NEEDS_PROFILE): the first weeks step from the usual week
    history: list[tuple[int, int]] = [usual_load(ctx.athlete.running_week)]
    for monday in full_weeks(ctx.plan.start, ctx.plan.end):
        runs = [x for k in range(7) for x in by_day.get(monday + dt.timedelta(days=k), [])]
        lim = week_limits(history, rule.params)
        if lim is not None:
            long_cap, week_cap = lim
            longest = max((m for t, m in runs if t == "long"), default=0)
            if longest > long_cap:
                yield f"a {longest}-minute long run in the week of {monday}: the weeks before allow {long_cap}", monday
            total = week_load(runs)[1]
            if total > week_cap:
                yield f"{total} minutes of running in the week of {monday}: the weeks before allow {week_cap}", monday
        history.append(week_load(runs))

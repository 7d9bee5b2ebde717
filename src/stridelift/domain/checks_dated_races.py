"""R-RACES-DATED: a run of type race in the plan is one of the runner's dated races.

Every race rule (taper, recovery, tendon rest, the eve) reads the plan's race runs, so a weekly race
copied from the usual week would be taken for a race each week, with no priority or distance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule


@check("races_dated")
def _races_dated(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    dated = {r.date for r in ctx.athlete.races} if ctx.athlete is not None else None
    for r in ctx.plan.runs:
        if r.type != "race":
            continue
        if dated is not None and r.date not in dated:
            yield f"a race on {r.date} that is none of the profile's races", r.date
        elif dated is None and r.race_priority is None:
            yield f"a race on {r.date} without a priority: not one of the runner's dated races", r.date

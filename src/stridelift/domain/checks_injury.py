"""An injury that moves on by itself is loaded back on schedule (rule I-PROGRESSION): a flaring Achilles
gets its isometric holds while it flares and the next stage's calf raises after it, never a plan-long
exclusion. The stages and their exercises are the injuries' data (injuries.toml `add`, `progress`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule


@check("injury_progression")
def _injury_progression(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    assert ctx.athlete is not None
    gear = ctx.athlete.equipment | {"bodyweight"}
    room = int(rule.params["min_minutes"])  # shorter sessions may have no room left for it
    for inj in ctx.athlete.injuries:
        policy = ctx.templates.injuries[inj.area]
        now = policy.by_status[inj.status]
        if now.progress_weeks is None or now.progress_to is None:
            continue
        switch = ctx.athlete.start + dt.timedelta(weeks=now.progress_weeks)
        after = policy.by_status[now.progress_to]
        stages = ((inj.status, now, ctx.plan.start, switch), (now.progress_to, after, switch, None))
        for status, sp, begin, end in stages:
            inside = [
                s
                for s in ctx.plan.sessions
                if s.date >= begin and (end is None or s.date < end) and s.minutes >= room
            ]
            wanted = {
                a for a in sp.add if (ex := ctx.library.find(a)) is not None and ex.allowed_by(frozenset(gear))
            }
            if not inside or not wanted:
                continue
            if not any(p.id in wanted for s in inside for p in s.exercises):
                area = inj.area.replace("_", " ")
                yield f"{area} {status} from {begin}: none of {', '.join(sorted(wanted))} in the plan", begin

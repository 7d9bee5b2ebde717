"""Light days that must stay light: the eve of a key run holds no leg-fatiguing exercise (E-EVE-LIGHT),
judged exercise by exercise from the library's `leg_fatigue` tag, never from the session's name or format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check, runs_on
from stridelift.domain.rules import Rule

DAY = dt.timedelta(days=1)


@check("eve_exercises")
def _eve_exercises(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    keys = set(ctx.rules[str(rule.params["key_rule"])].params["key_types"])
    skip = set(rule.params.get("except_blocks", ()))
    runs = runs_on(ctx.plan)
    for s in ctx.plan.sessions:
        tomorrow = {t for t, _ in runs.get(s.date + DAY, [])} & keys
        if not tomorrow:
            continue
        for p in s.exercises:
            ex = ctx.library.find(p.id)
            if p.block not in skip and ex is not None and ex.leg_fatigue:
                dose = f"{p.sets}x{p.reps}" if p.reps is not None else f"{p.sets}x{p.duration_s} s"
                yield f"{p.id} {dose} ({p.block}) tires the legs the day before a {'/'.join(sorted(tomorrow))}", s.date

"""E-TAPER-ECCENTRIC: no heavy eccentric work in the last days before an A race, judged on the plan's races."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule
from stridelift.domain.taper_eccentric import eccentric_free_days, is_eccentric


@check("taper_eccentric")
def _taper_eccentric(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    ids = frozenset(rule.params["ids"])
    races = [(r.date, r.race_priority) for r in ctx.plan.runs if r.type == "race"]
    free = eccentric_free_days(races, rule.params)
    for s in ctx.plan.sessions:
        race = free.get(s.date)
        if race is None:
            continue
        for p in s.exercises:
            if is_eccentric(p, ids):
                yield f"{p.id} {p.sets}x{p.reps} {(race - s.date).days} days before the A race on {race}", s.date

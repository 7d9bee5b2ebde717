"""Light days that must stay light: the eve of a key run holds no leg-fatiguing exercise (E-EVE-LIGHT),
judged exercise by exercise from the library's `leg_fatigue` tag, never from the session's name or format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.checks_schedule import QUALITY, fatiguing, key_days, races, reference_minutes
from stridelift.domain.rules import Rule
from stridelift.domain.running import b_legs_days, b_taper_share

DAY = dt.timedelta(days=1)


@check("eve_exercises")
def _eve_exercises(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    skip = set(rule.params.get("except_blocks", ()))
    keyed = key_days(ctx)  # the key rule's (E-KEY-RUN-EVE) key runs, as planned
    for s in ctx.plan.sessions:
        tomorrow = keyed.get(s.date + DAY, frozenset())
        if not tomorrow:
            continue
        for p in s.exercises:
            ex = ctx.library.find(p.id)
            if p.block not in skip and ex is not None and ex.leg_fatigue:
                dose = f"{p.sets}x{p.reps}" if p.reps is not None else f"{p.sets}x{p.duration_s} s"
                yield f"{p.id} {dose} ({p.block}) tires the legs the day before a {'/'.join(sorted(tomorrow))}", s.date


@check("b_race_taper")
def _b_race_taper(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """Long runs and quality sessions in a B race's mini-taper, judged from the race dates and the plan's
    runs against the usual minutes (the profile's week, else the plan's longest run of each type)."""
    week = ctx.rules[str(rule.params["race_week_from"])].params["race_week_B"]
    params = {**rule.params, "race_week_days": week}
    known = races(ctx)
    ref = reference_minutes(ctx)
    for r in ctx.plan.runs:
        if r.type not in QUALITY | {"long"} or r.type not in ref:
            continue
        share, race = b_taper_share(r.date, known, params)
        cap = max(10.0, ref[r.type] * share)
        if race is not None and r.minutes > cap:
            left = (race - r.date).days
            yield f"a {r.minutes}-minute {r.type} run {left} days before the B race on {race} (cap {cap:.0f})", r.date
    for b in known:
        if b.priority != "B" or b.distance_km is None:
            continue
        n = b_legs_days(b.distance_km, rule.params)
        for s in fatiguing(ctx):
            left = (b.date - s.date).days
            if 0 < left <= n:
                yield f"leg-fatiguing {s.format} {left} days before the B race on {b.date} (fresh for {n})", s.date

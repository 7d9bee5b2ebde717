"""E-PLYO-INTRO: a plan's plyometrics start low and few, and rise at most one intensity level a week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.plyo_intro import PlyoLimits, PlyoRamp
from stridelift.domain.rules import Rule

_NAMES = {1: "low", 2: "moderate", 3: "high"}


@check("plyo_intro")
def _plyo_intro(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    lim = PlyoLimits.from_params(rule.params)
    ramp = PlyoRamp(lim, ctx.plan.experience == "novice")
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        plyos = [
            (p, ex.plyo_level)
            for p in s.exercises
            if p.id in ctx.library and (ex := ctx.library.get(p.id)).plyometric and ex.plyo_level > 0
        ]
        if not plyos:
            continue
        cap = ramp.cap(s.date)
        for p, lv in plyos:
            if lv > cap:
                top = _NAMES.get(cap, str(cap))
                yield f"{p.id} is a {_NAMES.get(lv, str(lv))}-intensity plyometric where at most {top} fits", s.date
        if ramp.is_intro(s.date):
            n = sum(p.sets * (p.reps or 0) for p, _ in plyos)
            if n > lim.intro_max_contacts:
                yield f"{n} contacts in a first plyometric session (at most {lim.intro_max_contacts})", s.date
        ramp.record(s.date, [lv for _, lv in plyos])

"""A plan's plyometrics: they start low and few and rise at most one intensity level every two weeks (E-PLYO-INTRO),
nothing new comes in during an A race's last weeks and the level does not rise in its last six
(E-PLYO-LATE), and a runner who jumps does so for weeks, not once or twice (E-PLYO-WEEKS). Drills and
levels come from the library, never from labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.plan import Session
from stridelift.domain.plyo_intro import PlyoLimits, PlyoRamp, late_days, level_ceiling
from stridelift.domain.rules import Rule

_NAMES = {1: "low", 2: "moderate", 3: "high"}


@check("plyo_intro")
def _plyo_intro(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    lim = PlyoLimits.from_params(rule.params)
    ramp = PlyoRamp(lim, ctx.plan.experience == "novice")
    for s in sorted(ctx.plan.sessions, key=lambda s: (s.date, s.slot != "am")):
        plyos = [
            (p, ex)
            for p in s.exercises
            if p.id in ctx.library and (ex := ctx.library.get(p.id)).plyometric and ex.plyo_level > 0
        ]
        if not plyos:
            continue
        cap = ramp.cap(s.date)
        for p, ex in plyos:
            lv = ex.plyo_level
            if lv > cap:
                top = _NAMES.get(cap, str(cap))
                yield f"{p.id} is a {_NAMES.get(lv, str(lv))}-intensity plyometric where at most {top} fits", s.date
            most = ramp.max_sets(s.date, p.id)
            if p.sets > most:
                weeks = most - lim.first_sets
                yield f"{p.id} at {p.sets} sets after {weeks} week(s) of it (at most {most})", s.date
        if ramp.is_intro(s.date):
            n = sum(p.sets * (p.reps or 0) for p, _ in plyos)
            if n > lim.intro_max_contacts:
                yield f"{n} contacts in a first plyometric session (at most {lim.intro_max_contacts})", s.date
        ramp.record(s.date, [ex for _, ex in plyos])


def _jumps(ctx: Ctx, s: Session) -> list[tuple[str, int]]:
    """The session's plyometric drills (the library's `plyo_level` above 0) with their levels."""
    out = []
    for p in s.exercises:
        ex = ctx.library.find(p.id)
        if ex is not None and ex.plyometric and ex.plyo_level > 0:
            out.append((p.id, ex.plyo_level))
    return out


def _races(ctx: Ctx, priorities: object) -> list[dt.date]:
    want = set(priorities) if isinstance(priorities, list) else {"A"}
    return sorted(r.date for r in ctx.plan.runs if r.type == "race" and r.race_priority in want)


def _race_priorities(ctx: Ctx) -> list[tuple[dt.date, str]]:
    return sorted((r.date, r.race_priority or "") for r in ctx.plan.runs if r.type == "race")


@check("plyo_late")
def _plyo_late(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    races = _race_priorities(ctx)
    late = late_days(races, rule.params)
    done: dict[str, int] = {}
    levels: list[tuple[dt.date, int]] = []
    for s in sorted(ctx.plan.sessions, key=lambda s: (s.date, s.slot != "am")):
        jumps = _jumps(ctx, s)
        if s.date in late:  # a drill done before is no harder than the hardest done before
            for i, _ in jumps:
                if i not in done:
                    yield f"{i} done for the first time in the last weeks before an A or B race", s.date
        top = level_ceiling(s.date, races, rule.params, levels)
        for i, lv in jumps:
            if top is not None and lv > top:
                days = rule.params["level_days"]
                msg = f"{i} (level {lv}) above the hardest jump done before the A race's last {days} days ({top})"
                yield msg, s.date
        done.update(jumps)
        levels.extend((s.date, lv) for _, lv in jumps)


@check("plyo_weeks")
def _plyo_weeks(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    need, back = int(rule.params["min_weeks"]), int(rule.params["lookback_days"])
    jump_days = [s.date for s in ctx.plan.sessions if _jumps(ctx, s)]
    for race in _races(ctx, rule.params["priority"]):
        weeks = {d - dt.timedelta(days=d.weekday()) for d in jump_days if 0 < (race - d).days <= back}
        if weeks and len(weeks) < need:
            yield f"jumps in {len(weeks)} weeks of the {back // 7} before the A race on {race} (at least {need})", race

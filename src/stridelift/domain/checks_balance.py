"""Variety in the balance block (rule E-BALANCE-VARIETY): the same balance exercise session after session
is a plateau when the runner has another variant at the level reached (the seed names several tools and
variants). The levels and the rotation window come from rule S4-STABILITY-PROGRESSION's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.exercises import Exercise
from stridelift.domain.progression import progression_level
from stridelift.domain.rules import Rule

Found = Iterable[tuple[str, dt.date | None]]


def balance_reach(ctx: Ctx) -> list[Exercise]:
    """The balance exercises this runner can do: by profile (equipment, injuries), else by the plan's tools."""
    if ctx.athlete is not None:
        from stridelift.domain.sessions import Pool

        return Pool.for_athlete(ctx.athlete, ctx.library, ctx.templates).with_role("balance")
    equip = {e for s in ctx.plan.sessions for p in s.exercises for e in p.equipment} | {"bodyweight"}
    return [ex for ex in ctx.library if "balance" in ex.roles and ex.allowed_by(frozenset(equip))]


@check("balance_variety")
def _balance_variety(rule: Rule, ctx: Ctx) -> Found:
    most = int(rule.params["max_in_a_row"])
    window = int(rule.params["rotate_within"])
    rung = {ex.id: lv for ex in balance_reach(ctx) if (lv := progression_level(ex.balance_level, ex.region)) > 0}
    top = max(rung.values(), default=0)
    run: list[tuple[dt.date, str]] = []
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        held = [p.id for p in s.exercises if p.block == "balance" and rung.get(p.id, 0) > 0]
        if not held:
            if any(p.block == "balance" and p.region != "upper" for p in s.exercises):
                run = []  # another balance exercise (one off the ladder) came between: no longer in a row
            continue
        if run and held[0] != run[-1][1]:
            run = []
        run.append((s.date, held[0]))
        if len(run) != most + 1:
            continue
        ex_id = held[0]
        level = rung[ex_id]
        low = top - window if level == top else level  # at the top rung, the rung below rotates in too
        others = {e for e, lv in rung.items() if e != ex_id and low <= lv <= level}
        used = {p.id for s2 in ctx.plan.sessions if run[0][0] <= s2.date <= s.date for p in s2.exercises}
        if others - used:
            yield (
                (
                    f"{ex_id} in {most + 1} balance blocks in a row from {run[0][0]} "
                    f"while {', '.join(sorted(others - used)[:3])} stand at its level"
                ),
                s.date,
            )


@check("balance_keep")
def _balance_keep(rule: Rule, ctx: Ctx) -> Found:
    """Each week's balance level against the highest of the weeks before it (any phase: the plan's
    weeks and levels, no labels)."""
    most, back = int(rule.params["max_drop"]), int(rule.params["lookback_weeks"])
    weekly: dict[dt.date, int] = {}
    for s in ctx.plan.sessions:
        rungs = [_rung(ctx, p.id, p.region) for p in s.exercises if p.block == "balance"]
        if top := max(rungs, default=0):
            m = s.date - dt.timedelta(days=s.date.weekday())
            weekly[m] = max(weekly.get(m, 0), top)
    for m, lv in sorted(weekly.items()):
        before = [x for w, x in weekly.items() if 0 < (m - w).days <= 7 * back]
        if before and lv < max(before) - most:
            yield f"balance level {lv} after level {max(before)} within {back} weeks (at most {most} lower)", m


def _rung(ctx: Ctx, ex_id: str, region: str) -> int:
    ex = ctx.library.find(ex_id)
    return 0 if ex is None else progression_level(ex.balance_level, region)

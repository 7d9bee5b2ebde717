"""Movement balance of the upper-body lifts (rule E-UPPER-PULLS): two pulls are a row and a vertical pull
when the runner can do one. Pattern names come from the rule's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule

Found = Iterable[tuple[str, dt.date | None]]


def _vertical_in_reach(ctx: Ctx, vertical: str) -> bool:
    """Whether the runner can do a vertical pull: by their equipment, else by the plan holding one."""
    if ctx.athlete is not None:
        have = ctx.athlete.equipment | {"bodyweight"}
        return any(
            e.pattern == vertical and "strength" in e.roles and set(e.equipment) <= have for e in ctx.library
        )
    return any(
        (ex := ctx.library.find(p.id)) is not None and ex.pattern == vertical
        for s in ctx.plan.sessions
        for p in s.exercises
    )


@check("upper_pulls")
def _upper_pulls(rule: Rule, ctx: Ctx) -> Found:
    blocks = set(rule.params["blocks"])
    row, vertical = str(rule.params["horizontal"]), str(rule.params["vertical"])
    if not _vertical_in_reach(ctx, vertical):
        return
    for s in ctx.plan.sessions:
        for block in blocks:
            pats = [
                ex.pattern
                for p in s.exercises
                if p.block == block and (ex := ctx.library.find(p.id)) is not None
            ]
            if pats.count(row) >= 2 and vertical not in pats:
                yield f"{pats.count(row)} rows and no vertical pull in the {block} block", s.date

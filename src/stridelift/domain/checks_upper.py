"""Movement balance of the upper-body lifts (rule E-UPPER-PULLS): two pulls are a row and a vertical pull
when the runner can do one; an all-upper session is a pull and a push, not one lift (E-UPPER-CONTENT).
Pattern names come from the rules' data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.plan import Prescription
from stridelift.domain.rules import Rule

Found = Iterable[tuple[str, dt.date | None]]


def _vertical_in_reach(ctx: Ctx, vertical: str) -> bool:
    """Whether the runner can do a vertical pull: by their equipment, else by the plan holding one."""
    if ctx.athlete is not None:
        have = ctx.athlete.equipment | {"bodyweight"}
        return any(e.pattern == vertical and "strength" in e.roles and set(e.equipment) <= have for e in ctx.library)
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
            pats = [ex.pattern for p in s.exercises if p.block == block and (ex := ctx.library.find(p.id)) is not None]
            if pats.count(row) >= 2 and vertical not in pats:
                yield f"{pats.count(row)} rows and no vertical pull in the {block} block", s.date


@check("upper_content")
def _upper_content(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """E-UPPER-CONTENT: an all-upper strength session holds a pull and a push at `min_sets` or more each,
    judged where the runner can load both (their kit, else the plan's lifts)."""
    p = rule.params
    pulls, pushes = set(p["pulls"]), set(p["pushes"])
    least, least_sets, formats = int(p["min_lifts"]), int(p["min_sets"]), set(p["formats"])

    def pattern(x: Prescription) -> str:
        ex = ctx.library.find(x.id)
        return ex.pattern if ex is not None else ""

    # a lift the heavy dose can load (E-HEAVY-LOAD's load equipment, or a hard bodyweight move): from the
    # runner's kit, else from the plan's strength lifts
    h = ctx.rules[str(p["load_rule"])].params
    kit, hard = frozenset(h["load_equipment"]), frozenset(h["hard_bodyweight"])
    if ctx.athlete is not None:
        have = ctx.athlete.equipment | {"bodyweight"}
        reach = [
            e
            for e in ctx.library
            if e.region == "upper"
            and "strength" in e.roles
            and set(e.equipment) <= have
            and (kit & set(e.equipment) or e.id in hard)
        ]
        held = {e.pattern for e in reach}
    else:
        lifts = [x for s in ctx.plan.sessions for x in s.exercises if x.block == "strength" and x.region == "upper"]
        held = {pattern(x) for x in lifts if kit & set(x.equipment) or x.id in hard}
    if not (held & pulls and held & pushes):
        return
    for s in ctx.plan.sessions:
        strength = [x for x in s.exercises if x.block == "strength"]
        if s.format not in formats or not strength or any(x.region != "upper" for x in strength):
            continue
        kinds = {pattern(x) for x in strength if x.sets >= least_sets}
        if len(strength) < least or not (kinds & pulls and kinds & pushes):
            dose = ", ".join(f"{x.id} {x.sets}x{x.reps}" for x in strength)
            yield f"upper-body session of {dose}: no pull and push of {least_sets} sets or more each", s.date

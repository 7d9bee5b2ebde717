"""S2-OFFSEASON-HEAVY read from a plan: the off-season's weeks that run straight into an A race's build are
the heavy block's start, not base circuits (coach review of issue 6: a January start 15 weeks before an A
marathon opened with circuits and maintenance sessions keeping a strength not yet built, then the build:
the season upside down)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from stridelift.domain.periodization import offseason_windows
from stridelift.domain.plan import Plan
from stridelift.domain.rules import Rule


def dropped_before_build(rule: Rule, plan: Plan) -> Iterator[tuple[str, dt.date | None]]:
    """Each base phase that ends in an off-season window straight before a build, with at least
    `into_build_min_weeks` of the window in it, while no off-season block lies in that window."""
    p = rule.params
    month = int(p["north_start_month"] if plan.hemisphere == "north" else p["south_start_month"])
    need = int(p["into_build_min_weeks"]) * 7
    windows = offseason_windows(plan.hemisphere, plan.start, plan.end, month)
    for ph, nxt in itertools.pairwise(plan.phases):
        if ph.name != "base" or nxt.name != "build":
            continue
        for w_start, w_end in windows:
            if not w_start <= ph.end <= w_end:
                continue
            days = (ph.end - max(ph.start, w_start)).days + 1
            block = any(q.name == "offseason_strength" and q.start <= w_end and q.end >= w_start for q in plan.phases)
            if days >= need and not block:
                yield (
                    f"{days // 7} weeks of base circuits in the off-season ({w_start:%b}-{w_end:%b}) run straight "
                    f"into the build from {nxt.start}: the heavy block was dropped, the season starts upside down",
                    ph.start,
                )

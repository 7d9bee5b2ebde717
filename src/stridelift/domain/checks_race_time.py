"""A race day's minutes follow the runner (rule R-RACE-MINUTES): within `tolerance` of the estimate from
the distance and the runner's experience."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.race_time import race_minutes
from stridelift.domain.rules import Rule


@check("race_minutes")
def _race_minutes(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    experience = ctx.athlete.experience if ctx.athlete is not None else ctx.plan.experience
    tol = float(rule.params["tolerance"])
    for r in ctx.plan.runs:
        if r.type != "race" or r.distance_km is None:
            continue
        est = race_minutes(float(r.distance_km), experience, rule.params)
        if abs(r.minutes - est) > tol * est:
            yield (
                f"a {r.distance_km:g} km race planned at {r.minutes} minutes: about {est} for a {experience} runner",
                r.date,
            )

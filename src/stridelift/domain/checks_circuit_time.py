"""S1-CIRCUIT-TIME: a circuit too long for the session is held shorter, never dropped while a held one fits.

Read from the plan: the circuits that say they were held, their minutes against the runner's session
length (a hold that leaves much of the session unused was cut for nothing), and a "no time" warning in a
plan whose own circuits show that one fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.rules import Rule


@check("circuit_time_hold")
def _circuit_time_hold(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    circuits = sorted((s for s in ctx.plan.sessions if s.format == "circuit"), key=lambda s: s.date)
    limit = ctx.athlete.minutes_per_session if ctx.athlete is not None else None
    if limit is not None:
        fill = float(rule.params["fill_share"])
        for s in circuits:
            if rule.id in s.why and s.minutes < fill * limit:
                yield (
                    f"circuit held shorter to fit {limit}-minute sessions takes only {s.minutes} min "
                    f"(under {fill:.0%} of the session)",
                    s.date,
                )
    for w in ctx.plan.warnings:
        if w.code != "CIRCUIT_NO_TIME" or w.date is None:
            continue
        fits = [s for s in circuits if limit is None or s.minutes <= limit]
        if fits:
            yield (
                f"circuits dropped for time from {w.date} although the circuit of {fits[0].date} "
                f"({fits[0].minutes} min) fits the session",
                w.date,
            )

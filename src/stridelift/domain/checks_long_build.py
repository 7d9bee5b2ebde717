"""R-LONG-BUILD: the long run builds toward an A race's distance, with cutback weeks; judged on the
plan's runs and the profile's races and usual week, never its labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.long_build import DAY, no_cutback, shortfalls, usual_long
from stridelift.domain.rules import Rule


@check("long_build")
def _long_build(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    p = rule.params
    runs = [(r.date, r.type, r.minutes) for r in ctx.plan.runs]
    has_long = (
        usual_long(ctx.athlete.running_week)[0] > 0 if ctx.athlete is not None else any(t == "long" for _, t, _ in runs)
    )
    if not has_long:
        return  # a week without a long run has none to build (the plan says so: LONG_RUN_MISSING)
    known = [
        (r.date, float(r.distance_km), r.priority) for r in checks_schedule.races(ctx) if r.distance_km is not None
    ]
    for race, best, target in shortfalls(runs, known, ctx.plan.start, p):
        yield (
            (
                f"the longest long run before the A race on {race} is {best} minutes: the distance asks for a build "
                f"toward about {target} (at least {float(p['min_share']):.0%} of it)"
            ),
            race - int(p["peak_days"][0]) * DAY,
        )
    from stridelift.domain.checks_race_long import race_step_findings  # before every race (`race_step`)

    yield from race_step_findings(rule, ctx)
    if ctx.athlete is None:
        return  # the cutback weeks are judged against the usual long run: the profile's
    usual = usual_long(ctx.athlete.running_week)[0]
    for monday, weeks in no_cutback(runs, usual, ctx.plan.start, ctx.plan.end, p):
        yield f"{weeks} weeks in a row of long runs above the usual {usual} minutes without a cutback week", monday


@check("b_race_peak")
def _b_race_peak(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """A long B race in the last weeks before a long A race leaves the A race its last full long run."""
    p = rule.params
    known = [r for r in checks_schedule.races(ctx) if r.distance_km is not None]
    longs = [(r.date, r.minutes) for r in ctx.plan.runs if r.type == "long"]
    for a in known:
        if a.priority != "A" or float(a.distance_km or 0) < float(p["min_km"]):
            continue
        lo, hi = a.date - int(p["from_days"]) * DAY, a.date - int(p["to_days"]) * DAY
        if lo < ctx.plan.start:
            continue
        for b in known:
            if b.priority != "B" or float(b.distance_km or 0) < float(p["min_km"]) or not lo <= b.date < a.date:
                continue
            usual = max((m for d, m in longs if a.date - int(p["lookback_days"]) * DAY <= d < lo), default=0)
            # a B race the plan tells the runner to run at long-run effort counts as a long run of its minutes
            as_long = [
                (r.date, r.minutes) for r in ctx.plan.runs if r.type == "race" and str(p["effort_words"]) in r.note
            ]
            full = [m for d, m in [*longs, *as_long] if lo <= d <= hi and m >= float(p["share"]) * usual]
            if usual and not full:
                yield (
                    (
                        f"the B race on {b.date} ({b.distance_km:g} km) takes the A race's last longest runs: no long "
                        f"run of {float(p['share']) * usual:.0f} minutes or more {int(p['from_days'])}-"
                        f"{int(p['to_days'])} days before the A race on {a.date}, only the B race's taper and recovery"
                    ),
                    b.date,
                )

"""The long run around races the plan does not build for (R-OFFSEASON-LONG, R-LONG-BUILD `race_step`,
R-RECOVERY-LONG) and the week-to-week long-run spikes of the plan's own runs (A-LOAD-SPIKE); judged
on the plan's runs and the profile's races and usual week (domain/race_long.py holds the limits)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.injury_runs import changes_on
from stridelift.domain.long_build import usual_long
from stridelift.domain.race_long import DAY, after_race_over, race_need
from stridelift.domain.ramp import full_weeks
from stridelift.domain.rules import Rule


def _injury_capped(ctx: Ctx, lo: dt.date, hi: dt.date) -> bool:
    """Whether an injury status caps the long run on some day of lo..hi (R-INJURY-RUNS)."""
    if ctx.athlete is None or not ctx.athlete.injuries:
        return False
    d = lo
    while d <= hi:
        if any(c.long_share is not None for c in changes_on(ctx.athlete, ctx.templates.injuries, d)):
            return True
        d += DAY
    return False


def _returning(ctx: Ctx, lo: dt.date, hi: dt.date) -> bool:
    """Whether an earlier race's recovery or return steps (E-RACE-RECOVERY, R-RETURN-AFTER-RACE) cut the long
    run on some day of lo..hi."""
    from stridelift.domain.running import recovery_days, return_share

    known = [r for r in checks_schedule.races(ctx) if r.distance_km is not None]
    rec, ret = ctx.rules["E-RACE-RECOVERY"].params, ctx.rules["R-RETURN-AFTER-RACE"].params
    long_run = ctx.rules["R-B-TAPER"].params.get("long_run_race")
    d = lo
    while d < hi:
        if any(0 < (d - r.date).days <= recovery_days(float(r.distance_km or 0), rec, r.priority) for r in known):
            return True
        if return_share(d, known, rec, ret, long_run) < 1.0:
            return True
        d += DAY
    return False


def _usual(ctx: Ctx) -> int:
    if ctx.athlete is not None:
        return usual_long(ctx.athlete.running_week)[0]
    return 0


def race_step_findings(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """R-LONG-BUILD `race_step`: the longest long run (or race) of the weeks before a race reaches the
    lower of the usual long run and the race's minutes less the step."""
    p = rule.params
    usual = _usual(ctx)
    if usual <= 0 or "race_step" not in p:
        return
    back, step = int(p["race_lookback_days"]), float(p["race_step"])
    longs = [(r.date, r.minutes) for r in ctx.plan.runs if r.type in ("long", "race")]
    for r in ctx.plan.runs:
        if r.race_priority == "A":
            continue  # an A race's build and taper shape its long runs (R-LONG-BUILD's build, R-PEAK-LONG-RUN)
        if r.type != "race" or r.date - back * DAY < ctx.plan.start or _injury_capped(ctx, r.date - back * DAY, r.date):
            continue
        if _returning(ctx, r.date - back * DAY, r.date):
            continue  # an earlier race's recovery and return steps (R-RETURN-AFTER-RACE) shape these weeks
        need = race_need(r.minutes, 1, usual, step)
        best = max((m for d, m in longs if r.date - back * DAY <= d < r.date), default=0)
        if best < need - 4:  # within one 5-minute rounding step
            yield (
                (
                    f"the race on {r.date} ({r.minutes} min) comes after long runs of at most {best} minutes in "
                    f"the {back} days before it: at least {need} (within {step:.0%} of the race, or the usual "
                    f"{usual}) keeps the race from being a load spike"
                ),
                r.date,
            )


@check("offseason_long")
def _offseason_long(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    p = rule.params
    usual = _usual(ctx)
    if usual <= 0:
        return
    floor = float(p["min_share"]) * usual
    races = [r.date for r in checks_schedule.races(ctx)]
    for ph in ctx.plan.phases:
        if ph.name != "offseason_strength":
            continue
        if not any(ph.start <= r <= ph.end + int(p["after_days"]) * DAY for r in races):
            continue
        for monday in full_weeks(ph.start, ph.end):
            sunday = monday + 6 * DAY
            if any(-7 <= (r - monday).days <= 13 for r in races) or _injury_capped(ctx, monday, sunday):
                continue  # a race's own week or recovery cuts the long run (R-RUNS-BY-PHASE)
            longest = max(
                (r.minutes for r in ctx.plan.runs if r.type == "long" and monday <= r.date <= sunday), default=0
            )
            if 0 < longest < floor - 4:
                yield (
                    (
                        f"the off-season block caps the long run at {longest} minutes in the week of {monday} with a "
                        f"race inside or just after it: at least {floor:.0f} ({float(p['min_share']):.0%} of the "
                        f"usual {usual})"
                    ),
                    monday,
                )


@check("recovery_long")
def _recovery_long(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    longs = [(r.date, r.minutes) for r in ctx.plan.runs if r.type == "long"]
    races = [r.date for r in ctx.plan.runs if r.type == "race"]
    for d, race, m, level in after_race_over(longs, races, ctx.plan.start, rule.params):
        yield (
            f"a {m}-minute long run {(d - race).days} days after the race on {race}, above the {level} minutes of the "
            "long runs before it: the week after a race is its recovery",
            d,
        )


@check("long_spike")
def _long_spike(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """A-LOAD-SPIKE over the planned runs: a week's longest long run (or B or C race) far above the weeks
    before it; an A race is not judged here (its build and taper are R-LONG-BUILD's)."""
    p = rule.params
    weeks = int(p["spike_weeks"])
    mondays = full_weeks(ctx.plan.start, ctx.plan.end)
    top: dict[dt.date, int] = {}
    longs: dict[dt.date, int] = {}
    for r in ctx.plan.runs:
        m = r.date - dt.timedelta(days=r.date.weekday())
        top[m] = max(top.get(m, 0), r.minutes if r.type in ("long", "race") else 0)
        if r.type == "long" or (r.type == "race" and r.race_priority != "A"):  # an A race follows its taper
            longs[m] = max(longs.get(m, 0), r.minutes)
    for i, monday in enumerate(mondays):
        if i < weeks or monday not in longs:
            continue
        ref = max(top.get(mondays[i - k], 0) for k in range(1, weeks + 1))
        if longs[monday] > float(p["overload_factor"]) * ref and longs[monday] - ref >= int(p["spike_min_minutes"]):
            yield (
                (
                    f"a {longs[monday]}-minute long run or race in the week of {monday} after at most {ref} minutes "
                    f"in the {weeks} weeks before it: more than {float(p['overload_factor']) - 1:.0%} above them"
                ),
                monday,
            )

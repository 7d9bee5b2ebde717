"""The weeks around races as a coach runs them: a taper whose strength dose never rises toward the A
race (rule E-TAPER-NO-RISE), nothing loaded the day before it (E-RACE-EVE), mobility only in the first
days after a long race and nothing new in its recovery (E-POST-RACE-REST), hard variants only after
their easier one (E-EASIER-FIRST), and the marathon's last longest run about three weeks out
(R-PEAK-LONG-RUN). Judged from the race dates and the plan's contents, never from phase labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from stridelift.domain import checks_schedule  # the module, not its names: it may still be loading
from stridelift.domain.checker import Ctx, check
from stridelift.domain.checks_effort import set_rpe
from stridelift.domain.effort import EffortTable
from stridelift.domain.plan import Prescription, Session
from stridelift.domain.progression import is_heavy_lower
from stridelift.domain.race_days import a_race_eves, dose_window, familiar_days, is_unloaded, rest_after
from stridelift.domain.returning import is_lower_strength
from stridelift.domain.rules import Rule
from stridelift.domain.running import tune_up

DAY = dt.timedelta(days=1)
Out = Iterable[tuple[str, dt.date | None]]


def lower_dose(s: Session, max_reps: int, table: EffortTable) -> tuple[int, float] | None:
    """(most sets, highest effort) of the session's heavy lower-body lifts (`max_reps` or fewer), or None."""
    lifts = [
        p
        for p in s.exercises
        if p.block == "strength" and p.region in ("lower", "full") and p.reps is not None and p.reps <= max_reps
    ]
    if not lifts:
        return None
    return max(p.sets for p in lifts), max(set_rpe(p, table) or 0.0 for p in lifts)


@check("taper_no_rise")
def _taper_no_rise(rule: Rule, ctx: Ctx) -> Out:
    p = rule.params
    table = EffortTable.from_params(ctx.rules["E-RPE-TABLE"].params)
    a_races = [r.date for r in checks_schedule.races(ctx) if r.priority in p["priorities"]]
    tol = float(p["rpe_tolerance"])
    formats = tuple(ctx.rules.param("E-RETURN-STEPS", "formats"))
    prev: dict[dt.date, tuple[int, float]] = {}
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        race = dose_window(s.date, a_races, int(p["days_before"]))
        # a strength day: a heavy lower-body set, or a strength session working the legs (not an injury's
        # own loading beside core and balance)
        day = race is not None and (is_heavy_lower(s.exercises) or is_lower_strength(s, formats))
        dose = lower_dose(s, int(p["max_reps"]), table) if day else None
        if race is None or dose is None:
            continue
        before = prev.get(race)
        if before is not None and (dose[0] > before[0] or dose[1] > before[1] + tol):
            yield (
                (
                    f"{dose[0]} sets at RPE {dose[1]:g} after {before[0]} sets at RPE {before[1]:g}, "
                    f"{(race - s.date).days} days before the A race on {race}: the dose rises toward the race"
                ),
                s.date,
            )
        prev[race] = dose


def unloaded(p: Prescription, ctx: Ctx, params: Mapping[str, Any]) -> bool:
    ex = ctx.library.find(p.id)
    return is_unloaded(p, ex.pattern if ex is not None else None, params)


@check("race_eve")
def _race_eve(rule: Rule, ctx: Ctx) -> Out:
    p = rule.params
    known = checks_schedule.races(ctx)
    eves = a_race_eves(((r.date, r.priority) for r in known), p)
    prio = {r.date: r.priority for r in known}
    for s in ctx.plan.sessions:
        race = eves.get(s.date)
        if race is None:
            continue
        loaded = [x.id for x in s.exercises if not unloaded(x, ctx, p)]
        if loaded or s.minutes > int(p["max_minutes"]):
            what = f"loaded: {', '.join(loaded)}" if loaded else "mobility only"
            msg = f"a {s.minutes}-minute {s.format} session the day before the {prio[race]} race on {race} ({what})"
            yield msg, s.date


def _first_session(ctx: Ctx) -> dt.date | None:
    return min((s.date for s in ctx.plan.sessions), default=None)


@check("post_race_rest")
def _post_race_rest(rule: Rule, ctx: Ctx) -> Out:
    p = rule.params
    rec = ctx.rules["E-RACE-RECOVERY"].params
    known = [(r.date, float(r.distance_km)) for r in checks_schedule.races(ctx) if r.distance_km is not None]
    resting = rest_after(known, rec)
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        race = resting.get(s.date)
        if race is not None:
            loaded = [x.id for x in s.exercises if not unloaded(x, ctx, p)]
            if loaded:
                k = (s.date - race).days
                yield f"day {k} after the race on {race}: {', '.join(loaded)} (mobility and walking only)", s.date


@check("recovery_nothing_new")
def _recovery_nothing_new(rule: Rule, ctx: Ctx) -> Out:
    p = ctx.rules["E-POST-RACE-REST"].params
    rec = ctx.rules["E-RACE-RECOVERY"].params
    known = [
        (r.date, float(r.distance_km), r.priority) for r in checks_schedule.races(ctx) if r.distance_km is not None
    ]
    recovering = familiar_days(known, rec, float(p["new_from_km"]), _first_session(ctx))
    exempt = {"blocks": p["blocks"], "patterns": p["new_exempt_patterns"]}
    seen: set[str] = set()
    targets: set[str | None] = set()  # the core targets trained so far
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        race = recovering.get(s.date)
        if race is not None:
            new = sorted(
                {
                    x.id
                    for x in s.exercises
                    if x.id not in seen
                    and not unloaded(x, ctx, exempt)
                    and not (x.block == "core" and x.core_target not in targets)  # nothing known to choose
                }
            )
            if new:
                yield f"first time in the plan in the recovery after the race on {race}: {', '.join(new)}", s.date
        seen.update(x.id for x in s.exercises)
        targets.update(x.core_target for x in s.exercises if x.block == "core")


@check("easier_first")
def _easier_first(rule: Rule, ctx: Ctx) -> Out:
    ids = frozenset(rule.params["ids"])
    seen: set[str] = set()
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        for x in s.exercises:
            ex = ctx.library.find(x.id)
            if x.id in ids and ex is not None and not seen & set(ex.regressions):
                yield f"{x.id} before any of its easier versions ({', '.join(ex.regressions)})", s.date
        seen.update(x.id for x in s.exercises)


@check("peak_long_run")
def _peak_long_run(rule: Rule, ctx: Ctx) -> Out:
    p = rule.params
    ret = ctx.rules["R-RETURN-AFTER-RACE"].params
    known = checks_schedule.races(ctx)
    long_runs = [(r.date, r.minutes) for r in ctx.plan.runs if r.type == "long"]
    # a race in the days judged counts as a long run of its minutes (as in R-RAMP-BACK)
    or_races = [*long_runs, *((r.date, r.minutes) for r in ctx.plan.runs if r.type == "race")]
    for race in known:
        if race.priority != "A" or race.distance_km is None or race.distance_km < float(p["min_km"]):
            continue
        lo, hi = race.date - int(p["from_days"]) * DAY, race.date - int(p["to_days"]) * DAY
        start = race.date - int(p["lookback_days"]) * DAY
        # a tune-up is run in training (a B or C race); an earlier A race has its own taper and recovery
        ups = set(p["tune_up_priorities"])
        others = [
            o for o in known if start <= o.date < race.date and not (o.priority in ups and tune_up(o, known, ret))
        ]
        if lo < ctx.plan.start or others:
            continue  # judged on a build to the race with at most a tune-up race in it
        peak = max((m for d, m in long_runs if start <= d < race.date), default=0)
        best = max((m for d, m in or_races if lo <= d <= hi), default=0)
        if peak and best < float(p["share"]) * peak:
            yield (
                (
                    f"the longest run {int(p['from_days'])}-{int(p['to_days'])} days before the A race on {race.date} "
                    f"is {best} minutes against a peak of {peak}: the last longest run comes about three weeks out"
                ),
                hi,
            )

"""An injury that moves on by itself is loaded back on schedule (rule I-PROGRESSION): a flaring Achilles
gets its isometric holds while it flares and the next stage's calf raises after it, never a plan-long
exclusion. The stages and their exercises are the injuries' data (injuries.toml `add`, `progress`); a
tendon in its slow-raise stage gets no heavy lifting (I-STAGE-HEAVY), and an injury's own loading is the
last thing a short session cuts (I-REHAB-LAST), and no flare is held all plan while the runs build
unless the plan says it assumes so (I-STAGED)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.checks_rehab import rehab_exempt
from stridelift.domain.exercises import Exercise
from stridelift.domain.injury_runs import changes_on, long_cap, strides_offered
from stridelift.domain.plan import Prescription
from stridelift.domain.rules import Rule
from stridelift.domain.running import usual_minutes
from stridelift.domain.season_end import season_cap, season_end
from stridelift.domain.templates import StatusPolicy, stages, status_on


def _hold(ex: Exercise | None) -> bool:
    """An isometric: the library gives it in seconds, never repetitions."""
    return ex is not None and ex.default_reps is None and ex.default_duration_s is not None


@check("injury_progression")
def _injury_progression(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    assert ctx.athlete is not None
    gear = ctx.athlete.equipment | {"bodyweight"}
    room = int(rule.params["min_minutes"])  # shorter sessions may have no room left for it
    for inj in ctx.athlete.injuries:
        policy = ctx.templates.injuries[inj.area]
        chain = stages(policy, inj.status, ctx.athlete.start)
        if len(chain) < 2:
            continue
        area = inj.area.replace("_", " ")
        for i, (status, begin, end) in enumerate(chain):
            sp = policy.by_status[status]
            inside = [
                s for s in ctx.plan.sessions if s.date >= begin and (end is None or s.date < end) and s.minutes >= room
            ]
            wanted = {a for a in sp.add if (ex := ctx.library.find(a)) is not None and ex.allowed_by(frozenset(gear))}
            if inside and wanted and not any(p.id in wanted for s in inside for p in s.exercises):
                yield f"{area} {status} from {begin}: none of {', '.join(sorted(wanted))} in the plan", begin
            # the loading moves along the progression: an earlier stage's holds do not come back
            earlier = {a for st, _, _ in chain[:i] for a in policy.by_status[st].add if _hold(ctx.library.find(a))}
            back = [(s.date, p.id) for s in inside for p in s.exercises if p.id in earlier - set(sp.add)]
            if back:
                ids = ", ".join(sorted({i for _, i in back}))
                yield f"{area} {status} from {begin}: the earlier stage's {ids} is back ({len(back)}x)", back[0][0]


@check("injury_promised")
def _injury_promised(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """Each kind of loading an injury's data promises for a stage (injuries.toml `add`, by movement pattern:
    tibialis raises, calf raises for shin splints) appears at least once while that stage lasts, when the
    runner's equipment allows it and no other injury excludes what it loads (judged on sessions of
    `min_minutes` or more)."""
    assert ctx.athlete is not None
    gear = frozenset(ctx.athlete.equipment | {"bodyweight"})
    room = int(rule.params["min_minutes"])
    for inj in ctx.athlete.injuries:
        policy = ctx.templates.injuries[inj.area]
        for status, begin, end in stages(policy, inj.status, ctx.athlete.start):
            sp = policy.by_status[status]
            inside = [
                s for s in ctx.plan.sessions if s.date >= begin and (end is None or s.date < end) and s.minutes >= room
            ]
            if not inside:
                continue
            others = {
                load
                for o in ctx.athlete.injuries
                if o.area != inj.area
                for load in stage_on(ctx, o.area, o.status, begin)[1].exclude_loads
            }
            # each kind of loading it promises (a pattern: tibialis raises, calf raises) at least once; one
            # session takes one exercise of a pattern, so a kind's several exercises take turns
            seen = {ex.pattern for s in inside for p in s.exercises if (ex := ctx.library.find(p.id)) is not None}
            kinds: dict[str, list[str]] = {}
            for a in sp.add:
                ex = ctx.library.find(a)
                if ex is None or not ex.allowed_by(gear) or set(ex.loads) & others:
                    continue
                kinds.setdefault(ex.pattern, []).append(a)
            area = inj.area.replace("_", " ")
            for pattern, ids in kinds.items():
                if pattern not in seen:
                    yield (
                        f"{area} {status} from {begin}: {' or '.join(ids)} promised by its data, "
                        f"no {pattern} work in any of {len(inside)} sessions",
                        begin,
                    )


@check("cap_scope")
def _cap_scope(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """A phase whose circuits hold none of a pattern-capped injury's movements yet never rise above its
    cap (circuits `weeks_per_step` weeks apart or more, lighter weeks aside)."""
    assert ctx.athlete is not None
    step = dt.timedelta(weeks=int(ctx.rules[str(rule.params["progression"])].params["weeks_per_step"]))
    for ph in ctx.plan.phases:
        free: list[tuple[dt.date, float, float]] = []  # (day, the circuit's effort, the cap it is free of)
        for s in ctx.plan.sessions:
            if s.format != "circuit" or not ph.contains(s.date) or "E-DELOAD" in s.why:
                continue
            patterns = {ex.pattern for p in s.exercises if p.block == "circuit" and (ex := ctx.library.find(p.id))}
            rpes = [p.intensity.rpe for p in s.exercises if p.block == "circuit" and p.intensity.rpe is not None]
            caps: list[float] = []
            for inj in ctx.athlete.injuries:
                policy = ctx.templates.injuries[inj.area]
                sp = policy.by_status[status_on(policy, inj.status, ctx.athlete.start, s.date)]
                if sp.rpe_cap is None:
                    continue
                if not sp.cap_patterns or patterns & set(sp.cap_patterns):
                    caps = []  # a cap that does hold this circuit: its effort is rightly held
                    break
                caps.append(sp.rpe_cap)
            if caps and rpes:
                free.append((s.date, max(rpes), min(caps)))
        if free and free[-1][0] - free[0][0] >= step and all(rpe <= cap for _, rpe, cap in free):
            top = max(rpe for _, rpe, _ in free)
            yield (
                f"phase {ph.name} from {ph.start}: {len(free)} circuits without the injury's movements "
                f"never rise above RPE {top:g}, its cap",
                free[0][0],
            )


def stage_on(ctx: Ctx, area: str, status: str, day: dt.date) -> tuple[str, StatusPolicy]:
    assert ctx.athlete is not None
    policy = ctx.templates.injuries[area]
    now = status_on(policy, status, ctx.athlete.start, day)
    return now, policy.by_status[now]


@check("stage_heavy")
def _stage_heavy(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """While an injury's stage holds an area back from heavy lifting (injuries.toml `no_heavy_loads`: an
    Achilles in its slow-raise stage), the strength work loading it is slow raises: `min_reps` or more at
    RPE `max_rpe` or less, with no percentage of a maximum."""
    assert ctx.athlete is not None
    min_reps, max_rpe = int(rule.params["min_reps"]), float(rule.params["max_rpe"])
    for inj in ctx.athlete.injuries:
        for s in ctx.plan.sessions:
            status, sp = stage_on(ctx, inj.area, inj.status, s.date)
            if not sp.no_heavy_loads:
                continue
            rehab = rehab_exempt(rule, ctx, s)  # the stage's slow raises at their dose (I-REHAB-DOSE)
            for p in s.exercises:
                ex = ctx.library.find(p.id)
                if p.block != "strength" or ex is None or not ex.loads_any(sp.no_heavy_loads) or p.reps is None:
                    continue
                if p.id in rehab:
                    continue
                rpe = p.intensity.rpe
                if p.reps < min_reps or p.intensity.pct_1rm is not None or (rpe is not None and rpe > max_rpe):
                    dose = f"{p.sets}x{p.reps} at " + (
                        f"{p.intensity.pct_1rm:g}% 1RM" if p.intensity.pct_1rm is not None else f"RPE {rpe}"
                    )
                    yield (
                        f"{s.date}: {p.id} {dose} loads the {inj.area.replace('_', ' ')} heavy in its {status} "
                        f"stage (slow raises only: {min_reps}+ reps at RPE {max_rpe:g} at most)",
                        s.date,
                    )


def _shortened(p: Prescription, ex: Exercise, rest: int) -> bool:
    """An injury's own loading cut for time: one set with the short rests of a squeezed session, or a hold
    shorter than the library's (a heavy station of the same raise, one set in a light week, is no cut)."""
    short_hold = p.duration_s is not None and ex.default_duration_s is not None and p.duration_s < ex.default_duration_s
    return (p.sets < 2 and p.rest_s <= rest) or short_hold


@check("rehab_last")
def _rehab_last(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """An injury's own loading is the last thing a short session cuts: when it is shortened, the session
    has no more than one heavy lift and its core, balance and mobility are already at one set, rests of
    `compact_rest_s` and holds of `compact_hold_s` at most."""
    assert ctx.athlete is not None
    rest, hold = int(rule.params["compact_rest_s"]), int(rule.params["compact_hold_s"])
    min_reps = int(rule.params["min_reps"])
    for s in ctx.plan.sessions:
        own = {a for inj in ctx.athlete.injuries for a in stage_on(ctx, inj.area, inj.status, s.date)[1].add}
        # its own loading at its own dose (holds, or `min_reps`+ raises), not the same raise as a heavy station
        # (a core block's hip abduction is core work, even when an injury lists it)
        mine = [
            p for p in s.exercises if p.id in own and p.block == "strength" and (p.reps is None or p.reps >= min_reps)
        ]
        cut = [p.id for p in mine if (ex := ctx.library.find(p.id)) and _shortened(p, ex, rest)]
        if not cut:
            continue
        lifts = [p.id for p in s.exercises if p.block == "strength" and p not in mine]
        roomy = [
            p.id
            for p in s.exercises
            if p.block in ("core", "balance", "mobility")
            and (p.sets > 1 or p.rest_s > rest or (p.duration_s is not None and p.duration_s > hold))
        ]
        if len(lifts) > 1 or roomy:
            left = f"{len(lifts)} heavy lifts" if len(lifts) > 1 else f"{', '.join(roomy[:3])} at full length"
            yield f"{s.date}: the injury's {', '.join(cut)} shortened while {left}", s.date


@check("injury_runs")
def _injury_runs(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """While an injury's status changes the running (injuries.toml `runs`): none of its `easy_instead` run
    types (a hill session under a flaring shin), no long run above `long_share` of the usual long run and,
    under `no_strides` (a flaring Achilles or hamstring), no run note that offers strides."""
    assert ctx.athlete is not None
    usual_long = usual_minutes(ctx.athlete.running_week).get("long")
    for r in ctx.plan.runs:
        changes = changes_on(ctx.athlete, ctx.templates.injuries, r.date)
        calm = [c for c in changes if c.no_strides]
        if calm and strides_offered(r.note, changes):
            yield f"{r.date}: strides offered on a {r.type} run ({r.note!r}) while {calm[0].note.split(':')[0]}", r.date
        for c in changes:
            if r.type in c.easy_instead:
                yield f"{r.date}: a {r.minutes}-minute {r.type} run while {c.note.split(':')[0]}", r.date
            if r.type == "long" and usual_long and c.long_share is not None:
                cap = long_cap(usual_long, c.long_share)
                if r.minutes > cap:
                    yield (
                        f"{r.date}: a {r.minutes}-minute long run while {c.note.split(':')[0]} "
                        f"(cap {cap}, {c.long_share:.0%} of the usual {usual_long})",
                        r.date,
                    )


def _weekly_minutes(ctx: Ctx) -> dict[dt.date, int]:
    out: dict[dt.date, int] = {}
    for r in ctx.plan.runs:
        week = r.date - dt.timedelta(days=r.date.weekday())
        out[week] = out.get(week, 0) + r.minutes
    return out


@check("injury_staged")
def _injury_staged(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """A flaring or recovering injury is not held the same all plan while the runs build: either its data
    stages it (injuries.toml `progress`) and the runs leave the flare's long-run cap once its stages end,
    or the plan says it assumes the flare lasts to the end (a warning of this rule naming the area). The
    runs build when a race is run or a week's running rises more than `rise` above the first full week's; a
    plan shorter than `weeks` weeks holds any flare, and `weeks` long runs at the flare's cap after its
    stages end are a hold (fewer may be a taper or a return after a race)."""
    assert ctx.athlete is not None
    weeks, rise = int(rule.params["weeks"]), float(rule.params["rise"])
    if ctx.plan.end - ctx.plan.start + dt.timedelta(days=1) < dt.timedelta(weeks=weeks):
        return
    minutes = _weekly_minutes(ctx)
    # the first full week is the reference: a plan starting on a Sunday has one day of running in its first
    # week, and every week after it would seem to build
    full = ctx.plan.start + dt.timedelta(days=-ctx.plan.start.weekday() % 7)
    weeks_from = [w for w in minutes if w >= full] or list(minutes)
    first = minutes[min(weeks_from)] if minutes else 0
    races = [r for r in ctx.plan.runs if r.type == "race"]
    usual_long = usual_minutes(ctx.athlete.running_week).get("long")
    for inj in ctx.athlete.injuries:
        if inj.status == "history":
            continue
        policy = ctx.templates.injuries[inj.area]
        area = inj.area.replace("_", " ")
        staged = stages(policy, inj.status, ctx.athlete.start)
        chain = [(st, b) for st, b, _ in staged if b <= ctx.plan.end]
        if len(chain) < 2 and len(staged) >= 2:
            continue  # staged by its data, the next stage after the plan's end (the dates are in its warning)
        if len(chain) < 2:
            said = any(w.rule == rule.id and area in w.message for w in ctx.plan.warnings)
            builds = [w for w, m in sorted(minutes.items()) if m > first * (1 + rise)]
            if said or not (races or builds):
                continue
            when = races[0].date if races else builds[0]
            why = f"a race on {when}" if races else f"{minutes[when]} min of running in the week of {when}"
            yield (
                f"{area} {inj.status} held all plan ({ctx.plan.start} to {ctx.plan.end}) with {why}, "
                "and the plan does not say it assumes the flare lasts",
                when,
            )
            continue
        # staged: once no stage caps the long run any more, the long runs leave the first stage's cap
        first_rc = policy.by_status[inj.status].runs
        if usual_long is None or first_rc is None or first_rc.long_share is None:
            continue
        free = next((b for st, b in chain if (rc := policy.by_status[st].runs) is None or rc.long_share is None), None)
        cap = long_cap(usual_long, first_rc.long_share)
        # a long run at or under the off-season's cap (R-RUNS-BY-PHASE), when that is below the flare's, is held
        # by the season, not the flare: no evidence of a hold (judged from the minutes, not the phase labels)
        off_max = int(ctx.rules.param("R-RUNS-BY-PHASE", "offseason_long_max"))
        # ... and so is one after the season's last A race at or under R-LONG-AFTER-SEASON's cap, when that is
        # below the flare's: the build served the race, and with none ahead the long run is held short
        season = ctx.rules["R-LONG-AFTER-SEASON"].params
        last = season_end([(r.date, r.race_priority or "") for r in races], ctx.plan.start, ctx.plan.end, season)
        longs = [(r.date, r.minutes) for r in ctx.plan.runs if r.type == "long"]
        held = season_cap(longs, last, usual_long, season, ctx.plan.start) if last is not None else 0
        later = [
            r
            for r in ctx.plan.runs
            if free is not None
            and r.date >= free
            and r.type == "long"
            and not (off_max < cap and r.minutes <= off_max)
            and not (last is not None and r.date > last and held < cap and r.minutes <= held)
        ]
        # a taper, a race week and a return after a race shorten a few long runs; `weeks` of them is a hold
        # a cap within one step of the usual long run (the plan writes runs in `step_min` steps, and a week of
        # a few minutes' running cannot rise by a whole step within R-RAMP-BACK's share) holds nothing
        step = int(rule.params.get("step_min", 0))
        # counted in weeks, not runs: a week of four long runs is one week of a hold (or of a taper)
        held_weeks = len({r.date - dt.timedelta(days=r.date.weekday()) for r in later})
        if held_weeks >= weeks and cap + step < usual_long and all(r.minutes <= cap for r in later):
            yield (
                f"{area}: every one of {len(later)} long runs in {held_weeks} weeks from {free} stays at the flare's "
                f"cap of {cap} min "
                f"though its stages end then (usual {usual_long})",
                later[0].date,
            )

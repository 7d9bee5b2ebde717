"""Light days that must stay light: the eve of a key run holds no leg-fatiguing exercise (E-EVE-LIGHT),
judged exercise by exercise from the library's `leg_fatigue` tag, never from the session's name or format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.checks_schedule import QUALITY, fatiguing, key_days, races, reference_minutes
from stridelift.domain.eve_dose import eve_dose_limits
from stridelift.domain.plan import Prescription, Session
from stridelift.domain.rules import Rule
from stridelift.domain.running import b_legs_days, b_taper_share

DAY = dt.timedelta(days=1)


def _legs(s: Session, ctx: Ctx, skip: set[str]) -> list[Prescription]:
    """The session's leg-fatiguing exercises outside the rule's excepted blocks (the warm-up)."""
    return [
        p
        for p in s.exercises
        if p.block not in skip and (ex := ctx.library.find(p.id)) is not None and ex.leg_fatigue
    ]


def dose_faults(s: Session, ctx: Ctx, rule_id: str = "E-EVE-LIGHT") -> list[str]:
    """Why the leg work of `s`, on a key run's eve, is not the rule's reduced dose ([]: it is): the week's
    condition (no strength day off an eve, the least demanding eve, one dose a week) and the dose limits."""
    rule = ctx.rules[rule_id]
    dose = eve_dose_limits(ctx.rules)
    skip = set(rule.params.get("except_blocks", ()))
    runs: dict[dt.date, list[tuple[str, int]]] = {}
    for r in ctx.plan.runs:
        runs.setdefault(r.date, []).append((r.type, r.minutes))
    if ctx.athlete is not None:
        weekdays = set(ctx.athlete.strength_days)
    else:  # without the profile, the weekdays the plan lifts on
        weekdays = {x.date.weekday() for x in ctx.plan.sessions}
    monday = s.date - dt.timedelta(days=s.date.weekday())
    week = [monday + i * DAY for i in range(7)]
    days = [d for d in week if ctx.plan.start <= d <= ctx.plan.end and d.weekday() in weekdays]
    def phase_of(d: dt.date) -> str | None:
        return next((ph.name for ph in ctx.plan.phases if ph.contains(d)), None)

    out: list[str] = []
    why_not = dose.week_fault(s.date, days, runs, phase_of, [r.date for r in races(ctx)])
    if why_not:
        out.append(why_not)
    if ctx.plan.experience not in dose.experience:
        out.append(f"a {ctx.plan.experience} lifter")
    same_week = sorted((x for x in ctx.plan.sessions if x.date in week and _legs(x, ctx, skip)), key=lambda x: x.date)
    if same_week and same_week[0] is not s:
        out.append("a second leg dose in the week")
    if s.format == "circuit" or any(p.block == "power" for p in s.exercises):
        out.append(f"a {s.format if s.format == 'circuit' else 'jump'} session")
    legs = _legs(s, ctx, skip)
    if len(legs) > dose.max_lifts:
        out.append(f"{len(legs)} leg lifts (at most {dose.max_lifts})")
    known = {p.id for x in ctx.plan.sessions if x.date < s.date for p in x.exercises}
    for p in legs:
        ex = ctx.library.get(p.id)
        out += [f"{p.id}: {f}" for f in dose.lift_faults(p, ex, p.id in known)]
    return out


def is_eve_dose(s: Session, ctx: Ctx, rule_id: str = "E-EVE-LIGHT") -> bool:
    """A session on a key run's eve whose leg work is the rule's reduced dose: other rules that name the
    exception in their data (`except_dose`) leave its leg lifts to this rule's limits."""
    rule = ctx.rules[rule_id]
    if not key_days(ctx).get(s.date + DAY):  # the key rule's key runs, as planned (E-KEY-RUN-EVE)
        return False
    return bool(_legs(s, ctx, set(rule.params.get("except_blocks", ())))) and not dose_faults(s, ctx, rule_id)


@check("eve_exercises")
def _eve_exercises(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    skip = set(rule.params.get("except_blocks", ()))
    keyed = key_days(ctx)  # the key rule's (E-KEY-RUN-EVE) key runs, as planned
    for s in ctx.plan.sessions:
        tomorrow = keyed.get(s.date + DAY, frozenset())
        if not tomorrow or not _legs(s, ctx, skip):
            continue
        faults = dose_faults(s, ctx, rule.id)
        if not faults:
            continue  # the reduced dose the rule's data allows (`eve_dose`)
        for p in s.exercises:
            ex = ctx.library.find(p.id)
            if p.block not in skip and ex is not None and ex.leg_fatigue:
                dose = f"{p.sets}x{p.reps}" if p.reps is not None else f"{p.sets}x{p.duration_s} s"
                yield (
                    f"{p.id} {dose} ({p.block}) tires the legs the day before a {'/'.join(sorted(tomorrow))} "
                    f"(not the reduced eve dose: {'; '.join(faults)})",
                    s.date,
                )


@check("b_race_taper")
def _b_race_taper(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    """Long runs and quality sessions in a B race's mini-taper, judged from the race dates and the plan's
    runs against the usual minutes (the profile's week, else the plan's longest run of each type)."""
    week = ctx.rules[str(rule.params["race_week_from"])].params["race_week_B"]
    params = {**rule.params, "race_week_days": week}
    known = races(ctx)
    ref = reference_minutes(ctx)
    for r in ctx.plan.runs:
        if r.type not in QUALITY | {"long"} or r.type not in ref:
            continue
        share, race = b_taper_share(r.date, known, params)
        cap = max(10.0, ref[r.type] * share)
        if race is not None and r.minutes > cap:
            left = (race - r.date).days
            yield f"a {r.minutes}-minute {r.type} run {left} days before the B race on {race} (cap {cap:.0f})", r.date
    for b in known:
        if b.priority != "B" or b.distance_km is None:
            continue
        n = b_legs_days(b.distance_km, rule.params)
        for s in fatiguing(ctx):
            left = (b.date - s.date).days
            if 0 < left <= n:
                yield f"leg-fatiguing {s.format} {left} days before the B race on {b.date} (fresh for {n})", s.date

"""Checks that a session's doses can be done and open properly: hard bodyweight moves in circuits,
a novice's first circuits, volume steps between appearances of an exercise (rule E-CIRCUIT-DOSE) and a
general warm-up before circuits and heavy days (rule E-GENERAL-WARMUP), lifting that comes back in steps
after a break (rule E-RETURN-STEPS). Numbers come from the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.checks_light import is_eve_dose
from stridelift.domain.checks_rehab import rehab_exempt
from stridelift.domain.first_lift import FirstLift
from stridelift.domain.plan import Prescription
from stridelift.domain.progression import leg_reps, novice_ramp_step, offseason_reps
from stridelift.domain.returning import ReturnTracker, is_lower_strength, return_cap
from stridelift.domain.rules import Rule

Found = Iterable[tuple[str, dt.date | None]]


@check("circuit_dose")
def _circuit_dose(rule: Rule, ctx: Ctx) -> Found:
    params = rule.params
    hard = set(params["hard_moves"])
    cap = int(params["hard_max_reps"])
    step = float(params["max_reps_step"])
    blocks = set(params["blocks"])
    load = set(params["load_equipment"])
    sessions = sorted(ctx.plan.sessions, key=lambda s: s.date)
    circuits = [s for s in sessions if s.format == "circuit"]
    novice = ctx.plan.experience == "novice"
    most_leg = int(params["max_leg_reps"])
    for s in circuits:
        week = (s.date - circuits[0].date).days // 7 + 1
        limit = novice_ramp_step(params, circuits[0].date, s.date) if novice else None
        legs = leg_reps(s)
        if legs > most_leg:
            yield f"circuit of {legs} leg reps, per-leg stations counted on each leg (at most {most_leg})", s.date
        for p in s.exercises:
            if p.block != "circuit":
                continue
            if p.id in hard and (p.reps or 0) > cap:
                yield f"{p.id}: {p.sets}x{p.reps} in a circuit (a hard move: its regression or {cap} reps)", s.date
            own = ex.max_circuit_reps if (ex := ctx.library.find(p.id)) is not None else None
            if own is not None and (p.reps or 0) > own:
                yield f"{p.id}: {p.sets}x{p.reps} in a circuit (its data: {own} reps a set at most)", s.date
            if limit is not None and (p.sets > limit[0] or (p.reps or 0) > limit[1]):
                yield (
                    f"{p.id}: {p.sets}x{p.reps} in a novice's circuit in week {week} (at most {limit[0]}x{limit[1]})",
                    s.date,
                )
    last: dict[str, int] = {}
    for s in sessions:
        for p in s.exercises:
            if p.block not in blocks or p.reps is None or load & set(p.equipment):
                continue
            prev = last.get(p.id)
            if prev is not None and p.reps > prev * step:
                yield f"{p.id}: {p.sets}x{p.reps} after sets of {prev} last time (more than {step:g} times)", s.date
            last[p.id] = p.reps


@check("general_warmup")
def _general_warmup(rule: Rule, ctx: Ctx) -> Found:
    formats = set(rule.params["formats"])
    need = int(rule.params["min_drills"])
    for s in ctx.plan.sessions:
        if s.format not in formats:
            continue
        drills = 0
        for p in s.exercises:
            ex = ctx.library.find(p.id) if p.block == "warmup" else None
            if ex is not None and ex.pattern != "breathing":
                drills += 1
        if drills < need:
            yield f"{s.format} session with {drills} warm-up drills before the work (at least {need})", s.date


def _loaded(p: Prescription, load: frozenset[str]) -> bool:
    return p.intensity.pct_1rm is not None or not load.isdisjoint(p.equipment)


@check("offseason_reps")
def _offseason_reps(rule: Rule, ctx: Ctx) -> Found:
    """Each loaded lower lift of the off-season block has its week's reps (a second lift one more)."""
    params = rule.params
    load = frozenset(params["load_equipment"])  # bodyweight lifts take the reps they need
    # more reps than the block's most (and one) is a novice's learning dose (E-NOVICE), not the block's
    most = max(int(n) for _, n in params["reps_from_week"]) + 1
    accessory = set(params["accessory_patterns"])
    wave = ctx.rules["E-HEAVY-WAVE"].params  # the lifter's fewest reps and the wave at that floor
    floor, hold = int(wave["min_reps"].get(ctx.plan.experience, 0)), int(wave["hold_weeks"])
    for ph in ctx.plan.phases:
        if not rule.applies_in(ph.name):
            continue
        for s in ctx.plan.sessions:
            if not ph.contains(s.date) or s.format != "straight_sets":
                continue
            if "except_dose" in params and is_eve_dose(s, ctx, str(params["except_dose"])):
                continue  # a key-run eve's reduced leg dose keeps its own 3-5 reps (E-EVE-LIGHT)
            week = (s.date - ph.start).days // 7
            want = offseason_reps(params, week, floor, hold)
            for p in s.exercises:
                if p.block != "strength" or p.region == "upper" or p.reps is None or p.reps > most:
                    continue
                ex = ctx.library.find(p.id)
                if ex is not None and ex.pattern in accessory:  # calf work keeps its own reps
                    continue
                if ex is not None and ex.grip_limited:  # held by the arms: no heavy leg lift, 8+ reps (E-HEAVY-GRIP)
                    continue
                if _loaded(p, load) and p.reps not in (want, want + 1):
                    yield f"{p.id}: {p.reps} reps in week {week + 1} of the off-season block (its reps: {want})", s.date


@check("return_steps")
def _return_steps(rule: Rule, ctx: Ctx) -> Found:
    """The first weeks of lower-body strength after a break of `gap_days` or more stay under the caps."""
    formats = tuple(rule.params["formats"])
    heavy_reps = int(rule.params["max_reps"])
    tracker = ReturnTracker.from_rules(ctx.rules)
    for s in sorted(ctx.plan.sessions, key=lambda s: (s.date, s.slot != "am")):
        if not is_lower_strength(s, formats):
            continue
        back = tracker.peek(s.date)
        tracker.record(s.date)
        cap = return_cap(ctx.rules, s.format, back[0], back[1]) if back is not None else None
        if cap is None:
            continue
        rehab = rehab_exempt(rule, ctx, s)  # a tendon's rehab micro-block keeps its dose (I-REHAB-DOSE)
        for p in s.exercises:
            if p.block != "strength" or (p.reps or 0) > heavy_reps or p.id in rehab:
                continue  # an injury's own high-rep loading (tibialis raises) is not the heavy work
            # every lift of the session, the upper body's too: a lighter session is lighter throughout
            week = f"week {cap.step + 1} back after {cap.gap_days} days without leg strength work"
            if p.sets > cap.max_sets:
                yield f"{p.id}: {p.sets} sets in {week} (at most {cap.max_sets})", s.date
            if p.intensity.rpe is not None and p.intensity.rpe > cap.max_rpe + 1e-9:
                yield f"{p.id}: RPE {p.intensity.rpe:g} in {week} (at most {cap.max_rpe:g})", s.date


@check("first_lift")
def _first_lift(rule: Rule, ctx: Ctx) -> Found:
    """The plan's first lower-body strength sessions stay at an introduction's dose, and nothing is called
    maintenance before the plan has built something (computed from the sessions' dates, not their labels)."""
    fl = FirstLift.from_rules(ctx.rules)
    formats = tuple(rule.params["formats"])
    prefix = str(rule.params["maintenance_prefix"])
    novice = ctx.plan.experience == "novice"
    sessions = sorted(ctx.plan.sessions, key=lambda s: (s.date, s.slot != "am"))
    first = next((s.date for s in sessions if is_lower_strength(s, formats)), None)
    done = 0
    for s in sessions:
        if (s.title or "").startswith(prefix) and not fl.built(first, s.date, novice):
            yield f"{s.title!r}: maintenance before the plan has built anything to maintain", s.date
        if first is None or not is_lower_strength(s, formats):
            continue
        done += 1
        if not fl.in_intro(first, s.date, done - 1):
            continue
        rehab = rehab_exempt(rule, ctx, s)  # a tendon's rehab micro-block keeps its dose (I-REHAB-DOSE)
        for p in s.exercises:
            if p.block != "strength" or p.id in rehab:
                continue
            if p.sets > fl.max_sets:
                yield f"{p.id}: {p.sets} sets in the plan's first lifts (at most {fl.max_sets})", s.date
            most = fl.rpe_cap(p.reps)
            if p.intensity.rpe is not None and p.intensity.rpe > most + 1e-9:
                yield f"{p.id}: RPE {p.intensity.rpe:g} in the plan's first lifts (at most {most:g})", s.date
            if fl.warmup_equipment & set(p.equipment) and p.warmup_sets < 1:
                yield f"{p.id}: a barbell lift in the plan's first lifts without a warm-up set", s.date


@check("volume_step")
def _volume_step(rule: Rule, ctx: Ctx) -> Found:
    """Sets of a strength exercise rise by at most `max_added_sets`, reps by at most `max_reps_rise`."""
    more = int(rule.params["max_added_sets"])
    rise = float(rule.params["max_reps_rise"])
    blocks = set(rule.params["blocks"])
    load = set(rule.params["load_equipment"])
    last: dict[str, Prescription] = {}
    for s in sorted(ctx.plan.sessions, key=lambda s: (s.date, s.slot != "am")):
        for p in s.exercises:
            if p.block not in blocks:
                continue
            prev = last.get(p.id)
            last[p.id] = p
            if prev is None:
                continue
            if p.sets > prev.sets + more:
                yield f"{p.id}: {p.sets} sets after {prev.sets} last time (at most {more} more)", s.date
            unloaded = p.intensity.pct_1rm is None and not load & set(p.equipment)  # a load sets its own reps
            if unloaded and p.reps is not None and prev.reps is not None and p.reps > prev.reps * (1 + rise) + 1e-9:
                yield f"{p.id}: {p.reps} reps a set after {prev.reps} last time (at most {rise:.0%} more)", s.date
    yield from _novice_easier(ctx)


def _novice_easier(ctx: Ctx) -> Found:
    """A novice's hard bodyweight strength lift whose direct easier version they could do (needs the
    profile: the equipment and injuries say what is in reach)."""
    athlete = ctx.athlete
    if athlete is None or ctx.plan.experience != "novice":
        return
    hard = set(ctx.rules.param("E-HEAVY-LOAD", "hard_bodyweight"))
    gear = athlete.equipment | {"bodyweight"}
    sore = {i.area for i in athlete.injuries}
    for s in ctx.plan.sessions:
        for p in s.exercises:
            ex = ctx.library.find(p.id) if p.block == "strength" and p.id in hard else None
            for rid in ex.regressions if ex is not None else ():
                easier = ctx.library.find(rid)
                if (
                    easier is not None
                    and "strength" in easier.roles
                    and set(easier.equipment) <= gear
                    and not sore & set(easier.loads)
                ):
                    yield f"{p.id} for a novice who could start at {rid}", s.date
                    break

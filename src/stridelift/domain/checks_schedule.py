"""Schedule checks a coach makes: leg fatigue around key runs, recovery counted from the race dates,
the runs themselves following the phase, late-starting novices, explanations.

Registered into the checker's table by name (the `check` field of data/rules.toml). Race dates and
distances come from the profile when given, otherwise from the plan's race entries; the recovery
check never reads the planner's phase labels.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stridelift.domain.base_tempo import far_base_starts, tempo_back
from stridelift.domain.checker import Ctx, by_week, check, full_weeks, runs_on
from stridelift.domain.key_runs import planned_keys
from stridelift.domain.plan import Plan, Session
from stridelift.domain.progression import delivers, is_heavy_lower
from stridelift.domain.returning import lower_strength
from stridelift.domain.rules import Rule
from stridelift.domain.running import (
    recovery_days,
    rest_days,
    return_share,
    short_offseason_days,
    taper_share,
    usual_minutes,
)

DAY = dt.timedelta(days=1)
QUALITY = frozenset({"interval", "tempo", "hills"})
Out = Iterable[tuple[str, dt.date | None]]


@dataclass(frozen=True, slots=True)
class RaceInfo:
    date: dt.date
    priority: str
    distance_km: float | None


def races(ctx: Ctx) -> list[RaceInfo]:
    if ctx.athlete is not None:
        return sorted((RaceInfo(r.date, r.priority, r.distance_km) for r in ctx.athlete.races), key=lambda r: r.date)
    return sorted(
        (RaceInfo(r.date, r.race_priority or "A", r.distance_km) for r in ctx.plan.runs if r.type == "race"),
        key=lambda r: r.date,
    )


def leg_cost(s: Session, costs: Mapping[str, Any]) -> int:
    """The session's leg-fatigue cost (E-LEG-FATIGUE), from what it contains, not from its label."""
    c = int(costs["light"])
    lower = ("lower", "full")
    if is_heavy_lower(s.exercises) or (
        s.format in ("straight_sets", "maintenance")
        and any(p.block == "strength" and p.region in lower for p in s.exercises)
    ):
        c = max(c, int(costs["heavy"]))
    if any(p.block == "circuit" and p.region in lower for p in s.exercises):
        c = max(c, int(costs["circuit"]))
    if any(p.block == "power" for p in s.exercises):
        c = max(c, int(costs["plyometric"]))
    return c


def key_days(ctx: Ctx) -> dict[dt.date, frozenset[str]]:
    """The plan's key runs by date, judged on each run as planned (E-KEY-RUN-EVE, key_runs.py)."""
    return planned_keys(ctx.plan, ctx.rules, (r.date for r in races(ctx)))


def fatiguing(ctx: Ctx) -> list[Session]:
    costs = ctx.rules["E-LEG-FATIGUE"].params
    limit = int(costs["fatiguing_at"])
    return [s for s in ctx.plan.sessions if leg_cost(s, costs) >= limit]


@check("leg_fatigue_eve")
def _leg_fatigue_eve(rule: Rule, ctx: Ctx) -> Out:
    keyed = key_days(ctx)
    dose_rule = rule.params.get("dose_rule")
    for s in fatiguing(ctx):
        nxt = keyed.get(s.date + DAY, frozenset())
        if not nxt:
            continue
        if dose_rule is not None:  # the reduced eve dose of E-EVE-LIGHT's data, and nothing more
            from stridelift.domain.checks_light import dose_faults, is_eve_dose

            if is_eve_dose(s, ctx, str(dose_rule)):  # leg lifts the library knows, within the dose
                continue
            faults = dose_faults(s, ctx, str(dose_rule))
            why = f" ({'; '.join(faults)})" if faults else ""
            yield f"leg-fatiguing {s.format} the day before a {'/'.join(sorted(nxt))}{why}", s.date
        else:
            yield f"leg-fatiguing {s.format} the day before a {'/'.join(sorted(nxt))}", s.date


@check("second_hard_day")
def _second_hard_day(rule: Rule, ctx: Ctx) -> Out:
    quality = set(rule.params["quality_types"])
    runs = runs_on(ctx.plan)
    for s in fatiguing(ctx):
        today = {t for t, _ in runs.get(s.date, [])} & quality
        before = {t for t, _ in runs.get(s.date - DAY, [])} & quality
        if today and before:
            yield (
                f"leg-fatiguing {s.format} on the second of two quality days "
                f"({'/'.join(sorted(before))}, then {'/'.join(sorted(today))})",
                s.date,
            )


@check("leg_fatigue_long_day")
def _leg_fatigue_long_day(rule: Rule, ctx: Ctx) -> Out:
    least = int(rule.params["min_minutes"])
    minutes: dict[dt.date, int] = defaultdict(int)
    for r in ctx.plan.runs:
        if r.type == "long":
            minutes[r.date] = max(minutes[r.date], r.minutes)
    for s in fatiguing(ctx):
        if minutes.get(s.date, 0) >= least:
            yield f"leg-fatiguing {s.format} on the day of a {minutes[s.date]}-minute long run", s.date


@check("leg_fatigue_consecutive")
def _leg_fatigue_consecutive(rule: Rule, ctx: Ctx) -> Out:
    days = {s.date: s for s in fatiguing(ctx)}
    for d, s in sorted(days.items()):
        prev = days.get(d - DAY)
        if prev is not None and rule.applies_in(s.phase) and rule.applies_in(prev.phase):
            yield f"leg-fatiguing sessions on {prev.date} and {d}, two days in a row", d


@check("race_recovery")
def _race_recovery(rule: Rule, ctx: Ctx) -> Out:
    runs = runs_on(ctx.plan)
    tired = {s.date for s in fatiguing(ctx)}
    trained = {s.date for s in ctx.plan.sessions}
    for r in races(ctx):
        if r.distance_km is None:
            continue  # reported as not checkable by `unchecked_reasons`
        n = recovery_days(r.distance_km, rule.params, r.priority)
        for k in range(1, n + 1):
            d = r.date + k * DAY
            bad = {t for t, _ in runs.get(d, [])} & (QUALITY | {"long"})
            if bad:
                yield f"{'/'.join(sorted(bad))} {k} days after the race on {r.date} ({n} days of recovery)", d
            if d in tired:
                yield f"leg-fatiguing session {k} days after the race on {r.date} ({n} days of recovery)", d
        for k in range(1, rest_days(r.distance_km, rule.params) + 1):
            if {t for t, _ in runs.get(r.date + k * DAY, [])} - {"race"}:
                yield f"a run {k} days after the race on {r.date}: rest or walk", r.date + k * DAY
        if n > int(rule.params["short_days"]) and r.date + DAY in trained:
            yield f"a session the day after the race on {r.date}: rest", r.date + DAY


@check("runs_by_phase")
def _runs_by_phase(rule: Rule, ctx: Ctx) -> Out:
    p = rule.params
    runs = runs_on(ctx.plan)
    minutes: dict[dt.date, list[tuple[str, int]]] = defaultdict(list)
    for entry in ctx.plan.runs:
        minutes[entry.date].append((entry.type, entry.minutes))
    all_races = races(ctx)
    race_days = {r.date for r in all_races}
    for r in all_races:
        eve = minutes.get(r.date - DAY, [])
        if r.date - DAY not in race_days and any(t != "easy" or m > int(p["eve_minutes"]) for t, m in eve):
            yield f"the day before the race on {r.date} holds {eve}, not rest or a short easy run", r.date - DAY
        span = int(p[f"race_week_{r.priority}"])
        quality = []
        for k in range(1, span + 1):
            d = r.date - k * DAY
            types = {t for t, _ in runs.get(d, [])}
            if "long" in types:
                yield f"a long run {k} days before the race on {r.date}", d
            q = types & QUALITY
            if q:
                quality.append(d)
                if k <= int(p["quiet_days"]) or r.priority == "C":
                    yield f"{'/'.join(sorted(q))} {k} days before the race on {r.date}", d
        if len(quality) > 1:
            yield f"{len(quality)} quality sessions in the race week of {r.date}", quality[-1]
    yield from _taper_and_offseason(rule, ctx, minutes)


def reference_minutes(ctx: Ctx) -> dict[str, int]:
    """The usual minutes of each run type: the profile's week when known, else the plan's longest."""
    if ctx.athlete is not None:
        return usual_minutes(ctx.athlete.running_week)
    return usual_minutes(ctx.plan.runs)


def built_peaks(ctx: Ctx, minutes: Mapping[dt.date, list[tuple[str, int]]], usual: int) -> dict[dt.date, int]:
    """Each A race -> the long run its taper steps down from: the longest long run of its build (R-LONG-BUILD,
    before the taper), no more than the peak the distance asks for, and never less than the usual one."""
    from stridelift.domain.long_build import peak_target

    lb = ctx.rules["R-LONG-BUILD"].params
    out: dict[dt.date, int] = {}
    for r in races(ctx):
        if r.priority != "A" or r.distance_km is None:
            continue
        lo, hi = r.date - int(lb["lookback_days"]) * DAY, r.date - int(lb["peak_days"][0]) * DAY
        best = max((m for d, rs in minutes.items() if lo <= d <= hi for t, m in rs if t == "long"), default=0)
        out[r.date] = max(usual, min(best, peak_target(float(r.distance_km), lb)))
    return out


def _taper_and_offseason(rule: Rule, ctx: Ctx, minutes: Mapping[dt.date, list[tuple[str, int]]]) -> Out:
    p = rule.params
    plan = ctx.plan
    ref = reference_minutes(ctx)
    all_races = races(ctx)
    a_races = [r.date for r in all_races if r.priority == "A"]
    span = int(p["race_week_A"])
    weekly_quality: dict[dt.date, int] = defaultdict(int)
    weekly_tempo: dict[dt.date, int] = defaultdict(int)
    far_starts = far_base_starts(
        plan.start, plan.end, lambda x: _phase(plan, x), (r.date for r in all_races), int(p["base_far_days"])
    )
    built = built_peaks(ctx, minutes, ref.get("long", 0))  # the taper cuts a built long run from its peak
    # a short off-season block (straight into an A race's build) keeps the usual long run
    uncapped = short_offseason_days(
        lambda x: _phase(plan, x) or "", plan.start, plan.end, int(p["offseason_cap_min_days"])
    )
    from stridelift.domain.race_long import block_caps  # a race near the block keeps its long run (R-OFFSEASON-LONG)

    near_caps = block_caps(
        [(ph.start, ph.end) for ph in plan.phases if ph.name == "offseason_strength"],
        [(r.date, r.minutes) for r in plan.runs if r.type == "race"],
        ref.get("long", 0),
        int(p["offseason_long_max"]),
        ctx.rules["R-OFFSEASON-LONG"].params,
        float(ctx.rules.param("R-LONG-BUILD", "race_step")),
    )
    for d, rs in sorted(minutes.items()):
        ph = _phase(plan, d)
        nxt = next((r for r in a_races if r > d), None)
        for t, m in rs:
            if ph in ("taper", "race_week") and nxt is not None and t in QUALITY | {"long"} and t in ref:
                left = (nxt - d).days
                base = built.get(nxt, ref[t]) if t == "long" else ref[t]
                cap = max(10.0, base * taper_share(left, p["taper_steps"]))
                if left > span and m > cap:
                    yield f"a {m}-minute {t} run {left} days before the A race (taper cap {cap:.0f})", d
            coming = next((r.date for r in all_races if r.date > d), None)
            far_base = ph == "base" and (coming is None or (coming - d).days > int(p["base_far_days"]))
            if ph == "offseason_strength" or far_base:
                where = "the off-season heavy block" if ph == "offseason_strength" else "base far from any race"
                week = d - dt.timedelta(days=d.weekday())
                if t == "tempo" and far_base and tempo_back(d, far_starts, int(p["base_tempo_after_days"])):
                    weekly_tempo[week] += 1  # a long base: one tempo a week is back
                    if weekly_tempo[week] == 2:
                        yield "two tempo runs in one week of a long base far from any race", d
                    continue
                if t in ("interval", "tempo"):
                    yield f"{t} run in {where} (base running only)", d
                if (
                    t == "long"
                    and m > near_caps.get(d, int(p["offseason_long_max"]))
                    and ph == "offseason_strength"
                    and d not in uncapped
                ):
                    yield f"a {m}-minute long run in the off-season heavy block", d
                if t in QUALITY:
                    weekly_quality[week] += 1
                    if weekly_quality[week] == 2:
                        yield f"two quality runs in one week of {where}", d


@check("return_after_race")
def _return_after_race(rule: Rule, ctx: Ctx) -> Out:
    ref = reference_minutes(ctx)
    known = races(ctx)
    rec = ctx.rules["E-RACE-RECOVERY"].params
    for r in ctx.plan.runs:
        if r.type not in QUALITY | {"long"} or r.type not in ref:
            continue
        share = return_share(r.date, known, rec, rule.params, ctx.rules["R-B-TAPER"].params.get("long_run_race"))
        cap = max(10.0, ref[r.type] * share)
        if share < 1 and r.minutes > cap:
            yield f"a {r.minutes}-minute {r.type} run where the return after a race allows {cap:.0f}", r.date


@check("quality_steps")
def _quality_steps(rule: Rule, ctx: Ctx) -> Out:
    """No intervals while the return after a race still holds the quality at `tempo_until_share` or less."""
    known = races(ctx)
    rec = ctx.rules["E-RACE-RECOVERY"].params
    ret = ctx.rules["R-RETURN-AFTER-RACE"].params
    until = float(rule.params["tempo_until_share"])
    hard = set(rule.params["hard_types"])
    for r in ctx.plan.runs:
        long_run = ctx.rules["R-B-TAPER"].params.get("long_run_race")
        if r.type in hard and (share := return_share(r.date, known, rec, ret, long_run)) <= until + 1e-9:
            yield f"{r.type} run in the return after a race (quality at {share:.0%}): tempo or strides first", r.date


def _phase(plan: Plan, d: dt.date) -> str | None:
    ph = plan.phase_on(d)
    return ph.name if ph else None


@check("recovery_labels")
def _recovery_labels(rule: Rule, ctx: Ctx) -> Out:
    rec = ctx.rules["E-RACE-RECOVERY"].params
    known = races(ctx)
    race_days = {r.date for r in known}
    warned = {w.date for w in ctx.plan.warnings if w.rule == rule.id}
    for r in known:
        if r.distance_km is None:
            continue
        n = recovery_days(r.distance_km, rec, r.priority)
        for k in range(1, n + 1):
            d = r.date + k * DAY
            name = _phase(ctx.plan, d)
            if d not in race_days and name is not None and name != "recovery":
                yield f"{d} is labelled {name}, day {k} of the {n}-day recovery from the race on {r.date}", d
        for nxt in known:
            if nxt.priority == "A" and 0 < (nxt.date - r.date).days <= n and nxt.date not in warned:
                yield f"A race on {nxt.date} inside the recovery from {r.date} without a warning", nxt.date


@check("runs_known")
def _runs_known(rule: Rule, ctx: Ctx) -> Out:
    have = {r.date - dt.timedelta(days=r.date.weekday()) for r in ctx.plan.runs}
    offsets = [int(k) for k in rule.params.get("race_rest_offsets", [])]
    rest = {r.date + k * DAY for r in ctx.plan.runs if r.type == "race" for k in offsets}
    # and the rest days after a long race that E-RACE-RECOVERY's data prescribes (`rest_by_km`)
    rec = ctx.rules["E-RACE-RECOVERY"].params
    for race in ctx.plan.runs:
        if race.type == "race" and race.distance_km is not None:
            rest |= {race.date + k * DAY for k in range(1, rest_days(race.distance_km, rec) + 1)}
    usual = {r.weekday for r in ctx.athlete.running_week if r.type != "rest"} if ctx.athlete is not None else None
    for m in full_weeks(ctx.plan, 7):
        if m in have:
            continue
        week = [m + k * DAY for k in range(7)]
        if usual is None:
            excused = any(day in rest for day in week)
        else:
            excused = bool(usual) and all(m + w * DAY in rest for w in usual)
        if not excused:
            yield f"no runs in the week of {m}: the running week is unknown", m


@check("novice_late_start")
def _novice_late(rule: Rule, ctx: Ctx) -> Out:
    if ctx.plan.experience != "novice":
        return
    weeks = int(rule.params["weeks"])
    rec = ctx.rules["E-RACE-RECOVERY"].params
    close = [r for r in races(ctx) if r.priority == "A" and 0 <= (r.date - ctx.plan.start).days < weeks * 7]
    if not close:
        return
    last = max(close, key=lambda r: r.date)
    until = last.date + dt.timedelta(days=recovery_days(last.distance_km or 42.2, rec, last.priority))
    for s in fatiguing(ctx):
        if s.date <= until:
            yield f"leg-fatiguing {s.format} for a novice starting {weeks} weeks or less before the A race", s.date


@check("heavy_block_honest")
def _heavy_block_honest(rule: Rule, ctx: Ctx) -> Out:
    promises: Mapping[str, str] = rule.params["promises"]
    for ph in ctx.plan.phases:
        kind = promises.get(ph.name)
        if kind is None or ph.days < int(rule.params["min_days"]):
            continue
        if delivers(kind, (s for s in ctx.plan.sessions if ph.contains(s.date))):
            continue
        told = any(w.rule == rule.id and (w.date is None or ph.contains(w.date)) for w in ctx.plan.warnings)
        if not ("without" in ph.focus.lower() and told):
            yield f"{ph.name} phase from {ph.start} promises {kind} work, holds none and does not say so", ph.start


@check("upper_instead")
def _upper_instead(rule: Rule, ctx: Ctx) -> Out:
    """A strength phase of `min_days` or more without any leg strength work holds heavy upper-body work."""
    promises: Mapping[str, str] = ctx.rules["S2-HEAVY-HONEST"].params["promises"]
    if not _upper_possible(rule, ctx):
        return
    learning_until = dt.date.min  # a novice's learning weeks are moderate everywhere (E-NOVICE)
    if ctx.plan.experience == "novice":
        lifts = [s.date for s in ctx.plan.sessions if any(p.block == "strength" for p in s.exercises)]
        weeks = int(ctx.rules.param("E-NOVICE", "intro_weeks"))
        learning_until = min(lifts) + dt.timedelta(weeks=weeks) if lifts else dt.date.max
    for ph in ctx.plan.phases:
        judged = (ph.end - max(ph.start, learning_until)).days + 1
        if promises.get(ph.name) != "heavy" or not rule.applies_in(ph.name) or judged < int(rule.params["min_days"]):
            continue
        inside = [s for s in ctx.plan.sessions if ph.contains(s.date) and s.date >= learning_until]
        legs = any(lower_strength(s.format, s.exercises, ("straight_sets", "maintenance")) for s in inside)
        if inside and not legs and not _heavy_upper(rule, inside) and not _still_learning(ctx, inside):
            first = min(s.date for s in inside)
            yield (
                f"{ph.name} phase from {ph.start} without leg strength work holds no heavy upper-body work either",
                first,
            )


def _still_learning(ctx: Ctx, inside: list[Session]) -> bool:
    """A novice's testable upper lifts still at their learning dose (E-NOVICE-PCT: weeks of lifting and
    moderate sessions of the lift before its heavy %1RM) are the heavy work that novice may do yet."""
    if ctx.plan.experience != "novice":
        return False
    from stridelift.domain.novice_pct import NoviceLearning, NovicePctLimits

    learning = NoviceLearning(NovicePctLimits.from_params(ctx.rules["E-NOVICE-PCT"].params))
    days = {s.date for s in inside}
    for s in sorted(ctx.plan.sessions, key=lambda s: (s.date, s.slot != "am")):
        if s.date in days:
            for p in s.exercises:
                ex = ctx.library.find(p.id)
                testable = p.block == "strength" and p.region == "upper" and ex is not None and ex.testable
                if testable and not learning.ready(p.id, s.date):
                    return True
        learning.record(s.date, s.exercises)
    return False


def _heavy_upper(rule: Rule, sessions: Iterable[Session]) -> bool:
    most, least = int(rule.params["max_reps"]), float(rule.params["min_rpe"])
    return any(
        p.block == "strength"
        and p.region == "upper"
        and p.reps is not None
        and p.reps <= most
        and ((p.intensity.pct_1rm or 0) >= 0.7 or (p.intensity.rpe or 0) >= least)
        for s in sessions
        for p in s.exercises
    )


def _upper_possible(rule: Rule, ctx: Ctx) -> bool:
    """Heavy pulls and presses fit this runner: a loaded or hard upper-body lift their equipment allows, the
    minutes, no late novice start (E-NOVICE-LATE) and no injury capping every effort. Needs the profile."""
    a = ctx.athlete
    if a is None or a.minutes_per_session < int(rule.params["upper_min_minutes"]):
        return False
    if ctx.plan.experience == "novice" and any(w.rule == "E-NOVICE-LATE" for w in ctx.plan.warnings):
        return False
    for inj in a.injuries:  # an injury that caps every lift's effort below heavy (I-OTHER)
        sp = ctx.templates.injuries[inj.area].by_status[inj.status]
        if sp.rpe_cap is not None and not sp.cap_patterns and sp.rpe_cap < float(rule.params["min_rpe"]):
            return False
    heavy = ctx.rules["E-HEAVY-LOAD"].params
    load, hard = set(heavy["load_equipment"]), set(heavy["hard_bodyweight"])
    if ctx.plan.experience == "novice":  # a novice starts a hard bodyweight lift one step down (E-NOVICE-REGRESSION)
        hard = set()
    gear = a.equipment | {"bodyweight"}
    return any(
        "strength" in e.roles
        and e.region == "upper"
        and set(e.equipment) <= gear
        and (bool(load & set(e.equipment)) or e.id in hard)
        for e in ctx.library
    )


@check("explanations")
def _explanations(rule: Rule, ctx: Ctx) -> Out:
    runs = runs_on(ctx.plan)
    for s in ctx.plan.sessions:
        if not s.explanation.strip():
            yield "session without a plain explanation", s.date
        elif len(runs.get(s.date, [])) >= 2 and "order" not in s.explanation.lower():
            yield "two runs and a session on one day without their order", s.date


def unchecked_reasons(ctx: Ctx) -> list[str]:
    """What these checks could not see in this plan (told to the user beside the findings)."""
    out = []
    if any(r.distance_km is None for r in races(ctx)):
        out.append("E-RACE-RECOVERY: a race without its distance (give --profile): recovery not checked for it")
    return out


__all__ = ["by_week", "leg_cost", "races", "unchecked_reasons"]

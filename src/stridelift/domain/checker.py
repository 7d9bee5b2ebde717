"""Checks a plan against every rule of the rule book.

Each rule names its check in the data (`check = "heavy_spacing"`); this module maps those names to
functions. Checks that need the runner's profile (equipment, availability, injuries) run only when a
profile is given and say so otherwise. A violation the plan itself explains with a warning for the
same rule and week (a dropped or lightened session, a week with no available day) is reported as
explained, not as a hard violation: the planner may not satisfy a rule, but it may never hide it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.plan import Plan, Prescription, Session
from stridelift.domain.progression import (
    circuit_time_holds,
    is_heavy_lower,
    is_heavy_set,
    novice_ramp_step,
    progression_level,
    station_dose,
)
from stridelift.domain.rules import Rule, RuleBook
from stridelift.domain.scheduling import SLOT_HOUR
from stridelift.domain.season_start import dropped_before_build
from stridelift.domain.templates import Templates, status_on
from stridelift.domain.usual_races import dated_races_only
from stridelift.domain.vocab import CORE_TARGETS, PLANES

LIGHT = frozenset({"taper", "race_week", "recovery"})


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    hard: bool
    message: str
    date: dt.date | None = None
    explained: bool = False


@dataclass(frozen=True, slots=True)
class Ctx:
    plan: Plan
    rules: RuleBook
    library: ExerciseLibrary
    templates: Templates
    athlete: Athlete | None


Check = Callable[[Rule, Ctx], Iterable[tuple[str, dt.date | None]]]
CHECKS: dict[str, Check] = {}
NEEDS_PROFILE = {
    "offseason_long",
    "equipment_allowed",
    "balance_equipment",
    "availability",
    "injury_exclusion",
    "injury_progression",
    "injury_runs",
    "injury_promised",
    "injury_staged",
    "stage_words",
    "cap_scope",
    "stage_heavy",
    "rehab_last",
    "rehab_dose",
    "rehab_weekly",
    "heavy_once_weekly",
    "ramp_back",  # the plan's first weeks step from the runner's usual week
    "note_equipment",  # notes name only the runner's equipment
    "bodyweight_load",  # a load the runner owns
    "masters_spacing",  # the runner's age
}


def check(name: str) -> Callable[[Check], Check]:
    def deco(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return deco


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def full_weeks(plan: Plan, min_days: int = 5) -> list[dt.date]:
    out = []
    m = monday(plan.start)
    while m <= plan.end:
        days = sum(1 for i in range(7) if plan.start <= m + dt.timedelta(days=i) <= plan.end)
        if days >= min_days:
            out.append(m)
        m += dt.timedelta(days=7)
    return out


def by_week(sessions: Iterable[Session]) -> dict[dt.date, list[Session]]:
    out: dict[dt.date, list[Session]] = defaultdict(list)
    for s in sessions:
        out[monday(s.date)].append(s)
    return out


def runs_on(plan: Plan) -> dict[dt.date, list[tuple[str, str]]]:
    out: dict[dt.date, list[tuple[str, str]]] = defaultdict(list)
    for r in plan.runs:
        out[r.date].append((r.type, r.slot))
    return out


def _lvl(ctx: Ctx, p: Prescription) -> int:
    ex = ctx.library.find(p.id)
    return progression_level(ex.balance_level, ex.region) if ex is not None else 0


# ----- the seed's circuit ---------------------------------------------------------------------
@check("circuit_shape")
def _circuit_shape(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    p = rule.params
    dose = ctx.rules[p["fewer_where"]].params if p.get("fewer_where") else None
    circuits = sorted((s for s in ctx.plan.sessions if s.format == "circuit"), key=lambda s: s.date)
    novice = ctx.plan.experience == "novice"
    lighter = _lighter_days(ctx, p)
    for s in circuits:
        ramp = novice_ramp_step(dose, circuits[0].date, s.date) if dose and novice else None
        st = [x for x in s.exercises if x.block == "circuit"]
        lower = sum(1 for x in st if x.region == "lower")
        upper = sum(1 for x in st if x.region == "upper")
        if lower != p["lower"] or upper != p["upper"] or len(st) != p["lower"] + p["upper"]:
            yield f"circuit has {lower} lower and {upper} upper stations ({len(st)} in all)", s.date
        seed = (p["sets"], p["reps"])
        # a circuit held shorter to fit the session says so (its rule's data: `held_where`), and may be
        # any of that rule's holds, each checked at its floor by the rule's own check
        held = p.get("held_where")
        holds = circuit_time_holds(*seed, ramp, ctx.rules[held].params) if held and held in s.why else [ramp]
        # the day after a very long run the whole circuit has fewer rounds (`lighter_where`: E-AFTER-VERY-LONG)
        rounds = lighter[s.date][1] if s.date in lighter else None
        for x in st:
            # the seed's dose, or the fewer reps rule E-CIRCUIT-DOSE asks for (which reports its own breaches)
            cap = ex.max_circuit_reps if (ex := ctx.library.find(x.id)) is not None else None
            wants = {station_dose(dose, *seed, x.id, h, cap, per_side=x.unilateral) for h in holds} if dose else set()
            if rounds is not None:
                wants |= {(min(sets, rounds), reps) for sets, reps in wants | {seed}}
            if x.rest_s != p["rest_s"] or (x.sets, x.reps) not in wants | {seed}:
                yield f"station {x.id} is {x.sets}x{x.reps} with {x.rest_s} s rest", s.date


def _lighter_days(ctx: Ctx, p: Mapping[str, Any]) -> dict[dt.date, tuple[int, int]]:
    """The days S1-CIRCUIT's `lighter_where` rule holds its circuits to fewer rounds (after a very long run)."""
    if not p.get("lighter_where"):
        return {}
    from stridelift.domain.long_spare import lighter_days

    priorities = ctx.rules["E-TAPER-NO-RISE"].params["priorities"]
    held = [r.date for r in ctx.plan.runs if r.type == "race" and r.race_priority in priorities]
    runs = [(r.date, r.type, r.minutes) for r in ctx.plan.runs]
    return lighter_days(runs, held, ctx.plan.experience == "novice", ctx.rules)


@check("circuit_frequency")
def _circuit_freq(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    want = int(rule.params["min_per_week"])
    cap = ctx.athlete.sessions_per_week_max if ctx.athlete else want
    weeks = by_week(ctx.plan.sessions)
    for m in full_weeks(ctx.plan, 7):
        if ctx.plan.phase_on(m) is None or ctx.plan.phase_on(m + dt.timedelta(days=6)) is None:
            continue
        if all(ph.name == "base" for ph in (ctx.plan.phase_on(m + dt.timedelta(days=i)) for i in range(7)) if ph):
            n = sum(1 for s in weeks.get(m, []) if s.format == "circuit")
            # the week's short heavy session (E-HEAVY-KEEP) takes one of the runner's days
            kept = sum(1 for s in weeks.get(m, []) if s.format in rule.params.get("beside", ()))
            if n < min(want, cap - kept):
                yield f"{n} circuits in a base week (the seed: 2-3 a week)", m


@check("circuit_variation")
def _circuit_variation(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    circuits = [s for s in ctx.plan.sessions if s.format == "circuit"]

    def ident(s: Session) -> str:
        return s.variation or ",".join(sorted(x.id for x in s.exercises if x.block == "circuit"))

    for a, b in itertools.pairwise(circuits):
        if ident(a) == ident(b) and ctx.plan.phase_on(a.date) == ctx.plan.phase_on(b.date):
            yield f"two consecutive circuits use the same variation ({ident(b)})", b.date
    for ph in ctx.plan.phases:
        inside = [s for s in circuits if ph.contains(s.date)]
        if len(inside) >= 2 and len({ident(s) for s in inside}) < int(rule.params["min_variations"]):
            yield f"phase {ph.name} from {ph.start} repeats one circuit variation", inside[1].date


@check("slot_given")
def _slot_given(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    runs = runs_on(ctx.plan)
    for s in ctx.plan.sessions:
        if runs.get(s.date) and s.slot == "any":
            yield "session shares a day with a run but gives no slot", s.date


# ----- off-season block -----------------------------------------------------------------------
@check("offseason_block")
def _offseason(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    limit = int(rule.params["weeks"]) * 7 + 14
    for ph in ctx.plan.phases:
        if ph.name == "offseason_strength" and ph.days > limit:
            yield f"off-season block of {ph.days} days is longer than about three months", ph.start
    yield from dropped_before_build(rule, ctx.plan)


@check("note_present")
def _note(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    if not any(ph.name == "offseason_strength" for ph in ctx.plan.phases):
        return
    word = str(rule.params["note"])
    texts = list(ctx.plan.notes) + [n for s in ctx.plan.sessions for n in s.notes]
    if not any(word in t.lower() for t in texts):
        yield "the off-season block does not mention eating a little more", None


# ----- core, balance, mobility ----------------------------------------------------------------
def _weekly(ctx: Ctx, pred: Callable[[Prescription], bool], what: str) -> Iterable[tuple[str, dt.date | None]]:
    weeks = by_week(ctx.plan.sessions)
    for m in full_weeks(ctx.plan):
        if not any(pred(p) for s in weeks.get(m, []) for p in s.exercises):
            yield f"week of {m} has no {what}", m


@check("core_balance_weekly")
def _core_balance_weekly(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    yield from _weekly(ctx, lambda p: p.block == "core", "core exercise")
    yield from _weekly(ctx, lambda p: p.block == "balance" or (p.balance and p.block != "mobility"), "balance exercise")


@check("mobility_weekly")
def _mobility_weekly(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    yield from _weekly(ctx, lambda p: p.block == "mobility", "mobility work")


def _target(ctx: Ctx, p: Prescription) -> str | None:
    if p.core_target:
        return p.core_target
    ex = ctx.library.find(p.id)
    return ex.core_target if ex else None


@check("core_order")
def _core_order(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    order = list(rule.params["order"])
    for s in ctx.plan.sessions:
        core = sorted((p for p in s.exercises if p.block == "core"), key=lambda p: p.order)
        if not core:
            continue
        targets = [_target(ctx, p) for p in core]
        missing = [t for t in order if t not in targets]
        if missing:
            yield f"core block lacks {', '.join(missing)}", s.date
        idx = [order.index(t) for t in targets if t in order]
        if idx != sorted(idx):
            yield f"core block order {targets} is not lower back, glutes, hips, obliques, abs", s.date


@check("brace_cue")
def _brace(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    word = str(rule.params["cue"])
    for s in ctx.plan.sessions:
        for p in s.exercises:
            if p.block != "core":
                continue
            ex = ctx.library.find(p.id)
            cues = p.cues or (ex.cues if ex else ())
            if not any(word in c.lower() for c in cues):
                yield f"core exercise {p.id} lacks the belly-button cue", s.date


@check("balance_lift")
def _balance_lift(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    for ph in ctx.plan.phases:
        if not rule.applies_in(ph.name):
            continue
        inside = [s for s in ctx.plan.sessions if ph.contains(s.date)]
        if len(inside) >= 3 and not any(p.balance and p.region == "upper" for s in inside for p in s.exercises):
            yield f"phase {ph.name} from {ph.start} has no lift done on one foot", ph.start


@check("snacks_present")
def _snacks(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    if not ctx.plan.balance_snacks:
        yield "no balance snacks for home days", None


@check("core_planes")
def _core_planes(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    weeks = by_week(ctx.plan.sessions)
    for m, ss in sorted(weeks.items()):
        planes = {pl for s in ss for p in s.exercises if p.block == "core" for pl in p.planes}
        if planes and set(PLANES) - planes:
            yield f"week of {m}: core misses the {', '.join(sorted(set(PLANES) - planes))} plane", m


@check("balance_progression")
def _balance_progression(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    step = int(rule.params["max_step"])
    weeks = by_week(ctx.plan.sessions)
    equip: set[str] = (
        set(ctx.athlete.equipment)
        if ctx.athlete
        else {e for s in ctx.plan.sessions for p in s.exercises for e in p.equipment} | {"bodyweight"}
    )
    if ctx.athlete is not None:  # the rungs this runner can stand on, given equipment and injuries
        from stridelift.domain.sessions import Pool

        reachable = Pool.for_athlete(ctx.athlete, ctx.library, ctx.templates).with_role("balance")
    else:
        reachable = [ex for ex in ctx.library if "balance" in ex.roles and ex.allowed_by(frozenset(equip))]
    levels_available = {progression_level(ex.balance_level, ex.region) for ex in reachable}
    # at the top rung the runner can reach, the variants within `rotate_within` of it rotate (no drop)
    top, rotate = max(levels_available, default=0), int(rule.params.get("rotate_within", 0))
    reached_top = False
    prev: tuple[dt.date, int] | None = None
    for m in sorted(weeks):
        lv = [_lvl(ctx, p) for s in weeks[m] for p in s.exercises if p.block == "balance"]
        lv = [x for x in lv if x > 0]
        if not lv:
            continue
        level = max(lv)
        if prev is not None:
            pm, plevel = prev
            light = any(
                (ph := ctx.plan.phase_on(d + dt.timedelta(days=i))) is not None and ph.name in LIGHT
                for d in (pm, m)
                for i in range(7)
            ) or any("E-DELOAD" in s.why for s in weeks[m])
            gap = [x for x in range(plevel + 1, level) if x in levels_available]
            if level > plevel + step and gap:
                yield f"balance level jumps from {plevel} to {level}", m
            rotating = reached_top and level >= top - rotate
            if level < plevel and not light and not rotating:
                yield f"balance level drops from {plevel} to {level} outside a light week", m
        reached_top = reached_top or level >= top
        prev = (m, level)


def _eve_dose(s: Session, ctx: Ctx, rule_id: str) -> bool:
    from stridelift.domain.checks_light import is_eve_dose  # registered after this module

    return is_eve_dose(s, ctx, rule_id)


@check("high_reps")
def _high_reps(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    from stridelift.domain.checks_rehab import rehab_exempt as _rehab_exempt  # registered after this module

    low = int(rule.params["min_reps"])
    # hard bodyweight moves (Nordics, pull-ups) are done for a few reps wherever they are (E-CIRCUIT-DOSE)
    where = rule.params.get("fewer_where")
    hard = set(ctx.rules[where].params["hard_moves"]) if where else set()
    kept = set(rule.params.get("except_formats", ()))  # the base's weekly heavy session (E-HEAVY-KEEP)
    dose_rule = rule.params.get("except_dose")  # a key-run eve's reduced leg dose (E-EVE-LIGHT's eve_dose)
    for s in ctx.plan.sessions:
        if not rule.applies_in(s.phase) or s.format in kept:
            continue
        if dose_rule is not None and _eve_dose(s, ctx, str(dose_rule)):
            continue
        rehab = _rehab_exempt(rule, ctx, s)  # a tendon's rehab micro-block keeps its dose (I-REHAB-DOSE)
        for p in s.exercises:
            if p.block in ("circuit", "strength") and (p.id in hard or (p.block == "strength" and p.id in rehab)):
                continue
            # nor more than an exercise's own circuit cap (its data, rule E-CIRCUIT-DOSE)
            ex = ctx.library.find(p.id)
            floor = min(low, ex.max_circuit_reps) if ex and ex.max_circuit_reps and p.block == "circuit" else low
            both = 2 if p.block == "circuit" and p.unilateral else 1  # a one-sided station: both sides
            if p.block in ("circuit", "strength") and p.reps is not None and p.reps * both < floor:
                yield f"{p.id}: {p.reps} reps in a high-repetition phase", s.date


@check("breathing")
def _breathing(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    for s in ctx.plan.sessions:
        has_core = any(p.block == "core" for p in s.exercises)
        if has_core and not any("breath" in p.id or "breath" in p.name.lower() for p in s.exercises):
            yield "core session without breathing work", s.date


@check("form_cues")
def _form(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    for s in ctx.plan.sessions:
        for p in s.exercises:
            ex = ctx.library.find(p.id)
            if not p.cues and not (ex and ex.cues):
                yield f"{p.id} has no form cues", s.date


@check("phases_cover")
def _phases_cover(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    phases = sorted(ctx.plan.phases, key=lambda p: p.start)
    if not phases:
        yield "the plan has no phases", None
        return
    if phases[0].start != ctx.plan.start or phases[-1].end != ctx.plan.end:
        yield "phases do not span the plan from start to end", None
    for a, b in itertools.pairwise(phases):
        if b.start != a.end + dt.timedelta(days=1):
            yield f"phases {a.name} and {b.name} leave a gap or overlap", b.start
    for s in ctx.plan.sessions:
        ph = ctx.plan.phase_on(s.date)
        if ph is None or ph.name != s.phase:
            yield f"session says phase {s.phase} but the date is in {ph.name if ph else 'no phase'}", s.date


@check("rest_day_use")
def _rest_day(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    runs = runs_on(ctx.plan)
    for s in ctx.plan.sessions:
        types = {t for t, _ in runs.get(s.date, [])}
        if is_heavy_lower(s.exercises) and types and types <= {"easy"}:
            yield "heavy legs on an easy-run day", s.date


# ----- heavy work and timing ------------------------------------------------------------------
@check("heavy_dose")
def _heavy_dose(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    for ph in ctx.plan.phases:
        inside = [s for s in ctx.plan.sessions if ph.contains(s.date)]
        if ph.name in rule.phases and ph.days >= 14 and not any(is_heavy_lower(s.exercises) for s in inside):
            yield f"phase {ph.name} from {ph.start} has no heavy session", ph.start


@check("heavy_rest")
def _heavy_rest(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    low = int(rule.params["min_rest_s"])
    # the rule's own exception (ACSM 2009): single-joint accessories need one to two minutes
    accessory = set(rule.params.get("accessory_patterns", ()))
    low_accessory = int(rule.params.get("accessory_min_rest_s", low))
    for s in ctx.plan.sessions:
        for p in s.exercises:
            if not is_heavy_set(p) or p.region not in ("lower", "full", "upper"):
                continue
            ex = ctx.library.find(p.id)
            need = low_accessory if ex is not None and ex.pattern in accessory else low
            if p.rest_s < need:
                yield f"{p.id}: {p.rest_s} s rest between heavy sets (at least {need} s)", s.date


def _hour(s: Session) -> int:
    return s.date.toordinal() * 24 + SLOT_HOUR.get(s.slot, 12)


@check("heavy_spacing")
def _spacing(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    yield from heavy_spacing(ctx, int(rule.params["hours"]))


@check("masters_spacing")
def _masters_spacing(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    """A masters runner's heavy leg sessions further apart (E-MASTERS-RECOVERY; needs the profile: the age)."""
    if ctx.athlete is not None and ctx.athlete.age is not None and ctx.athlete.age >= int(rule.params["min_age"]):
        yield from heavy_spacing(ctx, int(rule.params["hours"]))


def heavy_spacing(ctx: Ctx, hours: int) -> Iterable[tuple[str, dt.date | None]]:
    """Heavy sessions loading the same muscles closer than `hours`."""
    heavy = sorted((s for s in ctx.plan.sessions if is_heavy_lower(s.exercises)), key=_hour)
    for a, b in itertools.pairwise(heavy):
        overlap = {m for p in a.exercises if is_heavy_set(p) for m in p.muscles} & {
            m for p in b.exercises if is_heavy_set(p) for m in p.muscles
        }
        if overlap and _hour(b) - _hour(a) < hours:
            yield f"heavy sessions {a.date} {a.slot} and {b.date} {b.slot} are {_hour(b) - _hour(a)} h apart", b.date


@check("key_run_eve")
def _key_eve(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    keys = set(rule.params["key_types"])
    runs = runs_on(ctx.plan)
    for s in ctx.plan.sessions:
        if is_heavy_lower(s.exercises):
            nxt = {t for t, _ in runs.get(s.date + dt.timedelta(days=1), [])}
            if nxt & keys:
                yield f"heavy legs the day before a {'/'.join(sorted(nxt & keys))}", s.date


@check("quality_same_day")
def _quality_same_day(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    q = set(rule.params["quality_types"])
    runs = runs_on(ctx.plan)
    for s in ctx.plan.sessions:
        if not is_heavy_lower(s.exercises):
            continue
        for t, slot in runs.get(s.date, []):
            if t in q and not (slot == "am" and s.slot == "pm"):
                yield f"heavy legs ({s.slot}) not hours after the {t} run ({slot})", s.date


def _races(ctx: Ctx) -> list[tuple[dt.date, str]]:
    if ctx.athlete is not None:
        return [(r.date, r.priority) for r in ctx.athlete.races]
    return [(r.date, r.race_priority or "A") for r in ctx.plan.runs if r.type == "race"]


@check("race_buffer")
def _race_buffer(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    for s in ctx.plan.sessions:
        if not is_heavy_lower(s.exercises):
            continue
        for day, prio in _races(ctx):
            gap = (day - s.date).days
            if 0 < gap <= int(rule.params[prio]):
                yield f"heavy legs {gap} days before a {prio} race", s.date


@check("no_race_day")
def _no_race_day(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    days = {d for d, _ in _races(ctx)}
    for s in ctx.plan.sessions:
        if s.date in days:
            yield "strength session on race day", s.date


@check("taper_volume")
def _taper(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    cap = int(rule.params["max_sets"])
    holds_exempt = bool(rule.params.get("holds_exempt", False))
    for s in ctx.plan.sessions:
        if s.phase not in rule.phases:
            continue
        for p in s.exercises:
            if holds_exempt and p.reps is None and p.duration_s:
                continue
            if p.block in ("strength", "circuit", "power") and p.sets > cap:
                yield f"{p.id}: {p.sets} sets in the {s.phase}", s.date


@check("no_heavy_in_phase")
def _no_heavy(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    for s in ctx.plan.sessions:
        if s.phase in rule.phases and is_heavy_lower(s.exercises):
            yield f"heavy legs in {s.phase}", s.date


@check("maintenance_weekly")
def _maintenance(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    weeks = by_week(ctx.plan.sessions)
    for m in full_weeks(ctx.plan, 7):
        names = {ph.name for i in range(7) if (ph := ctx.plan.phase_on(m + dt.timedelta(days=i)))}
        if names == {"in_season"} and not any(is_heavy_lower(s.exercises) for s in weeks.get(m, [])):
            yield f"in-season week of {m} without a maintenance session", m


@check("novice_loads")
def _novice(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    if ctx.plan.experience != "novice":
        return
    top = float(rule.params["max_pct_1rm"])
    intro = int(rule.params["intro_weeks"])
    strength = sorted(
        (s for s in ctx.plan.sessions if any(p.block == "strength" for p in s.exercises)), key=lambda s: s.date
    )
    first = strength[0].date if strength else None
    for s in strength:
        for p in s.exercises:
            if p.intensity.pct_1rm is not None and p.intensity.pct_1rm > top + 1e-9:
                yield f"{p.id} at {p.intensity.pct_1rm:.0%} of 1RM for a novice", s.date
        if first is not None and (s.date - first).days < intro * 7 and any(is_heavy_set(p) for p in s.exercises):
            yield "heavy sets in a novice's first weeks", s.date


@check("load_steps")
def _steps(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    step = float(rule.params["max_step"])
    last: dict[str, float] = {}
    for s in sorted(ctx.plan.sessions, key=_hour):
        for p in s.exercises:
            pct = p.intensity.pct_1rm
            if pct is None:
                continue
            prev = last.get(p.id)
            if prev is not None and pct > prev * (1 + step) + 1e-9:
                yield f"{p.id} load rises {pct / prev - 1:.0%} in one step", s.date
            last[p.id] = pct


@check("plyo_dose")
def _plyo(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    cap = int(rule.params["max_contacts"])
    regions = set(rule.params["contact_regions"])  # jumps land on the feet; throws and swings do not
    for s in ctx.plan.sessions:
        jumps = [p for p in s.exercises if p.block == "power" and p.region in regions]
        n = sum(p.sets * (p.reps or 0) for p in jumps if (ex := ctx.library.find(p.id)) is not None and ex.plyometric)
        if n > cap:
            yield f"{n} plyometric contacts", s.date


# ----- the runner's own limits (need the profile) ---------------------------------------------
@check("availability")
def _availability(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    seen: dict[dt.date, int] = defaultdict(int)
    for s in ctx.plan.sessions:
        seen[s.date] += 1
        if seen[s.date] == 2:
            yield "two strength sessions on one day", s.date
        if not ctx.plan.start <= s.date <= ctx.plan.end:
            yield "session outside the plan's dates", s.date
    a = ctx.athlete
    if a is None:
        return
    for s in ctx.plan.sessions:
        if s.date.weekday() not in a.strength_days:
            yield f"session on {s.date:%A}, not one of the runner's days", s.date
        if s.minutes > a.minutes_per_session:
            yield f"session of {s.minutes} min exceeds {a.minutes_per_session} min", s.date
    for m, ss in by_week(ctx.plan.sessions).items():
        if len(ss) > a.sessions_per_week_max:
            yield f"{len(ss)} sessions in the week of {m}, more than {a.sessions_per_week_max}", m


def _used(ctx: Ctx) -> Iterable[tuple[Session, Prescription]]:
    for s in ctx.plan.sessions:
        for p in s.exercises:
            yield s, p


@check("equipment_allowed")
def _equipment(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    assert ctx.athlete is not None
    have = ctx.athlete.equipment | {"bodyweight"}
    for s, p in _used(ctx):
        ex = ctx.library.find(p.id)
        needs = set(p.equipment) | (set(ex.equipment) if ex else set())
        if needs - have:
            yield f"{p.id} needs {', '.join(sorted(needs - have))}", s.date


@check("balance_equipment")
def _balance_equipment(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    assert ctx.athlete is not None
    have = ctx.athlete.equipment | {"bodyweight"}
    for s, p in _used(ctx):
        if p.block == "balance" and set(p.equipment) - have:
            yield f"balance exercise {p.id} needs {', '.join(sorted(set(p.equipment) - have))}", s.date


@check("injury_exclusion")
def _injury(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    assert ctx.athlete is not None
    claimed = {str(r.params["area"]) for r in ctx.rules if r.check == "injury_exclusion" and "area" in r.params}
    areas = {str(rule.params["area"])} if "area" in rule.params else None
    for inj in ctx.athlete.injuries:
        if (areas is not None and inj.area not in areas) or (areas is None and inj.area in claimed):
            continue
        policy = ctx.templates.injuries[inj.area]
        for s, p in _used(ctx):
            ex = ctx.library.find(p.id)
            if ex is None:
                continue
            # a status that moves on by itself (injuries.toml `progress`) is judged by the day's stage
            sp = policy.by_status[status_on(policy, inj.status, ctx.athlete.start, s.date)]
            bad = set(ex.loads) & set(sp.exclude_loads)
            if bad and p.id not in sp.add:  # the injury's own prescribed loading is its data's exception
                yield f"{p.id} loads the {inj.area.replace('_', ' ')} ({inj.status})", s.date
            # what its note promises to leave out (injuries.toml `exclude_tags`), in every block
            ruled_out = set(ex.tags) & set(sp.exclude_tags)
            if ruled_out and p.id not in sp.add:
                now = status_on(policy, inj.status, ctx.athlete.start, s.date)
                yield (
                    f"{p.id} ({p.block}) is a {', '.join(sorted(ruled_out)).replace('_', ' ')}, left out while the "
                    f"{inj.area.replace('_', ' ')} is {now}",
                    s.date,
                )
            if sp.no_plyometrics and ex.plyometric:
                yield f"{p.id} is plyometric while the {inj.area.replace('_', ' ')} is {inj.status}", s.date
    hip = ctx.athlete.injury("hip_flexor")
    if (
        areas == {"hip_flexor"}
        and hip is not None
        and ctx.templates.injuries["hip_flexor"].by_status[hip.status].exclude_loads
    ):
        for s in ctx.plan.sessions:
            core = {_target(ctx, p) for p in s.exercises if p.block == "core"}
            if core and set(CORE_TARGETS) - core:
                yield "core block not fully covered by substitutes", s.date


@check("disclaimer")
def _disclaimer(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    if "medical" not in ctx.plan.disclaimer.lower():
        yield "the plan lacks the not-medical-advice disclaimer", None


@check("none")
def _none(rule: Rule, ctx: Ctx) -> Iterable[tuple[str, dt.date | None]]:
    return ()


def check_plan(
    plan: Plan, *, rules: RuleBook, library: ExerciseLibrary, templates: Templates, athlete: Athlete | None = None
) -> tuple[list[Finding], list[str]]:
    """Returns the findings and the rules that could not be checked (and why)."""
    if athlete is not None:  # a usual-week race is planned as a race-effort run (R-RACES-DATED): judge that week
        athlete = dated_races_only(athlete, rules)[0]
    ctx = Ctx(plan, rules, library, templates, athlete)
    excuses: set[tuple[str, dt.date]] = set()
    whole_week: set[dt.date] = set()
    for w in plan.warnings:
        # only a dated warning explains, and only findings of its own rule in its own week
        if w.rule and w.date:
            excuses.add((w.rule, monday(w.date)))
        if w.code == "WEEK_WITHOUT_SESSION" and w.date:
            whole_week.add(monday(w.date))
    findings: list[Finding] = []
    skipped: list[str] = []
    for rule in rules:
        check_name = rule.check
        if check_name == "none":
            skipped.append(f"{rule.id}: not visible in a plan (a planning behaviour, tested on the planner)")
            continue
        fn = CHECKS.get(check_name)
        if fn is None:
            skipped.append(f"{rule.id}: no checker named {check_name!r}")
            continue
        if check_name in NEEDS_PROFILE and athlete is None and check_name != "availability":
            skipped.append(f"{rule.id}: needs --profile")
            continue
        for message, date in fn(rule, ctx):
            week = monday(date) if date else None
            also = rule.params.get("excused_by", ())  # the rule's data names the warnings that explain it
            explained = any((r, week) in excuses for r in (rule.id, *also)) or bool(
                week in whole_week
                and (rule.check in ("core_balance_weekly", "mobility_weekly") or rule.params.get("empty_weeks"))
            )
            findings.append(Finding(rule.id, rule.hard, message, date, explained))
    skipped.extend(checks_schedule.unchecked_reasons(ctx))
    return findings, skipped


def hard_violations(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.hard and not f.explained]


# the prescription checks live in their own module and register themselves by name
from stridelift.domain import checks_after_long as _checks_after_long  # noqa: E402,F401
from stridelift.domain import checks_b_recovery as _checks_b_recovery  # noqa: E402,F401
from stridelift.domain import checks_balance as _checks_balance  # noqa: E402,F401
from stridelift.domain import checks_circuit_time as _checks_circuit_time  # noqa: E402,F401
from stridelift.domain import checks_dated_races as _checks_dated_races  # noqa: E402,F401
from stridelift.domain import checks_dose as _checks_dose  # noqa: E402,F401
from stridelift.domain import checks_effort as _checks_effort  # noqa: E402,F401
from stridelift.domain import checks_injury as _checks_injury  # noqa: E402,F401
from stridelift.domain import checks_keep as _checks_keep  # noqa: E402,F401
from stridelift.domain import checks_labels as _checks_labels  # noqa: E402,F401
from stridelift.domain import checks_leg_floor as _checks_leg_floor  # noqa: E402,F401
from stridelift.domain import checks_light as _checks_light  # noqa: E402,F401
from stridelift.domain import checks_long_build as _checks_long_build  # noqa: E402,F401
from stridelift.domain import checks_long_spare as _checks_long_spare  # noqa: E402,F401
from stridelift.domain import checks_plyo as _checks_plyo  # noqa: E402,F401
from stridelift.domain import checks_prescription as _checks_prescription  # noqa: E402,F401
from stridelift.domain import checks_race_long as _checks_race_long  # noqa: E402,F401
from stridelift.domain import checks_race_time as _checks_race_time  # noqa: E402,F401
from stridelift.domain import checks_races as _checks_races  # noqa: E402,F401
from stridelift.domain import checks_ramp as _checks_ramp  # noqa: E402,F401
from stridelift.domain import checks_rehab as _checks_rehab  # noqa: E402,F401
from stridelift.domain import checks_schedule  # noqa: E402  (registers the schedule checks)
from stridelift.domain import checks_season_end as _checks_season_end  # noqa: E402,F401
from stridelift.domain import checks_stage_words as _checks_stage_words  # noqa: E402,F401
from stridelift.domain import checks_substitution as _checks_substitution  # noqa: E402,F401
from stridelift.domain import checks_taper as _checks_taper  # noqa: E402,F401
from stridelift.domain import checks_tendon as _checks_tendon  # noqa: E402,F401
from stridelift.domain import checks_upper as _checks_upper  # noqa: E402,F401
from stridelift.domain import checks_wave as _checks_wave  # noqa: E402,F401
from stridelift.domain import checks_wording as _checks_wording  # noqa: E402,F401

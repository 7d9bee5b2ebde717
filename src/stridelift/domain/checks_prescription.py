"""Checks of what a session prescribes: loads that agree with the effort chart, heavy sets that carry a
load, exercises from the library, each exercise once and at most two of one movement, ramp-up
sets before heavy lifts, circuits that progress, no lift in two heavy templates of a week. Registered
with the checker by name (rules.toml's `check`); exceptions (hard bodyweight lifts, single-joint
accessories, light work both heavy days may hold) come from the rules' and the exercises' data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check, monday
from stridelift.domain.checks_injury import stage_on
from stridelift.domain.checks_rehab import rehab_exempt
from stridelift.domain.effort import EffortTable
from stridelift.domain.families import families
from stridelift.domain.movement import Spread
from stridelift.domain.plan import Prescription, Session
from stridelift.domain.progression import is_heavy_set
from stridelift.domain.rules import Rule

Found = Iterable[tuple[str, dt.date | None]]


@check("rpe_table")
def _rpe_table(rule: Rule, ctx: Ctx) -> Found:
    table = EffortTable.from_params(rule.params)
    for s in ctx.plan.sessions:
        for p in s.exercises:
            pct, rpe = p.intensity.pct_1rm, p.intensity.rpe
            if pct is None:
                continue
            ex = ctx.library.find(p.id)  # the library says which lifts a runner tests, not the plan
            if ex is None or not ex.testable:
                yield f"{p.id}: %1RM given for a lift a runner cannot test (not a main barbell lift)", s.date
            if p.reps is None:
                yield f"{p.id}: %1RM without a number of reps", s.date
            elif rpe is None:
                yield f"{p.id}: {pct:.0%} of 1RM without the effort (RPE) it should feel like", s.date
            elif not table.agrees(p.reps, pct, rpe):
                want = table.pct_for(p.reps, rpe)
                yield (
                    f"{p.id}: {p.reps} reps at {pct:.0%} of 1RM is not RPE {rpe:g} "
                    f"(the chart: {want:.0%}, RPE {table.rpe_for(p.reps, pct):g} at {pct:.0%})",
                    s.date,
                )


def _heavy_effort(rule: Rule, p: Prescription) -> bool:
    if p.block not in ("strength", "circuit") or p.reps is None or p.reps > int(rule.params["max_reps"]):
        return False
    i = p.intensity
    return i.pct_1rm is not None or (i.rpe is not None and i.rpe >= float(rule.params["min_rpe"]))


@check("heavy_needs_load")
def _heavy_needs_load(rule: Rule, ctx: Ctx) -> Found:
    load = set(rule.params["load_equipment"])
    hard = set(rule.params["hard_bodyweight"])
    for s in ctx.plan.sessions:
        for p in s.exercises:
            if _heavy_effort(rule, p) and not load & set(p.equipment) and p.id not in hard:
                yield (
                    f"{p.id}: {p.sets}x{p.reps} at RPE {p.intensity.rpe:g} with no load is not heavy "
                    f"(a harder variant or more reps)",
                    s.date,
                )


@check("known_exercise")
def _known_exercise(rule: Rule, ctx: Ctx) -> Found:
    for s in ctx.plan.sessions:
        for p in s.exercises:
            if ctx.library.find(p.id) is None:
                yield f"unknown exercise {p.id!r}", s.date


def _pattern(ctx: Ctx, p: Prescription) -> str | None:
    ex = ctx.library.find(p.id)
    return ex.pattern if ex is not None else None


@check("session_variety")
def _session_variety(rule: Rule, ctx: Ctx) -> Found:
    cap = int(rule.params["max_per_pattern"])
    blocks = set(rule.params["blocks"])
    for s in ctx.plan.sessions:
        seen: set[str] = set()
        for p in s.exercises:
            if p.id in seen:
                yield f"{p.id} appears twice in one session", s.date
            seen.add(p.id)
        for block in blocks:
            count: dict[str, int] = defaultdict(int)
            for p in s.exercises:
                pat = _pattern(ctx, p) if p.block == block else None
                if pat is not None:
                    count[pat] += 1
            for pat, n in sorted(count.items()):
                if n > cap:
                    yield f"{n} {block} stations of the {pat} pattern (at most {cap})", s.date


@check("one_variant")
def _one_variant(rule: Rule, ctx: Ctx) -> Found:
    """Two variants of one movement (library-linked versions, or one pattern the rule names) in a
    session's circuit and strength blocks."""
    fam = families(ctx.library, rule.params["one_movement_patterns"])
    blocks = set(rule.params["blocks"])
    for s in ctx.plan.sessions:
        first: dict[str, str] = {}
        rehab = rehab_exempt(rule, ctx, s)  # a tendon's rehab micro-block is a block of its own
        for p in s.exercises:
            if p.block not in blocks or (p.block == "strength" and p.id in rehab):
                continue
            key = fam.get(p.id, p.id)
            if key in first and first[key] != p.id:
                yield f"{first[key]} and {p.id}: two variants of one movement in one session", s.date
            first.setdefault(key, p.id)


@check("circuit_spread")
def _circuit_spread(rule: Rule, ctx: Ctx) -> Found:
    """Each circuit's stations against the movement groups; how many lower-body groups the runner can
    reach comes from the profile (equipment and injuries), else from the plan's own circuits."""
    spread = Spread.from_params(rule.params)
    circuits: list[tuple[Session, list[tuple[str, str, str]]]] = []
    for s in ctx.plan.sessions:
        stations: list[tuple[str, str, str]] = [
            (p.id, p.region, pat) for p in s.exercises if p.block == "circuit" and (pat := _pattern(ctx, p))
        ]
        if stations:
            circuits.append((s, stations))
    if ctx.athlete is not None:
        from stridelift.domain.sessions import Pool

        open_groups = len(spread.available(Pool.for_athlete(ctx.athlete, ctx.library, ctx.templates).usable))
    else:
        injury_rules = {pol.rule for pol in ctx.templates.injuries.values()}
        if any(injury_rules & set(s.why) for s, _ in circuits):  # an injury closes groups: the plan shows which
            open_groups = max(
                (len({spread.key(r, p) for _, r, p in st if r != "upper"} & set(spread.groups)) for _, st in circuits),
                default=0,
            )
        else:  # what the equipment the plan uses opens
            kit = frozenset({e for s in ctx.plan.sessions for p in s.exercises for e in p.equipment} | {"bodyweight"})
            open_groups = len(spread.available(e for e in ctx.library if e.allowed_by(kit)))
    for s, st in circuits:
        for message in spread.findings(st, open_groups):
            yield message, s.date


@check("holds_in_seconds")
def _holds_in_seconds(rule: Rule, ctx: Ctx) -> Found:
    for s in ctx.plan.sessions:
        for p in s.exercises:
            ex = ctx.library.find(p.id)
            if ex is not None and ex.default_reps is None and ex.default_duration_s is not None and p.reps is not None:
                yield f"{p.id} is a hold but is prescribed as {p.sets}x{p.reps} repetitions", s.date


@check("warmup_sets")
def _warmup_sets(rule: Rule, ctx: Ctx) -> Found:
    full = len(rule.params["ramp"])
    words = str(rule.params["note_words"]).lower()
    for s in ctx.plan.sessions:
        first = True
        for p in s.exercises:
            if p.block != "strength":
                continue
            if not is_heavy_set(p):
                # a lighter %1RM lift already ramped up in full has warmed the body for what follows
                if p.intensity.pct_1rm is not None and p.warmup_sets >= full:
                    first = False
                continue
            need = full if (first and p.intensity.pct_1rm is not None) else 1
            first = False
            if p.warmup_sets < need and (p.intensity.pct_1rm is not None or p.equipment):
                yield f"{p.id}: heavy sets with {p.warmup_sets} warm-up sets (needs {need})", s.date
            elif p.warmup_sets and words not in p.note.lower():  # the runner reads the note, not the count
                yield f"{p.id}: {p.warmup_sets} warm-up sets the note does not tell the runner about", s.date


def _circuit_dose(s: Session) -> tuple[tuple[str, int, int | None, float | None], ...]:
    return tuple((p.id, p.sets, p.reps, p.intensity.rpe) for p in s.exercises if p.block == "circuit")


@check("circuit_progression")
def _circuit_progression(rule: Rule, ctx: Ctx) -> Found:
    """A phase of `min_weeks` or more whose circuits keep one dose never progresses; a lighter week's
    circuit (why names E-DELOAD) must be easier than the circuit before it."""
    weeks = int(rule.params["min_weeks"])
    circuits = sorted((s for s in ctx.plan.sessions if s.format == "circuit"), key=lambda s: s.date)
    for ph in ctx.plan.phases:
        inside = [s for s in circuits if ph.contains(s.date)]
        if not inside or ph.days < 7 * weeks:
            continue
        by_variation: dict[str, set[tuple[tuple[str, int, int | None, float | None], ...]]] = defaultdict(set)
        for s in inside:
            by_variation[s.variation or ""].add(_circuit_dose(s))
        # a dose steps up every `weeks_per_step` weeks: circuits closer together than that may share one
        step = dt.timedelta(days=7 * int(rule.params["weeks_per_step"]))
        dates: dict[str, list[dt.date]] = defaultdict(list)
        for s in inside:
            dates[s.variation or ""].append(s.date)
        repeated = [v for v, ds in dates.items() if len(ds) >= 2 and max(ds) - min(ds) >= step]
        if repeated and all(len(by_variation[v]) == 1 for v in repeated):
            yield f"phase {ph.name} from {ph.start}: {len(inside)} circuits at one unchanging dose", inside[0].date
    last_hard: dict[str, float] = {}
    for s in circuits:
        rpes = [p.intensity.rpe for p in s.exercises if p.block == "circuit" and p.intensity.rpe is not None]
        top = max(rpes) if rpes else None
        if top is None:
            continue
        if "E-DELOAD" in s.why:
            prev = last_hard.get(s.phase)
            if prev is not None and top >= prev:
                yield f"a lighter-week circuit at RPE {top:g}, no lighter than before ({prev:g})", s.date
        else:
            last_hard[s.phase] = top


@check("deload")
def _deload(rule: Rule, ctx: Ctx) -> Found:
    """In a heavy or circuit block, no more than `every` loaded weeks in a row without a lighter one
    (a session whose reasons name E-DELOAD, or a week with no loaded session)."""
    every = int(rule.params["every"])
    for ph in ctx.plan.phases:
        if not rule.applies_in(ph.name):
            continue
        loaded: dict[dt.date, bool] = {}
        for s in ctx.plan.sessions:
            if ph.contains(s.date) and s.format in ("circuit", "straight_sets", "maintenance"):
                m = monday(s.date)
                loaded[m] = loaded.get(m, True) and "E-DELOAD" not in s.why
        run = 0
        m = monday(ph.start)
        while m <= ph.end:
            run = run + 1 if loaded.get(m, False) else 0
            if run >= every:  # the `every`th week is the lighter one: that many loaded weeks in a row is one too many
                yield f"{run} loaded weeks in a row without a lighter week (every {every}th is lighter)", m
                run = 0
            m += dt.timedelta(days=7)


@check("heavy_once_weekly")
def _heavy_once_weekly(rule: Rule, ctx: Ctx) -> Found:
    """No lift in two heavy sessions of different templates in one week (RDL as Heavy B's main and Heavy
    A's second), unless its library entry allows it (`heavy_twice_weekly`); an injury's own loading,
    prescribed in every session on purpose, aside."""
    assert ctx.athlete is not None
    weeks: dict[dt.date, list[Session]] = {}
    for s in ctx.plan.sessions:
        # a heavy template's session (an upper-body day in place of heavy legs, S2-UPPER-INSTEAD, is none)
        if s.format in ("straight_sets", "maintenance") and s.variation is not None:
            weeks.setdefault(monday(s.date), []).append(s)
    for week, heavy in sorted(weeks.items()):
        seen: dict[str, Session] = {}
        for s in heavy:
            own = {a for inj in ctx.athlete.injuries for a in stage_on(ctx, inj.area, inj.status, s.date)[1].add}
            for p in s.exercises:
                ex = ctx.library.find(p.id)
                if p.block != "strength" or p.id in own or ex is None or ex.heavy_twice_weekly:
                    continue
                first = seen.setdefault(p.id, s)
                if first is not s and first.variation != s.variation:
                    yield (
                        f"week of {week}: {p.id} in heavy {first.variation} ({first.date}) and heavy "
                        f"{s.variation} ({s.date})",
                        s.date,
                    )


@check("grip_heavy")
def _grip_heavy(rule: Rule, ctx: Ctx) -> Found:
    """A lift the arms hold in front (the library's `grip_limited`) at heavy reps in a strength block."""
    need = int(rule.params["min_reps"])
    for s in ctx.plan.sessions:
        for p in s.exercises:
            ex = ctx.library.find(p.id)
            if ex is not None and ex.grip_limited and p.block == "strength" and p.reps is not None and p.reps < need:
                yield f"{p.id} at {p.reps} reps: the arms give out before the legs (at least {need} reps)", s.date

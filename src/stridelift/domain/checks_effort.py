"""How hard a runner's sets are: never to failure (rule E-RUNNER-RIR), never harder per rep in a
lighter week (rule E-DELOAD-LIGHTER), Nordic curls low and slowly rising (rule E-NORDIC-DOSE), a bodyweight
move at a high effort saying how to get there (rule E-BODYWEIGHT-EFFORT), Nordics low again after a
break (rule E-NORDIC-RESTART), a novice's one-leg squats
regressed (rule E-NOVICE-REGRESSION), a novice's %1RM earned lift by lift (rule E-NOVICE-PCT). Numbers
come from the rules; a %1RM is read at the RPE the chart (E-RPE-TABLE) gives it for its reps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.bodyweight import BodyweightEffort
from stridelift.domain.checker import Ctx, check
from stridelift.domain.eccentric import EccentricLimits, restarts
from stridelift.domain.effort import EffortTable
from stridelift.domain.held_load import HeldLoad
from stridelift.domain.novice_pct import NoviceLearning, NovicePctLimits
from stridelift.domain.plan import Prescription
from stridelift.domain.rules import Rule

Found = Iterable[tuple[str, dt.date | None]]


def set_rpe(p: Prescription, table: EffortTable) -> float | None:
    """The effort of a set: its RPE, or the chart's RPE for its %1RM and reps when that is higher."""
    rpes = [p.intensity.rpe] if p.intensity.rpe is not None else []
    if p.intensity.pct_1rm is not None and p.reps:
        rpes.append(table.rpe_for(p.reps, p.intensity.pct_1rm))
    return max(rpes) if rpes else None


@check("runner_rir")
def _runner_rir(rule: Rule, ctx: Ctx) -> Found:
    top = float(rule.params["max_rpe"])
    blocks = set(rule.params["blocks"])
    table = EffortTable.from_params(ctx.rules["E-RPE-TABLE"].params)
    for s in ctx.plan.sessions:
        for p in s.exercises:
            rpe = set_rpe(p, table) if p.block in blocks else None
            if rpe is not None and rpe > top + 1e-9:
                pct = f" at {p.intensity.pct_1rm:.0%}" if p.intensity.pct_1rm is not None else ""
                yield f"{p.id}: {p.sets}x{p.reps}{pct} is RPE {rpe:g} (a runner stops at RPE {top:g})", s.date


@check("deload_lighter")
def _deload_lighter(rule: Rule, ctx: Ctx) -> Found:
    blocks = set(rule.params["blocks"])
    window = dt.timedelta(days=int(rule.params["lookback_days"]))
    last: dict[tuple[str, str], tuple[dt.date, Prescription]] = {}
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        lighter = "E-DELOAD" in s.why
        for p in s.exercises:
            if p.block not in blocks:
                continue
            seen = last.get((p.block, p.id))
            if not lighter:
                last[(p.block, p.id)] = (s.date, p)
            if not lighter or seen is None or s.date - seen[0] > window:
                continue
            now, before = p.intensity, seen[1].intensity
            if now.pct_1rm is not None and before.pct_1rm is not None and now.pct_1rm > before.pct_1rm + 1e-9:
                yield f"{p.id}: {now.pct_1rm:.0%} in a lighter week after {before.pct_1rm:.0%} last time", s.date
            elif now.rpe is not None and before.rpe is not None and now.rpe > before.rpe + 1e-9:
                yield f"{p.id}: RPE {now.rpe:g} in a lighter week after RPE {before.rpe:g} last time", s.date


@check("nordic_dose")
def _nordic_dose(rule: Rule, ctx: Ctx) -> Found:
    lim = EccentricLimits.from_params(rule.params)
    last: dict[str, float] = {}
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        for p in s.exercises:
            if p.id not in lim.ids or p.block == "warmup":
                continue
            sets, reps, rpe = lim.most(last.get(p.id))
            now = p.intensity.rpe if p.intensity.rpe is not None else lim.max_rpe + 1
            if p.sets > sets or (p.reps or 0) > reps or now > rpe + 1e-9:
                what = "the first time" if p.id not in last else f"after RPE {last[p.id]:g} last time"
                yield f"{p.id}: {p.sets}x{p.reps} at RPE {now:g} {what} (at most {sets}x{reps} at RPE {rpe:g})", s.date
            last[p.id] = now


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


@check("nordic_restart")
def _nordic_restart(rule: Rule, ctx: Ctx) -> Found:
    """After a break longer than the rule's days, the first session's dose of E-NORDIC-DOSE again."""
    lim = EccentricLimits.from_params(ctx.rules["E-NORDIC-DOSE"].params)
    gap = int(rule.params["gap_days"])
    last: dict[str, dt.date] = {}
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        for p in s.exercises:
            if p.id not in lim.ids or p.block == "warmup":
                continue
            before = last.get(p.id)
            if restarts(before, s.date, gap):
                rpe = p.intensity.rpe if p.intensity.rpe is not None else lim.max_rpe + 1
                if p.sets > lim.first_sets or (p.reps or 0) > lim.first_reps or rpe > lim.first_rpe + 1e-9:
                    yield (
                        f"{p.id}: {p.sets}x{p.reps} at RPE {rpe:g} after {(s.date - before).days} days without it "  # type: ignore[operator]
                        f"(restart at {lim.first_sets}x{lim.first_reps}, RPE {lim.first_rpe:g})",
                        s.date,
                    )
            last[p.id] = s.date


@check("bodyweight_effort")
def _bodyweight_effort(rule: Rule, ctx: Ctx) -> Found:
    """A bodyweight set whose written effort the runner's level cannot reach as written: much easier and
    nothing names a harder version, a load or (where it is enough) a slow tempo; much harder and nothing
    names the easier way. Moves the library does not rate: the fixed RPE and reps test."""
    params = rule.params
    floor, most = float(params["min_rpe"]), int(params["max_reps"])
    blocks = set(params["blocks"])
    resist = set(params["resistance_equipment"])
    hint = str(params["load_hint"]).lower()
    bw = BodyweightEffort.from_params(params)
    level = ctx.plan.experience
    hard = set(ctx.rules.param("E-HEAVY-LOAD", "hard_bodyweight"))
    for s in ctx.plan.sessions:
        for p in s.exercises:
            rpe = p.intensity.rpe
            if p.block not in blocks or rpe is None or p.reps is None:
                continue
            ex = ctx.library.find(p.id)
            if ex is None or p.intensity.pct_1rm is not None or resist & set(p.equipment):
                continue
            note = p.note.lower()
            harder = [ctx.library.get(x).name.lower() for x in ex.progressions if x in ctx.library]
            named = hint in note or any(name in note for name in harder)
            verdict = bw.verdict(ex, level, p.reps, rpe)
            cap = bw.capacity(ex, level) or 0.0
            dose = f"{p.id}: {p.sets}x{p.reps} on bodyweight at RPE {rpe:g}"
            if verdict is None:
                if rpe >= floor and p.reps <= most and p.id not in hard and not named:
                    yield f"{dose}; nothing says how to get there", s.date
            elif verdict == "easy":
                if not named and not (bw.names_tempo(note) and bw.tempo_enough(ex, level, p.reps, rpe)):
                    yield (
                        f"{dose} is far easier for {_a(level)} runner (about {cap:.0f} reps to failure); "
                        "nothing says how to get there",
                        s.date,
                    )
            elif verdict == "hard":
                easier = [ctx.library.get(x).name for x in ex.regressions if x in ctx.library]
                if not bw.names_easier(note, easier):
                    yield (
                        f"{dose} is harder than that for {_a(level)} runner (about {cap:.0f} reps to failure); "
                        "nothing names the easier way",
                        s.date,
                    )


@check("bodyweight_load")
def _bodyweight_load(rule: Rule, ctx: Ctx) -> Found:
    """A runner who owns a load to hold, and a strength-block bodyweight set far easier than written that
    slow reps cannot fix, left unloaded (E-BODYWEIGHT-LOAD)."""
    assert ctx.athlete is not None
    held = HeldLoad.from_params(rule.params, ctx.rules["E-BODYWEIGHT-EFFORT"].params)
    kit = held.kit(ctx.athlete.equipment)
    if kit is None:
        return
    bw = BodyweightEffort.from_params(ctx.rules["E-BODYWEIGHT-EFFORT"].params)
    level = ctx.plan.experience
    for s in ctx.plan.sessions:
        for p in s.exercises:
            ex = ctx.library.find(p.id)
            if ex is not None and held.needs(p, ex, level, bw):
                yield (
                    f"{p.id}: {p.sets}x{p.reps} on bodyweight at RPE {p.intensity.rpe:g} for a runner who owns "
                    f"{kit[0]} (about {bw.capacity(ex, level) or 0:.0f} reps to failure): not loaded",
                    s.date,
                )


@check("novice_regression")
def _novice_regression(rule: Rule, ctx: Ctx) -> Found:
    if ctx.plan.experience != "novice":
        return
    moves, blocks = set(rule.params["moves"]), set(rule.params["blocks"])
    lifting = sorted(s.date for s in ctx.plan.sessions if any(p.block in blocks for p in s.exercises))
    if not lifting:
        return
    until = lifting[0] + dt.timedelta(weeks=int(rule.params["weeks"]))
    need = int(rule.params["min_exposures"])
    done: dict[str, int] = {}  # each move's sessions of its regressions so far
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        ids = {p.id for p in s.exercises if p.block in blocks}
        for m in sorted(moves):  # nor offered as the harder version in a note before it is due
            said = f"Too easy? {ctx.library.get(m).name} instead" if m in ctx.library else None
            due = s.date >= until and done.get(m, 0) >= need
            if said and not due and m not in ids and any(said in p.note for p in s.exercises):
                yield f"a novice's note offers the {m} before it is due", s.date
        for m in sorted(ids & moves):
            if s.date < until:
                yield f"{m} in a novice's first {rule.params['weeks']} weeks of lifting (regression first)", s.date
            elif done.get(m, 0) < need:
                yield f"{m} for a novice after {done.get(m, 0)} sessions of its regression (at least {need})", s.date
        for m in moves:
            if ids & _easier(ctx, m, moves):
                done[m] = done.get(m, 0) + 1


def _easier(ctx: Ctx, move: str, moves: set[str]) -> set[str]:
    """The library's regressions of a one-leg squat, step by step down the chain (not the other moves)."""
    seen: set[str] = {move}
    todo = [move]
    while todo:
        ex = ctx.library.find(todo.pop())
        for r in ex.regressions if ex else ():
            if r not in seen:
                seen.add(r)
                todo.append(r)
    return seen - moves


@check("novice_pct")
def _novice_pct(rule: Rule, ctx: Ctx) -> Found:
    """A novice's heavy %1RM only after weeks of lifting and sessions of that lift at moderate loads; the
    first %1RM of each lift says how to estimate the max. Replayed from the plan's own sets."""
    if ctx.plan.experience != "novice":
        return
    lim = NovicePctLimits.from_params(rule.params)
    learning = NoviceLearning(lim)
    for s in sorted(ctx.plan.sessions, key=lambda s: s.date):
        for p in s.exercises:
            if p.block != "strength":
                continue
            if lim.heavy(p) and not learning.ready(p.id, s.date):
                done = learning.learned.get(p.id, 0)
                yield (
                    f"{p.id} at {p.intensity.pct_1rm:.0%} of 1RM for a novice after {done} moderate sessions of it "
                    f"(at least {lim.min_exposures}, and {lim.min_weeks} weeks of lifting)",
                    s.date,
                )
            if learning.first_pct(p) and not lim.explains(p):
                yield f"{p.id}: a novice's first %1RM without how to estimate the 1RM", s.date
        learning.record(s.date, s.exercises)

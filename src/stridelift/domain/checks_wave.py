"""E-HEAVY-WAVE and E-HEAVY-FLOOR: the heavy block gets heavier week by week, and a lifter's sets go
only as low in reps as their experience allows. Judged on the prescriptions, not on the planner's labels
for deloads or stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from stridelift.domain.checker import Ctx, by_week, check
from stridelift.domain.checks_injury import stage_on
from stridelift.domain.maintenance_wave import stale_runs
from stridelift.domain.plan import Prescription, Session
from stridelift.domain.rules import Rule

Found = Iterator[tuple[str, dt.date | None]]
# a week's heavy dose: sets, reps, %1RM and RPE of its heaviest main lift (0 where not written)
Dose = tuple[int, int, float, float]


def _loaded(p: Prescription, load: frozenset[str]) -> bool:
    return p.intensity.pct_1rm is not None or not load.isdisjoint(p.equipment)


def _main(s: Session, max_reps: int, load: frozenset[str], regions: frozenset[str]) -> Prescription | None:
    """The session's main leg lift: its first loaded strength lift of `max_reps` reps or fewer (an
    upper-body day that stands in for heavy legs has its own rule, S2-UPPER-INSTEAD)."""
    lifts = sorted((p for p in s.exercises if p.block == "strength" and p.region in regions), key=lambda p: p.order)
    for p in lifts:
        if p.reps is not None and p.reps <= max_reps and _loaded(p, load):
            return p
    return None


def _dose(p: Prescription) -> Dose:
    return (p.sets, p.reps or 0, p.intensity.pct_1rm or 0.0, p.intensity.rpe or 0.0)


def _lighter(a: Dose, b: Dose) -> bool:
    """`a` asks less than `b` in every respect and is not the same: fewer sets, fewer or equal reps at a
    lower load or effort (a deload, a taper week), never fewer reps at a higher load."""
    return a != b and all(x <= y for x, y in zip(a, b, strict=True))


def heavy_weeks(ctx: Ctx, rule: Rule) -> list[tuple[dt.date, Dose]]:
    """Each week of the rule's phases with a heavy session, and its heaviest main-lift dose."""
    params = rule.params
    load = frozenset(params["load_equipment"])
    formats = set(params["formats"])
    inside = [
        s
        for s in ctx.plan.sessions
        if s.format in formats and any(ph.contains(s.date) and rule.applies_in(ph.name) for ph in ctx.plan.phases)
    ]
    out: list[tuple[dt.date, Dose]] = []
    for week, sessions in sorted(by_week(inside).items()):
        regions = frozenset(params["regions"])
        doses = [_dose(p) for s in sessions if (p := _main(s, int(params["max_reps"]), load, regions)) is not None]
        if doses:
            out.append((week, max(doses, key=lambda d: (d[2], d[3], -d[1], d[0]))))
    return out


def same_dose_runs(weeks: Iterable[tuple[dt.date, Dose]]) -> Iterator[tuple[dt.date, Dose, int]]:
    """Rows of weeks at one dose: (the week the row reaches this length, dose, length). A single lighter
    week (a deload) between two weeks of the row does not break it; two lighter weeks in a row, a week
    with a different dose or a gap of more than one week without a heavy session does."""
    run: Dose | None = None
    n, lighter, last = 0, 0, None
    for week, dose in weeks:
        if last is not None and (week - last).days > 14:
            run, n, lighter = None, 0, 0
        if run is not None and dose == run:
            n, lighter, last = n + 1, 0, week
            yield week, dose, n
        elif run is not None and _lighter(dose, run) and lighter == 0:
            lighter = 1  # one lighter week: the row waits
        else:
            run, n, lighter, last = dose, 1, 0, week
            yield week, dose, n


@check("heavy_wave")
def _heavy_wave(rule: Rule, ctx: Ctx) -> Found:
    most = int(rule.params["max_same_weeks"])
    for week, dose, n in same_dose_runs(heavy_weeks(ctx, rule)):
        if n == most + 1:
            sets, reps, pct, rpe = dose
            at = f" @ {pct:.0%}" if pct else ""
            yield (
                f"{n} weeks in a row at the same heavy dose {sets}x{reps}{at} RPE {rpe:g} (at most {most}: "
                "fewer reps at a higher load as the block goes on)",
                week,
            )


@check("heavy_floor")
def _heavy_floor(rule: Rule, ctx: Ctx) -> Found:
    floors = ctx.rules[str(rule.params["floors"])].params["min_reps"]
    floor = int(floors.get(ctx.plan.experience, 0))
    load = frozenset(rule.params["load_equipment"])
    blocks = set(rule.params["blocks"])
    for s in ctx.plan.sessions:
        for p in s.exercises:
            if p.block in blocks and p.reps is not None and p.reps < floor and _loaded(p, load):
                who = ctx.plan.experience
                yield f"{p.id}: {p.sets}x{p.reps} for the {who} lifter (at least {floor} reps a loaded set)", s.date


@check("maintenance_wave")
def _maintenance_wave(rule: Rule, ctx: Ctx) -> Found:
    """E-MAINTENANCE-WAVE: one exercise at one maintenance dose for more than `max_days` (its appearances
    no more than `gap_days` apart), judged on the sets written and the session formats."""
    most = int(rule.params["max_days"])
    formats, blocks = frozenset(rule.params["formats"]), frozenset(rule.params["blocks"])
    # a dose another rule holds at its ceiling (the Nordic's, E-NORDIC-DOSE) is that rule's to keep
    held = {str(i) for r in rule.params.get("held_by", ()) for i in ctx.rules[r].params["ids"]}
    for ex_id, (sets, reps, pct, rpe), first, last in stale_runs(
        ctx.plan.sessions, formats, blocks, int(rule.params["gap_days"])
    ):
        if ex_id in held or _own_loading(ctx, ex_id, first):
            continue
        if (last - first).days > most:
            effort = f"{pct:.0%} 1RM" if pct is not None else f"RPE {rpe:g}" if rpe is not None else "no effort"
            yield (
                f"{ex_id}: {sets}x{reps} at {effort} in every maintenance session from {first} to {last} "
                f"({(last - first).days // 7} weeks; it changes within {most // 7})",
                first,
            )


def _own_loading(ctx: Ctx, ex_id: str, day: dt.date) -> bool:
    """An injury's own loading (injuries.toml `add`), dosed by its stage on purpose, not a maintenance lift."""
    a = ctx.athlete
    return a is not None and any(ex_id in stage_on(ctx, i.area, i.status, day)[1].add for i in a.injuries)

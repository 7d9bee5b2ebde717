"""I-REHAB-DOSE and I-REHAB-WEEKLY: a tendon's rehab micro-block at its stage's dose in any session, and
often enough (the doses are the injuries' data, read through domain/rehab.py as the planner does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.plan import Session
from stridelift.domain.rehab import NOTE_OPENING, dose, stages_on
from stridelift.domain.rules import Rule
from stridelift.domain.tendon import quiet_days


@check("rehab_dose")
def _rehab_dose(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    if ctx.athlete is None or not ctx.athlete.injuries:
        return
    reduced = [str(x) for x in rule.params["reduced_phases"]]
    for s in ctx.plan.sessions:
        for st in stages_on(ctx.templates.injuries, ctx.athlete.injuries, ctx.athlete.start, s.date):
            want = dose(st, s.date, s.phase, reduced)
            for p in s.exercises:
                if p.id not in st.ids:
                    continue
                got = f"{p.id} {p.sets}x{p.reps if p.reps is not None else f'{p.duration_s}s'} rest {p.rest_s}s"
                shape = f"{want.sets}x{want.reps if want.reps is not None else f'{want.hold_s}s'}"
                where = f"{st.area.replace('_', ' ')} {st.status}"
                if p.block != "strength":
                    yield f"{got} as a {p.block} station: the {where} rehab is its own block ({shape})", s.date
                elif (p.sets, p.reps, p.duration_s) != (want.sets, want.reps, want.hold_s) or p.rest_s < want.rest_s:
                    yield f"{got}: the {where} rehab dose on {s.phase} is {shape}, rest {want.rest_s}s", s.date
                elif p.intensity.rpe is not None and p.intensity.rpe > want.rpe + 1e-9:
                    yield f"{got} at RPE {p.intensity.rpe:g}: the {where} rehab is at RPE {want.rpe:g}", s.date
                elif st.rehab.tempo and st.rehab.tempo not in p.note:
                    yield f"{got}: the note does not give the tempo ({st.rehab.tempo})", s.date


@check("rehab_weekly")
def _rehab_weekly(rule: Rule, ctx: Ctx) -> Iterator[tuple[str, dt.date | None]]:
    a = ctx.athlete
    if a is None or not a.injuries:
        return
    gap_max = int(rule.params["max_gap_days"])
    tendon = ctx.rules["I-RACE-TENDON"].params
    quiet = quiet_days(((r.date, r.distance_km) for r in ctx.plan.runs if r.type == "race"), tendon)
    # (day, carries it, could carry it) for each session inside a rehab stage
    seen: list[tuple[dt.date, bool, int]] = []
    for s in ctx.plan.sessions:
        due = stages_on(ctx.templates.injuries, a.injuries, a.start, s.date)
        if not due:
            continue
        rests = s.date in quiet and all(st.rehab.hold_s is None for st in due)
        carries = any(p.id in st.ids and p.block == "strength" for st in due for p in s.exercises)
        seen.append((s.date, carries, min(st.rehab.per_week for st in due) if not rests else 0))
    weeks: dict[dt.date, list[tuple[dt.date, bool, int]]] = {}
    for row in seen:
        weeks.setdefault(row[0] - dt.timedelta(days=row[0].weekday()), []).append(row)
    for monday, rows in sorted(weeks.items()):
        if monday < a.start or monday + dt.timedelta(days=6) > ctx.plan.end:
            continue  # the plan's own cut weeks
        could = [r for r in rows if r[2] > 0]
        if not could:
            continue
        need = min(max(r[2] for r in could), len(could))
        have = sum(1 for r in could if r[1])
        if have < need:
            yield f"week of {monday}: rehab block in {have} of {len(could)} sessions, {need} wanted", monday
    last: dt.date | None = None
    missed = False
    for day, carries, wanted in seen:
        if carries:
            if last is not None and missed and (day - last).days > gap_max:
                yield f"rehab block {last} then {day}: {(day - last).days} days with sessions between", day
            last, missed = day, False
        elif wanted:
            missed = True


def rehab_exempt(rule: Rule, ctx: Ctx, s: Session) -> frozenset[str]:
    """The rehab micro-block's exercises in session `s`, when the rule's own data excepts them
    (`except_rehab`: the block is judged by I-REHAB-DOSE, not as a lift of the session), else none. Without
    the profile (or for a profile other than the one planned for), the block is known by the words the
    planner writes in its note."""
    if not rule.params.get("except_rehab"):
        return frozenset()
    marked = {p.id for p in s.exercises if p.block == "strength" and NOTE_OPENING in p.note}
    if ctx.athlete is None:
        return frozenset(marked)
    due = stages_on(ctx.templates.injuries, ctx.athlete.injuries, ctx.athlete.start, s.date)
    return frozenset(marked | {i for st in due for i in st.ids})

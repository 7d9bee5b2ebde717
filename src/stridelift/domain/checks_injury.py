"""An injury that moves on by itself is loaded back on schedule (rule I-PROGRESSION): a flaring Achilles
gets its isometric holds while it flares and the next stage's calf raises after it, never a plan-long
exclusion. The stages and their exercises are the injuries' data (injuries.toml `add`, `progress`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stridelift.domain.checker import Ctx, check
from stridelift.domain.exercises import Exercise
from stridelift.domain.rules import Rule
from stridelift.domain.templates import stages, status_on


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
                s
                for s in ctx.plan.sessions
                if s.date >= begin and (end is None or s.date < end) and s.minutes >= room
            ]
            wanted = {
                a for a in sp.add if (ex := ctx.library.find(a)) is not None and ex.allowed_by(frozenset(gear))
            }
            if inside and wanted and not any(p.id in wanted for s in inside for p in s.exercises):
                yield f"{area} {status} from {begin}: none of {', '.join(sorted(wanted))} in the plan", begin
            # the loading moves along the progression: an earlier stage's holds do not come back
            earlier = {a for st, _, _ in chain[:i] for a in policy.by_status[st].add if _hold(ctx.library.find(a))}
            back = [(s.date, p.id) for s in inside for p in s.exercises if p.id in earlier - set(sp.add)]
            if back:
                ids = ", ".join(sorted({i for _, i in back}))
                yield f"{area} {status} from {begin}: the earlier stage's {ids} is back ({len(back)}x)", back[0][0]


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

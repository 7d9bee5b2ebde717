"""R-PHASE-LABEL: a phase's name and focus agree with the runs and sessions inside it.

Judged from the plan's runs, its races and the runner's usual week, not from what the planner meant:
a taper holds at least one long run or quality session cut against the usual week (or the longest long
run of the three weeks before it); a race week holds its race or ends the day before one; a recovery
holds no long run or quality session; a focus that says the phase is WITHOUT something does not also
promise it, and a phase of `min_days` or more holds what its focus promises (`focus_promises`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stridelift.domain.checker import Ctx, check
from stridelift.domain.focus_honest import holds
from stridelift.domain.plan import Phase
from stridelift.domain.rules import Rule

DAY = dt.timedelta(days=1)
QUALITY = frozenset({"interval", "tempo", "hills"})
Out = Iterator[tuple[str, dt.date | None]]


def _days(ph: Phase) -> list[dt.date]:
    return [ph.start + k * DAY for k in range(ph.days)]


def _taper_cut(ph: Phase, ctx: Ctx, lookback: int) -> bool | None:
    """Whether the taper cuts a long run or quality session; None when the usual week holds none on its days."""
    assert ctx.athlete is not None
    hard = QUALITY | {"long", "race"}
    usual = [sum(r.minutes for r in ctx.athlete.running_week if r.weekday == w and r.type in hard) for w in range(7)]
    races = {r.date for r in ctx.plan.runs if r.type == "race"}
    peak = max(
        (r.minutes for r in ctx.plan.runs if r.type == "long" and 0 < (ph.start - r.date).days <= lookback), default=0
    )
    judged = False
    for d in _days(ph):
        if d in races or d > ctx.plan.end:
            continue
        got = [r for r in ctx.plan.runs if r.date == d and r.type in QUALITY | {"long"}]
        if any(r.type == "long" and r.minutes < peak for r in got):
            return True
        if usual[d.weekday()]:
            judged = True
            if sum(r.minutes for r in got) < usual[d.weekday()]:
                return True
    return False if judged else None


@check("phase_label")
def _phase_label(rule: Rule, ctx: Ctx) -> Out:
    lookback = int(rule.params["peak_lookback_days"])
    races = {r.date for r in ctx.plan.runs if r.type == "race"}
    for ph in ctx.plan.phases:
        where = f"{ph.name.replace('_', ' ')} {ph.start} to {ph.end}"
        if ph.name == "taper" and ctx.athlete is not None and _taper_cut(ph, ctx, lookback) is False:
            yield f"{where}: no long run or quality session is cut against the usual week", ph.start
        ends_early = ph.end != ctx.plan.end and ph.end + DAY not in races
        if ph.name == "race_week" and ends_early and not any(d in races for d in _days(ph)):
            yield f"{where}: no race in it or the day after it", ph.start
        if ph.name == "recovery":
            for r in ctx.plan.runs:
                if ph.contains(r.date) and r.type in QUALITY | {"long"}:
                    yield f"{where}: {r.type} {r.minutes} min on {r.date}", r.date
        if ph.days >= int(rule.params["min_days"]):
            inside = [s for s in ctx.plan.sessions if ph.contains(s.date)]
            for words, kind in rule.params["focus_promises"].items():
                if words in ph.focus and not holds(str(kind), inside):
                    yield f"{where}: the focus promises {words} and the phase holds no {kind} session", ph.start
        said = ph.focus.lower()
        if "without" in said:
            before = said.split("without", 1)[0]
            for what in rule.params["without_words"]:
                if f"without {what}" in said and what in before:
                    yield f"{where}: the focus promises {what} and says the phase is without them", ph.start

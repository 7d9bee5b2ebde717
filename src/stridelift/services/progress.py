"""The progress page's figures, from the logs: weekly strength volume, estimated 1RM of the main
lifts week by week, adherence (planned sessions up to today that have logged sets), and, when the
runner uploaded running history, running load against strength load week by week.

Strength load is session-RPE load (Foster et al. 2001): each logged session's planned minutes
times its effort, the mean RPE of its working sets (RIR n counts as RPE 10 - n), or the plan's
target RPE when no set was rated. Running load is TRIMP. The two are different units, so the
chart gives each its own scale; what it shows is how they rise and fall against each other."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from stridelift.domain.gym import e1rm, reps_in_reserve
from stridelift.services.training import SetOut, session_key


@dataclass(frozen=True, slots=True)
class WeekFigures:
    monday: dt.date
    volume_kg: float  # sum of reps x load of working sets
    sets: int
    planned: int
    done: int


@dataclass(frozen=True, slots=True)
class Progress:
    weeks: list[WeekFigures]
    e1rm: dict[str, list[tuple[dt.date, float]]]  # exercise name -> (week, best estimate)
    adherence: float | None  # sessions done / planned so far
    loads: list[WeekLoads] = field(default_factory=list)  # empty without running history


@dataclass(frozen=True, slots=True)
class WeekLoads:
    monday: dt.date
    running_trimp: float
    strength_au: float  # session-RPE: minutes x RPE, summed over the week's logged sessions


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


DEFAULT_SESSION_RPE = 5.0  # a logged session with neither rated sets nor a target effort


def strength_load(plan: dict[str, Any], sets: Sequence[SetOut]) -> dict[dt.date, float]:
    """Session-RPE load per week (Monday) of the sessions that have logged sets."""
    by_key = {session_key(s): s for s in plan["sessions"]}
    efforts: dict[str, list[float]] = defaultdict(list)
    days: dict[str, dt.date] = {}
    for x in sets:
        days[x.session_key] = x.day
        rir = reps_in_reserve(x.rpe, x.rir)
        if not x.warmup and rir is not None:
            efforts[x.session_key].append(10.0 - rir)
    weeks: dict[dt.date, float] = defaultdict(float)
    for key, day in days.items():
        sess = by_key.get(key)
        if sess is None:  # a session of an earlier plan: its minutes are not known here
            continue
        targets = [r for e in sess["exercises"] if (r := (e.get("intensity") or {}).get("rpe"))]
        rated = efforts.get(key)
        effort = sum(rated) / len(rated) if rated else (sum(targets) / len(targets) if targets else DEFAULT_SESSION_RPE)
        weeks[_monday(day)] += float(sess["minutes"]) * effort
    return dict(weeks)


LOAD_WEEKS = 26  # the chart's span: half a year, readable on a phone


def week_loads(running: dict[dt.date, float], strength: dict[dt.date, float]) -> list[WeekLoads]:
    """The LOAD_WEEKS weeks up to the last that has either load, every week shown (empty without
    running load)."""
    if not running:
        return []
    last = max([*running, *strength])
    first = max(min([*running, *strength]), last - dt.timedelta(weeks=LOAD_WEEKS - 1))
    out = []
    week = first
    while week <= last:
        out.append(WeekLoads(week, round(running.get(week, 0.0), 1), round(strength.get(week, 0.0), 1)))
        week += dt.timedelta(days=7)
    return out


def progress(
    plan: dict[str, Any],
    sets: Sequence[SetOut],
    today: dt.date,
    lifts: int = 4,
    running: dict[dt.date, float] | None = None,
) -> Progress:
    names = {e["id"]: e["name"] for s in plan["sessions"] for e in s["exercises"]}
    planned: dict[dt.date, int] = defaultdict(int)
    done_keys = {x.session_key for x in sets}
    done: dict[dt.date, int] = defaultdict(int)
    for s in plan["sessions"]:
        day = dt.date.fromisoformat(s["date"])
        if day <= today:
            planned[_monday(day)] += 1
            done[_monday(day)] += session_key(s) in done_keys
    volume: dict[dt.date, float] = defaultdict(float)
    count: dict[dt.date, int] = defaultdict(int)
    best: dict[str, dict[dt.date, float]] = defaultdict(dict)
    for x in sets:
        if x.warmup:
            continue
        wk = _monday(x.day)
        count[wk] += 1
        if x.load_kg and x.reps:
            volume[wk] += x.load_kg * x.reps
            est = e1rm(x.load_kg, x.reps, x.rpe, x.rir)
            best[x.exercise_id][wk] = max(best[x.exercise_id].get(wk, 0.0), est)
    weeks = sorted(set(planned) | set(count))
    rows = [WeekFigures(w, round(volume[w], 1), count[w], planned[w], done[w]) for w in weeks]
    main = sorted(best, key=lambda ex: -len(best[ex]))[:lifts]
    e1 = {names.get(ex, ex): sorted((w, round(v, 1)) for w, v in best[ex].items()) for ex in main}
    total_planned = sum(planned.values())
    adherence = sum(done.values()) / total_planned if total_planned else None
    return Progress(rows, e1, adherence, week_loads(running or {}, strength_load(plan, sets)))

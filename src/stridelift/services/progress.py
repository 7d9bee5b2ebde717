"""The progress page's figures, from the logs: weekly strength volume, estimated 1RM of the main
lifts week by week, and adherence (planned sessions up to today that have logged sets)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stridelift.domain.gym import e1rm
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


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def progress(plan: dict[str, Any], sets: Sequence[SetOut], today: dt.date, lifts: int = 4) -> Progress:
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
            est = e1rm(x.load_kg, x.reps, x.rpe)
            best[x.exercise_id][wk] = max(best[x.exercise_id].get(wk, 0.0), est)
    weeks = sorted(set(planned) | set(count))
    rows = [WeekFigures(w, round(volume[w], 1), count[w], planned[w], done[w]) for w in weeks]
    main = sorted(best, key=lambda ex: -len(best[ex]))[:lifts]
    e1 = {names.get(ex, ex): sorted((w, round(v, 1)) for w, v in best[ex].items()) for ex in main}
    total_planned = sum(planned.values())
    adherence = sum(done.values()) / total_planned if total_planned else None
    return Progress(rows, e1, adherence)

"""E-MAINTENANCE-WAVE: maintenance keeps its volume low (E-IN-SEASON: two sets of about five at RPE 8) but
does not stand still: every `wave_weeks` weeks of a long maintenance stretch (the base's months between
an off-season block and a build, a racing season) its reps and effort take the next step of a small wave
(5 at RPE 8, then 4 at RPE 8, heavier, then 6 at RPE 7.5), so the stimulus changes every few weeks as a
coach's would. Pure: the session builder reads the step, the checker judges the sets it wrote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from stridelift.domain.plan import Session


def maintenance_step(params: Mapping[str, Any], phase: str, week: int) -> tuple[int, float]:
    """(reps added, RPE added) to E-IN-SEASON's maintenance dose in `week` of a `phase` stretch."""
    if phase not in params.get("wave_phases", ()):
        return 0, 0.0
    steps = params["wave"]
    r, e = steps[(max(0, week) // max(1, int(params["wave_weeks"]))) % len(steps)]
    return int(r), float(e)


Dose = tuple[int, int | None, float | None, float | None]


def stale_runs(
    sessions: Iterable[Session], formats: frozenset[str], blocks: frozenset[str], gap_days: int
) -> Iterator[tuple[str, Dose, dt.date, dt.date]]:
    """(exercise, dose, first, last) of each run of maintenance appearances of one exercise at one dose
    (sets, reps, %1RM, RPE), no two more than `gap_days` apart."""
    runs: dict[str, tuple[Dose, dt.date, dt.date]] = {}
    for s in sorted(sessions, key=lambda s: s.date):
        if s.format not in formats:
            continue
        for p in s.exercises:
            if p.block not in blocks:
                continue
            dose: Dose = (p.sets, p.reps, p.intensity.pct_1rm, p.intensity.rpe)
            run = runs.get(p.id)
            if run is not None and run[0] == dose and (s.date - run[2]).days <= gap_days:
                runs[p.id] = (dose, run[1], s.date)
                continue
            if run is not None:
                yield p.id, run[0], run[1], run[2]
            runs[p.id] = (dose, s.date, s.date)
    for i, (dose, first, last) in runs.items():
        yield i, dose, first, last

"""Progressive overload and its limits: load steps, deloads, balance levels, novice introduction."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stridelift.domain.plan import Prescription, Session

HEAVY_RPE = 8.0  # a set of at most 8 reps at this effort or more is heavy (as is one at 70% 1RM or more)


def is_heavy_set(p: Prescription) -> bool:
    """A heavy set: few reps at a high share of 1RM or a high effort (the timing rules protect these)."""
    if p.block != "strength" or p.reps is None or p.reps > 8:
        return False
    i = p.intensity
    return (i.pct_1rm is not None and i.pct_1rm >= 0.70) or (i.rpe is not None and i.rpe >= HEAVY_RPE)


def is_heavy_lower(exercises: tuple[Prescription, ...] | list[Prescription]) -> bool:
    return any(is_heavy_set(p) and p.region in ("lower", "full") for p in exercises)


def delivers(kind: str, sessions: Iterable[Session]) -> bool:
    """Whether the sessions hold what a phase promises: heavy legs, or a circuit (S2-HEAVY-HONEST;
    here, not with the checks, so the planner does not load the checker)."""
    if kind == "circuit":
        return any(s.format == "circuit" for s in sessions)
    return any(is_heavy_lower(s.exercises) for s in sessions)


@dataclass(slots=True)
class LoadTracker:
    """Remembers each exercise's last %1RM so no step rises more than `max_step` (ACSM: 2-10%)."""

    max_step: float
    last: dict[str, float] = field(default_factory=dict)

    def clamp(self, exercise_id: str, wanted: float, lighter: bool = False) -> float:
        """`wanted`, at most `max_step` above the last load; in a lighter week never above it (E-DELOAD-LIGHTER:
        the block's reps may step down that week, and fewer reps at one effort would be a heavier load)."""
        prev = self.last.get(exercise_id)
        value = min(wanted, prev) if lighter and prev is not None else wanted
        if prev is not None and value > prev * (1 + self.max_step):
            value = math.floor(prev * (1 + self.max_step) * 100) / 100
        value = round(value, 2)
        if prev is not None and value > prev * (1 + self.max_step):  # rounding guard
            value = math.floor(prev * (1 + self.max_step) * 100 - 1) / 100
        self.last[exercise_id] = value
        return value


def heavy_pct(step: int, start: float, top: float, deload: bool) -> float:
    """Linear ramp of 2 points of 1RM per training week, with a lighter deload week."""
    pct = min(top, start + 0.02 * step)
    return round(pct - 0.05 if deload else pct, 2)


def novice_ramp_step(params: Mapping[str, Any], first: dt.date, day: dt.date) -> tuple[int, int] | None:
    """(sets, reps) a novice's circuit may have on `day`, counted from their first circuit, or None once
    the ramp is over (the seed's 3 x 20)."""
    ramp = params["novice_ramp"]
    step = (day - first).days // 7 // max(1, int(params["ramp_step_weeks"]))
    if step >= len(ramp):
        return None
    sets, reps = ramp[step]
    return int(sets), int(reps)


def station_dose(
    dose: Mapping[str, Any],
    sets: int,
    reps: int,
    ex_id: str,
    ramp: tuple[int, int] | None,
    max_reps: int | None = None,
    per_side: bool = False,
) -> tuple[int, int]:
    """A circuit station's (sets, reps): the seed's dose, a novice's ramp step, a one-sided station's share
    of the reps on each side (so the circuit's leg reps stay the seed's), at most a few reps of a hard
    bodyweight move and no more than the exercise's own circuit cap (rule E-CIRCUIT-DOSE)."""
    if ramp is not None:
        sets, reps = min(sets, ramp[0]), min(reps, ramp[1])
    if per_side:
        reps = max(1, math.ceil(reps * float(dose["per_side_share"])))
    if ex_id in dose["hard_moves"]:
        reps = min(reps, int(dose["hard_max_reps"]))
    if max_reps is not None:
        reps = min(reps, max_reps)
    return sets, reps


def circuit_time_holds(
    sets: int, reps: int, ramp: tuple[int, int] | None, params: Mapping[str, Any]
) -> list[tuple[int, int] | None]:
    """A circuit's doses to try, longest first (rule S1-CIRCUIT-TIME): this week's (the seed's or a
    novice's ramp step), then fewer rounds, then fewer reps a station, down to the rule's floor. A circuit
    that does not fit the session is held shorter, not dropped."""
    top_sets, top_reps = (min(sets, ramp[0]), min(reps, ramp[1])) if ramp is not None else (sets, reps)
    floor_sets, floor_reps, step = int(params["min_rounds"]), int(params["min_reps"]), int(params["reps_step"])
    holds: list[tuple[int, int] | None] = [ramp]
    holds.extend((n, top_reps) for n in range(top_sets - 1, floor_sets - 1, -1))
    low = min(top_sets, max(floor_sets, 1))
    holds.extend((low, r) for r in range(top_reps - step, floor_reps - 1, -step))
    return holds


def leg_reps(s: Session) -> int:
    """A circuit's lower-body repetitions, a per-leg station's counted on each leg (rule E-CIRCUIT-DOSE)."""
    return sum(
        p.sets * (p.reps or 0) * (2 if p.unilateral else 1)
        for p in s.exercises
        if p.block == "circuit" and p.region == "lower"
    )


def title_patterns(title: str, patterns: frozenset[str], words: Mapping[str, str] | None = None) -> list[str]:
    """The movement patterns a session title names after its colon ("Heavy A: squat pattern" names
    squat; "hinge and single leg" names hinge; words that are no pattern name none). `words` are the
    plain names of patterns (rule E-SESSION-TITLE: "row" for pull), read back to the pattern."""
    if ":" not in title:  # "Core and balance" names blocks, not movements
        return []
    back = {w: pat for pat, w in (words or {}).items()}
    tail = title.rsplit(":", 1)[-1]
    named = [w.strip().removesuffix(" pattern") for w in tail.replace(",", " and ").split(" and ")]
    pats = [back.get(w, w.replace(" ", "_")) for w in named]
    return [w for w in pats if w in patterns]


def plain_list(items: Sequence[str]) -> str:
    """Items as a runner writes them: "a", "a and b", "a, b and c" (never "a and b and c")."""
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def pattern_title(patterns: Sequence[str], words: Mapping[str, str]) -> str:
    """The plain title of the movements `patterns` (in order, each once): ["pull", "push",
    "vertical_pull"] is "row, push and pull-up/pulldown" with rule E-SESSION-TITLE's words."""
    return plain_list([words.get(p, p.replace("_", " ")) for p in dict.fromkeys(patterns)])


def offseason_reps(params: Mapping[str, Any], week: int, floor: int = 0, hold: int = 0) -> int:
    """Reps a set of the off-season block's main lifts in its `week` (from 0): see `wave_reps`."""
    return wave_reps(params["reps_from_week"], week, floor, hold)


def wave_reps(steps: Sequence[Sequence[int]], week: int, floor: int = 0, hold: int = 0) -> int:
    """Reps a set in a block's `week` (from 0): the last step reached, never below the runner's `floor`
    (rule E-HEAVY-WAVE: a novice stays at higher reps). Once a step at the floor has held `hold` weeks the
    block waves: a `hold` of one rep more, then the floor again, so the dose never stands still."""
    reps, reached = 0, None
    for start, n in steps:
        if week >= int(start) or not reps:
            reps = max(int(n), floor)
            if reached is None and int(n) <= floor:
                reached = int(start)
    if reached is None or not hold or week < reached:
        return reps
    return floor + ((week - reached) // hold) % 2


def progression_level(balance_level: int, region: str) -> int:
    """The rung of the balance ladder an exercise stands on; lifts done on one foot are not rungs."""
    return 0 if region == "upper" else balance_level


@dataclass(slots=True)
class BalanceLadder:
    """Systematic progression over the levels this runner can reach: one rung per step at most,
    a rung every `weeks_per_level` weeks, a step down only in light weeks, and one rung at most over a run
    of them (taper, race week, recovery: balance is skill work that costs no freshness)."""

    levels: list[int]
    weeks_per_level: int
    idx: int = 0
    # the rung before the current run of light weeks: they drop one rung below it at most (E-BALANCE-KEEP)
    light_from: int | None = None
    high: int = 0  # the highest rung planned since the last light run (a rotation may have shown one lower)

    @property
    def current(self) -> int:
        return self.levels[self.idx] if self.levels else 1

    def step(self, week_index: int, light: bool) -> int:
        if not self.levels:
            return 1
        if light:
            if self.light_from is None:
                self.light_from, self.high = max(self.idx, self.high), 0
            self.idx = max(0, self.idx - 1, self.light_from - 1)
        else:
            self.light_from = None
            target = min(len(self.levels) - 1, week_index // max(1, self.weeks_per_level))
            if self.idx < target:
                self.idx += 1
            self.high = max(self.high, self.idx)
        return self.levels[self.idx]

    def settle(self, before: int, shown: int | None) -> None:
        """After the week is built: the ladder stands where the week's sessions did (a week whose sessions
        held no balance exercise, or a lower rung, does not count as a step), so no rung is skipped."""
        if shown is None:
            self.idx = before
        elif shown in self.levels:
            self.idx = self.levels.index(shown)

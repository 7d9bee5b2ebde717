"""Weekly placement of strength sessions around the running week.

The week is a tiny constraint problem (at most 7 days x 5 session kinds), described here and solved
behind the `WeekSolver` protocol (OR-Tools CP-SAT in `stridelift.solvers`), so the domain does not
depend on the solver.

Hard rules are constraints (available days, weekly maximum, one session a day, no heavy legs the
day before a key run or inside a race buffer or before a quality run the same day, 48 h between
heavy sessions); soft rules are the objective (rest-from-running days first, easy days kept easy,
sessions spread out). A demanded session that cannot be placed is reported as dropped, never
placed in violation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

HEAVY_KINDS = frozenset({"heavy", "maintenance"})
SLOT_HOUR = {"am": 7, "pm": 18, "any": 12}


@dataclass(frozen=True, slots=True)
class RunSlot:
    type: str
    slot: str
    minutes: int


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Everything the solver needs to know about one day; no dates, so weeks can be compared."""

    offset: int  # 0..6 within the week
    allowed_kinds: frozenset[str]  # kinds the day's phase admits and availability allows
    runs: tuple[RunSlot, ...]
    heavy_ok: bool  # race buffer, race day, recent load spike ... all clear
    heavy_block_reason: str = ""
    legs_ok: bool = True  # no key run or race tomorrow, not recovering from a race: leg fatigue allowed
    development: bool = True  # a development phase: no two leg-fatiguing days in a row
    second_hard: bool = False  # the second of two days in a row with quality runs (E-SECOND-HARD-DAY)
    after_long: bool = False  # the day after a long run of E-AFTER-LONG's length


@dataclass(frozen=True, slots=True)
class WeekProblem:
    days: tuple[DayInfo, ...]
    demands: tuple[str, ...]  # session kinds wanted, most important first
    required: int  # the first `required` demands are reported when dropped
    max_sessions: int
    hours_since_heavy: int  # at the week's first day 00:00, capped at min_gap_hours
    rest_day_weight: int = 4
    quality_pm_weight: int = 2
    easy_heavy_penalty: int = 3
    min_gap_hours: int = 48
    fatiguing: frozenset[str] = frozenset({"heavy", "maintenance", "circuit"})
    tired_before: bool = False  # the day before the week held a leg-fatiguing session in a development phase
    # next week's first possible heavy day is late: a heavy session on this offset or later keeps the two
    # within the days E-HEAVY-KEEP allows between them (a preference worth `keep_weight`)
    heavy_late_from: int | None = None
    # the last heavy day was long enough ago that one on this offset or earlier keeps the two within the
    # days E-HEAVY-KEEP allows (a preference worth `keep_weight`)
    heavy_by: int | None = None
    keep_weight: int = 40
    second_hard_penalty: int = 8  # a leg-fatiguing session on the second of two quality days (E-SECOND-HARD-DAY)
    after_long_penalty: int = 30  # a leg-fatiguing session the day after a long run (E-AFTER-LONG)


@dataclass(frozen=True, slots=True)
class Placement:
    kind: str
    offset: int
    slot: str


@dataclass(frozen=True, slots=True)
class WeekSolution:
    placements: tuple[Placement, ...]
    dropped: tuple[str, ...]  # kinds demanded but not placed


class WeekSolver(Protocol):
    def solve(self, problem: WeekProblem) -> WeekSolution: ...


def session_slot(kind: str, day: DayInfo) -> str:
    """The half of the day a session goes in: after the day's runs where it can."""
    slots = {r.slot for r in day.runs}
    if not slots:
        return "pm" if kind in HEAVY_KINDS else "any"
    if "am" in slots:
        return "pm"
    return "am"


def heavy_allowed_on(day: DayInfo, quality_types: frozenset[str]) -> bool:
    if not day.heavy_ok:
        return False
    slot = session_slot("heavy", day)
    # a quality run must come before the lifting, hours earlier
    return not any(r.type in quality_types and (r.slot == slot or slot == "am") for r in day.runs)


def kind_allowed_on(kind: str, day: DayInfo, p: WeekProblem, quality_types: frozenset[str]) -> bool:
    """Whether one session of `kind` may go on `day` by the day's own constraints."""
    if kind not in day.allowed_kinds:
        return False
    if kind in p.fatiguing and not day.legs_ok:
        return False
    if kind in p.fatiguing and day.offset == 0 and p.tired_before and day.development:
        return False
    return kind not in HEAVY_KINDS or heavy_allowed_on(day, quality_types)


def tired_clash(p: WeekProblem, k1: str, o1: int, k2: str, o2: int) -> bool:
    """Two leg-fatiguing sessions on neighbouring days of a development phase (E-LEG-FATIGUE)."""
    if k1 not in p.fatiguing or k2 not in p.fatiguing or abs(o1 - o2) != 1:
        return False
    day_of = {d.offset: d for d in p.days}
    return day_of[o1].development and day_of[o2].development


def day_score(kind: str, day: DayInfo, p: WeekProblem) -> int:
    types = {r.type for r in day.runs}
    # another day than the one after a long run where there is one (E-AFTER-LONG): only a preference
    # between days, so a week whose only day for the legs is that one keeps its session there
    other = any(d is not day and not d.after_long and kind in d.allowed_kinds and d.legs_ok for d in p.days)
    tired = p.after_long_penalty if kind in p.fatiguing and day.after_long and other else 0
    if not day.runs:
        return p.rest_day_weight - tired
    score = -p.second_hard_penalty if kind in p.fatiguing and day.second_hard else 0
    score -= tired
    if kind in HEAVY_KINDS:
        if types & {"interval", "tempo", "hills"}:
            score += p.quality_pm_weight
        elif types <= {"easy"}:
            score -= p.easy_heavy_penalty
    elif types <= {"easy"}:
        score += 1
    if "long" in types:
        score -= 2
    if len(day.runs) > 1:
        score -= 2
    return score


def demand_weight(p: WeekProblem, kind: str) -> int:
    """What placing one session of `kind` is worth: required kinds most, and among them the ones the
    phase lists first (the build's heavy session before its circuit when only one fits)."""
    first = p.demands.index(kind)
    return (1000 if first < p.required else 300) + 10 * (len(p.demands) - first)


def week_objective(p: WeekProblem, placements: Sequence[Placement]) -> int:
    """What the week solvers maximise: placed sessions first (required kinds weigh most), then the
    day preferences of `day_score`, minus a penalty for sessions on consecutive days."""
    day_of = {d.offset: d for d in p.days}
    total = 0
    for pl in placements:
        total += demand_weight(p, pl.kind) + day_score(pl.kind, day_of[pl.offset], p)
    days = {pl.offset for pl in placements}
    total -= 3 * sum(1 for o in days if o + 1 in days)
    if late_heavy_kept(p, placements):
        total += p.keep_weight
    if heavy_in_time(p, placements):
        total += p.keep_weight
    return total


def late_heavy_kept(p: WeekProblem, placements: Sequence[Placement]) -> bool:
    """Whether a heavy session lands on or after `heavy_late_from` (when the week has that wish)."""
    start = p.heavy_late_from
    return start is not None and any(pl.kind in HEAVY_KINDS and pl.offset >= start for pl in placements)


def heavy_in_time(p: WeekProblem, placements: Sequence[Placement]) -> bool:
    """Whether a heavy session lands on or before `heavy_by` (when the week has that wish)."""
    end = p.heavy_by
    return end is not None and any(pl.kind in HEAVY_KINDS and pl.offset <= end for pl in placements)


def late_heavy_from(next_first_heavy: int | None, max_gap_days: int) -> int | None:
    """The offset from which this week's heavy session keeps next week's first possible heavy day (its
    offset, or None: none) within `max_gap_days`; None when any day of this week does."""
    if next_first_heavy is None:
        return None
    start = next_first_heavy + 7 - max_gap_days
    return start if start > 0 else None


def session_hours(offset: int, slot: str) -> int:
    return offset * 24 + SLOT_HOUR[slot]


def hours_since(last_heavy_hour: int | None, week_start_hour: int, cap: int = 48) -> int:
    if last_heavy_hour is None:
        return cap
    return min(cap, week_start_hour - last_heavy_hour)


def kinds_summary(kinds: Sequence[str]) -> str:
    return ", ".join(kinds)

"""E-PLYO-INTRO: plyometrics come in gently and rise one intensity level every two weeks at most.

The first plyometric session of a plan, and the first after `gap_days` without one, holds only drills
of `intro_level` (pogo hops, line hops) at no more than `intro_max_contacts`; later the hardest drill
may be one level above the hardest of a session at least `step_days` earlier (in the same run of
jumping), and a level above the intro's only after `base_weeks` earlier weeks of that run held a base drill
(a jump of `base_regions`, two-footed when `base_two_footed`) of the level below: an A-skip or a one-legged
hop is done too, but the landings are learnt on two feet. Each drill starts at `first_sets` sets and adds
one a week it has been done. The planner keeps its drills `step_days` too, so the runner learns them. A
novice never goes past `novice_max_level`. Shared by the planner (what it may pick) and the checker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stridelift.domain.exercises import Exercise


@dataclass(frozen=True, slots=True)
class PlyoLimits:
    gap_days: int
    intro_level: int
    intro_max_contacts: int
    step_days: int
    novice_max_level: int
    base_weeks: int
    first_sets: int
    base_regions: frozenset[str]
    base_two_footed: bool

    def is_base(self, ex: Exercise) -> bool:
        """A drill that builds the landing base for the level above it (two-footed jumps of the legs)."""
        return ex.plyometric and ex.region in self.base_regions and not (self.base_two_footed and ex.unilateral)

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> PlyoLimits:
        return cls(
            int(params["gap_days"]),
            int(params["intro_level"]),
            int(params["intro_max_contacts"]),
            int(params["step_days"]),
            int(params["novice_max_level"]),
            int(params["base_weeks"]),
            int(params["first_sets"]),
            frozenset(str(r) for r in params["base_regions"]),
            bool(params["base_two_footed"]),
        )


@dataclass(slots=True)
class PlyoRamp:
    """The plyometric sessions so far (date, hardest level), in date order."""

    limits: PlyoLimits
    novice: bool
    history: list[tuple[dt.date, int]] = field(default_factory=list)
    drills: tuple[dt.date, tuple[str, ...]] | None = None  # the planner's held drills and when they began
    done: dict[dt.date, list[tuple[str, int, bool]]] = field(default_factory=dict)  # (id, level, base drill)

    def is_intro(self, day: dt.date) -> bool:
        """No plyometric session in the `gap_days` before `day`: this one is a first exposure."""
        return not any(0 < (day - d).days <= self.limits.gap_days for d, _ in self.history)

    def stretch(self, day: dt.date) -> list[tuple[dt.date, int]]:
        """The sessions before `day` in the run of jumping that leads to it (no gap over `gap_days`)."""
        out: list[tuple[dt.date, int]] = []
        last = day
        for d, lv in reversed(self.history):
            if d >= day:
                continue
            if (last - d).days > self.limits.gap_days:
                break
            out.append((d, lv))
            last = d
        return out

    def cap(self, day: dt.date) -> int:
        """The hardest plyometric level allowed on `day`: one above the hardest of the stretch's sessions
        at least `step_days` before it, so each level is held that long before the next comes in."""
        lim = self.limits
        if self.is_intro(day):
            top = lim.intro_level
        else:
            run = self.stretch(day)
            earlier = [lv for d, lv in run if (day - d).days >= lim.step_days]
            top = max([lim.intro_level, *(lv + 1 for lv in earlier)])
            while top > lim.intro_level and self.base_weeks(day, run, top - 1) < lim.base_weeks:
                top -= 1
        return min(top, lim.novice_max_level) if self.novice else top

    def base_weeks(self, day: dt.date, run: list[tuple[dt.date, int]], level: int) -> int:
        """Weeks before `day`'s week, in its run of jumping, that held a base drill of `level` or above."""
        start = _monday(day)
        return len(
            {
                _monday(d)
                for d, _ in run
                if _monday(d) < start and any(b and lv >= level for _, lv, b in self.done.get(d, []))
            }
        )

    def drill_weeks(self, day: dt.date, drill: str) -> int:
        """Weeks before `day`'s week, in its run of jumping, that held `drill`: its sets grow one a week."""
        start = _monday(day)
        run = self.stretch(day)
        weeks = {_monday(d) for d, _ in run if any(i == drill for i, _, _ in self.done.get(d, []))}
        return len({w for w in weeks if w < start})

    def max_sets(self, day: dt.date, drill: str) -> int:
        """A drill's sets on `day`: `first_sets` on its first exposure, one more for each week it was done."""
        return self.limits.first_sets + self.drill_weeks(day, drill)

    def held(self, day: dt.date, allowed: Iterable[str]) -> list[str] | None:
        """The drills picked at most `step_days` ago, while all still allowed: a drill is kept long enough
        to learn it (and its sets grow) before the next one comes in."""
        if self.drills is None or self.is_intro(day):
            return None
        start, ids = self.drills
        ok = set(allowed)
        return list(ids) if 0 <= (day - start).days < self.limits.step_days and set(ids) <= ok else None

    def hold(self, day: dt.date, ids: Iterable[str]) -> None:
        self.drills = (day, tuple(ids))

    def record(self, day: dt.date, drills: Iterable[Exercise]) -> None:
        jumps = [(e.id, e.plyo_level, self.limits.is_base(e)) for e in drills if e.plyometric and e.plyo_level > 0]
        if jumps:
            self.history.append((day, max(lv for _, lv, _ in jumps)))
            self.done.setdefault(day, []).extend(jumps)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def plyo_note(ex: Exercise) -> str:
    """Low jumps are quick and springy; bigger jumps are one full effort each, reset in between."""
    if ex.region == "lower" and ex.plyo_level <= 1:
        return "Quick, springy contacts; stop before form fades."
    return "Full effort each rep, land softly and reset before the next; stop before form fades."


def late_days(races: Iterable[tuple[dt.date, str]], params: Mapping[str, Any]) -> frozenset[dt.date]:
    """The days in the last `days` before each race of the rule's priorities (rule E-PLYO-LATE; a priority
    of `days_by` counts its own number of days, a B race's fewer): no new jump comes in then."""
    want, by = set(params["priority"]), dict(params.get("days_by", {}))
    return frozenset(
        race - dt.timedelta(days=i)
        for race, prio in races
        if prio in want
        for i in range(1, int(by.get(prio, params["days"])) + 1)
    )


def level_ceiling(
    day: dt.date, races: Iterable[tuple[dt.date, str]], params: Mapping[str, Any], done: Iterable[tuple[dt.date, int]]
) -> int | None:
    """The hardest plyometric level allowed on `day` by E-PLYO-LATE's `level_days` before each race of its
    `level_priority`: none harder than the hardest done before those weeks began (0: a plan that had not
    jumped by then brings in no jumps). None when `day` is in no such window."""
    days, want = int(params["level_days"]), set(params["level_priority"])
    tops: list[int] = []
    for race, prio in races:
        if prio in want and 0 < (race - day).days <= days:
            start = race - dt.timedelta(days=days)
            tops.append(max([0, *(lv for d, lv in done if d < start)]))
    return min(tops) if tops else None

"""E-PLYO-INTRO: plyometrics come in gently and rise one intensity level every two weeks at most.

The first plyometric session of a plan, and the first after `gap_days` without one, holds only drills
of `intro_level` (pogo hops, line hops) at no more than `intro_max_contacts`; later the hardest drill
may be one level above the hardest of a session at least `step_days` earlier (in the same run of
jumping). The planner keeps its drills `step_days` too, so the runner learns them. A
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

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> PlyoLimits:
        return cls(
            int(params["gap_days"]),
            int(params["intro_level"]),
            int(params["intro_max_contacts"]),
            int(params["step_days"]),
            int(params["novice_max_level"]),
        )


@dataclass(slots=True)
class PlyoRamp:
    """The plyometric sessions so far (date, hardest level), in date order."""

    limits: PlyoLimits
    novice: bool
    history: list[tuple[dt.date, int]] = field(default_factory=list)
    drills: tuple[dt.date, tuple[str, ...]] | None = None  # the planner's held drills and when they began

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
            earlier = [lv for d, lv in self.stretch(day) if (day - d).days >= lim.step_days]
            top = max([lim.intro_level, *(lv + 1 for lv in earlier)])
        return min(top, lim.novice_max_level) if self.novice else top

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

    def weeks(self, day: dt.date) -> int:
        """Weeks before `day`'s week holding jumps in the stretch that leads to it (no gap of `gap_days`)."""
        start = day - dt.timedelta(days=day.weekday())
        seen: set[dt.date] = set()
        last = day
        for d, _ in reversed(self.history):
            if (last - d).days > self.limits.gap_days:
                break
            if d < start:
                seen.add(d - dt.timedelta(days=d.weekday()))
            last = d
        return len(seen)

    def record(self, day: dt.date, levels: list[int]) -> None:
        if levels:
            self.history.append((day, max(levels)))


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

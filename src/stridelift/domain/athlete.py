"""The runner as the planner sees them: equipment, free days, the usual running week, races, injuries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stridelift.domain.vocab import (
    Experience,
    Hemisphere,
    InjuryArea,
    InjuryStatus,
    Priority,
    RunType,
    Slot,
)


@dataclass(frozen=True, slots=True)
class RunDay:
    """One run of the usual week; weekday is 0 (Monday) to 6 (Sunday)."""

    weekday: int
    type: RunType
    minutes: int = 0
    slot: Slot = "am"


@dataclass(frozen=True, slots=True)
class Race:
    date: dt.date
    distance_km: float
    priority: Priority
    label: str = ""

    @property
    def long(self) -> bool:
        """Marathon and beyond need longer tapers and recoveries."""
        return self.distance_km >= 30.0


@dataclass(frozen=True, slots=True)
class Injury:
    area: InjuryArea
    status: InjuryStatus


@dataclass(frozen=True, slots=True)
class Athlete:
    name: str
    experience: Experience
    hemisphere: Hemisphere
    equipment: frozenset[str]
    sessions_per_week_max: int
    minutes_per_session: int
    strength_days: frozenset[int]
    running_week: tuple[RunDay, ...]
    races: tuple[Race, ...]
    injuries: tuple[Injury, ...]
    start: dt.date
    end: dt.date
    timezone: str | None = None
    end_defaulted: bool = False
    max_hr: float | None = None
    resting_hr: float | None = None
    id: str | None = None  # stable identity for exports (calendar UIDs); the name may change
    age: int | None = None  # years, when the runner gives it (a masters runner recovers more slowly)

    def runs_on(self, weekday: int) -> tuple[RunDay, ...]:
        return tuple(r for r in self.running_week if r.weekday == weekday and r.type != "rest")

    def injury(self, area: str) -> Injury | None:
        for inj in self.injuries:
            if inj.area == area:
                return inj
        return None

    @property
    def has_doubles(self) -> bool:
        days = [r.weekday for r in self.running_week if r.type != "rest"]
        return len(days) != len(set(days))


@dataclass(frozen=True, slots=True)
class RunEvent:
    """A run on a real date: the usual week laid onto the calendar, with races put in."""

    date: dt.date
    type: RunType
    minutes: int
    slot: Slot
    race: Race | None = field(default=None, compare=False)

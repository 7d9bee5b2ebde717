"""The Plan aggregate: phases, the runs it was scheduled around, sessions with reasons, warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stridelift.domain.vocab import Block, CoreTarget, PhaseName, Plane, Region, SessionFormat, Slot

SCHEMA = "stridelift.plan/1"

DISCLAIMER = (
    "stridelift gives general training information, not medical advice, diagnosis or treatment. "
    "It gathers views of coaches and published research that may differ. Consult your healthcare "
    "provider about your specific health needs, and stop any exercise that causes pain."
)


@dataclass(frozen=True, slots=True)
class Phase:
    name: PhaseName
    start: dt.date
    end: dt.date
    focus: str
    why: tuple[str, ...] = ()

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Intensity:
    pct_1rm: float | None = None
    rpe: float | None = None


@dataclass(slots=True)
class Prescription:
    """One exercise as prescribed in one session.

    Not frozen: a plan holds thousands of these and frozen dataclasses cost five times as much to
    build. The session builder creates them and numbers them once; nothing changes them afterwards.
    """

    id: str
    name: str
    block: Block
    order: int
    region: Region
    core_target: CoreTarget | None
    muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    balance: bool
    unilateral: bool
    planes: tuple[Plane, ...]
    sets: int
    reps: int | None
    duration_s: int | None
    rest_s: int
    intensity: Intensity
    cues: tuple[str, ...] = ()
    note: str = ""
    warmup_sets: int = 0  # lighter ramp-up sets of the same lift before the working sets


@dataclass(frozen=True, slots=True)
class Session:
    date: dt.date
    slot: Slot
    phase: PhaseName
    format: SessionFormat
    minutes: int
    why: tuple[str, ...]
    exercises: tuple[Prescription, ...]
    title: str = ""
    heavy_lower: bool = False
    variation: str | None = None
    notes: tuple[str, ...] = ()
    explanation: str = ""  # one plain sentence: why this day and this format

    @property
    def heavy_muscles(self) -> frozenset[str]:
        return frozenset(m for p in self.exercises if p.block == "strength" for m in p.muscles)


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    message: str
    date: dt.date | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class RunEntry:
    date: dt.date
    type: str
    minutes: int
    slot: Slot
    race_priority: str | None = None
    note: str = ""  # why the usual week's run was changed (taper, race week, recovery, off-season)
    distance_km: float | None = None  # races only


@dataclass(frozen=True, slots=True)
class BalanceSnack:
    """A short balance drill for home, outside the counted sessions (seed: balance while on the phone)."""

    exercise_id: str
    name: str
    duration_s: int
    when: str


@dataclass(slots=True)
class Plan:
    athlete_name: str
    experience: str
    hemisphere: str
    start: dt.date
    end: dt.date
    phases: list[Phase]
    runs: list[RunEntry]
    sessions: list[Session]
    warnings: list[Warning]
    disclaimer: str = DISCLAIMER
    balance_snacks: list[BalanceSnack] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def phase_on(self, day: dt.date) -> Phase | None:
        for ph in self.phases:
            if ph.contains(day):
                return ph
        return None

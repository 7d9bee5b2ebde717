"""Session templates and injury policies as value objects (loaded from data/templates.toml and
data/injuries.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Station:
    region: str
    pattern: str
    prefer: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CircuitTemplate:
    id: str
    name: str
    source: tuple[str, ...]
    stations: tuple[Station, ...]


@dataclass(frozen=True, slots=True)
class HeavyTemplate:
    id: str
    name: str
    source: tuple[str, ...]
    main: Station
    second: Station
    calf: Station
    upper: Station


@dataclass(frozen=True, slots=True)
class PhaseMenu:
    sessions: tuple[str, ...]
    required: int


@dataclass(frozen=True, slots=True)
class Timing:
    rep_seconds: float
    circuit_rep_seconds: float
    transition_s: int
    per_side_factor: int


@dataclass(frozen=True, slots=True)
class StatusPolicy:
    exclude_loads: tuple[str, ...] = ()
    no_plyometrics: bool = False
    rpe_cap: float | None = None
    add: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InjuryPolicy:
    area: str
    rule: str
    advice: str
    source: tuple[str, ...]
    by_status: Mapping[str, StatusPolicy]


@dataclass(frozen=True, slots=True)
class Templates:
    phases: Mapping[str, PhaseMenu]
    timing: Timing
    circuits: tuple[CircuitTemplate, ...]
    heavy: tuple[HeavyTemplate, ...]
    injuries: Mapping[str, InjuryPolicy]

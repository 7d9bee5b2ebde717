"""Reads a runner's profile (TOML, or JSON of the same shape) into a domain Athlete.

Validation is pydantic's; this module turns its errors into one line that names the key and the
problem, so the command line can print it and exit 2 instead of showing a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from stridelift.domain.athlete import Athlete, Injury, Race, RunDay
from stridelift.domain.vocab import DISTANCES_KM, EQUIPMENT, WEEKDAYS
from stridelift.input_limits import (
    InputLimitError,
    PrintableText,
    WindowDate,
    check_json_depth,
    check_nesting,
    check_toml_depth,
    parse_error_reason,
    validation_message,
)

MAX_PLAN_DAYS = 3 * 366
MAX_RACES = 400  # more than two a week over the longest plan; planning time grows with races
MAX_PROFILE_BYTES = 1 << 20  # a real profile is a few kilobytes
MAX_MESSAGE = 300  # characters of one error line


class ProfileError(ValueError):
    """A profile that cannot be planned; the message is meant for the runner."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class AthleteIn(_Model):
    # A stable identity (a calendar's events are keyed by it, never by the display name).
    id: Annotated[PrintableText, Field(min_length=1, max_length=200, pattern=r"\S")] | None = None
    name: PrintableText = "Runner"
    experience: Literal["novice", "intermediate", "advanced"] = "intermediate"
    hemisphere: Literal["north", "south"] = "north"
    timezone: Annotated[str, Field(max_length=64)] | None = None
    max_hr: Annotated[int, Field(ge=120, le=230)] | None = None
    resting_hr: Annotated[int, Field(ge=25, le=110)] | None = None
    # optional: from 50 a masters runner's heavy leg days are spaced further apart (E-MASTERS-RECOVERY)
    age: Annotated[int, Field(ge=14, le=100)] | None = None


class EquipmentIn(_Model):
    available: list[str] = Field(default_factory=list, max_length=2 * len(EQUIPMENT))

    @field_validator("available")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        for item in v:
            if item not in EQUIPMENT:
                raise ValueError(f"unknown equipment {item!r}; known: {', '.join(EQUIPMENT)}")
        return v


class AvailabilityIn(_Model):
    sessions_per_week_max: Annotated[int, Field(ge=1, le=7)] = 3
    minutes_per_session: Annotated[int, Field(ge=10, le=240)] = 45
    days: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS), min_length=1, max_length=7)  # type: ignore[arg-type]


class RunIn(_Model):
    day: Weekday
    type: Literal["rest", "easy", "long", "tempo", "interval", "hills", "race"]
    minutes: Annotated[int, Field(ge=0, le=600)] = 0
    slot: Literal["am", "pm"] = "am"


class RunningIn(_Model):
    week: list[RunIn] = Field(default_factory=list, max_length=28)  # two runs a day, and rest days

    @model_validator(mode="after")
    def _doubles(self) -> RunningIn:
        seen: dict[tuple[str, str], int] = {}
        for r in self.week:
            if r.type == "rest":
                continue
            key = (r.day, r.slot)
            if key in seen:
                raise ValueError(f"two runs on {r.day} {r.slot}: give a double as one am and one pm run")
            seen[key] = 1
        return self


class RaceIn(_Model):
    date: WindowDate
    distance: str | float
    priority: Literal["A", "B", "C"] = "A"
    name: PrintableText = ""

    @field_validator("distance", mode="before")
    @classmethod
    def _distance(cls, v: object) -> str | float:
        """A name from the vocabulary, or a number of km (given as a number or as a numeric
        string: both get the same range check)."""
        if isinstance(v, str) and v in DISTANCES_KM:
            return v
        if isinstance(v, bool) or not isinstance(v, str | int | float):
            raise ValueError(f"give a distance name ({', '.join(DISTANCES_KM)}) or a number of km")
        try:
            km = float(v)
        except OverflowError:  # an integer beyond any float
            km = math.inf
        except ValueError:
            raise ValueError(
                f"unknown distance {str(v)[:40]!r}; use one of {', '.join(DISTANCES_KM)} or a number of km"
            ) from None
        if not (math.isfinite(km) and 0.4 <= km <= 500):
            raise ValueError(f"distance {str(v)[:40]} km is out of range (0.4-500)")
        return v

    @property
    def km(self) -> float:
        if isinstance(self.distance, str):
            return DISTANCES_KM.get(self.distance) or float(self.distance)
        return float(self.distance)


class InjuryIn(_Model):
    area: Literal[
        "hip_flexor", "knee", "shin", "achilles", "plantar_fascia", "it_band", "low_back", "ankle", "hamstring"
    ]
    status: Literal["flaring", "recovering", "history"] = "flaring"


class PlanIn(_Model):
    start: WindowDate
    end: WindowDate | None = None


class ProfileIn(_Model):
    athlete: AthleteIn = Field(default_factory=AthleteIn)
    equipment: EquipmentIn = Field(default_factory=EquipmentIn)
    availability: AvailabilityIn = Field(default_factory=AvailabilityIn)
    running: RunningIn = Field(default_factory=RunningIn)
    races: list[RaceIn] = Field(default_factory=list, max_length=MAX_RACES)
    injuries: list[InjuryIn] = Field(default_factory=list, max_length=20)
    plan: PlanIn


def _clip(message: str) -> str:
    """Error lines stay readable whatever the input held (keys and values are quoted with repr,
    so control characters never reach the terminal raw)."""
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."


@cache
def _packaged_zones() -> frozenset[str]:
    """The tzdata package's list of zone names (empty without the package)."""
    from importlib import resources

    try:
        text = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _zone_name(name: str) -> bool:
    """Whether `zoneinfo.available_timezones()` lists `name`, without listing the database (that walks
    all its folders, 5-10 ms of every profile with a time zone): the tzdata package's names, or a
    TZif file under a TZPATH folder reached through real folders other than the top `right` and
    `posix`, as that listing's walk finds them; never `posixrules`."""
    import os
    from zoneinfo import TZPATH

    parts = name.split("/")
    if name == "posixrules" or any(p in ("", ".", "..") or "\0" in p for p in parts):
        return False
    if name in _packaged_zones():
        return True
    if len(parts) > 1 and parts[0] in ("right", "posix"):
        return False
    for root in TZPATH:
        folder = root
        try:
            for part in parts[:-1]:
                if part not in os.listdir(folder):
                    break
                folder = os.path.join(folder, part)
                if os.path.islink(folder) or not os.path.isdir(folder):
                    break
            else:
                leaf = os.path.join(folder, parts[-1])
                if parts[-1] in os.listdir(folder) and not os.path.isdir(leaf):
                    with open(leaf, "rb") as fh:
                        if fh.read(4) == b"TZif":
                            return True
        except (OSError, ValueError):
            continue
    return False


def _timezone(name: str) -> None:
    """Only names of the zoneinfo database: a path-like name ("Europe", "../x") is a folder or a
    file outside it, which ZoneInfo would try to open."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not _zone_name(name):
            raise ZoneInfoNotFoundError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ProfileError(f"athlete.timezone: unknown time zone {name[:64]!r}") from None


def parse_profile(raw: dict[str, Any]) -> Athlete:
    try:
        p = ProfileIn.model_validate(raw)
    except ValidationError as exc:
        raise ProfileError(_clip(validation_message(exc))) from None
    start = p.plan.start
    races = sorted((Race(r.date, r.km, r.priority, r.name) for r in p.races), key=lambda r: r.date)
    for i, r in enumerate(p.races):
        if r.date < start:
            raise ProfileError(f"races[{i}].date {r.date} is before plan.start {start}")
    if len({r.date for r in races}) != len(races):
        raise ProfileError("two races on the same date")
    end = p.plan.end
    defaulted = end is None
    if end is None:
        # two weeks after the last A race (contract), extended to a week after any later race
        a_races = [r for r in races if r.priority == "A"] or races
        end = a_races[-1].date + dt.timedelta(days=14) if a_races else start + dt.timedelta(weeks=12)
        if races:
            end = max(end, races[-1].date + dt.timedelta(days=7))
    if end < start:
        raise ProfileError(f"plan.end {end} is before plan.start {start}")
    if (end - start).days > MAX_PLAN_DAYS:
        raise ProfileError(f"the plan spans {(end - start).days} days; at most {MAX_PLAN_DAYS} are supported")
    for i, r in enumerate(p.races):
        if r.date > end:
            raise ProfileError(f"races[{i}].date {r.date} is after plan.end {end}")
    if p.athlete.timezone is not None:  # "" too: no zone has that name
        _timezone(p.athlete.timezone)
    return Athlete(
        name=p.athlete.name,
        experience=p.athlete.experience,
        hemisphere=p.athlete.hemisphere,
        equipment=frozenset(p.equipment.available) | {"bodyweight"},
        sessions_per_week_max=p.availability.sessions_per_week_max,
        minutes_per_session=p.availability.minutes_per_session,
        strength_days=frozenset(WEEKDAYS.index(d) for d in p.availability.days),
        running_week=tuple(RunDay(WEEKDAYS.index(r.day), r.type, r.minutes, r.slot) for r in p.running.week),
        races=tuple(races),
        injuries=tuple(Injury(i.area, i.status) for i in p.injuries),
        start=start,
        end=end,
        timezone=p.athlete.timezone,
        end_defaulted=defaulted,
        id=p.athlete.id,
        max_hr=p.athlete.max_hr,
        resting_hr=p.athlete.resting_hr,
        age=p.athlete.age,
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a profile can hold")


def _parse(text: str, is_json: bool) -> Any:
    """TOML or JSON text to data, its size and nesting measured first (see input_limits)."""
    kind = "JSON" if is_json else "TOML"
    try:
        if is_json:
            check_json_depth(text)
            raw = json.loads(text, parse_constant=_no_constant)
        else:
            check_toml_depth(text)
            raw = tomllib.loads(text)
        check_nesting(raw)
    except InputLimitError as exc:
        raise ProfileError(f"{exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"TOML syntax error: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(f"JSON syntax error: {exc}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ProfileError(f"{kind} not readable: {parse_error_reason(exc) or exc}") from None
    return raw


def load_profile(path: Path) -> Athlete:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        raise ProfileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path}: larger than {MAX_PROFILE_BYTES // 1024} KB; a profile is a few KB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text") from None
    try:
        raw = _parse(text, path.suffix.lower() == ".json")
    except ProfileError as exc:
        raise ProfileError(f"{path}: {_clip(str(exc))}") from None
    if not isinstance(raw, dict):
        raise ProfileError(f"{path}: the profile must be a table/object")
    try:
        return parse_profile(raw)
    except ProfileError as exc:
        raise ProfileError(f"{path}: {exc}") from None

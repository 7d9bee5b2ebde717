"""Request and response bodies of the REST API (they are its OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from stridelift.services.training import SYMPTOM_SITES


def _printable(v: str) -> str:
    if any(ord(c) < 32 and c not in "\t\n\r" for c in v):
        raise ValueError("control characters are not allowed")
    return v


def _iso_date(v: object) -> object:
    """Dates only as YYYY-MM-DD (pydantic would also take a number as a Unix time)."""
    if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
        return v
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return v
    raise ValueError("a date as YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(max_length=2000), AfterValidator(_printable)]
SessionKey = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}-(am|pm|any)$", examples=["2027-03-02-pm"])]
ExerciseId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9_]+$")]
Site = Literal[SYMPTOM_SITES]  # type: ignore[valid-type]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Me(BaseModel):
    email: str
    units: Literal["kg", "lb"]


class PlanRef(BaseModel):
    plan_id: int
    profile_version: int
    start: dt.date
    end: dt.date
    sessions: int
    warnings: list[str]


class SessionBrief(BaseModel):
    key: str
    date: dt.date
    slot: str
    phase: str
    format: str
    title: str
    minutes: int
    why: list[str]
    explanation: str = ""


class LastTime(BaseModel):
    exercise_id: str
    summary: str
    sets: list[SetLogOut]


class Suggested(BaseModel):
    """Today's load for an exercise from the logs, and why (the same sentence gym mode shows)."""

    exercise_id: str
    load_kg: float | None
    reps: int | None
    why: str


class SessionDetail(BaseModel):
    key: str
    session: dict[str, Any]
    last_time: list[LastTime]
    logged: list[SetLogOut]
    suggestions: list[Suggested] = []


class SetLogIn(_In):
    client_uuid: uuid.UUID | None = Field(
        None, description="Made by the client; with the Idempotency-Key header, one of them is needed"
    )
    session_key: SessionKey
    exercise_id: ExerciseId
    set_index: int = Field(strict=True, ge=0, le=100)
    reps: int | None = Field(None, strict=True, ge=0, le=1000)
    seconds: int | None = Field(None, strict=True, ge=0, le=36000)
    load_kg: float | None = Field(None, strict=True, ge=0, le=1000, allow_inf_nan=False)
    rpe: float | None = Field(None, strict=True, ge=1, le=10, allow_inf_nan=False)
    rir: int | None = Field(None, strict=True, ge=0, le=10)
    warmup: bool = Field(False, strict=True)
    performed_at: AwareDatetime | None = None


class SetLogOut(BaseModel):
    client_uuid: str
    session_key: str
    day: dt.date
    exercise_id: str
    set_index: int
    reps: int | None
    seconds: int | None
    load_kg: float | None
    rpe: float | None
    rir: int | None
    warmup: bool
    performed_at: dt.datetime


class SymptomIn(_In):
    day: IsoDate
    site: Site
    score: int = Field(strict=True, ge=0, le=10)
    note: Text = ""


class SymptomOut(BaseModel):
    id: int
    day: dt.date
    site: str
    score: int
    note: str


class ExerciseOut(BaseModel):
    id: str
    name: str
    region: str
    muscles: list[str]
    equipment: list[str]
    cues: list[str]
    regressions: list[str]
    progressions: list[str]


class TokenOut(BaseModel):
    token: str


LastTime.model_rebuild()
SessionDetail.model_rebuild()


class WeekOut(BaseModel):
    monday: dt.date
    volume_kg: float
    sets: int
    planned: int
    done: int


class WeekLoadOut(BaseModel):
    monday: dt.date
    running_trimp: float = Field(description="Running load, TRIMP (cross-training weighted)")
    strength_au: float = Field(description="Strength load, session-RPE (minutes x RPE of logged sessions)")


class E1rmPoint(BaseModel):
    week: dt.date
    kg: float


class ProgressOut(BaseModel):
    weeks: list[WeekOut]
    e1rm: dict[str, list[E1rmPoint]]
    adherence: float | None
    loads: list[WeekLoadOut] = Field(description="Empty until running history is uploaded (POST /history)")


class FailedFile(BaseModel):
    file: str
    error: str


class HistoryUploadOut(BaseModel):
    read: int = Field(description="Activities read from the files")
    added: int = Field(description="Of them, new (an activity uploaded again is stored once)")
    failed: list[FailedFile]

"""Reads a plan file for `stridelift check`: the stridelift.plan/1 structure validated at the edge.

`check` exits 1 for hard violations, so a broken file must never get that far: every field the
checker reads is validated here (types, vocabularies, ranges, dates in a window, nesting, size)
and the first problem becomes one line naming the field, e.g.
`sessions[3].exercises[0].cues[1]: Input should be a valid string`. Fields beyond the contract
are allowed (other tools add their own) and left to `plan_from_dict`, which builds the Plan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from stridelift.domain.plan import SCHEMA, Plan
from stridelift.domain.vocab import (
    Block,
    CoreTarget,
    Experience,
    Hemisphere,
    PhaseName,
    Plane,
    Priority,
    Region,
    RunType,
    SessionFormat,
    Slot,
)
from stridelift.exporters.plan_json import PlanFormatError, plan_from_dict
from stridelift.input_limits import (
    InputLimitError,
    PrintableText,
    WindowDate,
    check_json_depth,
    check_nesting,
    parse_error_reason,
    text_block,
    validation_message,
)

MAX_PLAN_BYTES = 64 << 20  # a three-year plan is about 6 MB
MAX_SPAN_DAYS = 10 * 366
MAX_MESSAGE = 300

Text = Annotated[str, Field(max_length=10_000), AfterValidator(text_block)]
Label = PrintableText  # ids, codes and names: one line, printed by `check`
Minutes = Annotated[int, Field(ge=0, le=24 * 60)]
Seconds = Annotated[int, Field(ge=0, le=24 * 3600)]


class _In(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, allow_inf_nan=False)


class AthleteIn(_In):
    name: Label = ""
    experience: Experience = "intermediate"
    hemisphere: Hemisphere = "north"


class PhaseIn(_In):
    name: PhaseName
    start: WindowDate
    end: WindowDate
    focus: Text = ""
    why: list[Label] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _order(self) -> PhaseIn:
        if self.end < self.start:
            raise ValueError(f"ends {self.end} before it starts {self.start}")
        return self


class RunIn(_In):
    date: WindowDate
    type: RunType
    minutes: Minutes = 0
    slot: Slot = "am"
    race_priority: Priority | None = None
    note: Text = ""
    distance_km: Annotated[float, Field(gt=0, le=500)] | None = None


class IntensityIn(_In):
    pct_1rm: Annotated[float, Field(ge=0, le=200)] | None = None
    rpe: Annotated[float, Field(ge=0, le=10)] | None = None


class ExerciseIn(_In):
    id: Annotated[Label, Field(min_length=1)]
    name: Label = ""
    block: Block
    order: Annotated[int, Field(ge=0, le=10_000)] = 0
    region: Region = "full"
    core_target: CoreTarget | None = None
    muscles: list[Label] = Field(default_factory=list, max_length=50)
    equipment: list[Label] = Field(default_factory=list, max_length=50)
    balance: bool = False
    unilateral: bool = False
    planes: list[Plane] = Field(default_factory=list, max_length=3)
    sets: Annotated[int, Field(ge=0, le=1000)] = 1
    reps: Annotated[int, Field(ge=0, le=10_000)] | None = None
    duration_s: Seconds | None = None
    rest_s: Seconds = 0
    intensity: IntensityIn | None = None
    cues: list[Text] = Field(default_factory=list, max_length=100)
    note: Text = ""
    warmup_sets: Annotated[int, Field(ge=0, le=100)] = 0


class SessionIn(_In):
    date: WindowDate
    slot: Slot = "any"
    phase: PhaseName
    format: SessionFormat
    minutes: Minutes = 0
    why: list[Label] = Field(default_factory=list, max_length=100)
    title: Text = ""
    heavy_lower: bool = False
    variation: Label | None = None
    notes: list[Text] = Field(default_factory=list, max_length=100)
    explanation: Text = ""
    exercises: list[ExerciseIn] = Field(default_factory=list, max_length=500)


class WarningIn(_In):
    code: Label = ""
    message: Text = ""
    date: WindowDate | None = None
    rule: Label | None = None


class SnackIn(_In):
    id: Annotated[Label, Field(min_length=1)]
    name: Label = ""
    duration_s: Seconds = 60
    when: Text = ""


class PlanIn(_In):
    generated_by: Label = ""
    athlete: AthleteIn = Field(default_factory=AthleteIn)
    start: WindowDate
    end: WindowDate
    phases: list[PhaseIn] = Field(default_factory=list, max_length=MAX_SPAN_DAYS)
    runs: list[RunIn] = Field(default_factory=list, max_length=4 * MAX_SPAN_DAYS)
    sessions: list[SessionIn] = Field(default_factory=list, max_length=4 * MAX_SPAN_DAYS)
    warnings: list[WarningIn] = Field(default_factory=list, max_length=100_000)
    balance_snacks: list[SnackIn] = Field(default_factory=list, max_length=1000)
    notes: list[Text] = Field(default_factory=list, max_length=1000)
    disclaimer: Text = ""

    @model_validator(mode="after")
    def _span(self) -> PlanIn:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if (self.end - self.start).days > MAX_SPAN_DAYS:
            raise ValueError(f"the plan spans {(self.end - self.start).days} days; at most {MAX_SPAN_DAYS}")
        return self


def _clip(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."


def validate_plan_dict(raw: Any) -> Plan:
    """A parsed plan document to a Plan, or PlanFormatError naming the first bad field."""
    try:
        check_nesting(raw)  # fields beyond the contract are copied as they are, however deep
    except InputLimitError as exc:
        raise PlanFormatError(str(exc)) from None
    return _validated(raw)


def _validated(raw: Any) -> Plan:
    if not isinstance(raw, dict):
        raise PlanFormatError("the plan must be a JSON object")
    if raw.get("schema") != SCHEMA:
        raise PlanFormatError(_clip(f"schema is {raw.get('schema')!r}, expected {SCHEMA!r}"))
    try:
        plan = PlanIn.model_validate(raw)  # the model's own fields bound the nesting it reads
    except ValidationError as exc:
        raise PlanFormatError(_clip(validation_message(exc))) from None
    return plan_from_dict({**plan.model_dump(mode="json", exclude_unset=True), "schema": SCHEMA})


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a plan can hold")


def read_plan_file(path: Path) -> Plan:
    """Read and validate PLAN.json; every failure is a PlanFormatError with one line naming it."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        raise PlanFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_PLAN_BYTES:
        raise PlanFormatError(f"{path}: larger than {MAX_PLAN_BYTES >> 20} MB; not a plan")
    try:
        text = data.decode("utf-8-sig")
        check_json_depth(text)
        raw = json.loads(text, parse_constant=_no_constant)
    except InputLimitError as exc:
        raise PlanFormatError(f"{path}: {exc}") from None
    except UnicodeDecodeError:
        raise PlanFormatError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise PlanFormatError(f"{path}: not a JSON plan ({exc})") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise PlanFormatError(f"{path}: not a JSON plan ({parse_error_reason(exc) or exc})") from None
    try:
        return _validated(raw)  # nesting measured on the text already
    except PlanFormatError as exc:
        raise PlanFormatError(f"{path}: {exc}") from None

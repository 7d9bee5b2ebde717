"""Service results to API bodies (one place, so pages and API agree)."""

from __future__ import annotations

import dataclasses
from typing import Any

import orjson

from stridelift.domain.exercises import Exercise
from stridelift.services.training import SetOut, session_key
from stridelift.web.schemas import ExerciseOut, SessionBrief, SetLogOut

_SET_FIELDS = tuple(f.name for f in dataclasses.fields(SetOut))


def set_out(x: SetOut) -> SetLogOut:
    # not dataclasses.asdict: its deep copy was a third of "today's session" (profiled under load)
    return SetLogOut(**{name: getattr(x, name) for name in _SET_FIELDS})


def set_json(x: SetOut) -> bytes:
    """`SetLogOut`'s JSON without building the model (its fields are the dataclass's; UTC times end
    in Z, as pydantic writes them)."""
    return orjson.dumps({name: getattr(x, name) for name in _SET_FIELDS}, option=orjson.OPT_UTC_Z)


def brief(s: dict[str, Any]) -> SessionBrief:
    return SessionBrief(
        key=session_key(s),
        date=s["date"],
        slot=s["slot"],
        phase=s["phase"],
        format=s["format"],
        title=s.get("title", ""),
        minutes=s["minutes"],
        why=s["why"],
        explanation=s.get("explanation") or "",
    )


def exercise_out(e: Exercise) -> ExerciseOut:
    return ExerciseOut(
        id=e.id,
        name=e.name,
        region=e.region,
        muscles=list(e.muscles),
        equipment=list(e.equipment),
        cues=list(e.cues),
        regressions=list(e.regressions),
        progressions=list(e.progressions),
    )

"""/exercises: the library (for signed-in callers, like every data endpoint)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from stridelift.services.library import exercise, search_exercises
from stridelift.web.convert import exercise_out
from stridelift.web.deps import ApiCaller
from stridelift.web.routers.api_plan import NOT_FOUND
from stridelift.web.schemas import ExerciseOut

router = APIRouter(tags=["library"])


@router.get("/exercises")
def list_exercises(
    caller: ApiCaller,
    q: Annotated[str, Query(max_length=200)] = "",
    equipment: Annotated[str | None, Query(max_length=40)] = None,
) -> list[ExerciseOut]:
    return [exercise_out(e) for e in search_exercises(q, equipment)]


@router.get("/exercises/{exercise_id}", responses=NOT_FOUND)
def get_exercise(caller: ApiCaller, exercise_id: str) -> ExerciseOut:
    found = exercise(exercise_id)
    if found is None:
        raise HTTPException(404, "exercise not found")
    return exercise_out(found)

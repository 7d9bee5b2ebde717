"""/sets and /symptoms: what happened in the gym. Logging a set is idempotent by its UUID (in the
body) or the Idempotency-Key header: a retried upload answers 200 with the stored set."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Response

from stridelift.services import training
from stridelift.services.accounts import FieldError
from stridelift.services.training import NotFound
from stridelift.web.convert import set_json, set_out
from stridelift.web.deps import ApiCaller, PlanCaller, State
from stridelift.web.routers.api_plan import NOT_FOUND, unprocessable
from stridelift.web.schemas import IsoDate, SetLogIn, SetLogOut, SymptomIn, SymptomOut

router = APIRouter(tags=["logs"])


@router.post(
    "/sets",
    status_code=201,
    responses={200: {"model": SetLogOut, "description": "Already stored (same UUID)"}, **NOT_FOUND},
    response_model=SetLogOut,
)
async def log_set(
    caller: PlanCaller,
    state: State,
    body: SetLogIn,
    idempotency_key: Annotated[uuid.UUID | None, Header(alias="Idempotency-Key")] = None,
) -> Response:
    """One short write transaction, from the event loop (see `HotPath.log_set`)."""
    if body.client_uuid and idempotency_key and body.client_uuid != idempotency_key:
        raise HTTPException(422, [{"loc": ["body", "client_uuid"], "msg": "differs from Idempotency-Key",
                                   "type": "value_error"}])  # fmt: skip
    key = body.client_uuid or idempotency_key
    if key is None:
        raise HTTPException(422, [{"loc": ["body", "client_uuid"], "msg": "give client_uuid or Idempotency-Key",
                                   "type": "missing"}])  # fmt: skip
    data = training.SetIn(
        client_uuid=str(key),
        session_key=body.session_key,
        exercise_id=body.exercise_id,
        set_index=body.set_index,
        reps=body.reps,
        seconds=body.seconds,
        load_kg=body.load_kg,
        rpe=body.rpe,
        rir=body.rir,
        warmup=body.warmup,
        performed_at=body.performed_at,
    )
    try:
        stored, created = await state.hot.log_set(caller.account, caller.plan, data)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except FieldError as exc:
        raise unprocessable(exc) from None
    return Response(set_json(stored), status_code=201 if created else 200, media_type="application/json")


@router.get("/sets")
def list_sets(
    caller: ApiCaller, state: State, exercise_id: str | None = None, since: IsoDate | None = None
) -> list[SetLogOut]:
    sets = training.logged_sets(state.engine, caller.account, exercise_id=exercise_id, since=since)
    return [set_out(x) for x in sets]


@router.get("/sets/{client_uuid}", responses=NOT_FOUND)
def get_set(caller: ApiCaller, state: State, client_uuid: uuid.UUID) -> SetLogOut:
    for x in training.logged_sets(state.engine, caller.account):
        if x.client_uuid == str(client_uuid):
            return set_out(x)
    raise HTTPException(404, "set not found")


@router.post("/symptoms", status_code=201)
def report_symptom(caller: ApiCaller, state: State, body: SymptomIn) -> SymptomOut:
    try:
        out = training.report_symptom(
            state.engine, caller.account, training.SymptomIn(body.day, body.site, body.score, body.note)
        )
    except FieldError as exc:
        raise unprocessable(exc) from None
    return SymptomOut(id=out.id, day=out.day, site=out.site, score=out.score, note=out.note)


@router.get("/symptoms")
def list_symptoms(caller: ApiCaller, state: State, since: IsoDate | None = None) -> list[SymptomOut]:
    return [
        SymptomOut(id=x.id, day=x.day, site=x.site, score=x.score, note=x.note)
        for x in training.symptoms(state.engine, caller.account, since)
    ]


@router.get("/symptoms/{symptom_id}", responses=NOT_FOUND)
def get_symptom(caller: ApiCaller, state: State, symptom_id: int) -> SymptomOut:
    for x in training.symptoms(state.engine, caller.account):
        if x.id == symptom_id:
            return SymptomOut(id=x.id, day=x.day, site=x.site, score=x.score, note=x.note)
    raise HTTPException(404, "symptom report not found")

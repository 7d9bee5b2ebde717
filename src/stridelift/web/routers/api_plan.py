"""/profile, /plan, /sessions: the runner's season."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Response

from stridelift.services import training
from stridelift.services.accounts import FieldError
from stridelift.services.exports import plan_document
from stridelift.services.training import NotFound
from stridelift.web.convert import brief
from stridelift.web.deps import ApiCaller, State, ViewCaller, db_call
from stridelift.web.schemas import IsoDate, PlanRef, SessionBrief, SessionDetail, SessionKey
from stridelift.web.session_view import cached_json, session_json

router = APIRouter(tags=["season"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Not found (or not yours)"}}


def unprocessable(exc: FieldError) -> HTTPException:
    return HTTPException(422, [{"loc": ["body", *exc.field.split(".")], "msg": str(exc), "type": "value_error"}])


def _ref(cur: training.CurrentPlan) -> PlanRef:
    p = cur.plan
    return PlanRef(
        plan_id=cur.plan_id,
        profile_version=cur.profile_version,
        start=p["start"],
        end=p["end"],
        sessions=len(p["sessions"]),
        warnings=[str(w) if not isinstance(w, dict) else str(w.get("message", w)) for w in p.get("warnings", [])],
    )


@router.get("/profile", responses=NOT_FOUND)
def get_profile(caller: ApiCaller, state: State) -> dict[str, Any]:
    try:
        return training.current_profile(state.engine, caller.account)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.put("/profile", responses={422: {"description": "The profile names the bad field"}})
def put_profile(caller: ApiCaller, state: State, profile: Annotated[dict[str, Any], Body()]) -> PlanRef:
    """A new profile version (the contract's profile as JSON); the season is planned again."""
    try:
        return _ref(training.save_profile(state.engine, caller.account, profile))
    except FieldError as exc:
        raise unprocessable(exc) from None


@router.get("/plan", responses=NOT_FOUND)
def get_plan(caller: ApiCaller, state: State) -> PlanRef:
    try:
        return _ref(training.current_plan(state.engine, caller.account))
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.get(
    "/plan/export",
    responses={**NOT_FOUND, 200: {"content": {"application/json": {}, "text/markdown": {}}}},
    response_class=Response,
)
def export_plan(
    caller: ApiCaller, state: State, format: Annotated[str, Query(pattern="^(json|md)$")] = "json"
) -> Response:
    """The current plan as the CLI writes it (stridelift.plan/1 JSON, or Markdown)."""
    from stridelift.services.planning import plan_from_json

    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    plan = plan_from_json(cur.plan)
    media = "application/json" if format == "json" else "text/markdown; charset=utf-8"
    return Response(plan_document(plan, format), media_type=media)


@router.get(
    "/plan/cards",
    responses={**NOT_FOUND, 200: {"content": {"application/pdf": {}}, "description": "The week's cards"}},
    response_class=Response,
)
def week_cards(caller: ApiCaller, state: State, week: IsoDate) -> Response:
    """The week holding `week` (any day of it) as printable session cards, a PDF."""
    from stridelift.services.cards import week_cards_pdf

    try:
        return Response(week_cards_pdf(state.engine, caller.account, week), media_type="application/pdf")
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/sessions", responses=NOT_FOUND)
def list_sessions(
    caller: ApiCaller,
    state: State,
    start: IsoDate | None = None,
    end: IsoDate | None = None,
) -> list[SessionBrief]:
    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    lo, hi = (start or dt.date.min).isoformat(), (end or dt.date.max).isoformat()
    return [brief(s) for s in cur.plan["sessions"] if lo <= s["date"] <= hi]


@router.get("/sessions/{key}", responses=NOT_FOUND, response_model=SessionDetail)
async def get_session(caller: ViewCaller, state: State, key: SessionKey) -> Response:
    """The session with, per exercise, what was done last time, and the sets already logged.

    A cached body costs one indexed query, the caller's own (see `session_view`, `ViewCaller`)."""
    if caller.view is None:
        raise HTTPException(404, "plan not found")
    body = cached_json(state.engine, caller.account, key, caller.view)
    if body is None:
        try:
            body = await db_call(state, session_json, state.engine, caller.account, key, caller.view)
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
    return Response(body, media_type="application/json")

"""Today / gym mode: the day's sessions, one exercise after another, built for one hand on a phone."""

from __future__ import annotations

import datetime as dt
import html
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from stridelift.domain.gym import to_units
from stridelift.services import training
from stridelift.services.accounts import FieldError
from stridelift.services.gym import gym_session
from stridelift.services.training import NotFound
from stridelift.web.deps import PageCaller, State
from stridelift.web.pages import render
from stridelift.web.schemas import SessionKey

router = APIRouter(include_in_schema=False)


@router.get("/today")
def today(
    request: Request, state: State, caller: PageCaller, day: Annotated[dt.date | None, Query()] = None
) -> Response:
    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound:
        return RedirectResponse("/onboarding", status_code=303)
    d = day or dt.date.today()
    sessions = [s for s in cur.plan["sessions"] if s["date"] == d.isoformat()]
    upcoming = [s for s in cur.plan["sessions"] if s["date"] > d.isoformat()][:3]
    if len(sessions) == 1 and day is None:
        return RedirectResponse(f"/sessions/{training.session_key(sessions[0])}", status_code=303)
    return render(
        request, "today.html", caller=caller, csrf_token=caller.csrf_token, day=d, sessions=sessions,
        upcoming=upcoming, key=training.session_key,
    )  # fmt: skip


@router.get("/sessions/{key}")
def session_page(request: Request, state: State, caller: PageCaller, key: SessionKey) -> Response:
    try:
        sess = training.plan_session(state.engine, caller.account, key)
    except NotFound:
        return render(request, "not_found.html", 404, caller=caller, csrf_token=caller.csrf_token, what="session")
    history = training.session_sets(state.engine, caller.account, sess)
    units = caller.account.units
    from stridelift.services.rule_text import rule_statements

    return render(
        request, "session.html", caller=caller, csrf_token=caller.csrf_token, session=sess, key=key,
        exercises=gym_session(sess, history, units), units=units, show=lambda kg: f"{to_units(kg, units):g}",
        rules=rule_statements(), sites=training.SYMPTOM_SITES,
    )  # fmt: skip


@router.post("/symptoms")
def report_symptom(
    request: Request,
    state: State,
    caller: PageCaller,
    site: Annotated[str, Form(max_length=40)],
    score: Annotated[int, Form(ge=0, le=10)],
    note: Annotated[str, Form(max_length=2000)] = "",
    back: Annotated[str, Form(max_length=200)] = "/today",
) -> Response:
    try:
        result = training.report_symptom_and_replan(
            state.engine, caller.account, training.SymptomIn(dt.date.today(), site, score, note)
        )
    except FieldError as exc:
        return Response(str(exc), status_code=422)
    target = back if back.startswith("/") and not back.startswith("//") else "/today"
    if request.headers.get("HX-Request"):
        said = "".join(f"<li>{html.escape(w)}</li>" for w in result.replanned)
        more = f"<p>The coming sessions were planned again:</p><ul>{said}</ul>" if said else ""
        return Response(f'<div class="ok"><p>Reported.</p>{more}</div>')
    return RedirectResponse(target, status_code=303)

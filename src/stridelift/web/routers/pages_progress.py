"""The progress page and the subscribable calendar feed (a secret URL per runner)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from stridelift.services import accounts, training
from stridelift.services.exports import plan_document, previous_from_dict
from stridelift.services.planning import plan_from_json
from stridelift.services.progress import progress
from stridelift.services.running_history import HistoryUpload, upload_history, weekly_running_load
from stridelift.services.training import NotFound
from stridelift.web.deps import Caller, PageCaller, State
from stridelift.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/progress")
def progress_page(request: Request, state: State, caller: PageCaller) -> Response:
    return _progress(request, state, caller, None)


def _progress(request: Request, state: State, caller: Caller, upload: HistoryUpload | None) -> Response:
    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound:
        return RedirectResponse("/onboarding", status_code=303)
    figures = progress(
        cur.plan, training.logged_sets(state.engine, caller.account), dt.date.today(),
        running=weekly_running_load(state.engine, caller.account),
    )  # fmt: skip
    top_volume = max((w.volume_kg for w in figures.weeks), default=0.0) or 1.0
    top_run = max((w.running_trimp for w in figures.loads), default=0.0) or 1.0
    top_strength = max((w.strength_au for w in figures.loads), default=0.0) or 1.0
    return render(
        request, "progress.html", caller=caller, csrf_token=caller.csrf_token, p=figures, top_volume=top_volume,
        top_run=top_run, top_strength=top_strength, upload=upload,
    )  # fmt: skip


@router.post("/progress/history")
async def upload_running_history(request: Request, state: State, caller: PageCaller) -> Response:
    """Activity files from the progress page's form; the page then shows what was read."""
    form = await request.form()
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    data = [(f.filename or "upload", await f.read()) for f in files]
    await form.close()
    result = await run_in_threadpool(upload_history, state.engine, caller.account, data)
    return await run_in_threadpool(_progress, request, state, caller, result)


@router.post("/account/calendar")
def new_calendar_url(request: Request, state: State, caller: PageCaller) -> Response:
    secret = accounts.new_calendar_secret(state.engine, caller.account)
    url = str(request.url_for("calendar_feed", secret=secret))
    return render(request, "account.html", caller=caller, csrf_token=caller.csrf_token, errors={}, done=False,
                  calendar_url=url)  # fmt: skip


@router.get("/calendar/{secret}.ics", name="calendar_feed")
def calendar_feed(state: State, secret: Annotated[str, Path(max_length=100)]) -> Response:
    """The runner's current plan as iCalendar, for calendar apps to subscribe to (no cookie: the
    secret in the URL is the key; making a new URL retires the old one)."""
    account = accounts.calendar_account(state.engine, secret)
    if account is None:
        return Response("unknown calendar", status_code=404)
    try:
        cur = training.current_plan(state.engine, account)
    except NotFound:
        return Response("no plan yet", status_code=404)
    tz = (training.current_profile(state.engine, account).get("athlete") or {}).get("timezone")
    body = plan_document(
        plan_from_json(cur.plan), "ics", tz=tz, athlete_id=training.calendar_identity(account),
        previous=previous_from_dict(cur.plan),
    )  # fmt: skip
    return Response(body, media_type="text/calendar; charset=utf-8")

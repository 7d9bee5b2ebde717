"""/progress and /history: the figures of the progress page, and running history to upload."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, UploadFile
from starlette.concurrency import run_in_threadpool

from stridelift.services import training
from stridelift.services.progress import progress
from stridelift.services.running_history import upload_history, weekly_running_load
from stridelift.services.training import NotFound
from stridelift.web.deps import ApiCaller, State
from stridelift.web.routers.api_plan import NOT_FOUND
from stridelift.web.schemas import E1rmPoint, FailedFile, HistoryUploadOut, ProgressOut, WeekLoadOut, WeekOut

router = APIRouter(tags=["progress"])


@router.get("/progress", responses=NOT_FOUND)
def get_progress(caller: ApiCaller, state: State) -> ProgressOut:
    try:
        cur = training.current_plan(state.engine, caller.account)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    p = progress(
        cur.plan, training.logged_sets(state.engine, caller.account), dt.date.today(),
        running=weekly_running_load(state.engine, caller.account),
    )  # fmt: skip
    weeks = [
        WeekOut(monday=w.monday, volume_kg=w.volume_kg, sets=w.sets, planned=w.planned, done=w.done) for w in p.weeks
    ]
    return ProgressOut(
        weeks=weeks,
        e1rm={name: [E1rmPoint(week=w, kg=v) for w, v in pts] for name, pts in p.e1rm.items()},
        adherence=p.adherence,
        loads=[WeekLoadOut(monday=x.monday, running_trimp=x.running_trimp, strength_au=x.strength_au) for x in p.loads],
    )


@router.post("/history", status_code=200)
async def post_history(
    caller: ApiCaller, state: State, files: Annotated[list[UploadFile], File(description=".fit, .gpx, .tcx (.gz)")]
) -> HistoryUploadOut:
    """Activity files of the runner's running history; each activity is stored once, a file that
    cannot be read is named in `failed` and the others are still stored."""
    data = [(f.filename or "upload", await f.read()) for f in files]
    out = await run_in_threadpool(upload_history, state.engine, caller.account, data)
    return HistoryUploadOut(
        read=out.read, added=out.added, failed=[FailedFile(file=n, error=e) for n, e in out.failed]
    )

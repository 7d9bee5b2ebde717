"""Serving the app with uvicorn: one process, or several worker processes on one database.

Workers share nothing in memory that matters: who is signed in, revoked sessions and failed
log-ins are read from the database on every request, and the caches (parsed plans, today's
session bodies) are keyed by what the database says, so no worker can serve a stale answer.
On Linux each worker listens on a socket of its own (`stridelift.web.workers`): the kernel then
spreads connections evenly, where uvicorn's shared socket lets one worker take a whole burst.
"""

from __future__ import annotations

import gc
import os
from importlib.util import find_spec

from fastapi import FastAPI

_URL_ENV = "STRIDELIFT_SERVE_URL"  # set by the parent for its worker processes
_DEMO_ENV = "STRIDELIFT_SERVE_DEMO"


def default_workers() -> int:
    """One worker per core the process may use, at most 4 (the database is shared; more processes
    than cores only adds switching)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn calls this factory in each)."""
    return app_for(os.environ.get(_URL_ENV) or None, demo=os.environ.get(_DEMO_ENV) == "1")


def app_for(url: str | None, *, demo: bool) -> FastAPI:
    from stridelift.config import get_settings
    from stridelift.services.app_db import open_app_database
    from stridelift.web import create_app

    app = create_app(open_app_database(url), demo=demo, pool_size=get_settings().pg_pool_size, open_pool=True)
    settle_heap()
    return app


def settle_heap() -> None:
    """Put everything start-up made (modules, the exercise library, the app) out of the garbage
    collector's reach: a full collection walks every tracked object and stops the worker's event
    loop meanwhile (0.1-0.7 s measured under load, in every request then in flight). What requests
    make is still collected."""
    gc.collect()
    gc.freeze()


def event_loop() -> str:
    """uvloop when installed (a runtime dependency where it builds), else asyncio."""
    return "uvloop" if find_spec("uvloop") is not None else "asyncio"


def http_parser() -> str:
    """httptools when installed (a runtime dependency), else h11."""
    return "httptools" if find_spec("httptools") is not None else "h11"


def workers_balanced() -> bool:
    """Whether several workers each listen on their own socket (`stridelift.web.workers`, Linux),
    rather than share uvicorn's one socket."""
    from stridelift.web.workers import reuse_port_supported

    return reuse_port_supported()


def run(url: str | None, *, host: str, port: int, workers: int, demo: bool) -> None:
    """Serve until stopped; `url` None is the configured database (each worker resolves it alike)."""
    import uvicorn

    loop, http = event_loop(), http_parser()
    if workers <= 1:
        uvicorn.run(app_for(url, demo=demo), host=host, port=port, log_level="warning", proxy_headers=True,
                    loop=loop, http=http)  # fmt: skip
        return
    os.environ[_URL_ENV] = url or ""
    os.environ[_DEMO_ENV] = "1" if demo else "0"
    if workers_balanced():
        from stridelift.web.workers import Supervisor, WorkerOptions

        status = Supervisor(WorkerOptions(host, port, loop, http), workers).run()
        if status:
            raise SystemExit(status)
        return
    uvicorn.run("stridelift.web.server:worker_app", factory=True, workers=workers, host=host, port=port,
                log_level="warning", proxy_headers=True, loop=loop, http=http)  # fmt: skip

"""The ASGI application: pages at /, the REST API at /api/v1 (OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from stridelift.services.ratelimit import LoginLimiter
from stridelift.web.deps import AppState


def create_api(state: AppState) -> FastAPI:
    from stridelift.web.routers import api_library, api_logs, api_me, api_plan, api_progress

    api = FastAPI(
        title="stridelift API",
        version="1",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        description="Bearer token (`stridelift token create EMAIL`) or the web session cookie with X-CSRF-Token.",
    )
    api.state.stridelift = state
    common: dict[int | str, dict[str, Any]] = {
        400: {"description": "The body is not valid JSON"},
        401: {"description": "No valid bearer token or session cookie"},
        403: {"description": "Cookie-authenticated request without the session's X-CSRF-Token"},
    }
    for r in (api_me, api_plan, api_logs, api_library, api_progress):
        api.include_router(r.router, responses=common)

    @api.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """405 lists every method of the path (Starlette names only the first route's)."""
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            allowed: set[str] = set()
            for route in api.routes:
                if isinstance(route, APIRoute) and route.matches(request.scope)[0] != Match.NONE:
                    allowed |= route.methods or set()
            headers["Allow"] = ", ".join(sorted(allowed))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    return api


def create_app(
    engine: Engine, *, demo: bool = False, pool_size: int | None = None, open_pool: bool = False
) -> FastAPI:
    """The app on `engine`; `pool_size` and `open_pool` as in `AppState` (`serve` gives both)."""
    # failed log-ins are counted in the database: every worker process of `serve` sees them
    state = AppState(engine=engine, limiter=LoginLimiter(engine=engine), demo=demo, pool_size=pool_size,
                     open_pool=open_pool)  # fmt: skip

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if state.open_pool:
            await state.hot.open_pool()
        yield
        await state.hot.close()  # the event loop's database connections (PostgreSQL)

    app = FastAPI(title="stridelift", openapi_url=None, docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.stridelift = state
    app.mount("/api/v1", create_api(state))
    from stridelift.web.pages import install_pages

    install_pages(app)
    return app

"""The ASGI application: pages at /, the REST API at /api/v1 (OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from stridelift.web.deps import AppState


def create_api(state: AppState) -> FastAPI:
    from stridelift.web.routers import api_library, api_logs, api_me, api_plan

    api = FastAPI(
        title="stridelift API",
        version="1",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        description="Bearer token (`stridelift token create EMAIL`) or the web session cookie with X-CSRF-Token.",
    )
    api.state.stridelift = state
    for r in (api_me, api_plan, api_logs, api_library):
        api.include_router(r.router)
    return api


def create_app(engine: Engine, *, demo: bool = False) -> FastAPI:
    state = AppState(engine=engine, demo=demo)
    app = FastAPI(title="stridelift", openapi_url=None, docs_url=None, redoc_url=None)
    app.state.stridelift = state
    app.mount("/api/v1", create_api(state))
    from stridelift.web.pages import install_pages

    install_pages(app)
    return app

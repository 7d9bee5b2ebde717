"""Page plumbing: templates, static files (HTMX vendored, no build step), the service worker at the
site root (its scope), and the redirect to log-in for anonymous page requests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from stridelift.web.deps import LoginRequired

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")


def render(request: Request, name: str, status_code: int = 200, /, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def install_pages(app: FastAPI) -> None:
    from stridelift.web.routers import pages_auth, pages_gym, pages_progress, pages_season

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/sw.js", include_in_schema=False)
    def service_worker() -> FileResponse:
        return FileResponse(
            HERE / "static" / "sw.js", media_type="text/javascript", headers={"Service-Worker-Allowed": "/"}
        )

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, exc: LoginRequired) -> Response:
        if request.headers.get("HX-Request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    for r in (pages_auth, pages_season, pages_gym, pages_progress):
        app.include_router(r.router)

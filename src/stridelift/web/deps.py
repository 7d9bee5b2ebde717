"""Everything a route depends on: the application state, who is asking (session cookie or bearer
token), and the CSRF check. Routers only declare these."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, ParamSpec, TypeVar

from fastapi import Depends, HTTPException, Request, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from stridelift.services.accounts import Account, session_account, token_account
from stridelift.services.hot_path import HotPath
from stridelift.services.ratelimit import LoginLimiter

P = ParamSpec("P")
T = TypeVar("T")
SESSION_COOKIE = "stridelift_session"
ANON_CSRF_COOKIE = "stridelift_csrf"  # double-submit token for the forms shown before log-in
CSRF_HEADER = "X-CSRF-Token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class AppState:
    engine: Engine
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    demo: bool = False
    pool_size: int | None = None  # PostgreSQL connections for the hot requests (None: HotPath's default)
    open_pool: bool = False  # open them all at start-up (`serve`), not on the first requests
    hot: HotPath = field(init=False)  # the hot requests' database work, from the event loop

    def __post_init__(self) -> None:
        self.hot = HotPath(self.engine, self.pool_size)


@dataclass(frozen=True, slots=True)
class Caller:
    account: Account
    csrf_token: str | None  # None for bearer-token callers (no cookie, so no CSRF risk)
    session_id: str | None
    plan: tuple[int, int] | None = None  # (current plan id, profile version), for PlanCaller
    view: tuple[int, int, int, int] | None = None  # and the logged sets' fingerprint, for ViewCaller


async def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.stridelift
    return state


State = Annotated[AppState, Depends(get_state)]


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def db_call(state: AppState, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """A short database call from an async route. On SQLite it runs on the event loop: the database
    is in this process and a WAL commit does not wait for the disk, so handing it to a worker thread
    and back would cost more than the call. A database server is waited for (a commit's fsync among
    others): there the call goes to a worker thread, so the wait does not stall every other request
    (the hottest requests' own queries need no thread there: see `HotPath`)."""
    if state.engine.dialect.name == "sqlite":
        return fn(*args, **kwargs)
    return await run_in_threadpool(fn, *args, **kwargs)


async def _caller(request: Request, state: AppState, extent: str) -> Caller | None:
    """Who is asking, in one indexed query from the event loop (see `HotPath.caller`)."""
    token = _bearer(request)
    if token is not None:
        found = await state.hot.caller("token", token, extent)
        return None if found is None else Caller(found.account, None, None, found.plan, found.view)
    sid = request.cookies.get(SESSION_COOKIE)
    if not sid or len(sid) > 200:
        return None
    found = await state.hot.caller("session", sid, extent)
    return None if found is None else Caller(found.account, found.csrf_token, sid, found.plan, found.view)


async def optional_caller(request: Request, state: State) -> Caller | None:
    return await _caller(request, state, "caller")


def find_caller(request: Request, state: AppState) -> Caller | None:
    token = _bearer(request)
    if token is not None:
        account = token_account(state.engine, token)
        return None if account is None else Caller(account, None, None)
    sid = request.cookies.get(SESSION_COOKIE)
    if not sid or len(sid) > 200:
        return None
    found = session_account(state.engine, sid)
    return None if found is None else Caller(found[0], found[1], sid)


async def _submitted_csrf(request: Request) -> str:
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else ""
    return sent


async def check_csrf(request: Request, caller: Caller | None) -> None:
    """Unsafe requests made with the session cookie must echo the session's CSRF token (form
    field `csrf_token` or header X-CSRF-Token, which HTMX sends)."""
    if request.method not in UNSAFE or caller is None or caller.csrf_token is None:
        return
    if not hmac.compare_digest(await _submitted_csrf(request), caller.csrf_token):
        await request.close()  # uploaded files of a refused form are spooled to disk: let them go now
        raise HTTPException(403, "missing or wrong CSRF token")


async def _api(request: Request, caller: Caller | None) -> Caller:
    if caller is None:
        raise HTTPException(401, "sign in or send a bearer token", headers={"WWW-Authenticate": "Bearer"})
    await check_csrf(request, caller)
    return caller


async def api_caller(request: Request, caller: Annotated[Caller | None, Depends(optional_caller)]) -> Caller:
    return await _api(request, caller)


async def plan_caller(request: Request, state: State) -> Caller:
    """An API caller with their current plan (`Caller.plan`), found in the same query."""
    return await _api(request, await _caller(request, state, "plan"))


async def view_caller(request: Request, state: State) -> Caller:
    """An API caller with what a session's view depends on (`Caller.view`), in the same query."""
    return await _api(request, await _caller(request, state, "view"))


ApiCaller = Annotated[Caller, Depends(api_caller)]
PlanCaller = Annotated[Caller, Depends(plan_caller)]
ViewCaller = Annotated[Caller, Depends(view_caller)]


class LoginRequired(Exception):
    """A page for signed-in runners was opened anonymously: redirect to the log-in page."""


async def page_caller(request: Request, caller: Annotated[Caller | None, Depends(optional_caller)]) -> Caller:
    if caller is None or caller.session_id is None:
        raise LoginRequired
    await check_csrf(request, caller)
    return caller


PageCaller = Annotated[Caller, Depends(page_caller)]


def anon_csrf(request: Request, response: Response) -> str:
    """The double-submit token for the sign-up and log-in forms (set as a cookie if missing)."""
    token = request.cookies.get(ANON_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response.set_cookie(
        ANON_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=is_https(request), path="/"
    )
    return token


async def check_anon_csrf(request: Request) -> None:
    cookie = request.cookies.get(ANON_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(await _submitted_csrf(request), cookie):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page")


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, session_id: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=30 * 86400,
        httponly=True,
        samesite="lax",
        secure=is_https(request),
        path="/",
    )

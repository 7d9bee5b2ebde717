"""Sign-up, log-in, log-out and password change pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse

from stridelift.services import accounts
from stridelift.web.deps import (
    ANON_CSRF_COOKIE,
    SESSION_COOKIE,
    PageCaller,
    State,
    anon_csrf,
    check_anon_csrf,
    find_caller,
    set_session_cookie,
)
from stridelift.web.pages import render

router = APIRouter(include_in_schema=False)


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _form_page(request: Request, name: str, status: int = 200, **ctx: object) -> Response:
    probe = Response()
    token = anon_csrf(request, probe)
    page = render(request, name, status, csrf_token=token, **ctx)
    for k, v in probe.headers.items():
        if k == "set-cookie":
            page.headers.append(k, v)
    return page


@router.get("/")
def home(request: Request, state: State) -> Response:
    caller = find_caller(request, state)
    return RedirectResponse("/today" if caller else "/login", status_code=303)


@router.get("/signup")
def signup_page(request: Request) -> Response:
    return _form_page(request, "signup.html", errors={}, values={})


@router.post("/signup", dependencies=[Depends(check_anon_csrf)])
def signup(
    request: Request,
    state: State,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    units: Annotated[str, Form()] = "kg",
) -> Response:
    try:
        account = accounts.sign_up(state.engine, email, password, units)
        signed = accounts.log_in(state.engine, account.email, password, ip=_client_ip(request), limiter=state.limiter)
    except accounts.FieldError as exc:
        values = {"email": email, "units": units}
        return _form_page(request, "signup.html", 422, errors={exc.field: str(exc)}, values=values)
    response = RedirectResponse("/onboarding", status_code=303)
    set_session_cookie(request, response, signed.session_id)
    response.delete_cookie(ANON_CSRF_COOKIE, path="/")
    return response


@router.get("/login")
def login_page(request: Request) -> Response:
    return _form_page(request, "login.html", error="", email="")


@router.post("/login", dependencies=[Depends(check_anon_csrf)])
def login(
    request: Request,
    state: State,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    try:
        signed = accounts.log_in(state.engine, email, password, ip=_client_ip(request), limiter=state.limiter)
    except accounts.LoginRefused as exc:
        status = 429 if exc.retry_after else 401
        page = _form_page(request, "login.html", status, error=str(exc), email=email)
        if exc.retry_after:
            page.headers["Retry-After"] = str(int(exc.retry_after) + 1)
        return page
    response = RedirectResponse("/today", status_code=303)
    set_session_cookie(request, response, signed.session_id)
    return response


@router.post("/logout")
def logout(request: Request, state: State, caller: PageCaller) -> Response:
    if caller.session_id:
        accounts.log_out(state.engine, caller.session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account")
def account_page(request: Request, caller: PageCaller) -> Response:
    return render(request, "account.html", caller=caller, csrf_token=caller.csrf_token, errors={}, done=False)


@router.post("/account/password")
def change_password(
    request: Request,
    state: State,
    caller: PageCaller,
    old_password: Annotated[str, Form(max_length=1024)],
    new_password: Annotated[str, Form(max_length=1024)],
) -> Response:
    try:
        signed = accounts.change_password(state.engine, caller.account, old_password, new_password)
    except accounts.FieldError as exc:
        field = "new_password" if exc.field == "password" else exc.field
        errors = {field: str(exc)}
        return render(
            request, "account.html", 422, caller=caller, csrf_token=caller.csrf_token, errors=errors, done=False
        )
    response = render(
        request, "account.html", caller=caller, csrf_token=signed.csrf_token, errors={}, done=True
    )
    set_session_cookie(request, response, signed.session_id)
    return response

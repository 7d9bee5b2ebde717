"""Accounts: sign-up, log-in/out, server-side sessions, password changes, API tokens, the calendar
feed secret. Passwords are Argon2 hashes (pwdlib); session ids, tokens and feed secrets are random
and only their SHA-256 is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pwdlib import PasswordHash
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from stridelift.services.errors import ServiceError
from stridelift.services.ratelimit import LoginLimiter
from stridelift.store import accounts as q
from stridelift.store import session_scope

SESSION_DAYS = 30
MIN_PASSWORD = 8
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class FieldError(ServiceError):
    """Bad input in one field of a form or request body; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class LoginRefused(ServiceError):
    """Wrong email or password (never says which), or too many failures (`retry_after` seconds)."""

    def __init__(self, message: str, retry_after: float = 0.0) -> None:
        super().__init__(message, code=1)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    email: str
    units: str


@dataclass(frozen=True, slots=True)
class SignedIn:
    account: Account
    session_id: str  # the cookie value; never stored
    csrf_token: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


_hashers: list[PasswordHash] = []


def _hasher() -> PasswordHash:
    if not _hashers:
        _hashers.append(PasswordHash.recommended())
    return _hashers[0]


def set_password_hasher(hasher: PasswordHash) -> None:
    """Tests use cheaper Argon2 parameters; production keeps pwdlib's recommended ones."""
    _hashers[:] = [hasher]
    _dummy_hash.cache_clear()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so both cases cost the same time."""
    return str(_hasher().hash(secrets.token_hex(16)))


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = resources.files("stridelift.data").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def normalize_email(email: str) -> str:
    e = email.strip().lower()
    if len(e) > 254 or not _EMAIL.match(e):
        raise FieldError("email", "not an email address")
    return e


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise FieldError("password", f"at least {MIN_PASSWORD} characters")
    if len(password) > 1024:
        raise FieldError("password", "at most 1024 characters")
    if password.lower() in common_passwords():
        raise FieldError("password", "one of the most common passwords; choose another")


def sign_up(engine: Engine, email: str, password: str, units: str = "kg") -> Account:
    e = normalize_email(email)
    check_password(password)
    if units not in ("kg", "lb"):
        raise FieldError("units", "kg or lb")
    hashed = _hasher().hash(password)
    try:
        with session_scope(engine, write=True) as s:
            row = q.add_user(s, email=e, password_hash=hashed, units=units, now=_now())
            return Account(row.id, row.email, row.units)
    except IntegrityError:
        raise FieldError("email", "an account with this email exists already") from None


def _open_session(engine: Engine, account: Account) -> SignedIn:
    sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    with session_scope(engine, write=True) as s:
        q.add_web_session(
            s,
            id_hash=digest(sid),
            user_id=account.id,
            csrf_token=csrf,
            now=now,
            expires_at=now + dt.timedelta(days=SESSION_DAYS),
        )
    return SignedIn(account, sid, csrf)


def log_in(engine: Engine, email: str, password: str, *, ip: str, limiter: LoginLimiter) -> SignedIn:
    e = email.strip().lower()
    wait = limiter.retry_after(ip, e)
    if wait > 0:
        raise LoginRefused("too many failed log-ins; try again later", retry_after=wait)
    with session_scope(engine) as s:
        row = q.user_by_email(s, e)
        account = Account(row.id, row.email, row.units) if row else None
        stored = row.password_hash if row else _dummy_hash()
    if not _hasher().verify(password, stored) or account is None:
        limiter.failed(ip, e)
        raise LoginRefused("wrong email or password")
    limiter.succeeded(e)
    return _open_session(engine, account)


def session_account(engine: Engine, session_id: str) -> tuple[Account, str] | None:
    """(the signed-in account, its CSRF token) for a live, unrevoked session cookie."""
    with engine.connect() as conn:
        row = q.user_for_web_session(conn, digest(session_id), _now())
    return None if row is None else (Account(row[0], row[1], row[2]), row[3])


def log_out(engine: Engine, session_id: str) -> None:
    with session_scope(engine, write=True) as s:
        q.revoke_web_session(s, digest(session_id), _now())


def change_password(engine: Engine, account: Account, old: str, new: str) -> SignedIn:
    """Every session of the account is revoked; the caller gets a fresh one."""
    check_password(new)
    with session_scope(engine, write=True) as s:
        row = q.user_by_id(s, account.id)
        if row is None or not _hasher().verify(old, row.password_hash):
            raise FieldError("old_password", "not your current password")
        row.password_hash = _hasher().hash(new)
        q.revoke_user_sessions(s, account.id, _now())
    return _open_session(engine, account)


def create_token(engine: Engine, email: str, name: str = "") -> str:
    """A new API token, returned once (only its hash is kept)."""
    token = "slt_" + secrets.token_urlsafe(32)
    with session_scope(engine, write=True) as s:
        row = q.user_by_email(s, email.strip().lower())
        if row is None:
            raise ServiceError(f"no user {email!r}")
        q.add_api_token(s, user_id=row.id, token_hash=digest(token), name=name, now=_now())
    return token


def token_account(engine: Engine, token: str) -> Account | None:
    with engine.connect() as conn:
        row = q.user_for_token(conn, digest(token))
    return None if row is None else Account(*row)


def list_accounts(engine: Engine) -> list[Account]:
    with session_scope(engine) as s:
        return [Account(u.id, u.email, u.units) for u in q.all_users(s)]


def new_calendar_secret(engine: Engine, account: Account) -> str:
    """A fresh secret for the calendar feed URL (the old URL stops working)."""
    secret = secrets.token_urlsafe(24)
    with session_scope(engine, write=True) as s:
        row = q.user_by_id(s, account.id)
        assert row is not None
        row.calendar_secret_hash = digest(secret)
    return secret


def calendar_account(engine: Engine, secret: str) -> Account | None:
    with session_scope(engine) as s:
        row = q.user_by_calendar_secret(s, digest(secret))
        return None if row is None else Account(row.id, row.email, row.units)

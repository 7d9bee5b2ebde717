"""Queries on accounts, server sessions and API tokens. Functions take an open ORM session so a
request's work is one transaction (the caller's `session_scope`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import Session

from stridelift.store.hot_queries import caller_statement
from stridelift.store.web_tables import ApiTokenRow, LoginFailureRow, UserRow, WebSessionRow


def add_user(s: Session, *, email: str, password_hash: str, units: str, now: datetime) -> UserRow:
    row = UserRow(email=email, password_hash=password_hash, units=units, created_at=now)
    s.add(row)
    s.flush()
    return row


def user_by_email(s: Session, email: str) -> UserRow | None:
    return s.scalars(select(UserRow).where(UserRow.email == email)).one_or_none()


def user_by_id(s: Session, user_id: int) -> UserRow | None:
    return s.get(UserRow, user_id)


def user_by_calendar_secret(s: Session, secret_hash: str) -> UserRow | None:
    return s.scalars(select(UserRow).where(UserRow.calendar_secret_hash == secret_hash)).one_or_none()


def all_users(s: Session) -> list[UserRow]:
    return list(s.scalars(select(UserRow).order_by(UserRow.email)))


def add_web_session(
    s: Session, *, id_hash: str, user_id: int, csrf_token: str, now: datetime, expires_at: datetime
) -> None:
    s.add(WebSessionRow(id_hash=id_hash, user_id=user_id, csrf_token=csrf_token, created_at=now, expires_at=expires_at))


def live_web_session(s: Session, id_hash: str, now: datetime) -> WebSessionRow | None:
    row = s.get(WebSessionRow, id_hash)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    return row


def revoke_web_session(s: Session, id_hash: str, now: datetime) -> None:
    s.execute(update(WebSessionRow).where(WebSessionRow.id_hash == id_hash).values(revoked_at=now))


def revoke_user_sessions(s: Session, user_id: int, now: datetime, *, keep: str | None = None) -> None:
    q = update(WebSessionRow).where(WebSessionRow.user_id == user_id, WebSessionRow.revoked_at.is_(None))
    if keep is not None:
        q = q.where(WebSessionRow.id_hash != keep)
    s.execute(q.values(revoked_at=now))


def add_api_token(s: Session, *, user_id: int, token_hash: str, name: str, now: datetime) -> None:
    s.add(ApiTokenRow(user_id=user_id, token_hash=token_hash, name=name, created_at=now))


# The caller statements of the hot paths, built once (building one costs as much as running it).
_TOKEN_OWNER = caller_statement("token", "caller")
_SESSION_OWNER = caller_statement("session", "caller")


def user_for_token(conn: Connection, token_hash: str) -> tuple[int, str, str] | None:
    """(id, email, units) of a live token's owner, in one indexed query (it runs on every API request;
    Core on a plain connection, no ORM session)."""
    row = conn.execute(_TOKEN_OWNER, {"h": token_hash}).first()
    return None if row is None else (row[0], row[1], row[2])


def user_for_web_session(conn: Connection, id_hash: str, now: datetime) -> tuple[int, str, str, str] | None:
    """(id, email, units, CSRF token) for a live session, in one indexed query."""
    row = conn.execute(_SESSION_OWNER, {"h": id_hash, "now": now}).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


def user_id_for_token(s: Session, token_hash: str) -> int | None:
    row = s.scalars(
        select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked_at.is_(None))
    ).one_or_none()
    return None if row is None else row.user_id


def recent_failures(conn: Connection, key: str, since: float) -> tuple[int, float | None]:
    """(how many failed log-ins `key` has after `since`, the oldest of them)."""
    row = conn.execute(
        select(func.count(LoginFailureRow.id), func.min(LoginFailureRow.at)).where(
            LoginFailureRow.key == key, LoginFailureRow.at > since
        )
    ).one()
    return int(row[0]), row[1]


def add_failure(conn: Connection, key: str, at: float, forget_before: float) -> None:
    """Count a failure of `key`, forgetting its failures too old to count any more."""
    conn.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key, LoginFailureRow.at <= forget_before))
    conn.execute(insert(LoginFailureRow).values(key=key, at=at))


def clear_failures(conn: Connection, key: str) -> None:
    conn.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))

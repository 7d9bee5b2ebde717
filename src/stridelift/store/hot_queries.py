"""The queries of the two hottest requests, "today's session" and "log a set", in SQLAlchemy Core on
a plain connection (no ORM unit of work), each statement built once. Every query is scoped by
`user_id`, like the ORM ones in `training_log`."""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Insert, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from stridelift.store.web_tables import PlanRow, ProfileRow, SessionLogRow, SetLogRow

_SETS = SetLogRow.__table__
_SESSION_LOGS = SessionLogRow.__table__

# The current plan, the profile version it came from, and a fingerprint of the runner's logged sets
# (the highest id and the count: sets are only ever added, one new id each, so any new set changes it).
_VIEW_VERSION = (
    select(
        PlanRow.id,
        ProfileRow.version,
        select(func.max(SetLogRow.id)).where(SetLogRow.user_id == bindparam("u")).scalar_subquery(),
        select(func.count(SetLogRow.id)).where(SetLogRow.user_id == bindparam("u")).scalar_subquery(),
    )
    .join(ProfileRow, PlanRow.profile_id == ProfileRow.id)
    .where(PlanRow.user_id == bindparam("u"), PlanRow.is_current)
)


def view_version(conn: Connection, user_id: int) -> tuple[int, int, int, int] | None:
    """(current plan id, profile version, highest set id, number of sets) in one query; None
    without a plan."""
    row = conn.execute(_VIEW_VERSION, {"u": user_id}).first()
    return None if row is None else (row[0], row[1], row[2] or 0, row[3] or 0)


_SESSION_LOG_ID = select(SessionLogRow.id).where(
    SessionLogRow.user_id == bindparam("u"), SessionLogRow.session_key == bindparam("k")
)


def _insert_ignoring_duplicates(conn: Connection, table: Any, conflict: tuple[str, ...]) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL both have it): a duplicate is no
    error, so no savepoint is needed around the insert. Built once per dialect and table."""
    return _ignoring_insert(conn.dialect.name, table, conflict)


@functools.cache
def _ignoring_insert(dialect: str, table: Any, conflict: tuple[str, ...]) -> Insert:
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=list(conflict))
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=list(conflict))
    return insert(table)  # other backends: a duplicate raises IntegrityError (the caller's retry reads it)


def session_log_id(conn: Connection, user_id: int, key: str, day: date, plan_id: int | None) -> int:
    """The id of planned session `key`'s log, created on first use (a concurrent creation is fine)."""
    found = conn.execute(_SESSION_LOG_ID, {"u": user_id, "k": key}).scalar()
    if found is None:
        stmt = _insert_ignoring_duplicates(conn, _SESSION_LOGS, ("user_id", "session_key"))
        conn.execute(stmt, {"user_id": user_id, "session_key": key, "day": day, "plan_id": plan_id, "note": ""})
        found = conn.execute(_SESSION_LOG_ID, {"u": user_id, "k": key}).scalar_one()
    return int(found)


_SET_BY_UUID = select(
    SetLogRow.user_id,
    SessionLogRow.session_key,
    SessionLogRow.day,
    SetLogRow.exercise_id,
    SetLogRow.set_index,
    SetLogRow.reps,
    SetLogRow.seconds,
    SetLogRow.load_kg,
    SetLogRow.rpe,
    SetLogRow.rir,
    SetLogRow.warmup,
    SetLogRow.performed_at,
).join(SessionLogRow, SetLogRow.session_log_id == SessionLogRow.id).where(SetLogRow.client_uuid == bindparam("c"))


def add_set(conn: Connection, values: dict[str, Any]) -> bool:
    """Store the set unless its `client_uuid` is known: True when it was stored now."""
    # RETURNING, not rowcount: PostgreSQL's driver reports -1 when SQLAlchemy adds its own RETURNING
    return conn.execute(_returning_id(conn.dialect.name), values).first() is not None


@functools.cache
def _returning_id(dialect: str) -> Insert:
    return _ignoring_insert(dialect, _SETS, ("client_uuid",)).returning(_SETS.c.id)


def set_by_uuid(conn: Connection, client_uuid: str) -> tuple[int, str, date, dict[str, Any]] | None:
    """(owner's user id, session key, session day, the set's columns) of a stored set."""
    row = conn.execute(_SET_BY_UUID, {"c": client_uuid}).first()
    if row is None:
        return None
    m = row._mapping
    cols = {k: m[k] for k in ("exercise_id", "set_index", "reps", "seconds", "load_kg", "rpe", "rir", "warmup")}
    performed: datetime = m["performed_at"]
    return int(m["user_id"]), str(m["session_key"]), m["day"], cols | {"performed_at": performed}

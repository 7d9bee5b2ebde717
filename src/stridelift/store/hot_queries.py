"""The queries of the two hottest requests, "today's session" and "log a set", in SQLAlchemy Core on
a plain connection (no ORM unit of work), each statement built once. Every query is scoped by
`user_id`, like the ORM ones in `training_log`."""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Insert,
    Select,
    Table,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite

from stridelift.store.models import UtcDateTime
from stridelift.store.web_tables import (
    ApiTokenRow,
    PlanRow,
    ProfileRow,
    SessionLogRow,
    SetLogRow,
    UserRow,
    WebSessionRow,
)

_SETS = cast(Table, SetLogRow.__table__)
_SESSION_LOGS = cast(Table, SessionLogRow.__table__)

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


# Who is asking, with what the request needs next, in the same query: the caller's (id, email,
# units, CSRF token or NULL for a token), then with "plan" the current plan's (id, profile version)
# (NULLs without a plan), and with "view" also the logged sets' fingerprint (highest id, count).
# The credential is the SHA-256 of the bearer token or of the session cookie; `now` for sessions.
CALLER_EXTENTS = ("caller", "plan", "view")


@functools.cache
def caller_statement(kind: str, extent: str) -> Select[*tuple[Any, ...]]:
    """The caller query for `kind` "token" or "session" and an extent of CALLER_EXTENTS."""
    stmt: Select[*tuple[Any, ...]]
    if kind == "token":
        stmt = (
            select(UserRow.id, UserRow.email, UserRow.units, null().label("csrf"))
            .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_hash == bindparam("h"), ApiTokenRow.revoked_at.is_(None))
        )
    elif kind == "session":
        stmt = (
            select(UserRow.id, UserRow.email, UserRow.units, WebSessionRow.csrf_token)
            .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
            .where(
                WebSessionRow.id_hash == bindparam("h"),
                WebSessionRow.revoked_at.is_(None),
                WebSessionRow.expires_at > bindparam("now", type_=UtcDateTime()),
            )
        )
    else:
        raise ValueError(kind)
    if extent == "caller":
        return stmt
    stmt = (
        stmt.outerjoin(PlanRow, and_(PlanRow.user_id == UserRow.id, PlanRow.is_current))
        .outerjoin(ProfileRow, PlanRow.profile_id == ProfileRow.id)
        .add_columns(PlanRow.id, ProfileRow.version)
    )
    if extent == "plan":
        return stmt
    if extent != "view":
        raise ValueError(extent)
    return stmt.add_columns(
        select(func.max(SetLogRow.id)).where(SetLogRow.user_id == UserRow.id).scalar_subquery(),
        select(func.count(SetLogRow.id)).where(SetLogRow.user_id == UserRow.id).scalar_subquery(),
    )


def caller_row(conn: Connection, kind: str, extent: str, params: dict[str, Any]) -> tuple[Any, ...] | None:
    row = conn.execute(caller_statement(kind, extent), params).first()
    return None if row is None else tuple(row)


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


_SET_BY_UUID: Select[*tuple[Any, ...]] = select(
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


_SET_COLUMNS = ("client_uuid", "user_id", "exercise_id", "set_index", "reps", "seconds", "load_kg", "rpe", "rir",
                "warmup", "performed_at", "received_at")  # fmt: skip


@functools.cache
def pg_log_set_statement() -> Insert:
    """PostgreSQL: the set and, on a session's first set, its session log, in ONE statement (so one
    round trip and one commit): the session log is found, or inserted when it is not there, and the
    set is inserted unless its `client_uuid` is known, returning its id when it was stored now.

    Two first sets of one session at the same instant: the later statement's snapshot misses the
    log the other just committed, its session_log_id is NULL and it fails (NOT NULL); the caller
    sends it again, and then it finds the log."""
    found = select(_SESSION_LOGS.c.id).where(
        _SESSION_LOGS.c.user_id == bindparam("user_id"), _SESSION_LOGS.c.session_key == bindparam("session_key")
    ).cte("found_log")
    cols = _SESSION_LOGS.c
    new_log = (
        postgresql.insert(_SESSION_LOGS)
        .from_select(
            ["user_id", "session_key", "day", "plan_id", "note"],
            select(
                bindparam("user_id", type_=cols.user_id.type),
                bindparam("session_key", type_=cols.session_key.type),
                bindparam("day", type_=cols.day.type),
                bindparam("plan_id", type_=cols.plan_id.type),
                literal("", type_=cols.note.type),
            ).where(~exists(select(found.c.id))),
        )
        .on_conflict_do_nothing(index_elements=["user_id", "session_key"])
        .returning(cols.id)
        .cte("new_log")
    )
    log_id = union_all(select(found.c.id), select(new_log.c.id)).limit(1).scalar_subquery()
    values: dict[str, Any] = {c: bindparam(c, type_=_SETS.c[c].type) for c in _SET_COLUMNS}
    return (
        postgresql.insert(_SETS)
        .values(**values, session_log_id=log_id)
        .on_conflict_do_nothing(index_elements=["client_uuid"])
        .returning(_SETS.c.id)
    )


@functools.cache
def sqlite_log_set_statement() -> Insert:
    """SQLite: the set in ONE statement (its own transaction) when its session's log exists: the
    log's id is read in the INSERT. Without the log (a session's first set) session_log_id is NULL
    and the statement fails (NOT NULL) having written nothing: the caller then takes the
    transaction that creates the log. Returns the set's id when it was stored now (nothing when
    its `client_uuid` is known)."""
    values: dict[str, Any] = {c: bindparam(c, type_=_SETS.c[c].type) for c in _SET_COLUMNS}
    log_id = (
        select(_SESSION_LOGS.c.id)
        .where(_SESSION_LOGS.c.user_id == values["user_id"], _SESSION_LOGS.c.session_key == bindparam("session_key"))
        .scalar_subquery()
    )
    return (
        sqlite.insert(_SETS)
        .values(**values, session_log_id=log_id)
        .on_conflict_do_nothing(index_elements=["client_uuid"])
        .returning(_SETS.c.id)
    )


def set_by_uuid_statement() -> Select[*tuple[Any, ...]]:
    """The columns `set_by_uuid` reads, in that order (parameter `c`: the client UUID)."""
    return _SET_BY_UUID


_PLAN_TEXT = select(PlanRow.plan_json).where(PlanRow.id == bindparam("p"))


def plan_text_statement() -> Select[*tuple[Any, ...]]:
    """A stored plan's JSON (parameter `p`: its id)."""
    return _PLAN_TEXT

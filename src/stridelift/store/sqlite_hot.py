"""The hot requests' statements on SQLite, sent on the pooled sqlite3 connection itself.

The statements are the SQLAlchemy Core ones of `hot_queries`, compiled once for SQLite with the
bind processors of their columns' types (so values are stored exactly as SQLAlchemy stores them:
dates and UTC times as text, booleans as 0/1). The connections are in SQLite's autocommit mode
(`db.create_engine_for`: BEGIN is only ever sent explicitly), so one statement is one
transaction: a set is written by one INSERT, which holds the database's write lock only while it
runs, instead of a BEGIN IMMEDIATE ... COMMIT around three statements, and another worker process
that wants the lock waits for less.

A write that finds the lock taken waits on the event loop (`write`): SQLite's own busy handler
sleeps the calling thread (1, 2, 5, 10, 15 ms...), and on the loop that thread is every request of
the worker, which then all wait for another process's write (measured: 150 calls a worker over
5 ms, 3 s of stalled loop in 20 s of bench/web.py).
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import time
from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from .db import BUSY_TIMEOUT_MS

_Processor = Callable[[Any], Any] | None


@functools.cache
def compiled(
    stmt: ClauseElement, dialect: Dialect
) -> tuple[str, tuple[str, ...], tuple[_Processor, ...], dict[str, Any]]:
    """(SQL with ? parameters, the parameter names in order, their bind processors, the values the
    statement fixes itself), built once per statement."""
    comp = cast(SQLCompiler, stmt.compile(dialect=dialect))
    names = tuple(comp.positiontup or ())
    procs = tuple(comp.binds[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names)
    fixed = {n: b.effective_value for n, b in comp.binds.items() if not b.required}
    return str(comp), names, procs, fixed


_BUSY = 5  # SQLITE_BUSY: another connection holds the lock
_WAITS_S = (0.0, 0.0005, 0.001, 0.002)  # between tries of a write (then the last, again)


def _values(engine: Engine, stmt: ClauseElement, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    sql, names, procs, fixed = compiled(stmt, engine.dialect)
    given = {**fixed, **params} if fixed else params
    return sql, [given[n] if p is None or given[n] is None else p(given[n]) for n, p in zip(names, procs, strict=True)]


def _run(raw: Any, sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
    cur = raw.driver_connection.execute(sql, values)
    try:
        return [tuple(r) for r in cur.fetchall()]
    finally:
        cur.close()


def fetch(engine: Engine, stmt: ClauseElement, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of one statement, run as its own transaction on a pooled connection."""
    sql, values = _values(engine, stmt, params)
    raw = engine.raw_connection()
    try:
        return _run(raw, sql, values)
    finally:
        raw.close()


def try_write(engine: Engine, sql: str, values: list[Any]) -> list[tuple[Any, ...]] | None:
    """The rows of one writing statement, or None (nothing written) when another connection holds
    the write lock: SQLite's busy wait is off for this statement."""
    raw = engine.raw_connection()
    conn = raw.driver_connection
    try:
        conn.execute("PRAGMA busy_timeout = 0")  # type: ignore[union-attr]
        try:
            return _run(raw, sql, values)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != _BUSY:
                raise
            return None
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # type: ignore[union-attr]
    finally:
        raw.close()


async def write(
    engine: Engine, stmt: ClauseElement, params: Mapping[str, Any], timeout_s: float = BUSY_TIMEOUT_MS / 1000
) -> list[tuple[Any, ...]]:
    """`fetch` for a statement that writes, from the event loop: while another process holds the
    write lock, this waits with asyncio (the loop serves other requests meanwhile, and no pooled
    connection is held), as long as SQLite's busy timeout would; then it raises SQLite's error."""
    sql, values = _values(engine, stmt, params)
    deadline = time.monotonic() + timeout_s
    tries = 0
    while True:
        rows = try_write(engine, sql, values)
        if rows is not None:
            return rows
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")
        await asyncio.sleep(_WAITS_S[min(tries, len(_WAITS_S) - 1)])
        tries += 1

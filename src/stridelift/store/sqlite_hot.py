"""The hot requests' statements on SQLite, sent on the pooled sqlite3 connection itself.

The statements are the SQLAlchemy Core ones of `hot_queries`, compiled once for SQLite with the
bind processors of their columns' types (so values are stored exactly as SQLAlchemy stores them:
dates and UTC times as text, booleans as 0/1). The connections are in SQLite's autocommit mode
(`db.create_engine_for`: BEGIN is only ever sent explicitly), so one statement is one
transaction: a set is written by one INSERT, which holds the database's write lock only while it
runs, instead of a BEGIN IMMEDIATE ... COMMIT around three statements, and another worker process
that wants the lock waits for less (it waits on the event loop).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

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


def fetch(engine: Engine, stmt: ClauseElement, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of one statement, run as its own transaction on a pooled connection."""
    sql, names, procs, fixed = compiled(stmt, engine.dialect)
    given = {**fixed, **params} if fixed else params
    values = [given[n] if p is None or given[n] is None else p(given[n]) for n, p in zip(names, procs, strict=True)]
    raw = engine.raw_connection()
    try:
        cur = raw.driver_connection.execute(sql, values)  # type: ignore[union-attr]
        try:
            return [tuple(r) for r in cur.fetchall()]
        finally:
            cur.close()
    finally:
        raw.close()

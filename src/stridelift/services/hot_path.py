"""The database work of the app's hottest requests, awaitable from the event loop: who is asking
(with, in the same query, the current plan and the logged sets' fingerprint when the request
needs them) and logging a set.

SQLite runs it on the event loop, on the pooled sqlite3 connection (`store.sqlite_hot`): the
database is in this process and a WAL commit does not wait for the disk, so a hop to a worker
thread and back would cost more than the query; a set is one autocommit INSERT, so the write lock
another worker process may wait for is held only while it runs, and it is waited for on the
loop. PostgreSQL (psycopg) runs it on psycopg's async connections (`store.pg_async`): each
statement is one round trip from the loop, and a set is stored, with its session's log on the
first set, in one statement that commits before it is acknowledged. Any other database goes to a worker thread.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine

from stridelift.services import training
from stridelift.services.accounts import Account, digest
from stridelift.store import hot_queries as hot
from stridelift.store import sqlite_hot

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found:
    """The caller of a request and what its extent asked for."""

    account: Account
    csrf_token: str | None  # None for bearer tokens
    plan: tuple[int, int] | None = None  # (current plan id, profile version); None without a plan
    view: tuple[int, int, int, int] | None = None  # plan + (highest set id, number of sets)


def _found(row: tuple[Any, ...] | None, extent: str) -> Found | None:
    if row is None:
        return None
    account = Account(int(row[0]), str(row[1]), str(row[2]))
    plan = None if extent == "caller" or row[4] is None else (int(row[4]), int(row[5]))
    view = None
    if extent == "view" and plan is not None:
        view = (*plan, int(row[6] or 0), int(row[7] or 0))
    return Found(account, row[3], plan, view)


class HotPath:
    """The hot requests' database work for one engine (one per app)."""

    def __init__(self, engine: Engine, pool_size: int | None = None) -> None:
        """`pool_size`: PostgreSQL connections per event loop (default `pg_async.POOL_SIZE`)."""
        self.engine = engine
        self.mode = _mode(engine)
        self._pools: Any = None
        if self.mode == "async":
            from stridelift.store.pg_async import POOL_SIZE, LoopPools

            self._pools = LoopPools(engine, pool_size or POOL_SIZE)

    async def open_pool(self) -> int:
        """Open this event loop's database connections now (PostgreSQL; nothing to open on SQLite):
        the number open. A failure is the first request's to report, as without this."""
        if self._pools is None:
            return 0
        import psycopg

        try:
            return int(await self._pools.fill())
        except psycopg.Error:
            return 0

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A short synchronous database call: inline on SQLite, else on a worker thread."""
        if self.mode == "inline":
            return fn(*args, **kwargs)
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def caller(self, kind: str, secret: str, extent: str = "caller") -> Found | None:
        """Who holds bearer token (`kind` "token") or session cookie ("session") `secret`, in one
        indexed query; `extent` "plan" or "view" adds the current plan, and the sets' fingerprint."""
        params: dict[str, Any] = {"h": digest(secret)}
        if kind == "session":
            params["now"] = dt.datetime.now(dt.UTC)
        stmt = hot.caller_statement(kind, extent)
        if self.mode == "async":
            rows = await self._pools.pool().fetch(stmt, params)
            return _found(rows[0] if rows else None, extent)
        if self.mode == "inline":
            rows = sqlite_hot.fetch(self.engine, stmt, params)
            return _found(rows[0] if rows else None, extent)
        return _found(await self.run(self._caller_sync, kind, extent, params), extent)

    def _caller_sync(self, kind: str, extent: str, params: dict[str, Any]) -> tuple[Any, ...] | None:
        with self.engine.connect() as conn:
            return hot.caller_row(conn, kind, extent, params)

    async def log_set(
        self, account: Account, plan: tuple[int, int] | None, data: training.SetIn
    ) -> tuple[training.SetOut, bool]:
        """`training.log_set` with the current plan the caller query found (None: NotFound)."""
        if plan is None:
            raise training.NotFound("plan")
        if self.mode == "inline":
            return await self._log_set_sqlite(account, plan, data)
        if self.mode != "async":
            return await self.run(training.log_set, self.engine, account, data, plan)
        cur = await self._current(plan)
        new = training.set_row(self.engine, account, cur, data)
        params = {**new.values, "session_key": data.session_key, "day": new.day, "plan_id": new.plan_id}
        pool = self._pools.pool()
        try:
            rows = await pool.fetch(hot.pg_log_set_statement(), params)
        except _not_null_violation():  # a first set of this session raced another one: see the statement
            rows = await pool.fetch(hot.pg_log_set_statement(), params)
        if rows:
            return new.out, True
        found = await pool.fetch(hot.set_by_uuid_statement(), {"c": data.client_uuid})
        return training.known_set(account, data, _known(found)), False

    async def _log_set_sqlite(
        self, account: Account, plan: tuple[int, int], data: training.SetIn
    ) -> tuple[training.SetOut, bool]:
        """One INSERT when the session's log exists (the usual case; it waits for another process's
        write on the loop: `sqlite_hot.write`); else `training.log_set`."""
        import sqlite3

        new = training.set_row(self.engine, account, training.plan_by_ref(self.engine, plan), data)
        try:
            rows = await sqlite_hot.write(self.engine, hot.sqlite_log_set_statement(),
                                          {**new.values, "session_key": data.session_key})  # fmt: skip
        except sqlite3.IntegrityError:  # no log for this session yet (nothing was written)
            return training.log_set(self.engine, account, data, plan)
        if rows:
            return new.out, True
        return training.log_set(self.engine, account, data, plan)  # a known UUID: answered from the database

    async def _current(self, plan: tuple[int, int]) -> training.CurrentPlan:
        parsed = training.cached_plan(self.engine, plan[0])
        if parsed is None:
            rows = await self._pools.pool().fetch(hot.plan_text_statement(), {"p": plan[0]})
            parsed = training.cached_plan(self.engine, plan[0], str(rows[0][0]) if rows else "{}")
        if parsed is None:
            raise training.NotFound("plan")
        return training.CurrentPlan(plan[0], plan[1], parsed)

    async def close(self) -> None:
        """Close this event loop's connections (the app's shutdown)."""
        if self._pools is not None:
            await self._pools.close()


def _mode(engine: Engine) -> str:
    if engine.dialect.name == "sqlite":
        return "inline"
    if engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg":
        return "async"
    return "thread"


def _not_null_violation() -> type[Exception]:
    from psycopg.errors import NotNullViolation

    return NotNullViolation


def _known(rows: list[tuple[Any, ...]]) -> tuple[int, str, dt.date, dict[str, Any]] | None:
    """`hot.set_by_uuid`'s answer from the raw row of its statement."""
    if not rows:
        return None
    user_id, key, day, exercise_id, set_index, reps, seconds, load_kg, rpe, rir, warmup, performed = rows[0]
    cols = {"exercise_id": exercise_id, "set_index": set_index, "reps": reps, "seconds": seconds,
            "load_kg": load_kg, "rpe": rpe, "rir": rir, "warmup": bool(warmup),
            "performed_at": performed.astimezone(dt.UTC)}  # fmt: skip
    return int(user_id), str(key), day, cols

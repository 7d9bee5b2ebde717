"""The hot requests' statements on PostgreSQL from the event loop: psycopg's async connection, a
small pool of them per event loop, no thread hop.

The statements are the SQLAlchemy Core ones of `hot_queries`, compiled once for PostgreSQL and
sent as text, so there is one definition of each query. Connections are in autocommit mode:
every statement here is a whole transaction of its own (no BEGIN, COMMIT or ROLLBACK round trip,
and a write is acknowledged only once PostgreSQL has committed it, with the server's
`synchronous_commit`); psycopg prepares each statement on a connection after its first use.
A connection that fails is dropped, and a statement that failed on a connection that was idle
in the pool (the server restarted, a proxy cut it) is sent once more on a new one: every
statement here can be repeated safely (reads, and inserts that do nothing when the row is there).
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from collections import deque
from collections.abc import Mapping, Sequence
from typing import Any, Final, cast

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

POOL_SIZE: Final = 10  # per worker process by default (`serve` sets config.Settings.pg_pool_size)


@functools.cache
def compiled_sql(stmt: ClauseElement, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """The statement as `dialect` (psycopg's) text with %(name)s parameters, and the values of the
    parameters the statement itself fixes (a literal, a LIMIT); built once."""
    compiled = cast(SQLCompiler, stmt.compile(dialect=dialect))
    fixed = {name: bind.effective_value for name, bind in compiled.binds.items() if not bind.required}
    return str(compiled), fixed


class AsyncPool:
    """At most `size` autocommit connections of one event loop; a caller waits for a free one."""

    def __init__(self, conninfo: Mapping[str, Any], dialect: Dialect, size: int = POOL_SIZE) -> None:
        self._conninfo = dict(conninfo)
        self._dialect = dialect
        self._closing: set[asyncio.Task[None]] = set()
        self._size = size
        self._idle: deque[Any] = deque()
        self._open = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._closed = False

    async def _new(self) -> Any:
        import psycopg

        return await psycopg.AsyncConnection.connect(autocommit=True, prepare_threshold=0, **self._conninfo)

    async def _acquire(self) -> tuple[Any, bool]:
        """(a connection, whether it was idle in the pool)."""
        while True:
            if self._closed:
                raise RuntimeError("the pool is closed")
            if self._idle:
                return self._idle.pop(), True
            if self._open < self._size:
                self._open += 1
                try:
                    return await self._new(), False
                except BaseException:
                    self._open -= 1
                    self._wake()
                    raise
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except BaseException:
                if not waiter.cancelled() and waiter.done():
                    self._wake()  # it was woken for a connection it will not take: pass it on
                raise

    def _wake(self) -> None:
        while self._waiters:
            w = self._waiters.popleft()
            if not w.done():
                w.set_result(None)
                return

    def _release(self, conn: Any, *, broken: bool) -> None:
        if broken or self._closed or conn.closed:
            self._open -= 1
            if not conn.closed:
                task = asyncio.ensure_future(conn.close())
                self._closing.add(task)
                task.add_done_callback(self._closing.discard)
        else:
            self._idle.append(conn)
        self._wake()

    async def fetch(self, stmt: ClauseElement, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of one statement (its own transaction); sent again once on a fresh connection
        when a pooled one turns out to be dead."""
        import psycopg

        sql, fixed = compiled_sql(stmt, self._dialect)
        params = {**fixed, **params} if fixed else params

        for attempt in (0, 1):
            conn, was_idle = await self._acquire()
            broken = True
            try:
                cur = await conn.execute(sql, params)
                rows: list[tuple[Any, ...]] = await cur.fetchall() if cur.description is not None else []
                broken = False
                return rows
            except psycopg.Error as exc:
                broken = bool(conn.broken)
                if attempt or not was_idle or not broken or not isinstance(exc, psycopg.OperationalError):
                    raise
            finally:
                self._release(conn, broken=broken)  # anything but a database error (a cancel): dropped
        raise AssertionError("unreachable")

    async def fill(self) -> int:
        """Open every connection the pool may hold now, at once (a worker's start): otherwise the
        first burst of requests waits for them to be opened one by one, each a new PostgreSQL
        backend. The number of idle connections after."""
        missing = self._size - self._open
        if missing <= 0 or self._closed:
            return len(self._idle)
        self._open += missing
        opened = await asyncio.gather(*(self._new() for _ in range(missing)), return_exceptions=True)
        for conn in opened:
            if isinstance(conn, BaseException):
                self._open -= 1
            else:
                self._release(conn, broken=False)
        failed = next((c for c in opened if isinstance(c, BaseException)), None)
        if failed is not None:
            raise failed
        return len(self._idle)

    def discard(self) -> None:
        """Close the idle connections without a loop (theirs is gone)."""
        self._closed = True
        while self._idle:
            conn = self._idle.pop()  # held: the connection must not be deleted before it is closed
            conn.pgconn.finish()
            self._open -= 1

    async def close(self) -> None:
        self._closed = True
        while self._idle:
            conn = self._idle.pop()
            self._open -= 1
            await conn.close()
        while self._waiters:
            w = self._waiters.popleft()
            if not w.done():
                w.set_exception(RuntimeError("the pool is closed"))


def conninfo_of(engine: Engine) -> dict[str, Any]:
    """The keyword arguments psycopg.connect gets from `engine`'s URL (host, user, dbname, options...)."""
    args, kwargs = engine.dialect.create_connect_args(engine.url)
    if args:
        kwargs = {"conninfo": args[0], **kwargs}
    return dict(kwargs)


class LoopPools:
    """One pool per event loop (a pool's connections and waiters belong to the loop that made them:
    a worker process has one; tests may run several)."""

    def __init__(self, engine: Engine, size: int = POOL_SIZE) -> None:
        self._conninfo = conninfo_of(engine)
        self._dialect = engine.dialect
        self._size = size
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncPool] = weakref.WeakKeyDictionary()

    def pool(self) -> AsyncPool:
        loop = asyncio.get_running_loop()
        found = self._pools.get(loop)
        if found is None:
            found = self._pools[loop] = AsyncPool(self._conninfo, self._dialect, self._size)
            weakref.finalize(loop, found.discard)  # a loop that ends without the app's shutdown
        return found

    async def fill(self) -> int:
        """Open the running loop's pool in full (see `AsyncPool.fill`)."""
        return await self.pool().fill()

    async def close(self) -> None:
        """Close the running loop's pool (at the app's shutdown)."""
        found = self._pools.pop(asyncio.get_running_loop(), None)
        if found is not None:
            await found.close()


def first(rows: Sequence[tuple[Any, ...]]) -> tuple[Any, ...] | None:
    return rows[0] if rows else None

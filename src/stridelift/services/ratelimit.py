"""Failed log-in counting per IP and per account, in a sliding window.

`stridelift serve` may run several worker processes, so the web app counts in the database
(`DbFailureLimiter`): a failure seen by one worker counts in every other, and a restart forgets
nothing. `FailureLimiter` keeps the counts in one process's memory (tests and embedding).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Engine

from stridelift.store import accounts as q
from stridelift.store.db import WRITE


class Limiter(Protocol):
    def retry_after(self, key: str) -> float: ...
    def fail(self, key: str) -> None: ...
    def reset(self, key: str) -> None: ...


class FailureLimiter:
    """At most `limit` failures per key within `window_s`; older failures age out. In memory."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        q = self._fails.setdefault(key, deque())
        cutoff = self._clock() - self.window_s
        while q and q[0] <= cutoff:
            q.popleft()
        return q

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may try again; 0 when it may now."""
        with self._lock:
            q = self._recent(key)
            if len(q) < self.limit:
                return 0.0
            return max(0.0, q[0] + self.window_s - self._clock())

    def fail(self, key: str) -> None:
        with self._lock:
            self._recent(key).append(self._clock())

    def reset(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)


class DbFailureLimiter:
    """The same sliding window, counted in the database (shared by every process using it); the
    clock is Unix time, which processes share (a monotonic clock is per boot and process)."""

    def __init__(
        self, engine: Engine, prefix: str, limit: int, window_s: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.engine = engine
        self.prefix = prefix
        self.limit = limit
        self.window_s = window_s
        self._clock = clock

    def retry_after(self, key: str) -> float:
        now = self._clock()
        with self.engine.connect() as conn:
            count, oldest = q.recent_failures(conn, self.prefix + key, now - self.window_s)
        if count < self.limit or oldest is None:
            return 0.0
        return max(0.0, oldest + self.window_s - now)

    def fail(self, key: str) -> None:
        now = self._clock()
        with self.engine.execution_options(**WRITE).begin() as conn:
            q.add_failure(conn, self.prefix + key, now, now - self.window_s)

    def reset(self, key: str) -> None:
        with self.engine.execution_options(**WRITE).begin() as conn:
            q.clear_failures(conn, self.prefix + key)


class LoginLimiter:
    """Per IP (many accounts from one address) and per account (one account from many addresses).
    With `engine`, counted in that database (every worker process sees the same counts)."""

    def __init__(
        self,
        per_ip: int = 20,
        per_account: int = 5,
        window_s: float = 900.0,
        clock: Callable[[], float] | None = None,
        *,
        engine: Engine | None = None,
    ) -> None:
        self.ip: Limiter
        self.account: Limiter
        if engine is None:
            self.ip = FailureLimiter(per_ip, window_s, clock or time.monotonic)
            self.account = FailureLimiter(per_account, window_s, clock or time.monotonic)
        else:
            self.ip = DbFailureLimiter(engine, "ip:", per_ip, window_s, clock or time.time)
            self.account = DbFailureLimiter(engine, "account:", per_account, window_s, clock or time.time)

    def retry_after(self, ip: str, email: str) -> float:
        return max(self.ip.retry_after(ip), self.account.retry_after(email))

    def failed(self, ip: str, email: str) -> None:
        self.ip.fail(ip)
        self.account.fail(email)

    def succeeded(self, email: str) -> None:
        self.account.reset(email)

"""Failed log-in counting per IP and per account, in a sliding window.

Kept in process memory: `stridelift serve` runs one process, and a restart forgetting the counts
only gives an attacker one more window. Several worker processes would need the database instead.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class FailureLimiter:
    """At most `limit` failures per key within `window_s`; older failures age out."""

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


class LoginLimiter:
    """Per IP (many accounts from one address) and per account (one account from many addresses)."""

    def __init__(
        self,
        per_ip: int = 20,
        per_account: int = 5,
        window_s: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ip = FailureLimiter(per_ip, window_s, clock)
        self.account = FailureLimiter(per_account, window_s, clock)

    def retry_after(self, ip: str, email: str) -> float:
        return max(self.ip.retry_after(ip), self.account.retry_after(email))

    def failed(self, ip: str, email: str) -> None:
        self.ip.fail(ip)
        self.account.fail(email)

    def succeeded(self, email: str) -> None:
        self.account.reset(email)

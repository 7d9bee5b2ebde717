"""Several uvicorn worker processes on one port, each with its own listening socket (SO_REUSEPORT),
so the kernel spreads new connections evenly between them.

uvicorn's own `workers=N` shares one listening socket: every worker is woken by a new connection
and the first one to run accepts all that are waiting, so a burst of connections lands unevenly
(measured by bench/web.py: 50 keep-alive clients split 41/9 and 40/10, and the crowded worker's
requests wait four times longer). With a socket per worker the kernel picks the socket of each
connection from a hash of its addresses, whoever is running.

The parent only supervises: it starts the workers, replaces one that dies, and stops them all on
SIGINT or SIGTERM. A worker that cannot start (the port is taken, the database cannot be opened)
stops the server instead of being restarted in a loop. SO_REUSEPORT lets another process of the
same user listen on the same port too; the parent holds a bound socket of its own while it runs,
so a server that does not use SO_REUSEPORT still finds the port taken.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

STARTUP_FAILURE = 3  # uvicorn's exit code for a server that could not start


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port with SO_REUSEPORT (not yet listening: uvicorn listens)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


@dataclass(frozen=True)
class WorkerOptions:
    """What each worker passes to uvicorn (it builds its app from the environment: server.worker_app)."""

    host: str
    port: int
    loop: str
    http: str


def worker_main(options: WorkerOptions) -> None:
    """One worker process: its own socket on the shared port, uvicorn serving the app on it."""
    import uvicorn

    try:
        sock = listening_socket(options.host, options.port)
    except OSError as exc:
        sys.stderr.write(f"stridelift: cannot listen on {options.host}:{options.port}: {exc}\n")
        sys.exit(STARTUP_FAILURE)
    config = uvicorn.Config("stridelift.web.server:worker_app", factory=True, host=options.host, port=options.port,
                            log_level="warning", proxy_headers=True, loop=options.loop, http=options.http)  # fmt: skip
    uvicorn.Server(config).run(sockets=[sock])


class Supervisor:
    """Starts `count` workers, replaces any that dies, stops them all when asked."""

    def __init__(
        self, options: WorkerOptions, count: int, *, check_every: float = 0.5,
        target: Callable[[WorkerOptions], None] = worker_main,
    ) -> None:  # fmt: skip
        self.options = options
        self.target = target
        self.count = count
        self.check_every = check_every
        self.stopping = threading.Event()
        self.failed = False
        self._ctx = multiprocessing.get_context("spawn")
        self.processes: list[BaseProcess] = []

    def _start_one(self) -> BaseProcess:
        proc = self._ctx.Process(target=self.target, args=(self.options,), daemon=False)
        proc.start()
        return proc

    def stop(self, *_: Any) -> None:
        self.stopping.set()

    def run(self) -> int:
        """Serve until SIGINT/SIGTERM; the exit status (non-zero if a worker could not start)."""
        guard = listening_socket(self.options.host, self.options.port)  # the port is ours (see the docstring)
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            return self.serve()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            guard.close()

    def serve(self) -> int:
        """Start the workers, keep them running until `stop`, then stop them: the exit status."""
        try:
            self.processes = [self._start_one() for _ in range(self.count)]
            while not self.stopping.wait(self.check_every):
                self.check()
        finally:
            self.shutdown()
        return 1 if self.failed else 0

    def _on_signal(self, _sig: int, _frame: FrameType | None) -> None:
        self.stopping.set()

    def check(self) -> None:
        """Replace the workers that died; stop if one could not start."""
        for i, proc in enumerate(self.processes):
            if proc.is_alive() or self.stopping.is_set():
                continue
            if proc.exitcode == STARTUP_FAILURE:
                self.failed = True
                self.stopping.set()
                return
            sys.stderr.write(f"stridelift: worker {proc.pid} ended (exit code {proc.exitcode}); starting another\n")
            self.processes[i] = self._start_one()

    def shutdown(self, timeout: float = 30.0) -> None:
        """SIGTERM to every worker (uvicorn finishes the requests in flight), then wait; SIGKILL after `timeout`."""
        for proc in self.processes:
            if proc.is_alive():
                proc.terminate()
        for proc in self.processes:
            proc.join(timeout)
            if proc.is_alive():
                proc.kill()
                proc.join()

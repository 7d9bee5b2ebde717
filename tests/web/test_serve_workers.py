"""`stridelift serve` with several workers: each listens on its own socket of the port (the kernel
spreads connections between them), and the parent replaces a worker that dies and stops them all."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from stridelift.web import server
from stridelift.web.workers import STARTUP_FAILURE, Supervisor, WorkerOptions, listening_socket

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT as Linux has it")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_each_worker_socket_shares_the_port_and_all_of_them_take_connections() -> None:
    port = _port()
    socks = [listening_socket("127.0.0.1", port) for _ in range(2)]
    try:
        assert all(s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) for s in socks)
        for s in socks:
            s.listen(64)
            s.setblocking(False)
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(64)]
        time.sleep(0.2)
        taken = []
        for s in socks:
            n = 0
            while True:
                try:
                    conn, _ = s.accept()
                except BlockingIOError:
                    break
                conn.close()
                n += 1
            taken.append(n)
        for c in clients:
            c.close()
        # spread by a hash of each connection's addresses: both get some (all on one: p = 2 ** -63)
        assert sum(taken) == 64 and min(taken) > 0
    finally:
        for s in socks:
            s.close()


def test_a_port_held_without_reuseport_is_refused() -> None:
    with socket.socket() as plain:
        plain.bind(("127.0.0.1", 0))
        plain.listen()
        with pytest.raises(OSError):
            listening_socket("127.0.0.1", plain.getsockname()[1])


def test_serving_with_workers_uses_the_balanced_supervisor() -> None:
    assert server.workers_balanced()


def _mark(options: WorkerOptions) -> None:
    """A stand-in worker: records its pid in the folder $MARK_DIR, then runs until stopped."""
    Path(os.environ["MARK_DIR"], str(os.getpid())).touch()
    time.sleep(600)


def _fail(_options: WorkerOptions) -> None:
    sys.exit(STARTUP_FAILURE)


def _wait_for(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_the_supervisor_replaces_a_dead_worker_and_stops_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARK_DIR", str(tmp_path))
    sup = Supervisor(WorkerOptions("127.0.0.1", _port(), "asyncio", "h11"), 2, check_every=0.05, target=_mark)
    runner = threading.Thread(target=sup.serve)
    runner.start()
    try:
        _wait_for(lambda: len(list(tmp_path.iterdir())) == 2)
        first = sup.processes[0]
        assert first.pid is not None
        os.kill(first.pid, 9)
        _wait_for(lambda: len(list(tmp_path.iterdir())) == 3)  # a new worker took its place
        assert len(sup.processes) == 2 and all(p.is_alive() for p in sup.processes)
    finally:
        sup.stop()
        runner.join(60)
    assert not runner.is_alive() and not any(p.is_alive() for p in sup.processes)


@pytest.mark.slow
def test_a_worker_that_cannot_start_stops_the_server() -> None:
    sup = Supervisor(WorkerOptions("127.0.0.1", _port(), "asyncio", "h11"), 2, check_every=0.05, target=_fail)
    assert sup.run() == 1
    assert not any(p.is_alive() for p in sup.processes)

"""`stridelift user add/list`, `token create` and `serve --demo` as a self-hoster runs them."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from stridelift.services import accounts, training
from stridelift.services.demo import DEMO_EMAIL, seed_demo
from tests.conftest import ROOT


def run(*args: str, db: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = os.environ | {"STRIDELIFT_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run(
        [sys.executable, "-m", "stridelift.cli", *args], input=stdin, capture_output=True, text=True, timeout=120,
        cwd=ROOT, env=env,
    )  # fmt: skip


def test_user_and_token_commands(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    r = run("user", "add", "Ana@Example.com", "--password-stdin", db=db, stdin="a long enough secret\n")
    assert r.returncode == 0, r.stderr
    assert run("user", "add", "b@example.com", "--password-stdin", db=db, stdin="short\n").returncode == 2
    weak = run("user", "add", "b@example.com", "--password-stdin", db=db, stdin="password123\n")
    assert weak.returncode == 2 and weak.stderr.count("\n") == 1 and "Traceback" not in weak.stderr
    assert run("user", "add", "b@example.com", db=db).returncode == 2  # no password on the command line
    assert run("user", "list", db=db).stdout.splitlines() == ["ana@example.com\tkg"]
    t = run("token", "create", "ana@example.com", db=db)
    token = t.stdout.splitlines()[-1]
    assert t.returncode == 0 and token.startswith("slt_") and " " not in token
    assert run("token", "create", "nobody@example.com", db=db).returncode == 2


def test_demo_seed_is_a_living_season(engine: Engine) -> None:
    today = dt.date(2027, 1, 20)
    seeded = seed_demo(engine, today)
    # about 100 logged sets over seven weeks (Saturday's long run takes no leg work: E-LONG-RUN-SAME-DAY)
    assert seeded.created and seeded.sets > 80
    assert seed_demo(engine, today).created is False  # seeding twice adds nothing
    demo = next(a for a in accounts.list_accounts(engine) if a.email == DEMO_EMAIL)
    sets = training.logged_sets(engine, demo)
    assert len(sets) == seeded.sets and all(s.day < today for s in sets)
    assert training.symptoms(engine, demo)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_demo_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = os.environ | {"STRIDELIFT_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stridelift.cli", "serve", "--demo", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.5)
        assert r.status_code == 200
        users = run("user", "list", db=tmp_path / "demo.db").stdout
        assert "demo" in users.splitlines()[0].split("\t")[0]
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert DEMO_EMAIL in out


def _children(pid: int) -> list[int]:
    return [int(c) for t in Path(f"/proc/{pid}/task").iterdir() for c in (t / "children").read_text().split()]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_serve_with_workers_signs_out_everywhere(tmp_path: Path) -> None:
    """Two worker processes on one database: a session revoked through one is refused by both."""
    db = tmp_path / "w.db"
    added = run("user", "add", "w@example.com", "--password-stdin", db=db, stdin="a long enough secret\n")
    assert added.returncode == 0, added.stderr
    port = _free_port()
    env = os.environ | {"STRIDELIFT_DATABASE_URL": f"sqlite:///{db}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stridelift.cli", "serve", "--workers", "2", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                login = httpx.get(f"{base}/login", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.5)
        workers = [c for c in _children(proc.pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]
        assert len(workers) == 2
        # each worker listens on a socket of its own (the kernel spreads connections between them);
        # the first answer may come before the second worker has started
        while len(listening := _listening_on(port, [proc.pid, *workers])) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert sorted(listening.values()) == sorted(workers)
        csrf = login.cookies["stridelift_csrf"]
        form = login.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        data = {"email": "w@example.com", "password": "a long enough secret", "csrf_token": form}
        signed = httpx.post(f"{base}/login", data=data, cookies={"stridelift_csrf": csrf})
        session = signed.cookies["stridelift_session"]
        # fresh connections land on either worker: all of them see the session ...
        assert {httpx.get(f"{base}/api/v1/me", cookies={"stridelift_session": session}).status_code
                for _ in range(8)} == {200}  # fmt: skip
        page = httpx.get(f"{base}/account", cookies={"stridelift_session": session}).text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        httpx.post(f"{base}/logout", data={"csrf_token": token}, cookies={"stridelift_session": session})
        # ... and none of them once it is revoked
        assert {httpx.get(f"{base}/api/v1/me", cookies={"stridelift_session": session}).status_code
                for _ in range(8)} == {401}  # fmt: skip
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=60)
    assert "(2 workers)" in out
    assert proc.returncode == 0 and not [w for w in workers if Path(f"/proc/{w}").exists()]


def _listening_on(port: int, pids: list[int]) -> dict[int, int]:
    """The listening TCP sockets on `port` (inode -> the pid of `pids` holding it), from /proc."""
    owners = {}
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            link = os.readlink(fd)
            if link.startswith("socket:["):
                owners[int(link[8:-1])] = pid
    found = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        if f[3] == "0A" and int(f[1].rsplit(":", 1)[1], 16) == port and int(f[9]) in owners:  # 0A: LISTEN
            found[int(f[9])] = owners[int(f[9])]
    return found

"""Web throughput: "today's session" and "log a set" with 50 concurrent authenticated clients
(closed loop: each sends, waits for the answer, sends again), on SQLite and on PostgreSQL, with
p50/p99 latency, requests per second and the server's CPU ms per request; and the same two
operations on wger 2.1 (../shared/peers/wger) measured in the same run, printed as ratios.

The server is `stridelift serve` as a user runs it (its default worker processes, one per core).
wger is served by ../shared/peers/wger/wger_peer.sh exactly as that script does (gunicorn, 2 sync
workers), run from a copy whose load.py is bench/http_load.py: ONE client, a lean stdlib asyncio
HTTP/1.1 closed loop, measures both (a heavier client would spend the shared cores itself and cap
the faster server). The client's CPU ms per request is printed too. Same operations on both: the
full session read (its exercises, last time, logged sets), and a set logged and committed.

Goals from issue 9: today's session at 50x wger's requests/s, a logged set at 10x, p99 under
100 ms; each is printed as met or not met.

Where a tail comes from: p90/p99.9/max beside p50/p99, the answers per latency band, the p99 and
max of the requests sent in each second (a warm-up shows in the first), and per server worker
process its connections (read from /proc/net/tcp), answers, p50/p99 and CPU (an uneven split of
the keep-alive connections shows there). Compare runs made in the same conditions: the load
average before and after is printed, and on a shared machine it moves the tail more than anything.

usage: python bench/web.py [--clients 50] [--duration 15] [--backends sqlite,postgresql] [--no-wger]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from http_load import closed_loop, cpu_seconds, quantile, request_bytes

ROOT = Path(__file__).resolve().parents[1]
WGER_CANDIDATES = [Path(os.environ["STRIDELIFT_WGER_PEER"])] if os.environ.get("STRIDELIFT_WGER_PEER") else [
    base / "shared" / "peers" / "wger" / "wger_peer.sh" for base in (ROOT.parent, ROOT.parent.parent)
]
PG_URL = os.environ.get("STRIDELIFT_BENCH_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")


@dataclass
class Result:
    target: str
    operation: str
    ok: int
    errors: int
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_req: float
    client_cpu_ms_per_req: float = float("nan")  # the load generator's own CPU (it shares the cores)
    db_cpu_ms_per_req: float = float("nan")  # PostgreSQL's backends serving the server (the same cores too)
    p90_ms: float = float("nan")
    p999_ms: float = float("nan")
    max_ms: float = float("nan")
    histogram: dict[str, int] = field(default_factory=dict)  # answers per latency band (ms)
    workers: list[dict[str, float]] = field(default_factory=list)  # per server worker process: its share
    seconds: list[tuple[int, float, float]] = field(default_factory=list)  # per second: answers, p99, max


BANDS_MS = (5, 10, 20, 50, 100, 200, 500, 1000)


def histogram(latencies_ms: list[float]) -> dict[str, int]:
    """How many answers fell in each latency band: "<5", "5-10", ... ">=1000" (ms)."""
    edges = (0, *BANDS_MS)
    names = [f"<{BANDS_MS[0]}"] + [f"{a}-{b}" for a, b in itertools.pairwise(BANDS_MS)]
    names.append(f">={BANDS_MS[-1]}")
    out = dict.fromkeys(names, 0)
    for ms in latencies_ms:
        i = next((k for k, edge in enumerate(edges[1:]) if ms < edge), len(BANDS_MS))
        out[names[i]] += 1
    return out


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            out += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return out


def _socket_owners(pids: list[int]) -> dict[int, int]:
    """socket inode -> the pid (of `pids`) holding it open."""
    owners: dict[int, int] = {}
    for pid in pids:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                link = os.readlink(fd)
            except OSError:
                continue
            if link.startswith("socket:["):
                owners[int(link[8:-1])] = pid
    return owners


def workers_of(server_pid: int, server_port: int, client_ports: list[int]) -> list[int]:
    """The server worker process (pid; 0 if unknown) that holds each client connection, from
    /proc/net/tcp: which accepted socket talks to the client's port, and which process has it."""
    owners = _socket_owners([server_pid, *_children(server_pid)])
    by_port: dict[int, int] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            local, remote, inode = f[1], f[2], int(f[9])
            if int(local.rsplit(":", 1)[1], 16) == server_port and inode in owners:
                by_port[int(remote.rsplit(":", 1)[1], 16)] = owners[inode]
    return [by_port.get(p, 0) for p in client_ports]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(url: str) -> tuple[str, str, str]:
    """A runner with a season whose sessions include today: (token, today's session key, exercise id)."""
    from stridelift.services import accounts, training
    from stridelift.services.app_db import open_app_database

    engine = open_app_database(url)
    account = accounts.sign_up(engine, "bench@example.com", "bench password 1")
    raw = tomllib.loads((ROOT / "examples" / "northern_marathoner.toml").read_text())
    today = dt.date.today()
    raw["plan"] = {"start": (today - dt.timedelta(weeks=2)).isoformat()}
    raw["races"] = [{"date": (today + dt.timedelta(weeks=16)).isoformat(), "distance": "marathon", "priority": "A"}]
    plan = training.save_profile(engine, account, raw).plan
    sess = min(plan["sessions"], key=lambda s: abs((dt.date.fromisoformat(s["date"]) - today).days))
    ex = next(e for e in sess["exercises"] if e.get("reps"))
    token = accounts.create_token(engine, "bench@example.com")
    engine.dispose()
    return token, training.session_key(sess), ex["id"]


def _stored_sets(url: str) -> int:
    """Committed sets in the database (every acknowledged set must be there: no gaming)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM set_logs")).scalar_one())
    finally:
        engine.dispose()


def _app_name(url: str) -> str | None:
    m = re.search(r"[?&]application_name=([^&]+)", url)
    return m.group(1) if m else None


def _db_cpu(url: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend connected under the bench's application_name
    (the server's connections; not this query's own); nothing on SQLite. A backend that ends
    during a phase (a connection a pool closes) is missed: then the figure is a lower bound."""
    name = _app_name(url)
    if name is None:
        return {}
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE application_name = :n"
                                     " AND pid <> pg_backend_pid()"), {"n": name}).scalars().all()  # fmt: skip
    finally:
        engine.dispose()
    return {int(p): cpu_seconds(int(p)) for p in pids}


def _wait_until_up(base: str, token: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            req = urllib.request.Request(f"{base}/me", headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(req, timeout=2) as r:
                r.read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"stridelift serve did not start: {server.communicate()[1][-2000:]!r}") from None
            time.sleep(0.3)


def measure_stridelift(backend: str, url: str, clients: int, duration: float) -> list[Result]:
    token, key, exercise = _seed(url)
    port = _free_port()
    env = os.environ | {"STRIDELIFT_DATABASE_URL": url}
    server = subprocess.Popen(
        [sys.executable, "-m", "stridelift.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    host = f"127.0.0.1:{port}"
    auth = {"Authorization": f"Bearer {token}"}
    try:
        _wait_until_up(f"http://{host}/api/v1", token, server)
        today = request_bytes("GET", host, f"/api/v1/sessions/{key}", auth)
        n = 0

        def log_set() -> bytes:
            nonlocal n
            n += 1
            body = json.dumps({"session_key": key, "exercise_id": exercise, "set_index": n % 5, "reps": 5,
                               "load_kg": 60.0, "rpe": 8}).encode()  # fmt: skip
            headers = auth | {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
            return request_bytes("POST", host, "/api/v1/sets", headers, body)

        out = []
        for name, make in (("today's session", lambda: today), ("log a set", log_set)):
            stored0 = _stored_sets(url)
            db0 = _db_cpu(url)
            procs = _children(server.pid) or [server.pid]
            cpu0 = {p: cpu_seconds(p) for p in procs}
            owner: list[int] = []
            cpu1: dict[int, float] = {}

            def probe(ports: list[int], owner: list[int] = owner, cpu1: dict[int, float] = cpu1,
                      procs: list[int] = procs) -> None:  # fmt: skip
                owner[:] = workers_of(server.pid, port, ports)
                cpu1.update({p: cpu_seconds(p) for p in procs})

            phase = asyncio.run(closed_loop("127.0.0.1", port, make, clients=clients, duration=duration,
                                            server_pid=server.pid, probe=probe))  # fmt: skip
            db = sum(t - db0.get(pid, 0.0) for pid, t in _db_cpu(url).items())
            stored = _stored_sets(url) - stored0 - 5  # the warm-up's 5 are stored too
            if name == "log a set" and stored != phase.ok:
                raise SystemExit(f"{backend}: {phase.ok} sets acknowledged but {stored} stored")
            r = phase.summary(name)
            db_ms = db / phase.ok * 1000 if phase.ok and _app_name(url) else float("nan")
            workers = []
            for pid in procs:
                lat = sorted(ms for o, mine in zip(owner, phase.by_client, strict=True) if o == pid for ms in mine)
                workers.append({"pid": pid, "connections": owner.count(pid), "ok": len(lat),
                                "p50_ms": quantile(lat, 0.5), "p99_ms": quantile(lat, 0.99),
                                "cpu_s": cpu1.get(pid, 0.0) - cpu0[pid]})  # fmt: skip
            out.append(Result(f"stridelift/{backend}", name, phase.ok, phase.sent - phase.ok, r["rps"], r["p50_ms"],
                              r["p99_ms"], r["server_cpu_ms_per_req"], r["client_cpu_ms_per_req"], db_ms,
                              r["p90_ms"], r["p999_ms"], r["max_ms"], histogram(phase.latencies_ms),
                              workers, phase.by_second()))  # fmt: skip
        return out
    finally:
        server.terminate()
        server.wait(60)


def _postgres_url() -> tuple[str, Callable[[], None]]:
    """A fresh schema in the `test` database, and how to drop it."""
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    # the application_name marks the server's backends, whose CPU the bench reads too
    return f"{PG_URL}?options=-csearch_path%3D{schema}&application_name={schema}", drop


def measure_wger(clients: int, duration: float) -> list[Result]:
    """wger as wger_peer.sh serves it, measured by bench/http_load.py: the script runs from a copy of
    its folder whose load.py is ours (it calls "$HERE/load.py" with the same options)."""
    script = next((p for p in WGER_CANDIDATES if p.exists()), None)
    if script is None:
        raise SystemExit(f"wger peer script not found in {[str(p) for p in WGER_CANDIDATES]}")
    env = os.environ | {"CLIENTS": str(clients), "DURATION": str(int(duration))}
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("wger_peer.sh", "setup_data.py"):
            shutil.copy(script.parent / name, Path(tmp, name))
        shutil.copy(ROOT / "bench" / "http_load.py", Path(tmp, "load.py"))
        proc = subprocess.run(["bash", str(Path(tmp, "wger_peer.sh"))], env=env, capture_output=True, text=True,
                              timeout=3600)  # fmt: skip
    m = re.search(r"results in (\S+)/results\.\{txt,json\}", proc.stdout)
    if proc.returncode != 0 or not m:
        raise SystemExit(f"wger peer failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    data = json.loads(Path(m.group(1), "results.json").read_text())
    names = {"GET canonical_representation": "today's session", "POST workoutlog": "log a set"}
    out = []
    for r in data["results"]:
        name = names.get(r["endpoint"], r["endpoint"])
        out.append(Result("wger 2.1/sqlite", name, r["ok"], r["requests"] - r["ok"], r["rps"], r["p50_ms"],
                          r["p99_ms"], r["server_cpu_ms_per_req"], r["client_cpu_ms_per_req"],
                          p90_ms=r.get("p90_ms", float("nan")), p999_ms=r.get("p999_ms", float("nan")),
                          max_ms=r.get("max_ms", float("nan"))))  # fmt: skip
    return out


GOALS = {"today's session": 50.0, "log a set": 10.0}  # times wger's requests/s (issue 9)
P99_GOAL_MS = 100.0


def goal_lines(results: list[Result]) -> list[str]:
    """Each goal of issue 9 per stridelift target: met or not met, with the figure."""
    peer = {r.operation: r for r in results if r.target.startswith("wger")}
    lines = []
    for r in results:
        if r.target.startswith("wger"):
            continue
        w = peer.get(r.operation)
        want = GOALS.get(r.operation)
        if w is not None and want is not None and w.rps > 0:
            x = r.rps / w.rps
            lines.append(f"goal {r.target} {r.operation} >= {want:.0f}x wger's requests/s: "
                         f"{'met' if x >= want else 'NOT MET'} ({x:.1f}x)")  # fmt: skip
        lines.append(f"goal {r.target} {r.operation} p99 < {P99_GOAL_MS:.0f} ms: "
                     f"{'met' if r.p99_ms < P99_GOAL_MS else 'NOT MET'} ({r.p99_ms:.0f} ms)")  # fmt: skip
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=15.0, help="seconds per operation")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--no-wger", action="store_true", help="skip the wger peer")
    ap.add_argument("--json-out", type=Path)
    a = ap.parse_args()
    load_before = os.getloadavg()[0]
    results: list[Result] = []
    for backend in a.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                results += measure_stridelift("sqlite", f"sqlite:///{tmp}/bench.db", a.clients, a.duration)
        elif backend == "postgresql":
            url, drop = _postgres_url()
            try:
                results += measure_stridelift("postgresql", url, a.clients, a.duration)
            finally:
                drop()
        else:
            raise SystemExit(f"unknown backend {backend!r}")
    if not a.no_wger:
        results += measure_wger(a.clients, a.duration)
    print(f"{a.clients} closed-loop clients, {a.duration:.0f} s per operation; cores: {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.2f} (before: {load_before:.2f})")  # fmt: skip
    print("server CPU ms/request bounds what one core could serve (1000 / it req/s); the client's own CPU, "
          "and PostgreSQL's backends' (db ms/req), compete for the same cores")  # fmt: skip
    hdr = (f"{'target':24} {'operation':16} {'ok':>7} {'err':>5} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} "
           f"{'p99 ms':>8} {'p99.9 ms':>8} {'max ms':>8} {'cpu ms/req':>10} {'client ms/req':>13} "
           f"{'db ms/req':>9}")  # fmt: skip
    print(hdr)
    print("-" * len(hdr))
    for r in results:
        print(f"{r.target:24} {r.operation:16} {r.ok:7d} {r.errors:5d} {r.rps:8.1f} {r.p50_ms:8.1f} {r.p90_ms:8.1f} "
              f"{r.p99_ms:8.1f} {r.p999_ms:8.1f} {r.max_ms:8.1f} {r.cpu_ms_per_req:10.2f} "
              f"{r.client_cpu_ms_per_req:13.2f} {r.db_cpu_ms_per_req:9.2f}")  # fmt: skip
    print()
    for r in results:
        if r.histogram:
            print(f"{r.target} {r.operation}: answers per latency band (ms): "
                  + ", ".join(f"{k} {v}" for k, v in r.histogram.items()))  # fmt: skip
        if r.seconds:
            print("  p99/max ms of the requests sent in each second: "
                  + " ".join(f"{p99:.0f}/{top:.0f}" for _, p99, top in r.seconds))  # fmt: skip
        for w in r.workers:
            print(f"  worker {int(w['pid'])}: {int(w['connections'])} connections, {int(w['ok'])} answers, "
                  f"p50 {w['p50_ms']:.1f} ms, p99 {w['p99_ms']:.1f} ms, cpu {w['cpu_s']:.2f} s")  # fmt: skip
    peer = {r.operation: r for r in results if r.target.startswith("wger")}
    for r in results:
        if r.operation in peer and not r.target.startswith("wger"):
            wg = peer[r.operation]
            less = wg.cpu_ms_per_req / r.cpu_ms_per_req
            print(f"{r.target} {r.operation}: {r.rps / wg.rps:.1f}x wger's requests/s, "
                  f"p99 {r.p99_ms:.0f} ms vs {wg.p99_ms:.0f} ms, CPU/request {less:.1f}x less")  # fmt: skip
    print()
    for line in goal_lines(results):
        print(line)
    if a.json_out:
        a.json_out.write_text(json.dumps([asdict(r) for r in results], indent=1))


if __name__ == "__main__":
    main()

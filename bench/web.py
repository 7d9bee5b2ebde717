"""Web throughput: "today's session" and "log a set" with 50 concurrent authenticated clients
(closed loop: each sends, waits for the answer, sends again), on SQLite and on PostgreSQL, with
p50/p99 latency, requests per second and the server's CPU ms per request; and the same two
operations on wger 2.1 (../shared/peers/wger) measured in the same run, printed as ratios.

The server is `stridelift serve` as a user runs it (one uvicorn process). Goals from issue 9:
today's session at 50x wger's requests/s, a logged set at 10x, p99 under 100 ms.

usage: python bench/web.py [--clients 50] [--duration 15] [--backends sqlite,postgresql] [--no-wger]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

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


def _cpu_s(pid: int) -> float:
    """User+system CPU seconds of `pid` and its children (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total / tick


def _quantile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, int(q * len(sorted_ms)))]


async def closed_loop(
    send: Callable[[httpx.AsyncClient], Awaitable[httpx.Response]], *, clients: int, duration: float, server_pid: int
) -> tuple[int, int, float, list[float], float, float]:
    """(ok, errors, elapsed s, sorted latencies ms, server CPU s, client CPU s) of `clients` closed
    loops."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        for _ in range(5):  # warm-up, not counted
            (await send(client)).raise_for_status()
        lat: list[float] = []
        errors = 0
        cpu0 = _cpu_s(server_pid)
        mine0 = time.process_time()
        t0 = time.perf_counter()
        stop = t0 + duration

        async def loop() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                s = time.perf_counter()
                try:
                    r = await send(client)
                    ok = r.status_code < 300
                except httpx.HTTPError:
                    ok = False
                if ok:
                    lat.append((time.perf_counter() - s) * 1000)
                else:
                    errors += 1

        await asyncio.gather(*(loop() for _ in range(clients)))
        elapsed = time.perf_counter() - t0
        cpu = _cpu_s(server_pid) - cpu0
        mine = time.process_time() - mine0
    return len(lat), errors, elapsed, sorted(lat), cpu, mine


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


def measure_stridelift(backend: str, url: str, clients: int, duration: float) -> list[Result]:
    token, key, exercise = _seed(url)
    port = _free_port()
    env = os.environ | {"STRIDELIFT_DATABASE_URL": url}
    server = subprocess.Popen(
        [sys.executable, "-m", "stridelift.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/v1"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/me", headers=headers, timeout=2).raise_for_status()
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"stridelift serve did not start: {server.communicate()[1][-2000:]!r}") from None
                time.sleep(0.3)
        n = 0

        async def today(c: httpx.AsyncClient) -> httpx.Response:
            return await c.get(f"{base}/sessions/{key}", headers=headers)

        async def log_set(c: httpx.AsyncClient) -> httpx.Response:
            nonlocal n
            n += 1
            body = {"session_key": key, "exercise_id": exercise, "set_index": n % 5, "reps": 5, "load_kg": 60.0,
                    "rpe": 8}  # fmt: skip
            return await c.post(f"{base}/sets", headers=headers | {"Idempotency-Key": str(uuid.uuid4())}, json=body)

        out = []
        for name, send in (("today's session", today), ("log a set", log_set)):
            ok, err, elapsed, lat, cpu, mine = asyncio.run(
                closed_loop(send, clients=clients, duration=duration, server_pid=server.pid)
            )
            out.append(
                Result(f"stridelift/{backend}", name, ok, err, ok / elapsed, _quantile(lat, 0.5), _quantile(lat, 0.99),
                       cpu / ok * 1000 if ok else float("nan"), mine / ok * 1000 if ok else float("nan"))
            )  # fmt: skip
        return out
    finally:
        server.terminate()
        server.wait(30)


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

    return f"{PG_URL}?options=-csearch_path%3D{schema}", drop


def measure_wger(clients: int, duration: float) -> list[Result]:
    script = next((p for p in WGER_CANDIDATES if p.exists()), None)
    if script is None:
        raise SystemExit(f"wger peer script not found in {[str(p) for p in WGER_CANDIDATES]}")
    env = os.environ | {"CLIENTS": str(clients), "DURATION": str(int(duration))}
    proc = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=3600)
    m = re.search(r"results in (\S+)/results\.\{txt,json\}", proc.stdout)
    if proc.returncode != 0 or not m:
        raise SystemExit(f"wger peer failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    data = json.loads(Path(m.group(1), "results.json").read_text())
    names = {"GET canonical_representation": "today's session", "POST workoutlog": "log a set"}
    out = []
    for r in data["results"]:
        name = names.get(r["endpoint"], r["endpoint"])
        out.append(Result("wger 2.1/sqlite", name, r["ok"], r["requests"] - r["ok"], r["rps"], r["p50_ms"],
                          r["p99_ms"], r["server_cpu_ms_per_req"]))  # fmt: skip
    return out


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
    print("server CPU ms/request bounds what one core could serve (1000 / it req/s); the client's own CPU "
          "competes for the same cores")  # fmt: skip
    hdr = (f"{'target':24} {'operation':16} {'ok':>7} {'err':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
           f"{'cpu ms/req':>10} {'client ms/req':>13}")  # fmt: skip
    print(hdr)
    print("-" * len(hdr))
    for r in results:
        print(f"{r.target:24} {r.operation:16} {r.ok:7d} {r.errors:5d} {r.rps:8.1f} {r.p50_ms:8.1f} {r.p99_ms:8.1f} "
              f"{r.cpu_ms_per_req:10.2f} {r.client_cpu_ms_per_req:13.2f}")  # fmt: skip
    peer = {r.operation: r for r in results if r.target.startswith("wger")}
    for r in results:
        if r.operation in peer and not r.target.startswith("wger"):
            w = peer[r.operation]
            less = w.cpu_ms_per_req / r.cpu_ms_per_req
            print(f"{r.target} {r.operation}: {r.rps / w.rps:.1f}x wger's requests/s, "
                  f"p99 {r.p99_ms:.0f} ms vs {w.p99_ms:.0f} ms, CPU/request {less:.1f}x less")  # fmt: skip
    if a.json_out:
        a.json_out.write_text(json.dumps([asdict(r) for r in results], indent=1))


if __name__ == "__main__":
    main()

"""A lean closed-loop HTTP/1.1 load generator (stdlib asyncio only), the one client bench/web.py
measures stridelift AND wger with, so their ratio compares the servers, not two clients.

N clients each send a request, read the whole answer, and send the next, keeping the connection
open when the server allows it (uvicorn does; gunicorn's sync workers close after every answer,
so the client reconnects, as any HTTP client must). Requests are pre-built bytes; the answer is
read by Content-Length, chunks or until close. The client's own CPU per request is reported: it
shares the cores with the server.

As a script it is a drop-in for ../shared/peers/wger/load.py (same options, same results.json),
so wger_peer.sh can serve wger exactly as it does and have this client measure it:

    python http_load.py --base-url http://127.0.0.1:PORT --bench-json bench.json --server-pid PID \
        --clients 50 --duration 20 --json-out results.json
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import gc
import json
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

MakeRequest = Callable[[], bytes]


def request_bytes(method: str, host: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Accept: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, whether the connection may be kept) of one HTTP/1.1 answer."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, _, rest = head.partition(b"\r\n")
    status = int(status_line.split(b" ", 2)[1])
    length, chunked, keep = -1, False, True
    for line in rest.split(b"\r\n"):
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif name == b"connection" and b"close" in value.lower():
            keep = False
    if chunked:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        return status, b"".join(parts), keep
    if length >= 0:
        return status, await reader.readexactly(length), keep
    return status, await reader.read(), False  # delimited by the close


def cpu_seconds(pid: int) -> float:
    """utime+stime (s) of `pid` and all its descendants (from /proc); 0 without a pid."""
    if not pid:
        return 0.0
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


def own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def quantile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, int(q * len(sorted_ms)))]


@dataclass
class Phase:
    ok: int = 0
    sent: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    by_client: list[list[float]] = field(default_factory=list)  # each client's latencies (ms)
    client_ports: list[int] = field(default_factory=list)  # each client's local port at the end (0: none)
    started_s: list[float] = field(default_factory=list)  # when each answered request was sent (s into the phase)
    elapsed_s: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0

    def by_second(self) -> list[tuple[int, float, float]]:
        """(answers, p99 ms, max ms) of the requests sent in each second of the phase: a tail that
        is spread evenly is the server's steady state; one in the first second is its warm-up."""
        buckets: dict[int, list[float]] = {}
        for at, ms in zip(self.started_s, self.latencies_ms, strict=True):
            buckets.setdefault(int(at), []).append(ms)
        return [(len(v), quantile(sorted(v), 0.99), max(v)) for _, v in sorted(buckets.items())]

    def summary(self, name: str) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        per = (lambda s: s / self.ok * 1000) if self.ok else (lambda s: float("nan"))
        return {
            "endpoint": name, "requests": self.sent, "ok": self.ok, "errors": self.errors,
            "elapsed_s": round(self.elapsed_s, 2), "rps": self.ok / self.elapsed_s if self.elapsed_s else 0.0,
            "p50_ms": quantile(lat, 0.5), "p90_ms": quantile(lat, 0.9), "p99_ms": quantile(lat, 0.99),
            "p999_ms": quantile(lat, 0.999), "max_ms": lat[-1] if lat else float("nan"),
            "server_cpu_s": round(self.server_cpu_s, 2), "server_cpu_ms_per_req": per(self.server_cpu_s),
            "loadgen_cpu_s": round(self.client_cpu_s, 2), "client_cpu_ms_per_req": per(self.client_cpu_s),
        }  # fmt: skip


async def closed_loop(
    host: str, port: int, make: MakeRequest, *, clients: int, duration: float, server_pid: int = 0,
    max_requests: int = 10**9, warmup: int = 5, probe: Callable[[list[int]], None] | None = None,
) -> Phase:  # fmt: skip
    """`clients` closed loops for `duration` seconds (or `max_requests` sent) after `warmup`
    sequential requests that must succeed. `probe`, if given, is called with the clients' local
    ports once every loop has stopped sending and before any connection is closed (the bench maps
    them to the server's worker processes)."""
    reader, writer = await asyncio.open_connection(host, port)
    for _ in range(warmup):
        writer.write(make())
        status, body, keep = await read_response(reader)
        if status >= 300:
            raise SystemExit(f"warm-up got HTTP {status}: {body[:300]!r}")
        if not keep:
            writer.close()
            reader, writer = await asyncio.open_connection(host, port)
    writer.close()
    out = Phase()
    # the client's own garbage collections would stall all its clients at once (a full one took
    # 0.1 s here, with the stridelift modules the bench imports): none while measuring
    gc.collect()
    gc.freeze()
    gc.disable()
    cpu0, mine0 = cpu_seconds(server_pid), own_cpu()
    t0 = time.perf_counter()
    stop = t0 + duration
    out.by_client = [[] for _ in range(clients)]
    out.client_ports = [0] * clients
    stopped = 0
    all_stopped = asyncio.Event()
    release = asyncio.Event()

    async def loop(i: int) -> None:
        nonlocal stopped
        conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        mine = out.by_client[i]
        while out.sent < max_requests and time.perf_counter() < stop:
            out.sent += 1
            s = time.perf_counter()
            try:
                if conn is None:
                    conn = await asyncio.open_connection(host, port)
                conn[1].write(make())
                status, _, keep = await read_response(conn[0])
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
                out.errors[type(exc).__name__] = out.errors.get(type(exc).__name__, 0) + 1
                if conn is not None:
                    conn[1].close()
                conn = None
                continue
            if 200 <= status < 300:
                out.ok += 1
                ms = (time.perf_counter() - s) * 1000
                out.latencies_ms.append(ms)
                out.started_s.append(s - t0)
                mine.append(ms)
            else:
                out.errors[str(status)] = out.errors.get(str(status), 0) + 1
            if not keep:
                conn[1].close()
                conn = None
        if conn is not None:
            out.client_ports[i] = int(conn[1].get_extra_info("sockname")[1])
        stopped += 1
        if stopped == clients:
            all_stopped.set()
        await release.wait()
        if conn is not None:
            conn[1].close()

    async def probing() -> None:
        await all_stopped.wait()
        out.elapsed_s = time.perf_counter() - t0
        out.server_cpu_s = cpu_seconds(server_pid) - cpu0
        out.client_cpu_s = own_cpu() - mine0
        gc.enable()
        gc.unfreeze()
        if probe is not None:
            probe(out.client_ports)
        release.set()

    await asyncio.gather(*(loop(i) for i in range(clients)), probing())
    return out


def _wger_main() -> None:
    """The command line of ../shared/peers/wger/load.py, against wger's API."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--bench-json", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--max-requests", type=int, default=20000)
    ap.add_argument("--warmup", type=int, default=6)
    ap.add_argument("--server-pid", type=int, default=0)
    ap.add_argument("--phases", default="read,log")
    ap.add_argument("--json-out")
    a = ap.parse_args()
    url = urlparse(a.base_url)
    host = url.hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        sys.exit("refusing non-loopback target")
    port = url.port or 80
    info = json.loads(Path(a.bench_json).read_text())
    auth = {"Authorization": f"Token {info['token']}"}
    wid, bases = info["workout_id"], info["exercise_base_ids"]
    today, rnd = datetime.date.today(), random.Random(1)
    read = request_bytes("GET", f"{host}:{port}", f"/api/v2/workout/{wid}/canonical_representation/", auth)

    def log() -> bytes:
        body = json.dumps({"workout": wid, "exercise_base": rnd.choice(bases), "reps": rnd.choice([5, 8, 10, 12]),
                           "weight": f"{rnd.choice([20, 40, 60, 80])}.00", "date": today.isoformat()}).encode()
        return request_bytes("POST", f"{host}:{port}", "/api/v2/workoutlog/",
                             auth | {"Content-Type": "application/json"}, body)  # fmt: skip

    phases = {"read": ("GET canonical_representation", lambda: read), "log": ("POST workoutlog", log)}
    results = []
    for key in a.phases.split(","):
        name, make = phases[key]
        print(f"-> {name}: {a.clients} clients, {a.duration:.0f} s (bench/http_load.py)", flush=True)
        phase = asyncio.run(
            closed_loop(host, port, make, clients=a.clients, duration=a.duration, server_pid=a.server_pid,
                        max_requests=a.max_requests, warmup=a.warmup)
        )  # fmt: skip
        results.append(phase.summary(name))
        print(json.dumps(results[-1]), flush=True)
    if a.json_out:
        Path(a.json_out).write_text(json.dumps({"cpu_count": os.cpu_count(), "results": results}, indent=1))


if __name__ == "__main__":
    _wger_main()

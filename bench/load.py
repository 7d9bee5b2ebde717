"""`stridelift load --weeks 260` on a five-year history, as a runner runs it (whole processes).

Builds (once, cached in the temp folder) a SQLite database of five years of 1 Hz activities:
five runs a week of 35-110 min with heart rate and speed, a weekly ride. Then times, interleaved
so that the ratios do not drift with the machine's load:

- ``load --weeks 260``: the whole five years in the table and chart (goal: under 2 s);
- ``load --weeks 8``: the everyday call, for scale;
- ``repository.list() only``: a process that only reads every stored activity as domain
  Activities (the way `load` read them before), the ratio's denominator;
- ``import numpy``: the interpreter and numpy start, the floor of any such process.

Both wall and CPU seconds are printed: with other work on the machine the wall time grows, the
CPU time (user + system of the child) stays what the process costs.

Usage: ``python bench/load.py [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YEARS = 5


def _cached_db() -> Path:
    """The cached database, named by the schema's heads: a file built before a new migration
    would be refused by `load` as older, so a new schema builds a new file."""
    from stridelift.store.db import head_revisions

    heads = "-".join(sorted(head_revisions()))
    return Path(tempfile.gettempdir()) / f"stridelift-bench-load-{YEARS}y-{heads}.db"


def build(path: Path) -> int:
    from stridelift.domain.activity import Activity, ActivitySport
    from stridelift.store.db import open_database
    from stridelift.store.repository import ActivityRepository

    rng = random.Random(5)
    repo = ActivityRepository(open_database(f"sqlite:///{path}"))
    last = dt.date(2026, 6, 28)
    day = last - dt.timedelta(days=365 * YEARS)
    batch: list[Activity] = []
    total = 0
    while day <= last:
        plan: list[tuple[ActivitySport, int]] = []
        if day.weekday() in (0, 1, 3, 4):
            plan.append(("running", rng.randint(35, 60)))
        elif day.weekday() == 5:
            plan.append(("running", rng.randint(80, 110)))
        elif rng.random() < 0.5:
            plan.append(("cycling", rng.randint(60, 120)))
        for sport, minutes in plan:
            n = minutes * 60
            base = rng.uniform(135, 160) if sport == "running" else 125.0
            speed = rng.uniform(2.7, 3.6) if sport == "running" else 7.5
            hr = [base + 8 * math.sin(i / 120) + rng.uniform(-2, 2) for i in range(n)]
            spd = [speed + 0.3 * math.sin(i / 60) for i in range(n)]
            start = dt.datetime.combine(day, dt.time(7), dt.UTC)
            batch.append(
                Activity(
                    sport=sport,
                    sub_sport=None,
                    start=start,
                    duration_s=float(n - 1),
                    moving_time_s=float(n - 1),
                    distance_m=speed * (n - 1),
                    elevation_gain_m=None,
                    avg_hr=base,
                    max_hr=max(hr) + rng.choice((0.0, 0.0, 15.0)),
                    time_s=tuple(float(i) for i in range(n)),
                    heart_rate=tuple(hr),
                    speed_m_s=tuple(spd),
                    altitude_m=(50.0,) * n,
                    source=f"bench-{day}-{sport}",
                    content_sha256=f"{day}{sport}".ljust(64, "0"),
                )
            )
        if len(batch) >= 100:
            total += repo.add_many(batch)[0]
            batch = []
        day += dt.timedelta(days=1)
    total += repo.add_many(batch)[0]
    repo.engine.dispose()  # checkpoint the WAL into the file before it is renamed
    return total


READ_ONLY = (
    "from stridelift.store.db import open_database; from stridelift.store.repository import ActivityRepository; "
    "import sys; print(len(ActivityRepository(open_database(sys.argv[1])).list()))"
)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child process: on a busy machine the CPU time
    is what the process itself costs, the wall time what the runner waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True, cwd=tempfile.gettempdir())
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    opts = ap.parse_args()
    DB = _cached_db()
    if not DB.exists():
        t0 = time.perf_counter()
        tmp = DB.with_suffix(".part")
        tmp.unlink(missing_ok=True)
        n = build(tmp)
        tmp.rename(DB)
        print(f"built {DB} ({n} activities, {DB.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s")
    url = f"sqlite:///{DB}"
    env = {**os.environ, "STRIDELIFT_DATABASE_URL": url}
    chart = str(Path(tempfile.gettempdir()) / "stridelift-bench-load.html")
    cmds = {
        "load --weeks 260": [sys.executable, "-m", "stridelift.cli", "load", "--weeks", "260", "-o", chart],
        "load --weeks 8": [sys.executable, "-m", "stridelift.cli", "load", "--weeks", "8", "-o", chart],
        "repository.list() only": [sys.executable, "-c", READ_ONLY, url],
        "python -c 'import numpy'": [sys.executable, "-c", "import numpy"],
    }
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(opts.rounds):
        for name, args in cmds.items():
            wall, cpu = timed(args, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    floor = min(cpus["repository.list() only"])
    print(f"{'command':<26} {'best wall s':>11} {'median wall s':>14} {'best CPU s':>11} {'CPU x list()':>13}")
    for name in cmds:
        cpu = min(cpus[name])
        print(
            f"{name:<26} {min(walls[name]):>11.2f} {statistics.median(walls[name]):>14.2f} {cpu:>11.2f} "
            f"{cpu / floor:>13.2f}"
        )
    wall, cpu = min(walls["load --weeks 260"]), min(cpus["load --weeks 260"])
    load1, load5, _ = os.getloadavg()
    print(f"load average {load1:.1f} (1 min), {load5:.1f} (5 min) on {os.cpu_count()} cores")
    for what, secs in (("CPU", cpu), ("wall", wall)):
        verdict = "met" if secs < 2.0 else "NOT met"
        print(f"goal: load --weeks 260 under 2 s of {what}: {verdict} ({secs:.2f} s)")


if __name__ == "__main__":
    main()

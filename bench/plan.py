"""Planning speed: one 52-week season, and many athletes through a process pool.

Prints the machine's load, then the median time (wall and CPU) of one season plan with the planner's
own week solver (exact search with a memo of week shapes; the garbage collector set as `stridelift
plan` and the batch workers set it) and, as peers measured in the same run, with the default collector,
with OR-Tools CP-SAT (memoised) and with the memo switched off (every week solved); the plan's JSON
export through orjson against the standard library's writer (same bytes); the whole
`stridelift plan --format json` process against a bare `python -c pass`; then athlete-plans per
second for N random profiles on all cores, and the projected time for 10,000 athletes.
Goals: one plan under 10 ms, the process under 300 ms, 10,000 athletes under 60 s on 2 cores.

usage: python bench/plan.py [--athletes 1000] [--workers 2] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from profiles import random_profile

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.planner import make_plan
from stridelift.domain.vocab import QUALITY_RUNS
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete, prepare_batch_worker
from stridelift.solvers import CpSatWeekSolver, ExactWeekSolver

NORTHERN = Path(__file__).resolve().parents[1] / "examples" / "northern_marathoner.toml"


def _season_profile() -> dict[str, Any]:
    import tomllib

    raw = tomllib.loads(NORTHERN.read_text())
    raw["plan"] = {"start": "2026-09-07", "end": "2027-09-05"}  # 52 weeks
    return raw


def time_one(raw: dict[str, Any], repeat: int, solver_cls: type[Any], memo: bool) -> float:
    return time_one_cpu(raw, repeat, solver_cls, memo)[0]


def time_one_cpu(raw: dict[str, Any], repeat: int, solver_cls: type[Any], memo: bool) -> tuple[float, float]:
    """Median wall and CPU seconds of one plan (CPU time is what a busy shared machine cannot inflate)."""
    athlete = parse_profile(raw)
    lib, rules, tpl = load_library(), load_rules(), load_templates()
    quality = frozenset(QUALITY_RUNS - {"race"})
    shared = solver_cls(quality)
    times, cpu = [], []
    for _ in range(repeat):
        solver = shared if memo else solver_cls(quality, cache_size=0)
        t0, c0 = time.perf_counter(), time.process_time()
        make_plan(athlete, library=lib, rules=rules, templates=tpl, solver=solver)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(times), statistics.median(cpu)


def time_json(raw: dict[str, Any], repeat: int) -> tuple[float, float, bool]:
    from stridelift.exporters.plan_json import plan_to_dict, to_json, to_json_stdlib

    plan = plan_athlete(parse_profile(raw))
    fast, slow = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        a = to_json(plan)
        fast.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        b = to_json_stdlib(plan_to_dict(plan))
        slow.append(time.perf_counter() - t0)
    return statistics.median(fast), statistics.median(slow), a == b


def _children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_process(repeat: int) -> tuple[float, float, float]:
    """Median wall seconds of the whole `stridelift plan --format json` process and of `python -c pass`,
    and the median CPU seconds of the former (user + system, what a busy machine cannot inflate)."""
    # what the `stridelift` console script runs
    cmd = [sys.executable, "-c", "import sys; from stridelift.entry import main; sys.exit(main())"]
    args = ["plan", str(NORTHERN), "--format", "json"]
    env = _installed_env()
    subprocess.run([*cmd, *args], check=True, stdout=subprocess.DEVNULL, env=env)  # writes the bytecode
    ours, bare, cpu = [], [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _children_cpu()
        subprocess.run([*cmd, *args], check=True, stdout=subprocess.DEVNULL, env=env)
        ours.append(time.perf_counter() - t0)
        cpu.append(_children_cpu() - c0)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
        bare.append(time.perf_counter() - t0)
    return statistics.median(ours), statistics.median(bare), statistics.median(cpu)


def _installed_env() -> dict[str, str]:
    """The environment of an installed stridelift: its modules' bytecode is cached (pip compiles it
    at install). Where PYTHONDONTWRITEBYTECODE is set (some sandboxes and CI), every run would
    compile the package from source again (about a sixth of the process); the bytecode then goes
    to a folder of its own in the temporary directory instead of next to the sources."""
    import tempfile

    env = dict(os.environ)
    if env.pop("PYTHONDONTWRITEBYTECODE", ""):
        env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "stridelift-bench-pycache"))
    return env


def _plan_chunk(seeds: list[int]) -> int:
    n = 0
    for seed in seeds:
        plan = plan_athlete(parse_profile(random_profile(random.Random(seed))))
        n += len(plan.sessions) > 0
    return n


def throughput(athletes: int, workers: int) -> tuple[float, int, float]:
    """Wall seconds, plans with sessions, and the CPU seconds the workers used (counted once they
    have exited), which other processes on a busy machine cannot inflate."""
    seeds = list(range(athletes))
    chunk = max(1, athletes // (workers * 8))
    chunks = [seeds[i : i + chunk] for i in range(0, athletes, chunk)]
    t0, c0 = time.perf_counter(), _children_cpu()
    with ProcessPoolExecutor(max_workers=workers, initializer=prepare_batch_worker) as pool:
        planned = sum(pool.map(_plan_chunk, chunks))
    return time.perf_counter() - t0, planned, _children_cpu() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--athletes", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    raw = _season_profile()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min)")
    time_one(raw, 2, ExactWeekSolver, memo=True)  # warm-up: imports, data files
    plain, plain_cpu = time_one_cpu(raw, args.repeat, ExactWeekSolver, memo=True)
    # from here on the garbage collector as `stridelift plan` and the batch workers set it
    prepare_batch_worker()
    ours, ours_cpu = time_one_cpu(raw, args.repeat, ExactWeekSolver, memo=True)
    cpsat = time_one(raw, args.repeat, CpSatWeekSolver, memo=True)
    cold = time_one(raw, max(3, args.repeat // 3), ExactWeekSolver, memo=False)
    print("one 52-week season (northern marathoner profile, median)")
    print(f"  {'exact week search + memo':30} {ours * 1000:8.1f} ms   (CPU {ours_cpu * 1000:.1f} ms)")
    print(
        f"  {'same, default collector (peer)':30} {plain * 1000:8.1f} ms   (CPU {plain_cpu * 1000:.1f} ms)   "
        f"ratio {plain / ours:5.1f}x"
    )
    print(f"  {'CP-SAT + memo (peer)':30} {cpsat * 1000:8.1f} ms   ratio {cpsat / ours:5.1f}x")
    print(f"  {'exact search, no memo (peer)':30} {cold * 1000:8.1f} ms   ratio {cold / ours:5.1f}x")
    print(
        f"  goal < 10 ms: {'met' if ours < 0.01 else 'NOT met'} (wall), {'met' if ours_cpu < 0.01 else 'NOT met'} (CPU)"
    )
    fast, slow, same = time_json(raw, args.repeat)
    print(
        f"JSON export: orjson {fast * 1000:.1f} ms, standard library {slow * 1000:.1f} ms (peer), ratio "
        f"{slow / fast:.1f}x, same bytes: {same}"
    )
    proc, bare, proc_cpu = time_process(max(3, args.repeat // 3))
    print(
        f"whole `stridelift plan --format json` process: {proc * 1000:.0f} ms (CPU {proc_cpu * 1000:.0f} ms); "
        f"bare `python -c pass` {bare * 1000:.0f} ms (peer); goal < 300 ms: {'met' if proc < 0.3 else 'NOT met'} "
        f"(wall), {'met' if proc_cpu < 0.3 else 'NOT met'} (CPU)"
    )
    seconds, planned, cpu = throughput(args.athletes, args.workers)
    rate = args.athletes / seconds
    print(
        f"{args.athletes} random 52-week athletes on {args.workers} workers: {seconds:.1f} s, "
        f"{rate:.0f} athlete-plans/s ({planned} with sessions)"
    )
    print(
        f"  projected 10,000 athletes: {10000 / rate:.0f} s (goal < 60 s: {'met' if 10000 / rate < 60 else 'NOT met'})"
    )
    by_cpu = cpu / args.athletes * 10000 / 2
    print(
        f"  workers' CPU {cpu / args.athletes * 1000:.1f} ms per athlete: 10,000 athletes on 2 idle cores "
        f"{by_cpu:.0f} s (goal < 60 s: {'met' if by_cpu < 60 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()

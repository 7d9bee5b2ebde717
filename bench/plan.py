"""Planning speed: one 52-week season, and many athletes through a process pool.

Prints the median time of one season plan with the planner's own week solver (exact search with a
memo of week shapes) and, as peers measured in the same run, with OR-Tools CP-SAT (memoised) and
with the memo switched off (every week solved); then athlete-plans per second for N random profiles
on all cores, and the projected time for 10,000 athletes.

usage: python bench/plan.py [--athletes 1000] [--workers 2] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
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
    athlete = parse_profile(raw)
    lib, rules, tpl = load_library(), load_rules(), load_templates()
    quality = frozenset(QUALITY_RUNS - {"race"})
    shared = solver_cls(quality)
    times = []
    for _ in range(repeat):
        solver = shared if memo else solver_cls(quality, cache_size=0)
        t0 = time.perf_counter()
        make_plan(athlete, library=lib, rules=rules, templates=tpl, solver=solver)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _plan_chunk(seeds: list[int]) -> int:
    n = 0
    for seed in seeds:
        plan = plan_athlete(parse_profile(random_profile(random.Random(seed))))
        n += len(plan.sessions) > 0
    return n


def throughput(athletes: int, workers: int) -> tuple[float, int]:
    seeds = list(range(athletes))
    chunk = max(1, athletes // (workers * 8))
    chunks = [seeds[i : i + chunk] for i in range(0, athletes, chunk)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, initializer=prepare_batch_worker) as pool:
        planned = sum(pool.map(_plan_chunk, chunks))
    return time.perf_counter() - t0, planned


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--athletes", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    raw = _season_profile()
    time_one(raw, 2, ExactWeekSolver, memo=True)  # warm-up: imports, data files
    ours = time_one(raw, args.repeat, ExactWeekSolver, memo=True)
    cpsat = time_one(raw, args.repeat, CpSatWeekSolver, memo=True)
    cold = time_one(raw, max(3, args.repeat // 3), ExactWeekSolver, memo=False)
    print("one 52-week season (northern marathoner profile, median)")
    print(f"  {'exact week search + memo':30} {ours * 1000:8.1f} ms")
    print(f"  {'CP-SAT + memo (peer)':30} {cpsat * 1000:8.1f} ms   ratio {cpsat / ours:5.1f}x")
    print(f"  {'exact search, no memo (peer)':30} {cold * 1000:8.1f} ms   ratio {cold / ours:5.1f}x")
    print(f"  goal < 100 ms: {'met' if ours < 0.1 else 'NOT met'}")
    seconds, planned = throughput(args.athletes, args.workers)
    rate = args.athletes / seconds
    print(
        f"{args.athletes} random 52-week athletes on {args.workers} workers: {seconds:.1f} s, "
        f"{rate:.0f} athlete-plans/s ({planned} with sessions)"
    )
    print(
        f"  projected 10,000 athletes: {10000 / rate:.0f} s (goal < 120 s: "
        f"{'met' if 10000 / rate < 120 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()

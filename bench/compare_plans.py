"""The planner's output, byte for byte: write the plan JSON of every example and stress profile and of
seeded random profiles, or compare them with a folder written before (by the code before a change).

Random profiles follow the strategy of tests/property/test_random_profiles.py (the same ranges and
choices), drawn from `random.Random(seed)` so every run plans the same athletes; a profile the planner
refuses (a week without runs) is written as the error it raises. A second, smaller set comes from
bench/profiles.py (the athletes bench/plan.py times).

usage: python bench/compare_plans.py --write DIR              # e.g. with the code before a change
       python bench/compare_plans.py --before DIR [--out DIR2]  # plan again and compare byte for byte
(--before also plans every profile a second time in the same process and compares: caches shared
across plans must not change a later plan)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from profiles import random_profile

from stridelift.domain.planner import EmptyRunningWeek
from stridelift.domain.vocab import EQUIPMENT, INJURY_AREAS, WEEKDAYS
from stridelift.exporters.plan_json import to_json
from stridelift.profile import load_profile, parse_profile
from stridelift.services import plan_athlete

ROOT = Path(__file__).resolve().parents[1]
RUN_TYPES = ["rest", "easy", "easy", "long", "tempo", "interval", "hills"]


def property_profile(rng: random.Random) -> dict[str, Any]:
    """One profile as tests/property/test_random_profiles.py's `profiles` strategy draws it."""
    start = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 900))
    weeks = rng.randint(1, 52)
    end = start + dt.timedelta(days=weeks * 7 - 1 + rng.randint(0, 6))
    week: list[dict[str, Any]] = []
    for day in WEEKDAYS:
        t = rng.choice(RUN_TYPES)
        week.append({"day": day, "type": t, "minutes": rng.randint(20, 180), "slot": rng.choice(["am", "pm"])})
        if t != "rest" and rng.randint(0, 9) == 0:
            other = "pm" if week[-1]["slot"] == "am" else "am"
            week.append({"day": day, "type": "easy", "minutes": 30, "slot": other})
    n_races = rng.randint(0, 4)
    race_days = sorted({rng.randint(0, (end - start).days) for _ in range(n_races)})
    races = [
        {
            "date": (start + dt.timedelta(days=d)).isoformat(),
            "distance": rng.choice(["5k", "10k", "half", "marathon", "ultra", 15, 60]),
            "priority": rng.choice(["A", "B", "C"]),
        }
        for d in race_days
    ]
    areas = rng.sample(list(INJURY_AREAS), rng.randint(0, 2))
    injuries = [{"area": a, "status": rng.choice(["flaring", "recovering", "history"])} for a in areas]
    gear = [e for e in EQUIPMENT if e != "bodyweight"]
    return {
        "athlete": {
            "name": "R",
            "experience": rng.choice(["novice", "intermediate", "advanced"]),
            "hemisphere": rng.choice(["north", "south"]),
        },
        "equipment": {"available": rng.sample(gear, rng.randint(0, len(gear)))},
        "availability": {
            "sessions_per_week_max": rng.randint(1, 5),
            "minutes_per_session": rng.randint(15, 90),
            "days": rng.sample(list(WEEKDAYS), rng.randint(1, len(WEEKDAYS))),
        },
        "running": {"week": week},
        "races": races,
        "injuries": injuries,
        "plan": {"start": start.isoformat(), "end": end.isoformat()},
    }


def cases(n_property: int, n_bench: int) -> Iterator[tuple[str, Any]]:
    """(file name, athlete or raw profile) for every profile compared."""
    for p in sorted([*ROOT.glob("examples/*.toml"), *ROOT.glob("tests/stress_profiles/*.toml")]):
        yield f"{p.parent.name}__{p.stem}", p
    for seed in range(n_property):
        yield f"property__{seed:04d}", property_profile(random.Random(seed))
    for seed in range(n_bench):
        yield f"bench__{seed:04d}", random_profile(random.Random(seed))


def plan_bytes(case: Any) -> bytes:
    athlete = load_profile(case) if isinstance(case, Path) else parse_profile(case)
    try:
        return to_json(plan_athlete(athlete))
    except EmptyRunningWeek as exc:
        return f"EmptyRunningWeek: {exc}\n".encode()


def write(out: Path, n_property: int, n_bench: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, case in cases(n_property, n_bench):
        (out / f"{name}.json").write_bytes(plan_bytes(case))
        n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", type=Path, help="write the plans to this folder")
    ap.add_argument("--before", type=Path, help="compare with the plans in this folder")
    ap.add_argument("--out", type=Path, help="where --before writes the new plans (default: a temporary folder)")
    ap.add_argument("--random", type=int, default=200, help="random profiles of the property-test strategy")
    ap.add_argument("--bench", type=int, default=50, help="random profiles of bench/profiles.py")
    args = ap.parse_args()
    if args.write:
        print(f"wrote {write(args.write, args.random, args.bench)} plans to {args.write}")
        return 0
    if not args.before:
        ap.error("give --write DIR or --before DIR")
    out = args.out or Path(tempfile.mkdtemp(prefix="stridelift-plans-"))
    n = write(out, args.random, args.bench)
    old = {p.name for p in args.before.glob("*.json")}
    new = {p.name for p in out.glob("*.json")}
    differ = sorted(x for x in old & new if (args.before / x).read_bytes() != (out / x).read_bytes())
    for x in differ:
        print(f"DIFFERS {x}")
    for x in sorted(old ^ new):
        print(f"ONLY IN {'before' if x in old else 'after'} {x}")
    # every plan again in this process, from the caches the first round filled (memos shared across plans)
    warm = [
        name for name, case in cases(args.random, args.bench) if plan_bytes(case) != (out / f"{name}.json").read_bytes()
    ]
    for x in warm:
        print(f"DIFFERS WHEN PLANNED AGAIN {x}")
    print(
        f"{n} plans written to {out}; {len(differ)} differ, {len(old ^ new)} in one folder only, "
        f"{len(warm)} differ when planned again in the same process"
    )
    return 1 if differ or old ^ new or warm else 0


if __name__ == "__main__":
    sys.exit(main())

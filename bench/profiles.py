"""Random but valid runner profiles for benchmarks (seeded, so every run plans the same athletes)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from stridelift.domain.vocab import EQUIPMENT, INJURY_AREAS, WEEKDAYS

RUN_TYPES = ["rest", "easy", "easy", "easy", "long", "tempo", "interval", "hills"]
TEMPLATES = [
    ["rest", "interval", "easy", "tempo", "easy", "long", "easy"],
    ["easy", "interval", "easy", "hills", "rest", "easy", "long"],
    ["rest", "easy", "tempo", "easy", "rest", "long", "easy"],
    ["rest", "easy", "rest", "easy", "rest", "long", "rest"],
]


def random_profile(rng: random.Random, weeks: int = 52) -> dict[str, Any]:
    start = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(0, 700))
    end = start + dt.timedelta(days=weeks * 7 - 1)
    pattern = rng.choice(TEMPLATES) if rng.random() < 0.7 else [rng.choice(RUN_TYPES) for _ in WEEKDAYS]
    week: list[dict[str, Any]] = [
        {"day": d, "type": t, "minutes": rng.choice([30, 45, 60, 90, 120])}
        for d, t in zip(WEEKDAYS, pattern, strict=True)
    ]
    if rng.random() < 0.15:
        week.append({"day": rng.choice(WEEKDAYS[:5]), "type": "easy", "minutes": 30, "slot": "pm"})
    races: list[dict[str, Any]] = []
    for _ in range(rng.randrange(0, 4)):
        day = start + dt.timedelta(days=rng.randrange(7, (end - start).days))
        if all(r["date"] != day.isoformat() for r in races):
            races.append(
                {
                    "date": day.isoformat(),
                    "distance": rng.choice(["5k", "10k", "half", "marathon"]),
                    "priority": rng.choice("ABC"),
                }
            )
    injuries: list[dict[str, str]] = []
    if rng.random() < 0.2:
        injuries.append({"area": rng.choice(INJURY_AREAS), "status": rng.choice(["flaring", "recovering"])})
    equipment = rng.sample([e for e in EQUIPMENT if e != "bodyweight"], rng.randrange(0, len(EQUIPMENT)))
    return {
        "athlete": {
            "name": f"A{rng.randrange(10**6)}",
            "experience": rng.choice(["novice", "intermediate", "advanced"]),
            "hemisphere": rng.choice(["north", "south"]),
        },
        "equipment": {"available": equipment},
        "availability": {
            "sessions_per_week_max": rng.choice([2, 2, 3, 3, 4]),
            "minutes_per_session": rng.choice([30, 40, 45, 60, 75]),
            "days": sorted(rng.sample(list(WEEKDAYS), rng.randrange(2, 8)), key=WEEKDAYS.index),
        },
        "running": {"week": week},
        "races": races,
        "injuries": injuries,
        "plan": {"start": start.isoformat(), "end": end.isoformat()},
    }

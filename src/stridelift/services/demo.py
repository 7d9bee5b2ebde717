"""`stridelift serve --demo`: a demo runner whose season started eight weeks ago, with the past
sessions logged (loads rising in small steps, a missed week, a knee report), so a newcomer sees a
living app at once."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from stridelift.services import accounts, training

EQUIPMENT = ["dumbbells", "kettlebell", "band", "barbell", "bench", "box", "stability_ball", "foam_roller",
             "pullup_bar"]  # fmt: skip
DEMO_EMAIL = "demo@stridelift.example"
DEMO_PASSWORD = "demo-runner-2026"  # printed by `serve --demo`; the demo account is public by design


@dataclass(frozen=True, slots=True)
class DemoSeed:
    email: str
    password: str
    created: bool
    sets: int


def demo_profile(today: dt.date) -> dict[str, Any]:
    start = today - dt.timedelta(weeks=8)
    return {
        "athlete": {"name": "Demo Runner", "experience": "intermediate", "hemisphere": "north"},
        "equipment": {"available": EQUIPMENT},
        "availability": {"sessions_per_week_max": 3, "minutes_per_session": 50, "days": ["mon", "wed", "fri", "sat"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest"},
                {"day": "tue", "type": "interval", "minutes": 60},
                {"day": "wed", "type": "easy", "minutes": 45},
                {"day": "thu", "type": "tempo", "minutes": 50},
                {"day": "fri", "type": "easy", "minutes": 40},
                {"day": "sat", "type": "long", "minutes": 110},
                {"day": "sun", "type": "easy", "minutes": 40},
            ]
        },
        "races": [{"date": (today + dt.timedelta(weeks=14)).isoformat(), "distance": "half", "priority": "A"}],
        "plan": {"start": start.isoformat()},
    }


def seed_demo(engine: Engine, today: dt.date | None = None) -> DemoSeed:
    """Create the demo runner and log their past sessions; a database already seeded is left as is."""
    today = today or dt.date.today()
    if any(a.email == DEMO_EMAIL for a in accounts.list_accounts(engine)):
        return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, False, 0)
    account = accounts.sign_up(engine, DEMO_EMAIL, DEMO_PASSWORD)
    plan = training.save_profile(engine, account, demo_profile(today)).plan
    missed_week = (today - dt.timedelta(weeks=3)).isocalendar()[:2]
    logged = 0
    for n, sess in enumerate(s for s in plan["sessions"] if s["date"] < today.isoformat()):
        day = dt.date.fromisoformat(sess["date"])
        if day.isocalendar()[:2] == missed_week:
            continue  # life happens: the app must cope with a missed week
        week = (day - dt.date.fromisoformat(plan["start"])).days // 7
        for ex in sess["exercises"]:
            if ex["block"] not in ("strength", "circuit") or not ex.get("reps"):
                continue
            base = 40.0 if ex["region"] == "lower" else 16.0
            load = base + 2.5 * week if "barbell" in ex["equipment"] else (base / 2 + week if ex["equipment"] else None)
            for i in range(ex["sets"]):
                training.log_set(
                    engine,
                    account,
                    training.SetIn(
                        client_uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo/{sess['date']}/{ex['id']}/{i}")),
                        session_key=training.session_key(sess),
                        exercise_id=ex["id"],
                        set_index=i,
                        reps=ex["reps"],
                        load_kg=load,
                        rpe=7.0 + (n % 3) * 0.5,
                        performed_at=dt.datetime.combine(day, dt.time(18, i * 3), dt.UTC),
                    ),
                )
                logged += 1
    training.report_symptom(
        engine, account, training.SymptomIn(today - dt.timedelta(days=2), "knee", 3, "a little sore after the long run")
    )
    return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, True, logged)

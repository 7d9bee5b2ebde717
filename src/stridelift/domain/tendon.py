"""An injury's own tendon loading rests around races (rule I-RACE-TENDON): no calf raises for a sore
Achilles on the days before a race, nor in the days after one, when the race itself has loaded the
tendon hard. Isometric holds stay (they calm a tendon rather than load it to fatigue)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from stridelift.domain.plan import Prescription, Session


def quiet_days(races: Iterable[tuple[dt.date, float | None]], params: Mapping[str, Any]) -> dict[dt.date, dt.date]:
    """Each day on which tendon loading rests, mapped to the race it rests for: `days_before` days
    before a race and `days_after` days after it (`days_after_long` after one of `long_km` or more)."""
    before = int(params["days_before"])
    out: dict[dt.date, dt.date] = {}
    for day, km in races:
        after = int(params["days_after_long"]) if (km or 0) >= float(params["long_km"]) else int(params["days_after"])
        for k in range(-before, after + 1):
            if k:
                out.setdefault(day + dt.timedelta(days=k), day)
    return out


def is_loading(p: Prescription, ids: frozenset[str]) -> bool:
    """One of an injury's own loading exercises given for repetitions (a hold is given in seconds)."""
    return p.block == "strength" and p.id in ids and p.reps is not None


def rest_tendon(s: Session, ids: frozenset[str], race: dt.date, rule_id: str) -> Session:
    """The session without the injury's loading repetitions, saying why."""
    kept = [p for p in s.exercises if not is_loading(p, ids)]
    if len(kept) == len(s.exercises):
        return s
    renumbered = tuple(dataclasses.replace(p, order=i + 1) for i, p in enumerate(kept))
    note = f"No calf raises today: the tendon rests around the race on {race:%a %d %b} (the race loads it enough)."
    return dataclasses.replace(s, exercises=renumbered, notes=(*s.notes, note), why=(*s.why, rule_id))

"""No heavy eccentric work in the last days before an A race (rule E-TAPER-ECCENTRIC): the soreness and
lost force after an eccentric bout (Nordic hamstring curls) last three to seven days, and a taper is
there so the legs arrive fresh. Pure: the days to keep free, and a session without that work."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from stridelift.domain.plan import Prescription, Session


def eccentric_free_days(
    races: Iterable[tuple[dt.date, str | None]], params: Mapping[str, Any]
) -> dict[dt.date, dt.date]:
    """Each day on which heavy eccentric work is not given, mapped to the race it keeps the legs fresh
    for (the nearest): the `days_before` days before each race of one of `priorities`."""
    before = int(params["days_before"])
    priorities = set(params["priorities"])
    out: dict[dt.date, dt.date] = {}
    for day, priority in sorted(races, reverse=True):  # the nearer race wins a day two races share
        if priority in priorities:
            for k in range(1, before + 1):
                out[day - dt.timedelta(days=k)] = day
    return out


def is_eccentric(p: Prescription, ids: frozenset[str]) -> bool:
    """Heavy eccentric work: one of the rule's exercises as a lift (a warm-up drill is not the dose)."""
    return p.block != "warmup" and p.id in ids


def drop_eccentric(
    s: Session, ids: frozenset[str], race: dt.date, rule_id: str, seconds: float, note: str | None = None
) -> Session:
    """The session without its heavy eccentric work, `seconds` shorter, saying why (`note`, or the race's words)."""
    kept = [p for p in s.exercises if not is_eccentric(p, ids)]
    if len(kept) == len(s.exercises):
        return s
    renumbered = tuple(dataclasses.replace(p, order=i + 1) for i, p in enumerate(kept))
    note = note or (
        f"No Nordic curls until after the race on {race:%a %d %b}: their soreness lasts days, "
        "and the legs go into the race fresh."
    )
    minutes = max(1, s.minutes - int(seconds // 60))
    return dataclasses.replace(s, exercises=renumbered, notes=(*s.notes, note), why=(*s.why, rule_id), minutes=minutes)

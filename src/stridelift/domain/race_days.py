"""The days around races (rules E-RACE-EVE, E-POST-RACE-REST, E-TAPER-NO-RISE): the eve of an A race and
the first days after a long race hold no loading, a long race's recovery nothing new, and an A race's last
weeks no rising strength dose. One definition serves the planner and the checker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from stridelift.domain.plan import Prescription
from stridelift.domain.running import recovery_days, rest_days

DAY = dt.timedelta(days=1)


def is_unloaded(p: Prescription, pattern: str | None, params: Mapping[str, Any]) -> bool:
    """Breathing, mobility, stretches or easy balance, held under no load (by the library's pattern)."""
    return (
        p.block in params["blocks"]
        and pattern in params["patterns"]
        and p.intensity.pct_1rm is None
        and p.intensity.rpe is None
    )


def a_race_eves(races: Iterable[tuple[dt.date, str]], params: Mapping[str, Any]) -> dict[dt.date, dt.date]:
    """The eve of each race of the rule's priorities -> the race."""
    return {d - DAY: d for d, prio in races if prio in params["priorities"]}


def rest_after(races: Iterable[tuple[dt.date, float]], rec: Mapping[str, Any]) -> dict[dt.date, dt.date]:
    """Each day after a race that E-RACE-RECOVERY keeps free of running -> that race's date."""
    out: dict[dt.date, dt.date] = {}
    for d, km in sorted(races):
        for k in range(1, rest_days(km, rec) + 1):
            out.setdefault(d + k * DAY, d)
    return out


def familiar_days(
    races: Iterable[tuple[dt.date, float, str]], rec: Mapping[str, Any], from_km: float, first_session: dt.date | None
) -> dict[dt.date, dt.date]:
    """The recovery days of each race of `from_km` or more that something was trained before -> the race:
    no exercise is given for the first time on them (E-POST-RACE-REST)."""
    out: dict[dt.date, dt.date] = {}
    for d, km, priority in sorted(races):
        if km >= from_km and first_session is not None and first_session < d:
            for k in range(1, recovery_days(km, rec, priority) + 1):
                out.setdefault(d + k * DAY, d)
    return out


def dose_window(day: dt.date, a_races: Sequence[dt.date], days_before: int) -> dt.date | None:
    """The A race whose last `days_before` days hold `day` (the nearest one), or None (E-TAPER-NO-RISE)."""
    return next((r for r in sorted(a_races) if 0 < (r - day).days <= days_before), None)

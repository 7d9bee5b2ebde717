"""The race shapes at their distance limits: after an A race of 30 km or more 14 days of recovery, of
15 km or more 10, shorter 7; a B race gets a 5-day race week and a C race a 3-day one. Golden
calendars only cover the common distances, so a threshold moved by one kilometre or a length by one
day (mutation survivors) showed nowhere."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.test_periodization_golden import calendar, profile

RACE = dt.date(2027, 6, 20)


def lengths(km: int, priority: str) -> dict[str, int]:
    """Days of the race week and of the recovery after it, for one race in a long plan."""
    race = {"date": RACE.isoformat(), "distance": km, "priority": priority}
    raw = profile("2027-03-01", "2027-08-29", [race])  # type: ignore[list-item]
    out: dict[str, int] = {}
    for name, start, end in calendar(raw):
        if name == "race_week" and end == RACE:
            out["race_week"] = (end - start).days + 1
        elif name == "recovery" and start == RACE + dt.timedelta(days=1):
            out["recovery"] = (end - start).days + 1
    return out


@pytest.mark.parametrize(
    ("km", "priority", "race_week", "recovery"),
    [
        (30, "A", 7, 14),
        (29, "A", 7, 10),
        (15, "A", 7, 10),
        (14, "A", 7, 7),
    ],
)
def test_an_a_races_race_week_and_recovery_by_distance(km: int, priority: str, race_week: int, recovery: int) -> None:
    got = lengths(km, priority)
    assert got.get("race_week") == race_week
    assert got.get("recovery") == recovery


@pytest.mark.parametrize(("priority", "race_week"), [("B", 5), ("C", 3)])
def test_b_and_c_race_weeks(priority: str, race_week: int) -> None:
    # their recovery follows the recovery rule's days by distance (E-RACE-RECOVERY), not the shape
    assert lengths(30, priority).get("race_week") == race_week
    assert lengths(29, priority).get("race_week") == race_week

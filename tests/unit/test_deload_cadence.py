"""E-DELOAD at its limit: with `every = 4` the fourth week of a loaded block is the lighter one (three
loaded weeks, then one lighter), as the planner writes it; four loaded weeks in a row are reported.
The check used to allow four loaded weeks and a lighter fifth (the mutation run found no test at the limit)."""

from __future__ import annotations

import datetime as dt

from tests.unit.test_checks_prescription import LIB, MON, RULES, findings, plan, rx, session

EVERY = int(RULES["E-DELOAD"].params["every"])


def block(light_weeks: set[int], weeks: int = 8) -> list[str]:
    """One circuit a week in a base block; the weeks (from 1) in `light_weeks` are lighter ones."""
    sessions = []
    for w in range(1, weeks + 1):
        why = ("S1-CIRCUIT", "E-DELOAD") if w in light_weeks else ("S1-CIRCUIT",)
        stations = [rx(LIB, "bodyweight_squat", "circuit", sets=3, reps=20, rest_s=30, rpe=6)]
        sessions.append(session(MON + dt.timedelta(weeks=w - 1), stations, "circuit", "base", why))
    return findings("E-DELOAD", plan(sessions, "base", weeks=weeks))


def test_the_fourth_week_is_the_lighter_one() -> None:
    assert EVERY == 4  # the figures below are written for it
    assert block({4, 8}) == []  # three loaded weeks, a lighter one, three more, a lighter one
    late = block({5})  # four loaded weeks in a row: the fourth should have been lighter
    assert late and late[0].startswith(f"{EVERY} loaded weeks in a row")
    assert block(set(), weeks=EVERY - 1) == []  # a block shorter than the cadence owes no lighter week


def test_a_week_without_sessions_breaks_the_run() -> None:
    # a week with no loaded session is a lighter week too (nothing was lifted)
    sessions = []
    for w in (1, 2, 3, 5, 6, 7):
        stations = [rx(LIB, "bodyweight_squat", "circuit", sets=3, reps=20, rest_s=30, rpe=6)]
        sessions.append(session(MON + dt.timedelta(weeks=w - 1), stations, "circuit", "base", ("S1-CIRCUIT",)))
    assert findings("E-DELOAD", plan(sessions, "base", weeks=8)) == []


def test_the_count_starts_again_after_each_finding() -> None:
    # eight loaded weeks: one finding at the fourth and one at the eighth, not one a week after the fourth
    found = block(set(), weeks=2 * EVERY)
    assert len(found) == 2 and all(f.startswith(f"{EVERY} loaded weeks") for f in found)

"""Advice in S2-HEAVY-HONEST's warnings must be able to produce the session it promises without making
back-to-back hard days (coach review): a moved key run never lands next to another key run or on the
long run's day, the day to free is never the long run's, and a novice with no load to lift is not told to
free a day for heavy legs it cannot do."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from stridelift.catalog import load_rules
from stridelift.domain.athlete import Athlete
from stridelift.profile import load_profile
from stridelift.services.planning import plan_athlete

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
KEY = frozenset(load_rules().param("E-KEY-RUN-EVE", "key_types"))


def _advice(athlete: Athlete) -> list[str]:
    return [w.message for w in plan_athlete(athlete).warnings if w.rule == "S2-HEAVY-HONEST"]


def _keyed(athlete: Athlete, weekday: int) -> set[str]:
    return {r.type for r in athlete.runs_on(weekday)} & KEY


def _check_moves_and_frees(athlete: Athlete, messages: list[str]) -> None:
    for m in messages:
        for run, src, dst in re.findall(r"move the (\w+) run from (\w+) to (\w+)", m):
            a, d = DAYS.index(src), DAYS.index(dst)
            assert not _keyed(athlete, d), m
            for n in ((d - 1) % 7, (d + 1) % 7):
                assert n == a or not _keyed(athlete, n), f"{run} moved next to {DAYS[n]}'s key run: {m}"
        free = re.search(r"free one more day such as ([\w ]+?) \(", m)
        for day in free.group(1).split(" or ") if free else []:
            assert not {r.type for r in athlete.runs_on(DAYS.index(day))} & {"long", "race"}, m


@pytest.mark.parametrize("name", ["hip_flexor_flaring", "frequent_racer_knee"])
def test_warning_advice_makes_no_back_to_back_hard_days(name: str) -> None:
    athlete = load_profile(EXAMPLES / f"{name}.toml")
    messages = _advice(athlete)
    assert messages  # both profiles have phases without heavy legs
    _check_moves_and_frees(athlete, messages)


def test_a_tempo_run_is_not_moved_beside_the_intervals() -> None:
    # masters_shin_2days (review): strength Mon and Sat, tempo Tue, intervals Thu, long Sun; the advice was
    # "move the tempo run from Tuesday to Wednesday" (then Wed tempo, Thu intervals)
    base = load_profile(EXAMPLES / "hip_flexor_flaring.toml")
    week = (("easy", 40), ("tempo", 50), ("rest", 0), ("interval", 55), ("easy", 30), ("easy", 40), ("long", 100))
    runs = tuple(
        dataclasses.replace(base.running_week[0], weekday=i, type=t, minutes=m) for i, (t, m) in enumerate(week)
    )
    athlete = dataclasses.replace(base, running_week=runs, strength_days=frozenset({0, 5}))
    messages = _advice(athlete)
    assert messages
    assert not [m for m in messages if "to Wednesday" in m]
    _check_moves_and_frees(athlete, messages)


def test_a_novice_without_loads_is_not_told_to_free_a_day_for_heavy_legs() -> None:
    athlete = load_profile(EXAMPLES / "novice_bodyweight.toml")  # band only
    heavy = [m for m in _advice(athlete) if "heavy leg work" in m]
    assert heavy and all("free one more day" not in m and "needs a load" in m for m in heavy)
    with_db = dataclasses.replace(athlete, equipment=athlete.equipment | {"dumbbells"})
    assert not [m for m in _advice(with_db) if "needs a load" in m]

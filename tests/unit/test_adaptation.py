"""The plan follows measured running load: spikes, layoffs, and a running week inferred from history."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from stridelift.domain.activity import Activity
from stridelift.domain.progression import is_heavy_lower, is_heavy_set
from stridelift.history import History, signal_for
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete
from tests.conftest import BASE_PROFILE

UTC = dt.UTC


def run(day: dt.date, minutes: int, hr: float = 145.0, speed: float = 3.0, hour: int = 7) -> Activity:
    n = minutes * 12  # a sample every 5 s
    t = tuple(float(i * 5) for i in range(n))
    start = dt.datetime.combine(day, dt.time(hour), UTC)
    return Activity(
        sport="running",
        sub_sport=None,
        start=start,
        duration_s=minutes * 60.0,
        moving_time_s=minutes * 60.0,
        distance_m=speed * minutes * 60,
        elevation_gain_m=0.0,
        avg_hr=hr,
        max_hr=hr + 20,
        time_s=t,
        heart_rate=(hr,) * n,
        speed_m_s=(speed,) * n,
        altitude_m=(0.0,) * n,
        source=f"{day}.fit",
        content_sha256=f"{day}-{hour}-{minutes}",
    )


def profile(**plan: Any) -> dict[str, Any]:
    p: dict[str, Any] = copy.deepcopy(BASE_PROFILE)
    p["races"] = []
    p["plan"] = {"start": "2027-03-01", "end": "2027-04-25", **plan}
    return p


def steady_history(end: dt.date, weeks: int, minutes: int = 40) -> list[Activity]:
    out = []
    day = end - dt.timedelta(weeks=weeks)
    while day <= end:
        if day.weekday() in (1, 3, 5):
            out.append(run(day, minutes))
        day += dt.timedelta(days=1)
    return out


def test_a_spike_before_the_plan_moves_heavy_legs_off_the_next_days() -> None:
    athlete = parse_profile(profile())
    start = athlete.start
    acts = steady_history(start - dt.timedelta(days=8), 8)
    acts += [run(start - dt.timedelta(days=d), 150, hr=165) for d in range(1, 7)]  # a big last week
    signal = signal_for(athlete, History(acts, [], "test"))
    assert signal.events, "the spike is seen"
    plan = plan_athlete(athlete, signal)
    codes = {w.code for w in plan.warnings}
    assert codes & {"LOAD_SPIKE", "LOAD_OVERLOAD"}
    last_event = max(e.day for e in signal.events)
    for s in plan.sessions:
        if 0 < (s.date - last_event).days <= 4:
            assert not is_heavy_lower(s.exercises), s.date
            assert "A-LOAD-SPIKE" in s.why
    baseline = plan_athlete(athlete)
    assert not {w.code for w in baseline.warnings} & {"LOAD_SPIKE", "LOAD_OVERLOAD"}


def test_a_layoff_restarts_strength_gently() -> None:
    athlete = parse_profile(profile())
    acts = steady_history(athlete.start - dt.timedelta(days=30), 10)  # then a month off
    signal = signal_for(athlete, History(acts, [], "test"))
    assert signal.returning_from_layoff and signal.layoff_days >= 14
    plan = plan_athlete(athlete, signal)
    assert any(w.code == "LAYOFF_RESTART" for w in plan.warnings)
    early = [s for s in plan.sessions if (s.date - athlete.start).days < 21]
    assert early
    for s in early:
        assert "A-LAYOFF" in s.why
        assert not any(is_heavy_set(p) for p in s.exercises)
    fresh = signal_for(athlete, History(steady_history(athlete.start - dt.timedelta(days=1), 10), [], "t"))
    assert not fresh.returning_from_layoff


def test_running_week_inferred_when_the_profile_has_none() -> None:
    raw = profile()
    raw["running"] = {"week": []}
    athlete = parse_profile(raw)
    acts = []
    day = athlete.start - dt.timedelta(weeks=8)
    while day < athlete.start:
        wd = day.weekday()
        if wd == 1:
            acts.append(run(day, 50, hr=170, speed=4.2))
        elif wd == 5:
            acts.append(run(day, 120, hr=140))
        elif wd in (2, 4):
            acts.append(run(day, 40, hr=135))
        day += dt.timedelta(days=1)
    signal = signal_for(athlete, History(acts, [], "test"))
    plan = plan_athlete(athlete, signal)
    assert any(w.code == "HISTORY_WEEK_INFERRED" for w in plan.warnings)
    types = {r.date.weekday(): r.type for r in plan.runs}
    assert types.get(5) == "long"
    assert 0 not in types and 6 not in types  # Mondays and Sundays stay rest days
    assert all("A-INFERRED-WEEK" in s.why for s in plan.sessions)
    # heavy legs never the day before the inferred long run
    assert not any(is_heavy_lower(s.exercises) and s.date.weekday() == 4 for s in plan.sessions)

"""Load from a stored history as `stridelift load` and `plan --history` read it: an activity's load
does not depend on the window shown, the window starts from the runner's real load, runs and
cross-training are told apart, and history that changes nothing says so."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from stridelift.domain.activity import Activity, ActivitySport
from stridelift.domain.load import CROSS_TRAINING_FACTOR, local_date
from stridelift.exporters.load_chart import load_table_rows
from stridelift.history import LEAD_DAYS, HistoryError, measure, read_window
from stridelift.services import plan_profile
from stridelift.services.load_report import load_view, report_days
from stridelift.store.db import open_database
from stridelift.store.repository import ActivityRepository

LAST = dt.date(2026, 6, 27)  # a Saturday
WEEKS = 60

PROFILE = """
[athlete]
name = "Window"
experience = "intermediate"
[equipment]
available = ["dumbbells", "barbell", "bench", "band", "box"]
[availability]
sessions_per_week_max = 3
minutes_per_session = 60
[running]
week = [
  {{ day = "tue", type = "easy", minutes = 45 }},
  {{ day = "thu", type = "easy", minutes = 45 }},
  {{ day = "sat", type = "long", minutes = 90 }},
]
[plan]
start = "{start}"
end = "{end}"
"""


def activity(day: dt.date, minutes: int, hr: float, sport: ActivitySport = "running", k: int = 0) -> Activity:
    n = minutes * 60
    wobble = [hr + 6.0 * math.sin(i / 90.0) + (k % 5) for i in range(n)]
    speed = 3.0 if sport == "running" else 7.0
    return Activity(
        sport=sport,
        sub_sport=None,
        start=dt.datetime.combine(day, dt.time(7), dt.UTC),
        duration_s=float(n - 1),
        moving_time_s=float(n - 1),
        distance_m=speed * (n - 1),
        elevation_gain_m=None,
        avg_hr=hr + (k % 5),
        max_hr=hr + 6.0 + (k % 5) + (25.0 if k % 9 == 0 else 0.0),
        time_s=tuple(float(i) for i in range(n)),
        heart_rate=tuple(wobble),
        speed_m_s=(speed,) * n,
        altitude_m=(100.0,) * n,
        source=f"{day.isoformat()}-{sport}",
        content_sha256=f"{day.isoformat()}{sport}".ljust(64, "0"),
    )


def history() -> list[Activity]:
    acts: list[Activity] = []
    day = LAST - dt.timedelta(weeks=WEEKS)
    k = 0
    while day <= LAST:
        if day.weekday() in (1, 3):
            acts.append(activity(day, 40 + (k % 3) * 5, 145.0, k=k))
        elif day.weekday() == 5:
            acts.append(activity(day, 80, 150.0, k=k))
        elif day.weekday() == 6 and k % 4 == 0:
            acts.append(activity(day, 150, 130.0, "cycling", k=k))
        k += 1
        day += dt.timedelta(days=1)
    return acts


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("window") / "h.db"
    url = f"sqlite:///{path}"
    ActivityRepository(open_database(url)).add_many(history())
    return url


def _loads(url: str, weeks: int, end: dt.date | None = None) -> dict[dt.datetime, float]:
    hist = read_window([url], days=report_days(weeks), end=end)
    m = measure(hist.activities, end=end or LAST, days=report_days(weeks), overview=hist.overview, stored=hist.stored)
    return {ld.start: ld.trimp for ld in m.report.loads}


def test_the_same_activity_has_the_same_load_under_any_window(db: str) -> None:
    windows = [_loads(db, 12), _loads(db, 16), _loads(db, 4), _loads(db, 8, LAST - dt.timedelta(days=20))]
    common = set(windows[0]).intersection(*windows[1:])
    assert len(common) >= 10
    for start in common:
        assert len({w[start] for w in windows}) == 1, start


def test_thresholds_come_from_the_whole_history(db: str) -> None:
    hist = read_window([db], days=report_days(4), end=None)
    m = measure(hist.activities, end=LAST, days=report_days(4), overview=hist.overview, stored=hist.stored)
    th = m.report.thresholds
    assert th is not None and th.source.startswith("estimated from data")
    assert f"over {len(hist.overview)} activities" in th.source
    assert len(hist.overview) > len({ld.start for ld in m.report.loads})


def test_acute_and_chronic_are_carried_in_from_before_the_window(db: str) -> None:
    short, long_ = (read_window([db], days=report_days(w), end=None) for w in (4, 30))
    a = measure(short.activities, end=LAST, days=report_days(4), overview=short.overview, stored=short.stored).report
    b = measure(long_.activities, end=LAST, days=report_days(30), overview=long_.overview, stored=long_.stored).report
    assert a.seeded_from == a.start - dt.timedelta(days=LEAD_DAYS)
    first_a, same_day_b = a.days[0], b.day(a.start)
    assert same_day_b is not None
    assert first_a.acute_mean == pytest.approx(same_day_b.acute_mean, rel=1e-12)
    assert first_a.chronic_mean == pytest.approx(same_day_b.chronic_mean, rel=1e-12)
    assert first_a.acwr is not None and first_a.acwr == pytest.approx(same_day_b.acwr, rel=1e-12)
    assert first_a.ctl > 20 and first_a.ctl == pytest.approx(same_day_b.ctl, rel=3e-3)  # e^-6 of a lead-in
    cold = measure(
        short.activities, end=LAST, days=report_days(4), overview=short.overview, stored=short.stored, lead_days=0
    ).report
    assert cold.days[0].ctl < 0.2 * first_a.ctl  # what a window that starts from zero would show


def test_running_load_counts_runs_and_cross_training_stands_apart(db: str) -> None:
    hist = read_window([db], days=report_days(8), end=None)
    report = measure(hist.activities, end=LAST, days=report_days(8), overview=hist.overview, stored=hist.stored).report
    rows = load_table_rows(report, 8)
    rides = [r for r in rows if r.cross_sessions]
    assert rides and all(r.runs == 3 for r in rows)
    for r in rows:
        monday = r.week_start
        week = [ld for ld in report.loads if 0 <= (local_date(ld.start) - monday).days < 7]
        assert r.load == pytest.approx(math.fsum(ld.trimp for ld in week if ld.sport == "running"))
        assert r.cross == pytest.approx(math.fsum(ld.trimp for ld in week if ld.sport == "cycling"))
    day = next(d for d in report.days if d.cross > 0)
    assert day.load == 0 and day.cross_counted == pytest.approx(CROSS_TRAINING_FACTOR["cycling"] * day.cross)
    assert any(n.startswith("cross-training:") and "Millet" in n for n in report.notes)


def test_load_end_after_the_last_activity_says_what_it_found(db: str) -> None:
    later = LAST + dt.timedelta(days=200)
    view = load_view([db], weeks=4, end=later, profile=None)
    m = view.measured
    assert m.in_report == 0 and m.recorded > 100
    assert m.report.notes[0] == (
        f"no activities from {m.report.start.isoformat()} to {later.isoformat()}: the last of {m.recorded} "
        f"before then is on {LAST.isoformat()}, 200 days before {later.isoformat()}"
    )
    assert m.report.layoff.ongoing and m.report.layoff.days == 200
    with pytest.raises(HistoryError, match=r"no activities on or before 2020-01-01 .* activities run from"):
        load_view([db], weeks=4, end=dt.date(2020, 1, 1), profile=None)


def _profile(tmp_path: Path, start: dt.date, end: dt.date) -> Path:
    path = tmp_path / f"p{start.isoformat()}.toml"
    path.write_text(PROFILE.format(start=start.isoformat(), end=end.isoformat()))
    return path


def test_history_that_changes_nothing_says_so(db: str, tmp_path: Path) -> None:
    cases = {
        "all after the plan ends": (dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        "all more than 120 days before the plan starts": (dt.date(2027, 9, 6), dt.date(2027, 11, 28)),
        "no load spike, no week above the planned running minutes, no layoff": (
            LAST + dt.timedelta(days=2),
            LAST + dt.timedelta(days=60),
        ),
    }
    for expected, (start, end) in cases.items():
        res = plan_profile(_profile(tmp_path, start, end), [db])
        said = [w.message for w in res.plan.warnings if w.code == "HISTORY_NO_EFFECT"]
        assert len(said) == 1 and expected in said[0], (expected, said)
        plain = plan_profile(_profile(tmp_path, start, end))
        assert [s.date for s in res.plan.sessions] == [s.date for s in plain.plan.sessions]
    view = load_view([db], weeks=4, end=None, profile=_profile(tmp_path, dt.date(2027, 9, 6), dt.date(2027, 11, 28)))
    assert any("does not overlap the load report" in s for s in view.said)
    assert any("the plan is as without history" in s for s in view.said)


def test_streams_read_as_arrays_give_the_loads_of_the_activities(db: str) -> None:
    from stridelift.analysis.trimp import activity_loads, array_loads
    from stridelift.domain.load import Thresholds
    from stridelift.store.arrays import stream_arrays

    since = dt.datetime.combine(LAST - dt.timedelta(days=30), dt.time(), dt.UTC)
    repo = ActivityRepository(open_database(db))
    th = Thresholds(188.0, 48.0, "profile")
    plain = activity_loads(repo.list(since=since), th, easy_speed_m_s=3.0)
    arrays = array_loads(stream_arrays(repo.engine, since), th, easy_speed_m_s=3.0)
    assert len(plain) >= 10 and plain == arrays

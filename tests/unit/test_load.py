"""Running load: TRIMP (pure and numpy), fallbacks, daily series, ACWR, CTL/ATL/TSB and planner flags."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from stridelift.analysis.trimp import activity_load_np, activity_loads, banister_trimp_np
from stridelift.domain.activity import Activity, ActivitySport
from stridelift.domain.athlete import RunDay
from stridelift.domain.load import (
    DEFAULT_MAX_HR,
    DEFAULT_RESTING_HR,
    MEN,
    WOMEN,
    ActivityLoad,
    ActivitySummary,
    BanisterConstants,
    Thresholds,
    activity_load,
    banister_decay,
    banister_trimp,
    daily_load,
    estimate_thresholds,
    ewma,
    ewma_acwr,
    find_layoff,
    infer_running_week,
    load_report,
    pace_hrr,
    rolling_acwr,
    rolling_mean,
    rolling_sum,
    summarize,
    trimp_rate,
    typical_easy_speed,
)

NAN = math.nan
TH = Thresholds(190.0, 50.0, "profile")
T0 = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


def make_activity(
    *,
    start: datetime = T0,
    hr: list[float] | None = None,
    speed: list[float] | None = None,
    n: int | None = None,
    sport: ActivitySport = "running",
    distance_m: float | None = None,
    moving_time_s: float | None = None,
) -> Activity:
    """A 1 Hz activity; streams default to NaN (not recorded)."""
    size = n if n is not None else len(hr if hr is not None else speed or [])
    hr = hr if hr is not None else [NAN] * size
    speed = speed if speed is not None else [NAN] * size
    duration = float(size - 1) if size else 0.0
    return Activity(
        sport=sport,
        sub_sport=None,
        start=start,
        duration_s=duration,
        moving_time_s=moving_time_s,
        distance_m=distance_m,
        elevation_gain_m=None,
        avg_hr=None,
        max_hr=None,
        time_s=tuple(float(i) for i in range(size)),
        heart_rate=tuple(hr),
        speed_m_s=tuple(speed),
        altitude_m=(NAN,) * size,
        source="test",
        content_sha256="0" * 64,
    )


def load(day: int, trimp: float, sport: ActivitySport = "running") -> ActivityLoad:
    return ActivityLoad(T0 + timedelta(days=day), sport, trimp, "duration", 3600.0)


# --------------------------------------------------------------------------- TRIMP


@pytest.mark.parametrize("c", [MEN, WOMEN], ids=["men", "women"])
def test_constant_hr_trimp_matches_closed_form(c: BanisterConstants) -> None:
    seconds = 3600
    result = banister_trimp([float(i) for i in range(seconds + 1)], [155.0] * (seconds + 1), TH, c)
    x = (155.0 - 50.0) / (190.0 - 50.0)  # 0.75
    expected = seconds / 60.0 * x * c.a * math.exp(c.b * x)
    assert result.trimp == pytest.approx(expected, rel=1e-12)
    assert result.covered_s == seconds
    # by hand for men: 60 min x 0.75 x 0.64 x e^1.44 = 28.8 x 4.2207 = 121.56
    if c is MEN:
        assert result.trimp == pytest.approx(121.556, abs=1e-3)


def test_nan_samples_and_pauses_are_skipped() -> None:
    t = [float(i) for i in range(11)]
    hr = [155.0] * 11
    hr[3] = NAN
    hr[7] = NAN
    rate = trimp_rate(0.75) / 60.0  # per second
    assert banister_trimp(t, hr, TH).trimp == pytest.approx(8 * rate)  # 10 intervals, 2 without HR
    paused = [*t[:5], *(x + 100.0 for x in t[5:])]  # a 100 s gap between samples 4 and 5
    res = banister_trimp(paused, [155.0] * 11, TH)
    assert res.covered_s == 9.0 and res.trimp == pytest.approx(9 * rate)


def test_hr_reserve_is_clipped() -> None:
    t = [0.0, 60.0, 120.0]
    assert banister_trimp(t, [40.0, 40.0, 40.0], TH, max_gap_s=60).trimp == 0.0
    above = banister_trimp(t, [200.0, 200.0, 200.0], TH, max_gap_s=60).trimp
    assert above == pytest.approx(2 * trimp_rate(1.0))


def test_numpy_trimp_agrees_with_pure_python() -> None:
    rng = random.Random(7)
    for _ in range(25):
        n = rng.randint(0, 3000)
        t, clock = [], 0.0
        for _ in range(n):
            clock += rng.choice([1.0, 1.0, 1.0, 0.5, 2.0, 30.0])
            t.append(clock)
        hr = [NAN if rng.random() < 0.1 else rng.uniform(30.0, 210.0) for _ in range(n)]
        th = Thresholds(rng.uniform(170, 205), rng.uniform(40, 65), "profile")
        for c in (MEN, WOMEN):
            pure, fast = banister_trimp(t, hr, th, c), banister_trimp_np(t, hr, th, c)
            assert fast.trimp == pytest.approx(pure.trimp, rel=1e-9, abs=1e-12)
            assert fast.covered_s == pytest.approx(pure.covered_s, rel=1e-12)


# --------------------------------------------------------------------------- methods


def test_hr_stream_gives_banister_method() -> None:
    act = make_activity(hr=[155.0] * 3601)
    ld = activity_load(act, TH)
    assert ld.method == "banister-hr" and ld.trimp == pytest.approx(60 * trimp_rate(0.75))
    assert "HR stream covers 100%" in ld.note
    fast = activity_load_np(act, TH)
    assert fast.method == ld.method and fast.trimp == pytest.approx(ld.trimp, rel=1e-9)


def test_pace_fallback_without_hr() -> None:
    # 40 min at 3.3 m/s for a runner whose easy speed is 3.0: HRr 0.7 x 1.1 = 0.77
    act = make_activity(speed=[3.3] * 2401, distance_m=3.3 * 2400)
    ld = activity_load(act, TH, easy_speed_m_s=3.0)
    assert ld.method == "pace"
    assert pace_hrr(3.3, 3.0) == pytest.approx(0.77)
    assert ld.trimp == pytest.approx(40 * trimp_rate(0.77))
    assert "no usable HR" in ld.note


def test_sparse_hr_falls_back_to_pace() -> None:
    hr = [150.0 if i < 600 else NAN for i in range(3601)]  # HR for 10 of 60 minutes
    act = make_activity(hr=hr, speed=[3.0] * 3601, distance_m=3.0 * 3600)
    assert activity_load(act, TH, easy_speed_m_s=3.0).method == "pace"
    assert activity_load(act, TH, easy_speed_m_s=3.0, min_hr_coverage=0.1).method == "banister-hr"


def test_duration_fallback_and_sport_factors() -> None:
    run = make_activity(n=3601)  # no HR, no speed, no distance
    ld = activity_load(run, TH, easy_speed_m_s=3.0)
    assert ld.method == "duration" and ld.trimp == pytest.approx(60 * trimp_rate(0.70))
    assert "heuristic" in ld.note
    ride = make_activity(speed=[8.0] * 3601, distance_m=8.0 * 3600, sport="cycling")
    ride_load = activity_load(ride, TH, easy_speed_m_s=3.0)  # pace is for runs only
    assert ride_load.method == "duration" and ride_load.trimp < ld.trimp
    assert activity_load(make_activity(n=3601), TH).method == "duration"  # no easy speed known


def test_moving_time_is_the_duration_used() -> None:
    act = make_activity(n=3601, moving_time_s=1800.0)
    assert activity_load(act, TH).duration_s == 1800.0
    assert activity_load(act, TH).trimp == pytest.approx(30 * trimp_rate(0.70))


def test_activity_loads_sorted() -> None:
    late = make_activity(start=T0 + timedelta(days=1), hr=[150.0] * 61)
    early = make_activity(hr=[150.0] * 61)
    assert [ld.start for ld in activity_loads([late, early], TH)] == [early.start, late.start]


# --------------------------------------------------------------------------- thresholds


def _with_max(values: list[float | None]) -> list[ActivitySummary]:
    return [ActivitySummary("running", T0, 3600.0, None, None, None, m) for m in values]


def test_thresholds_profile_and_estimate() -> None:
    assert estimate_thresholds([], max_hr=185, resting_hr=45) == Thresholds(185, 45, "profile")
    data = _with_max([170, 172, 175, 178, 180, 181, 183, 185, 186, 188, None, 250])  # 250 is an artefact
    th = estimate_thresholds(data)
    ordered = sorted([170, 172, 175, 178, 180, 181, 183, 185, 186, 188])
    pos = 0.95 * 9
    expected = ordered[8] + (ordered[9] - ordered[8]) * (pos - 8)
    assert th.max_hr == pytest.approx(round(expected, 1))
    assert th.source.startswith("estimated from data:") and "10 activities" in th.source
    assert th.resting_hr == DEFAULT_RESTING_HR and "resting HR 50 bpm default" in th.source
    mixed = estimate_thresholds(data, resting_hr=48)
    assert mixed.resting_hr == 48 and "from the profile" in mixed.source


def test_thresholds_fall_back_to_default() -> None:
    too_few = estimate_thresholds(_with_max([180, 182]))
    assert too_few.max_hr == DEFAULT_MAX_HR and too_few.source.startswith("default:") and "only 2" in too_few.source
    easy_only = estimate_thresholds(_with_max([140.0] * 20))  # no hard efforts: below 150
    assert easy_only.max_hr == DEFAULT_MAX_HR and "outside 150-215" in easy_only.source
    artefacts = estimate_thresholds(_with_max([220.0] * 20))
    assert artefacts.max_hr == DEFAULT_MAX_HR


def test_typical_easy_speed() -> None:
    data = [ActivitySummary("running", T0, 3600.0, 3000.0, 3000.0 * v, None, None) for v in (2.8, 3.0, 3.1, 4.0)]
    assert typical_easy_speed(data) == pytest.approx((3.0 + 3.1) / 2)
    assert typical_easy_speed(data[:2]) is None


# --------------------------------------------------------------------------- daily series


def test_daily_load_uses_local_dates() -> None:
    late = ActivityLoad(datetime(2026, 1, 5, 23, 30, tzinfo=UTC), "running", 80.0, "duration", 3600.0)
    other = ActivityLoad(datetime(2026, 1, 5, 7, 0, tzinfo=UTC), "running", 20.0, "duration", 3600.0)
    utc = daily_load([late, other], date(2026, 1, 5), date(2026, 1, 7))
    assert utc == [(date(2026, 1, 5), 100.0), (date(2026, 1, 6), 0.0), (date(2026, 1, 7), 0.0)]
    berlin = daily_load([late, other], date(2026, 1, 5), date(2026, 1, 7), "Europe/Berlin")
    assert berlin == [(date(2026, 1, 5), 20.0), (date(2026, 1, 6), 80.0), (date(2026, 1, 7), 0.0)]


STEP = [50.0] * 28 + [100.0] * 7


def test_rolling_sums_and_means() -> None:
    sums7 = rolling_sum(STEP, 7)
    assert sums7[:6] == [None] * 6 and sums7[6] == 350.0 and sums7[34] == 700.0
    means28 = rolling_mean(STEP, 28)
    assert means28[26] is None and means28[27] == 50.0 and means28[34] == pytest.approx(62.5)


def test_rolling_acwr_on_a_step() -> None:
    coupled = rolling_acwr(STEP)
    assert coupled[:27] == [None] * 27  # undefined until 28 days of data exist
    assert coupled[27] == 1.0
    # day 34 (7th day of 100): acute mean 100 / chronic mean over 28 days (21x50 + 7x100)/28 = 62.5
    assert coupled[34] == pytest.approx(1.6)
    uncoupled = rolling_acwr(STEP, coupled=False)
    # chronic = the 21 days before the acute week, all 50: ACWR 2.0 on the 7th day of 100
    assert uncoupled[34] == pytest.approx(2.0) and uncoupled[33] != pytest.approx(2.0)


def test_acwr_undefined_before_data_and_when_chronic_is_zero() -> None:
    values = [0.0] * 30 + [50.0] * 40
    naive = rolling_acwr(values)  # zeros counted as data: chronic 0 (undefined) until the loads start
    assert all(v is None for v in naive[:30]) and naive[30] == pytest.approx(4.0)  # then a spurious spike
    late = rolling_acwr(values, data_from=30)
    assert late[56] is None and late[57] == pytest.approx(1.0)  # 28th day of data
    assert ewma_acwr(values, data_from=30)[56] is None and ewma_acwr(values, data_from=30)[57] is not None


def test_ewma_matches_direct_recurrence() -> None:
    rng = random.Random(3)
    values = [rng.uniform(0, 150) for _ in range(60)]
    for n in (7, 28):
        lam = 2 / (n + 1)
        e, expected = 0.0, []
        for v in values:
            e = lam * v + (1 - lam) * e
            expected.append(e)
        assert ewma(values, n) == pytest.approx(expected, rel=1e-12)
    # constant c from 0: c * (1 - (1 - lambda)^k)
    assert ewma([50.0] * 28, 7)[-1] == pytest.approx(50 * (1 - (1 - 0.25) ** 28))
    ratio = ewma_acwr(STEP)
    assert ratio[26] is None
    assert ratio[34] == pytest.approx(ewma(STEP, 7)[34] / ewma(STEP, 28)[34])


def test_ctl_atl_tsb_on_a_step() -> None:
    level = 80.0
    ctl = banister_decay([level] * 42, 42.0)
    assert ctl[-1] == pytest.approx(level * (1 - math.exp(-1)))
    atl = banister_decay([level] * 42, 7.0)
    assert atl[-1] == pytest.approx(level * (1 - math.exp(-6)))
    start = T0.date()
    report = load_report([load(i, level) for i in range(42)], start=start, end=start + timedelta(days=42))
    day41, day42 = report.days[41], report.days[42]
    assert day41.ctl == pytest.approx(ctl[-1]) and day41.atl == pytest.approx(atl[-1])
    assert day42.tsb == pytest.approx(day41.ctl - day41.atl)  # as of the previous day
    assert report.days[0].tsb == 0.0 and day42.load == 0.0


# --------------------------------------------------------------------------- report flags


def test_spikes_on_a_step() -> None:
    start = T0.date()
    loads = [load(i, v) for i, v in enumerate(STEP)]
    report = load_report(loads, start=start, end=start + timedelta(days=34))
    # coupled ACWR: 1.4545 on the 5th day of 100, 1.529 on the 6th, 1.6 on the 7th
    assert report.spikes == (start + timedelta(days=33), start + timedelta(days=34))
    assert report.days[34].acwr == pytest.approx(1.6)
    assert report.days[26].acwr is None and any("ACWR undefined before" in n for n in report.notes)
    uncoupled = load_report(loads, start=start, end=start + timedelta(days=34), coupled=False)
    assert uncoupled.days[34].acwr == pytest.approx(2.0)
    assert uncoupled.spikes[0] == start + timedelta(days=31)  # 1.571 on the 4th day of 100
    assert report.day(start + timedelta(days=34)) is report.days[34] and report.latest is report.days[-1]


def test_layoff_returning() -> None:
    # runs every day for 30 days, 16 days off, then 5 days of running
    days = [*range(30), *range(46, 51)]
    loads = [load(d, 60.0) for d in days] + [load(35, 40.0, "cycling")]  # cross-training is not running
    end = T0.date() + timedelta(days=50)
    lay = find_layoff(loads, end=end)
    assert lay.days == 16 and lay.returning and not lay.ongoing
    assert lay.first_day == T0.date() + timedelta(days=30) and lay.last_day == T0.date() + timedelta(days=45)
    report = load_report(loads, start=T0.date(), end=end)
    assert report.layoff_days == 16 and report.returning_from_layoff


def test_layoff_ongoing_short_and_outside_window() -> None:
    base = T0.date()
    ongoing = find_layoff([load(d, 60.0) for d in range(20)], end=base + timedelta(days=40))
    assert ongoing.days == 21 and ongoing.ongoing and ongoing.returning
    short = find_layoff([load(d, 60.0) for d in (*range(10), *range(15, 30))], end=base + timedelta(days=29))
    assert short.days == 5 and not short.returning
    old = find_layoff([load(d, 60.0) for d in (0, *range(20, 90))], end=base + timedelta(days=89))
    assert old.days == 0 and not old.returning  # the 19-day gap ended before the 42-day window
    assert find_layoff([], end=base).days == 0


# --------------------------------------------------------------------------- the usual week

TZ = ZoneInfo("America/New_York")


def _run(rng: random.Random, local: datetime, segments: list[tuple[float, float]], hr: float) -> Activity:
    """1 Hz run from (minutes, speed) segments; HR rises with speed."""
    speed: list[float] = []
    for minutes, v in segments:
        speed += [v + rng.gauss(0, 0.08) for _ in range(int(minutes * 60))]
    speed.append(speed[-1])
    heart = [hr + 18 * (v - 3.0) + rng.gauss(0, 2) for v in speed]
    return make_activity(start=local.astimezone(UTC), hr=heart, speed=speed, distance_m=sum(speed[:-1]))


def _synthetic_weeks(weeks: int = 8) -> tuple[list[Activity], date]:
    rng = random.Random(11)
    monday0 = date(2026, 3, 2)
    acts = []
    for w in range(weeks):
        monday = monday0 + timedelta(days=7 * w)

        def at(wd: int, hour: int, minute: int = 0, monday: date = monday) -> datetime:
            d = monday + timedelta(days=wd)
            return datetime(d.year, d.month, d.day, hour, minute, tzinfo=TZ)

        jitter = rng.choice([-2, 0, 2])
        reps = [(3.0, 4.3), (2.0, 2.5)] * 6
        acts.append(_run(rng, at(1, 18, 30), [(15, 3.0), *reps, (15, 3.0)], 140))  # Tue intervals, 60 min
        acts.append(_run(rng, at(2, 6, 45), [(40 + jitter, 3.0)], 140))  # Wed am easy
        acts.append(_run(rng, at(2, 18, 0), [(30, 2.95)], 138))  # Wed pm easy
        acts.append(_run(rng, at(3, 6, 0), [(15, 3.0), (20, 3.8), (15, 3.0)], 140))  # Thu tempo, 50 min
        if w != 3:  # skipped one Friday
            acts.append(_run(rng, at(4, 6, 30), [(45, 3.05)], 141))
        acts.append(_run(rng, at(5, 8, 0), [(110 + jitter, 2.9)], 142))  # Sat long
        acts.append(_run(rng, at(6, 9, 0), [(50, 3.0)], 140))  # Sun easy
        if w == 5:  # one stray Monday run
            acts.append(_run(rng, at(0, 7, 0), [(30, 3.0)], 140))
    return acts, monday0 + timedelta(days=7 * weeks - 1)


def test_infer_running_week_recovers_the_pattern() -> None:
    acts, end = _synthetic_weeks()
    summaries = [summarize(a) for a in acts]
    week = infer_running_week(summaries, 8, tz="America/New_York")
    assert week == [
        (0, "rest", 0, "am"),
        (1, "interval", 60, "pm"),
        (2, "easy", 40, "am"),
        (2, "easy", 30, "pm"),
        (3, "tempo", 50, "am"),
        (4, "easy", 45, "am"),
        (5, "long", 110, "am"),
        (6, "easy", 50, "am"),
    ]
    assert infer_running_week(summaries, 8, tz="America/New_York", end=end) == week
    days = tuple(RunDay(*t) for t in week)
    assert sum(1 for d in days if d.weekday == 2) == 2


def test_summary_statistics_tell_tempo_from_intervals() -> None:
    acts, _ = _synthetic_weeks(1)
    by_day = {a.start.astimezone(TZ).weekday(): summarize(a) for a in acts if a.start.astimezone(TZ).hour < 12}
    by_day[1] = summarize(acts[0])
    assert by_day[1].surges == 6  # six reps
    assert by_day[3].surges == 1  # one tempo block between warm-up and cool-down
    assert by_day[6].surges == 0
    assert by_day[3].work_speed_m_s is not None and by_day[3].work_speed_m_s == pytest.approx(3.8, abs=0.05)
    assert by_day[1].max_hr is not None and by_day[1].avg_hr is not None


def test_infer_running_week_without_runs() -> None:
    assert infer_running_week([]) == [(wd, "rest", 0, "am") for wd in range(7)]

"""Load code at its exact limits: each test sits on a boundary and checks both sides of it."""

from __future__ import annotations

import itertools
import math
import random
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridelift.analysis.summary import block_means_np, summarize_np
from stridelift.analysis.trimp import activity_loads, banister_trimp_np
from stridelift.domain.load import (
    DEFAULT_MAX_HR,
    DEFAULT_SPORT_HRR,
    LAYOFF_MIN_DAYS,
    MAX_GAP_S,
    MIN_CHRONIC_BASE,
    SPIKE_ACWR,
    ActivityLoad,
    ActivitySummary,
    Thresholds,
    TrimpFn,
    _block_means,
    activity_load,
    banister_trimp,
    cross_weight,
    estimate_thresholds,
    find_layoff,
    load_report,
    rolling_acwr,
    sport_factor,
    summarize,
    trimp_rate,
)
from tests.unit.test_load import make_activity

TH = Thresholds(190.0, 50.0, "profile")
BASE = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
NAN = math.nan


def run_on(day: int, trimp: float = 60.0, sport: str = "running", hour: int = 7) -> ActivityLoad:
    return ActivityLoad(BASE + timedelta(days=day, hours=hour - 7), sport, trimp, "banister-hr", 3600.0)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- layoff of exactly 14 days


@pytest.mark.parametrize(("gap", "returning"), [(LAYOFF_MIN_DAYS - 1, False), (LAYOFF_MIN_DAYS, True)])
def test_layoff_of_exactly_fourteen_days_between_runs(gap: int, returning: bool) -> None:
    loads = [run_on(0), run_on(gap + 1), run_on(gap + 2)]
    lay = find_layoff(loads, end=(BASE + timedelta(days=gap + 2)).date())
    assert lay.days == gap and lay.returning is returning and not lay.ongoing


@pytest.mark.parametrize(("since", "returning"), [(LAYOFF_MIN_DAYS - 1, False), (LAYOFF_MIN_DAYS, True)])
def test_ongoing_layoff_of_exactly_fourteen_days(since: int, returning: bool) -> None:
    end = (BASE + timedelta(days=since)).date()
    lay = find_layoff([run_on(0)], end=end)
    assert lay.days == since and lay.ongoing and lay.returning is returning


def test_ongoing_layoff_longer_than_the_window_reads_without_contradiction() -> None:
    end = (BASE + timedelta(days=67)).date()
    report = load_report([run_on(0)], start=end - timedelta(days=41), end=end, seed_from=BASE.date())
    assert report.layoff.days == 67 and report.layoff.ongoing
    text = " ".join(report.notes)
    assert "no run for 67 days (since 2026-01-06, ongoing)" in text
    assert "in the last 42 days" not in text


def test_layoff_reaching_before_the_loads_is_measured_from_the_last_known_run() -> None:
    end = (BASE + timedelta(days=400)).date()
    lay = find_layoff([], end=end, last_run_before=BASE.date())
    assert lay.days == 400 and lay.ongoing and lay.returning
    assert find_layoff([], end=end).days == 0  # without it, nothing is known


# --------------------------------------------------------------------------- ACWR exactly 1.5


def _step(acute_level: float) -> list[ActivityLoad]:
    """21 days at 50, then 7 days at ``acute_level``: coupled ACWR = 28 b / (21 * 50 + 7 b)."""
    return [run_on(i, 50.0) for i in range(21)] + [run_on(i, acute_level) for i in range(21, 28)]


def test_acwr_of_exactly_one_and_a_half_is_not_a_spike() -> None:
    end = (BASE + timedelta(days=27)).date()
    exact = load_report(_step(90.0), start=BASE.date(), end=end)
    assert exact.days[-1].acwr == SPIKE_ACWR  # 90 / 60, exact in binary floating point
    assert exact.spikes == ()
    above = load_report(_step(90.5), start=BASE.date(), end=end)
    assert above.days[-1].acwr is not None and above.days[-1].acwr > SPIKE_ACWR
    assert above.spikes == (end,)


def test_rolling_acwr_on_the_boundary_values() -> None:
    values = [50.0] * 21 + [90.0] * 7
    assert rolling_acwr(values)[-1] == 1.5
    assert rolling_acwr(values[1:])[-1] is None  # one day short of 28: undefined


@pytest.mark.parametrize(("scale", "flagged"), [(1.0, True), (0.999, False)])
def test_spike_needs_a_base_of_exactly_the_minimum(scale: float, flagged: bool) -> None:
    base = MIN_CHRONIC_BASE * scale
    loads = [run_on(i, base) for i in range(21)] + [run_on(i, 4 * base) for i in range(21, 28)]
    end = (BASE + timedelta(days=27)).date()
    report = load_report(loads, start=BASE.date(), end=end)
    assert report.days[-1].acwr is not None and report.days[-1].acwr > SPIKE_ACWR
    assert (end in report.spikes) is flagged


def test_a_thirty_second_ride_cannot_raise_a_spike() -> None:
    ride = ActivityLoad(BASE + timedelta(days=40), "cycling", 1.2, "duration", 30.0)
    end = (BASE + timedelta(days=41)).date()
    report = load_report([run_on(0, 5.0), ride], start=BASE.date(), end=end)
    assert report.days[-2].acwr is not None and report.days[-2].acwr > SPIKE_ACWR  # ratio of almost nothing
    assert report.spikes == ()
    assert any("smaller base not flagged" in n for n in report.notes)


# --------------------------------------------------------------------------- max HR below 100 bpm


def _maxes(values: list[float]) -> list[ActivitySummary]:
    return [
        ActivitySummary("running", BASE + timedelta(days=i), 3600.0, None, None, None, v) for i, v in enumerate(values)
    ]


def test_max_hr_readings_below_100_are_artefacts() -> None:
    low = estimate_thresholds(_maxes([99.9, 99.0, 60.0, 180.0, 182.0]))
    assert low.max_hr == DEFAULT_MAX_HR and "only 2 activities with HR" in low.source
    at = estimate_thresholds(_maxes([100.0, 180.0, 182.0]))
    assert at.source.startswith("estimated from data") and "over 3 activities" in at.source
    assert at.max_hr == pytest.approx(181.8)


def test_max_hr_estimate_outside_the_sane_range_is_refused() -> None:
    th = estimate_thresholds(_maxes([100.0, 110.0, 120.0, 130.0]))  # no maximal efforts recorded
    assert th.max_hr == DEFAULT_MAX_HR and "outside 150-215" in th.source


# --------------------------------------------------------------------------- HR sample gap of exactly 10 s


@pytest.mark.parametrize("trimp", [banister_trimp, banister_trimp_np], ids=["pure", "numpy"])
def test_sample_gap_of_exactly_ten_seconds_counts(trimp: TrimpFn) -> None:
    hr = [150.0, 150.0, 150.0]
    at = trimp([0.0, MAX_GAP_S, 2 * MAX_GAP_S], hr, TH)
    assert at.covered_s == 2 * MAX_GAP_S
    rate = trimp_rate((150.0 - 50.0) / 140.0)
    assert at.trimp == pytest.approx(2 * MAX_GAP_S / 60.0 * rate, rel=1e-12)
    over = trimp([0.0, MAX_GAP_S + 0.5, 2 * MAX_GAP_S + 0.5], hr, TH)
    assert over.covered_s == MAX_GAP_S  # 10.5 s is a pause; the next 10 s count


# --------------------------------------------------------------------------- ties and unknown sports


def test_activities_starting_together_keep_one_order() -> None:
    same = BASE + timedelta(days=3)
    loads = [
        ActivityLoad(same, "running", 40.0, "banister-hr", 2400.0),
        ActivityLoad(same, "cycling", 30.0, "duration", 1800.0),
        ActivityLoad(same, "running", 70.0, "pace", 3000.0),
    ]
    end = (BASE + timedelta(days=10)).date()
    reports = [load_report(order, start=BASE.date(), end=end) for order in (loads, loads[::-1], loads[1:] + loads[:1])]
    assert reports[0].loads == reports[1].loads == reports[2].loads
    assert [ld.sport for ld in reports[0].loads] == ["cycling", "running", "running"]
    acts = [
        make_activity(start=same, hr=[150.0] * 600, sport="running"),
        make_activity(start=same, hr=[120.0] * 600, sport="running"),
    ]
    assert activity_loads(acts, TH) == activity_loads(acts[::-1], TH)


def test_an_unknown_sport_falls_back_to_other() -> None:
    assert sport_factor("kayaking") == sport_factor("other") == trimp_rate(DEFAULT_SPORT_HRR["other"])
    no_other = {"running": 0.7}
    assert sport_factor("kayaking", sport_hrr=no_other) == trimp_rate(0.5)
    assert cross_weight("kayaking") == cross_weight("other") == 0.5
    assert cross_weight("kayaking", {"cycling": 0.3}) == 0.5 and cross_weight("running") == 1.0
    act = make_activity(n=601, sport="other")
    ld = activity_load(act, TH)
    assert ld.method == "duration" and ld.trimp == pytest.approx(10.0 * sport_factor("other"))


# --------------------------------------------------------------------------- numpy summaries


def test_numpy_block_means_match_the_plain_loop_at_the_block_edges() -> None:
    t = [0.0, 4.0, 19.999, 20.0, 21.0, 22.0, 23.0, 24.0, 39.0, NAN, 40.0, 41.0]
    v = [3.0, 3.0, 3.0, 3.0, 0.5, 0.499, NAN, 4.0, 4.0, 4.0, 2.0, 2.0]
    # a block needs 5 valid samples: [20, 40) has four (0.499 is below the minimum, NaN is none)
    assert _block_means(t, v, min_value=0.5) == block_means_np(t, v, min_value=0.5) == []
    t.insert(8, 25.0)
    v.insert(8, 1.0)
    assert _block_means(t, v, min_value=0.5) == [2.5]  # (3 + 0.5 + 4 + 1 + 4) / 5; [0, 20) has three
    assert block_means_np(t, v, min_value=0.5) == pytest.approx([2.5], rel=1e-15)


def test_numpy_summary_matches_the_plain_one() -> None:
    rng = random.Random(7)
    for k in range(20):
        n = rng.randrange(0, 4000)
        hr = [NAN if rng.random() < 0.05 else rng.uniform(90, 185) for _ in range(n)]
        speed = [NAN if rng.random() < 0.05 else rng.choice((0.0, rng.uniform(2.0, 5.5))) for _ in range(n)]
        act = make_activity(start=BASE + timedelta(days=k), hr=hr, speed=speed, distance_m=None if k % 2 else 9000.0)
        a, b = summarize(act), summarize_np(act)
        for name in ActivitySummary.__slots__:
            x, y = getattr(a, name), getattr(b, name)
            if isinstance(x, float):
                assert y == pytest.approx(x, rel=1e-9), name
            else:
                assert x == y, name


def test_report_before_its_first_day_is_unknown_not_rest() -> None:
    end = date(2026, 3, 1)
    report = load_report([], start=end - timedelta(days=9), end=end)
    assert all(d.acwr is None for d in report.days) and report.notes[0].startswith("no activities")


def _block_means_by_unique(t: list[float], v: list[float], min_value: float) -> list[float]:
    """The numpy block means as they were computed before the in-order shortcut (np.unique)."""
    ta, va = np.asarray(t, dtype=np.float64), np.asarray(v, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        ok = (va >= min_value) & ~np.isnan(ta)
    if not ok.any():
        return []
    uniq, inverse = np.unique(np.floor_divide(ta[ok], 20.0).astype(np.int64), return_inverse=True)
    sums = np.bincount(inverse, weights=va[ok], minlength=uniq.size)
    counts = np.bincount(inverse, minlength=uniq.size)
    keep = counts >= 5
    return list((sums[keep] / counts[keep]).tolist())


@given(
    st.lists(
        st.tuples(
            st.floats(0, 3, allow_nan=False),  # the step to the next time: repeats and gaps
            st.one_of(st.just(NAN), st.floats(0, 6, allow_nan=False)),
        ),
        max_size=300,
    ),
    st.booleans(),
)
def test_block_means_of_times_in_order_are_the_unique_based_ones_bit_for_bit(
    steps: list[tuple[float, float]], shuffle: bool
) -> None:
    times = list(itertools.accumulate(s for s, _ in steps))
    values = [v for _, v in steps]
    if shuffle:  # out of order: the general path
        order = random.Random(len(times)).sample(range(len(times)), len(times))
        times, values = [times[i] for i in order], [values[i] for i in order]
    assert block_means_np(times, values, min_value=0.5) == _block_means_by_unique(times, values, 0.5)

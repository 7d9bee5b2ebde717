"""Running load from recorded activities: TRIMP per activity, then daily series and planner flags.

::

    Activity ──► activity_load() ──► ActivityLoad (trimp + method: banister-hr | pace | duration)
        │                                  │
        └─► summarize() ──► ActivitySummary│──► estimate_thresholds(), typical_easy_speed(),
                                           │    infer_running_week()
                                           ▼
                        load_report(loads, start=, end=) ──► LoadReport
                          daily_load ─► rolling 7/28-day sums and means, EWMA acute/chronic,
                                        ACWR (rolling and EWMA), CTL/ATL/TSB, spikes, layoff

Everything here is plain Python (the domain imports only the standard library); the per-sample
TRIMP loop is O(n). ``stridelift.analysis.trimp`` has a numpy twin of :func:`banister_trimp` with
the same signature, passed to :func:`activity_load` as ``trimp=`` by the importer and CLI.

Units: one unit of load is one Banister TRIMP ("minute at a weighted heart-rate reserve"). The
pace and duration fallbacks are scaled onto that unit so a day's load can mix methods; each
ActivityLoad says which method produced it.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import Final, Literal, Protocol
from zoneinfo import ZoneInfo

from stridelift.domain.activity import Activity, ActivitySport
from stridelift.domain.exact import pstdev
from stridelift.domain.vocab import RunType, Slot

LoadMethod = Literal["banister-hr", "pace", "duration"]
AcwrBasis = Literal["rolling", "ewma", "either"]
WeekPattern = list[tuple[int, RunType, int, Slot]]

DEFAULT_MAX_HR: Final = 190.0
DEFAULT_RESTING_HR: Final = 50.0
MAX_HR_SANE: Final = (150.0, 215.0)
MAX_GAP_S: Final = 10.0  # consecutive samples further apart than this are a pause, not load
MOVING_SPEED_M_S: Final = 0.5  # slower than this is standing still (lights, gates)
BLOCK_S: Final = 20.0  # summaries smooth 1 Hz streams into 20 s block means

ACUTE_DAYS: Final = 7
CHRONIC_DAYS: Final = 28
CTL_TAU: Final = 42.0
ATL_TAU: Final = 7.0
SPIKE_ACWR: Final = 1.5
SWEET_SPOT: Final = (0.8, 1.3)
LAYOFF_WINDOW_DAYS: Final = 42
LAYOFF_MIN_DAYS: Final = 14


# --------------------------------------------------------------------------- thresholds


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Heart-rate anchors for the heart-rate reserve; ``source`` says where each number came from.

    ``source`` starts with ``"profile"``, ``"estimated from data:"`` or ``"default:"`` and goes on
    to say, in words, what was used for max and resting HR.
    """

    max_hr: float
    resting_hr: float
    source: str

    def __post_init__(self) -> None:
        if not self.max_hr > self.resting_hr > 0:
            raise ValueError(f"need max_hr > resting_hr > 0, got {self.max_hr} and {self.resting_hr}")


class _HasMaxHr(Protocol):
    @property
    def max_hr(self) -> float | None: ...


def estimate_thresholds(
    summaries: Iterable[_HasMaxHr],
    *,
    max_hr: float | None = None,
    resting_hr: float | None = None,
    percentile: float = 0.95,
    min_activities: int = 3,
) -> Thresholds:
    """Max and resting HR: the profile's if given, else estimated from the data, else defaults.

    Max HR is the ``percentile`` (default 95th) of the per-activity recorded max HR over
    activities whose max is 100-230 bpm (outside that it is a strap artefact), needing at least
    ``min_activities`` of them. A result outside the sanity range 150-215 bpm is refused: a low one
    means the data holds no maximal efforts, a high one means artefacts. Age-predicted max
    (220 - age, Fox et al. 1971) is not available (the profile has no age), so the fallback is a
    flat 190 bpm, labelled "default". Resting HR cannot be seen in exercise data: 50 bpm default
    (a trained distance runner's typical value) unless the profile gives one.
    """
    if max_hr is not None and resting_hr is not None:
        return Thresholds(max_hr, resting_hr, "profile")
    parts: list[str] = []
    kind = "default"
    if max_hr is not None:
        mx, kind = max_hr, "profile"
        parts.append(f"max HR {max_hr:.0f} bpm from the profile")
    else:
        values = sorted(m for s in summaries if (m := s.max_hr) is not None and 100.0 <= m <= 230.0)
        est = _percentile(values, percentile) if len(values) >= min_activities else None
        lo, hi = MAX_HR_SANE
        if est is not None and lo <= est <= hi:
            mx, kind = round(est, 1), "estimated from data"
            parts.append(
                f"max HR {mx:.0f} bpm = {percentile * 100:.0f}th percentile of recorded per-activity max HR "
                f"over {len(values)} activities"
            )
        else:
            mx = DEFAULT_MAX_HR
            why = (
                f"only {len(values)} activities with HR (need {min_activities})"
                if est is None
                else f"the {percentile * 100:.0f}th percentile of recorded max HR, {est:.0f} bpm, "
                f"is outside {lo:.0f}-{hi:.0f}"
            )
            parts.append(f"max HR {mx:.0f} bpm default ({why}; no age for 220-age)")
    if resting_hr is not None:
        rest = resting_hr
        parts.append(f"resting HR {rest:.0f} bpm from the profile")
    else:
        rest = DEFAULT_RESTING_HR
        parts.append(f"resting HR {rest:.0f} bpm default (not measurable from exercise data)")
    return Thresholds(mx, rest, f"{kind}: " + "; ".join(parts))


# --------------------------------------------------------------------------- per-activity TRIMP


@dataclass(frozen=True, slots=True)
class BanisterConstants:
    """The weighting ``y = a * e^(b * HRr)`` of Banister's TRIMP.

    Source: Banister EW (1991) "Modeling elite athletic performance", in MacDougall, Wenger &
    Green (eds.), *Physiological Testing of the High-Performance Athlete*, 2nd ed., Human Kinetics,
    pp. 403-424; the constants come from the blood-lactate vs heart-rate-reserve curves (men
    a=0.64, b=1.92; women a=0.86, b=1.67), also in Morton, Fitz-Clarke & Banister (1990) J Appl
    Physiol 69(3):1171-1177.
    """

    a: float
    b: float
    label: str = ""


MEN: Final = BanisterConstants(0.64, 1.92, "men (Banister 1991)")
WOMEN: Final = BanisterConstants(0.86, 1.67, "women (Banister 1991)")


@dataclass(frozen=True, slots=True)
class HrTrimp:
    """Banister TRIMP from a heart-rate stream and the seconds of stream it was computed from."""

    trimp: float
    covered_s: float


class TrimpFn(Protocol):
    """What :func:`activity_load` calls: :func:`banister_trimp` or its numpy twin."""

    def __call__(
        self,
        time_s: Sequence[float],
        heart_rate: Sequence[float],
        thresholds: Thresholds,
        constants: BanisterConstants = ...,
        max_gap_s: float = ...,
    ) -> HrTrimp: ...


def hrr(hr: float, thresholds: Thresholds) -> float:
    """Heart-rate reserve fraction (Karvonen), clipped to [0, 1] as Banister's weighting assumes."""
    x = (hr - thresholds.resting_hr) / (thresholds.max_hr - thresholds.resting_hr)
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def trimp_rate(x: float, constants: BanisterConstants = MEN) -> float:
    """TRIMP per minute at heart-rate reserve fraction ``x``: ``x * a * e^(b x)``."""
    return x * constants.a * math.exp(constants.b * x)


def banister_trimp(
    time_s: Sequence[float],
    heart_rate: Sequence[float],
    thresholds: Thresholds,
    constants: BanisterConstants = MEN,
    max_gap_s: float = MAX_GAP_S,
) -> HrTrimp:
    """Banister (1991) TRIMP summed over the stream: ``sum(dt/60 * HRr * a * e^(b * HRr))``.

    Sample ``i`` stands for the interval since sample ``i-1`` (``dt = t[i] - t[i-1]``), so a 1 Hz
    stream over ``n`` seconds counts ``n`` seconds. Skipped: samples whose HR is NaN, and
    intervals that are not positive or longer than ``max_gap_s`` (a pause). HRr is the heart-rate
    reserve fraction, clipped to [0, 1]. One pass, O(n).
    """
    rest = thresholds.resting_hr
    reserve = thresholds.max_hr - rest
    a, b = constants.a, constants.b
    total = 0.0
    covered = 0.0
    prev = math.nan
    for t, hr in zip(time_s, heart_rate, strict=True):
        dt = t - prev
        prev = t
        if not (0.0 < dt <= max_gap_s) or hr != hr:  # NaN compares unequal to itself
            continue
        x = (hr - rest) / reserve
        x = 0.0 if x < 0.0 else 1.0 if x > 1.0 else x
        total += dt * x * a * math.exp(b * x)
        covered += dt
    return HrTrimp(total / 60.0, covered)


@dataclass(frozen=True, slots=True)
class ActivityLoad:
    """One activity's load in TRIMP units, with the method that produced it, always stated."""

    start: datetime
    sport: ActivitySport
    trimp: float
    method: LoadMethod
    duration_s: float
    note: str = ""


# Heart-rate reserve assumed per sport when there is neither HR nor pace; the per-minute factor
# is then trimp_rate(hrr). Heuristics (no published table), chosen so an hour of unknown running
# counts as an easy hour and cross-training counts less.
DEFAULT_SPORT_HRR: Final[Mapping[str, float]] = {
    "running": 0.70,
    "cycling": 0.60,
    "swimming": 0.60,
    "walking": 0.35,
    "strength": 0.50,
    "other": 0.50,
}
EASY_HRR: Final = 0.70


def sport_factor(
    sport: str, constants: BanisterConstants = MEN, sport_hrr: Mapping[str, float] = DEFAULT_SPORT_HRR
) -> float:
    """TRIMP per minute for the ``duration`` method."""
    return trimp_rate(sport_hrr.get(sport, sport_hrr.get("other", 0.5)), constants)


def pace_hrr(speed_m_s: float, easy_speed_m_s: float, easy_hrr: float = EASY_HRR) -> float:
    """Heart-rate reserve equivalent of a running speed: ``easy_hrr * speed / easy_speed``, in [0, 1].

    Why proportional: the ACSM running equation makes VO2 - 3.5 ml/kg/min proportional to speed
    on the flat (ACSM's Guidelines for Exercise Testing and Prescription, metabolic equations), and
    %HRR tracks %VO2 reserve (Swain & Leutholtz 1997, Med Sci Sports Exerc 29(3):410-414), so
    %HRR scales with speed. ``easy_hrr`` = 0.70 (easy running sits around 60-75% HRR) is an
    assumption, stated in each ActivityLoad's note.
    """
    x = easy_hrr * speed_m_s / easy_speed_m_s
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def _moving_s(a: _HasDurations) -> float:
    m = a.moving_time_s
    return m if m is not None and m > 0 else a.duration_s


def _avg_speed(a: Activity) -> float | None:
    secs = _moving_s(a)
    if a.distance_m is not None and a.distance_m > 0 and secs > 0:
        return a.distance_m / secs
    moving = [v for v in a.speed_m_s if v == v and v >= MOVING_SPEED_M_S]
    return math.fsum(moving) / len(moving) if moving else None


def activity_load(
    activity: Activity,
    thresholds: Thresholds,
    *,
    constants: BanisterConstants = MEN,
    easy_speed_m_s: float | None = None,
    min_hr_coverage: float = 0.5,
    max_gap_s: float = MAX_GAP_S,
    easy_hrr: float = EASY_HRR,
    sport_hrr: Mapping[str, float] = DEFAULT_SPORT_HRR,
    trimp: TrimpFn = banister_trimp,
) -> ActivityLoad:
    """The activity's load by the best method its data allows, in this order.

    1. ``banister-hr``: Banister TRIMP over the HR stream (:func:`banister_trimp`), when the
       stream covers at least ``min_hr_coverage`` of the moving time. Missing samples are skipped,
       not filled, so partial coverage slightly underestimates.
    2. ``pace`` (runs only, needs ``easy_speed_m_s``, see :func:`typical_easy_speed`): moving
       minutes x ``trimp_rate(pace_hrr(average speed))``. Using the average intensity understates
       hard, uneven runs (the weighting is convex).
    3. ``duration``: moving minutes x :func:`sport_factor` of the sport (a heuristic).
    """
    hr = trimp(activity.time_s, activity.heart_rate, thresholds, constants, max_gap_s) if activity.heart_rate else None
    return load_from_parts(
        activity,
        hr,
        lambda: _avg_speed(activity),
        thresholds,
        constants=constants,
        easy_speed_m_s=easy_speed_m_s,
        min_hr_coverage=min_hr_coverage,
        easy_hrr=easy_hrr,
        sport_hrr=sport_hrr,
    )


def load_from_parts(
    meta: LoadMeta,
    hr: HrTrimp | None,
    avg_speed: Callable[[], float | None],
    thresholds: Thresholds,
    *,
    constants: BanisterConstants = MEN,
    easy_speed_m_s: float | None = None,
    min_hr_coverage: float = 0.5,
    easy_hrr: float = EASY_HRR,
    sport_hrr: Mapping[str, float] = DEFAULT_SPORT_HRR,
) -> ActivityLoad:
    """:func:`activity_load` once the streams are reduced: the HR TRIMP (None without an HR
    stream) and the average speed (asked only when the pace method is tried), so a caller holding
    the streams as arrays shares the choice of method and its notes."""
    secs = _moving_s(meta)
    minutes = secs / 60.0
    if hr is not None and secs > 0 and hr.covered_s >= min_hr_coverage * secs:
        note = (
            f"HR stream covers {min(hr.covered_s / secs, 1.0):.0%} of {secs / 60:.0f} min; "
            f"HRr from max {thresholds.max_hr:.0f} / rest {thresholds.resting_hr:.0f} ({thresholds.source}); "
            f"constants a={constants.a} b={constants.b}"
        )
        return ActivityLoad(meta.start, meta.sport, hr.trimp, "banister-hr", secs, note)
    if meta.sport == "running" and easy_speed_m_s and easy_speed_m_s > 0:
        speed = avg_speed()
        if speed is not None and minutes > 0:
            x = pace_hrr(speed, easy_speed_m_s, easy_hrr)
            note = (
                f"no usable HR: {minutes:.0f} min at {speed:.2f} m/s vs easy {easy_speed_m_s:.2f} m/s "
                f"-> HRr {x:.2f} (easy run assumed HRr {easy_hrr})"
            )
            return ActivityLoad(meta.start, meta.sport, minutes * trimp_rate(x, constants), "pace", secs, note)
    factor = sport_factor(meta.sport, constants, sport_hrr)
    note = f"no usable HR or pace: {minutes:.0f} min x {factor:.2f}/min ({meta.sport} factor, a heuristic)"
    return ActivityLoad(meta.start, meta.sport, minutes * factor, "duration", secs, note)


# --------------------------------------------------------------------------- summaries


class _HasDurations(Protocol):
    @property
    def duration_s(self) -> float: ...
    @property
    def moving_time_s(self) -> float | None: ...


class _HasSpeedSummary(_HasDurations, Protocol):
    @property
    def sport(self) -> str: ...
    @property
    def distance_m(self) -> float | None: ...


class LoadMeta(_HasDurations, Protocol):
    """The figures besides the streams that an activity's load needs."""

    @property
    def start(self) -> datetime: ...
    @property
    def sport(self) -> ActivitySport: ...
    @property
    def distance_m(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class ActivitySummary:
    """An activity without its streams, plus the few stream statistics the load code needs.

    ``work_*`` is the 80th percentile of 20 s block means (the pace or HR of the run's hard part,
    which an average would dilute with warm-up and recoveries). ``*_cv`` is the coefficient of
    variation of those block means. ``surges`` counts separate fast stretches (hysteresis between
    40% and 60% of the run's p10-p90 speed range, or HR if no speed), 0 when the run's range is
    under 15% (speed) or 8% (HR) of its median: one for a tempo between warm-up and cool-down,
    one per rep for intervals.
    """

    sport: ActivitySport
    start: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    avg_hr: float | None
    max_hr: float | None
    avg_speed_m_s: float | None = None
    work_speed_m_s: float | None = None
    work_hr: float | None = None
    speed_cv: float | None = None
    hr_cv: float | None = None
    surges: int | None = None

    @property
    def minutes(self) -> float:
        return _moving_s(self) / 60.0


def _block_means(time_s: Sequence[float], values: Sequence[float], *, min_value: float) -> list[float]:
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    for t, v in zip(time_s, values, strict=True):
        if v == v and v >= min_value and t == t:
            k = int(t // BLOCK_S)
            sums[k] = sums.get(k, 0.0) + v
            counts[k] = counts.get(k, 0) + 1
    need = BLOCK_S / 4
    return [sums[k] / counts[k] for k in sorted(sums) if counts[k] >= need]


def _cv(values: Sequence[float]) -> float | None:
    if len(values) < 3:
        return None
    mean = math.fsum(values) / len(values)
    return pstdev(values) / mean if mean > 0 else None


def _surges(blocks: Sequence[float], min_range: float) -> int:
    if len(blocks) < 6:
        return 0
    ordered = sorted(blocks)
    lo, hi, med = _percentile(ordered, 0.1), _percentile(ordered, 0.9), _percentile(ordered, 0.5)
    if med <= 0 or (hi - lo) / med < min_range:
        return 0
    up, down = lo + 0.6 * (hi - lo), lo + 0.4 * (hi - lo)
    count, fast = 0, False
    for v in blocks:
        if not fast and v >= up:
            fast, count = True, count + 1
        elif fast and v <= down:
            fast = False
    return count


def summarize(activity: Activity) -> ActivitySummary:
    """Drop the streams, keeping the statistics :func:`infer_running_week` needs.

    One pass per stream in plain Python; ``stridelift.analysis.summary.summarize_np`` is the
    vectorised twin that history reading uses.
    """
    speed_blocks = _block_means(activity.time_s, activity.speed_m_s, min_value=MOVING_SPEED_M_S)
    hr_blocks = _block_means(activity.time_s, activity.heart_rate, min_value=1.0)
    max_hr = activity.max_hr
    avg_hr = activity.avg_hr
    if hr_blocks and (max_hr is None or avg_hr is None):
        valid = [h for h in activity.heart_rate if h == h]
        max_hr = max(valid) if max_hr is None else max_hr
        avg_hr = math.fsum(valid) / len(valid) if avg_hr is None else avg_hr
    return block_stats(activity, speed_blocks, hr_blocks, max_hr=max_hr, avg_hr=avg_hr, avg_speed=_avg_speed(activity))


def block_stats(
    activity: Activity,
    speed_blocks: Sequence[float],
    hr_blocks: Sequence[float],
    *,
    max_hr: float | None,
    avg_hr: float | None,
    avg_speed: float | None,
) -> ActivitySummary:
    """The summary from an activity's 20 s block means (shared by the plain and numpy paths)."""
    if len(speed_blocks) >= 6:
        surges: int | None = _surges(speed_blocks, 0.15)
    elif len(hr_blocks) >= 6:
        surges = _surges(hr_blocks, 0.08)
    else:
        surges = None
    return ActivitySummary(
        sport=activity.sport,
        start=activity.start,
        duration_s=activity.duration_s,
        moving_time_s=activity.moving_time_s,
        distance_m=activity.distance_m,
        avg_hr=avg_hr,
        max_hr=max_hr,
        avg_speed_m_s=avg_speed,
        work_speed_m_s=_percentile(sorted(speed_blocks), 0.8) if speed_blocks else None,
        work_hr=_percentile(sorted(hr_blocks), 0.8) if hr_blocks else None,
        speed_cv=_cv(speed_blocks),
        hr_cv=_cv(hr_blocks),
        surges=surges,
    )


def typical_easy_speed(summaries: Iterable[_HasSpeedSummary], *, min_runs: int = 3) -> float | None:
    """The runner's easy speed: the median average speed of their runs (most runs are easy).

    None with fewer than ``min_runs`` runs that have a distance and a time.
    """
    speeds = sorted(
        s.distance_m / secs for s in summaries if s.sport == "running" and s.distance_m and (secs := _moving_s(s)) > 0
    )
    return statistics.median(speeds) if len(speeds) >= min_runs else None


# --------------------------------------------------------------------------- daily series


def _zone(tz: str | tzinfo | None) -> tzinfo:
    if tz is None:
        return UTC
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def local_date(moment: datetime, tz: str | tzinfo | None = None) -> date:
    """The runner's calendar date of a UTC instant (UTC when no time zone is known)."""
    return moment.astimezone(_zone(tz)).date()


def daily_load(
    loads: Iterable[ActivityLoad], start: date, end: date, tz: str | tzinfo | None = None
) -> list[tuple[date, float]]:
    """Total load per local calendar day from ``start`` to ``end`` inclusive; 0.0 on empty days."""
    zone = _zone(tz)
    n = (end - start).days + 1
    totals = [0.0] * max(n, 0)
    for ld in loads:
        i = (local_date(ld.start, zone) - start).days
        if 0 <= i < n:
            totals[i] += ld.trimp
    return [(start + timedelta(days=i), v) for i, v in enumerate(totals)]


def rolling_sum(values: Sequence[float], window: int) -> list[float | None]:
    """Trailing sum of the last ``window`` days including today; None until the window is full."""
    return [math.fsum(values[i + 1 - window : i + 1]) if i + 1 >= window else None for i in range(len(values))]


def rolling_mean(values: Sequence[float], window: int) -> list[float | None]:
    """Trailing mean over ``window`` days including today; None until the window is full."""
    return [None if s is None else s / window for s in rolling_sum(values, window)]


def ewma(values: Sequence[float], days: int, seed: float = 0.0) -> list[float]:
    """Exponentially weighted moving average, ``lambda = 2 / (days + 1)``, seeded at ``seed``.

    ``E_t = lambda * load_t + (1 - lambda) * E_{t-1}``: Williams S, West S, Cross MJ, Stokes KA
    (2017) "Better way to determine the acute:chronic workload ratio?" Br J Sports Med
    51(3):209-210 (7-day acute, 28-day chronic).
    """
    lam = 2.0 / (days + 1)
    out: list[float] = []
    e = seed
    for v in values:
        e = lam * v + (1.0 - lam) * e
        out.append(e)
    return out


def banister_decay(values: Sequence[float], tau: float, seed: float = 0.0) -> list[float]:
    """Banister's fitness/fatigue impulse response: ``x_t = x_{t-1} + (load_t - x_{t-1})(1 - e^(-1/tau))``.

    Banister EW (1991), op. cit.; with tau 42 days it is the chronic training load (CTL,
    "fitness"), with tau 7 days the acute training load (ATL, "fatigue"). Constant load L from
    zero reaches ``L * (1 - e^(-n/tau))`` after n days.
    """
    k = 1.0 - math.exp(-1.0 / tau)
    out: list[float] = []
    x = seed
    for v in values:
        x += (v - x) * k
        out.append(x)
    return out


def rolling_acwr(
    values: Sequence[float],
    *,
    acute: int = ACUTE_DAYS,
    chronic: int = CHRONIC_DAYS,
    coupled: bool = True,
    data_from: int = 0,
) -> list[float | None]:
    """Acute:chronic workload ratio from rolling means: mean of the last ``acute`` days / chronic mean.

    Coupled (default; Gabbett TJ (2016) "The training-injury prevention paradox: should athletes
    be training smarter and harder?" Br J Sports Med 50(5):273-280; Hulin BT et al. (2016) "The
    acute:chronic workload ratio predicts injury: high chronic workload may decrease injury risk
    in elite rugby league players" Br J Sports Med 50(4):231-236): the chronic mean is over the
    last ``chronic`` days, including the acute week; the 0.8-1.3 and 1.5 thresholds come from this
    form. Uncoupled (``coupled=False``; Lolli L et al. (2019) Br J Sports Med 53(15):921-922;
    Windt J, Gabbett TJ (2019) Br J Sports Med 53(16):988-990): the chronic mean is over the
    ``chronic - acute`` days before the acute window.

    None (undefined) until ``chronic`` days of data exist, i.e. before index
    ``data_from + chronic - 1`` (``data_from``: the first day with recorded data; days before it
    are unknown, not rest), and wherever the chronic mean is 0.
    """
    out: list[float | None] = []
    first = data_from + chronic - 1
    for i in range(len(values)):
        if i < first or i + 1 < chronic:
            out.append(None)
            continue
        a = math.fsum(values[i + 1 - acute : i + 1]) / acute
        if coupled:
            c = math.fsum(values[i + 1 - chronic : i + 1]) / chronic
        else:
            c = math.fsum(values[i + 1 - chronic : i + 1 - acute]) / (chronic - acute)
        out.append(a / c if c > 0 else None)
    return out


def ewma_acwr(
    values: Sequence[float], *, acute: int = ACUTE_DAYS, chronic: int = CHRONIC_DAYS, data_from: int = 0
) -> list[float | None]:
    """EWMA acute / EWMA chronic (Williams et al. 2017, op. cit.), seeded at 0.

    None until ``chronic`` days of data exist (as :func:`rolling_acwr`) and where chronic is 0.
    """
    ea, ec = ewma(values, acute), ewma(values, chronic)
    first = data_from + chronic - 1
    return [None if i < first or c <= 0 else a / c for i, (a, c) in enumerate(zip(ea, ec, strict=True))]


# --------------------------------------------------------------------------- report


# Cross-training in the planner's ACWR. TRIMP measures what the heart did, not what the legs
# took: a ride or a swim at a runner's heart rate loads the cardiovascular system like a run but
# spares the impact that running injuries come from (Millet GP, Vleck VE, Bentley DJ (2009)
# "Physiological differences between cycling and running: lessons from triathletes", Sports Med
# 39(3):179-206), yet cycle and run training add up to a cumulative stress on triathletes (Vleck
# VE et al. (2010) J Strength Cond Res 24(1):30-36). So cross-training counts, but at half its
# TRIMP. The 0.5 itself is an assumption (no study gives the exchange rate), stated in the notes.
CROSS_TRAINING_FACTOR: Final[Mapping[str, float]] = {
    "cycling": 0.5,
    "swimming": 0.5,
    "walking": 0.5,
    "strength": 0.5,
    "other": 0.5,
}
CROSS_TRAINING_SOURCE: Final = (
    "Millet, Vleck & Bentley 2009 (cycling spares running's impact); Vleck et al. 2010 (cycle and run "
    "training add up); the 0.5 itself is an assumption"
)
# A spike needs a base to spike from: a ratio over a chronic load of next to nothing (a 30 s ride
# after weeks off) says nothing about injury risk. The base is the mean daily load of the three
# weeks before the acute week (see chronic_base) and must reach the daily mean of one hour of
# easy running a week (HRr 0.70, Banister men's constants): about 15 TRIMP/day.
MIN_CHRONIC_WEEKLY_EASY_MIN: Final = 60.0
MIN_CHRONIC_BASE: Final = trimp_rate(EASY_HRR) * MIN_CHRONIC_WEEKLY_EASY_MIN / 7.0


def cross_weight(sport: str, factor: Mapping[str, float] = CROSS_TRAINING_FACTOR) -> float:
    """How much of an activity's TRIMP enters acute/chronic/ACWR: 1 for a run, the factor otherwise."""
    if sport == "running":
        return 1.0
    return factor.get(sport, factor.get("other", 0.5))


@dataclass(frozen=True, slots=True)
class DayLoad:
    """One day of the series. Acute/chronic means are per day (same unit as ``load``).

    ``load`` is running TRIMP only; ``cross`` is cross-training TRIMP as measured and
    ``cross_counted`` the part of it that enters every derived series (acute, chronic, ACWR,
    CTL/ATL/TSB), which are computed from ``load + cross_counted``.
    """

    date: date
    load: float
    acute_sum: float | None  # last 7 days
    chronic_sum: float | None  # last 28 days
    acute_mean: float | None
    chronic_mean: float | None
    ewma_acute: float
    ewma_chronic: float
    acwr: float | None  # rolling means (coupled unless the report says otherwise)
    acwr_ewma: float | None
    ctl: float
    atl: float
    tsb: float  # CTL - ATL as of the previous day: the form the runner brings into this day
    cross: float = 0.0
    cross_counted: float = 0.0

    @property
    def counted(self) -> float:
        return self.load + self.cross_counted


@dataclass(frozen=True, slots=True)
class Layoff:
    """The longest stretch without running that overlaps the last ``window_days`` days.

    ``days`` counts whole days between two runs (or since the last run, when ``ongoing``); the
    time before the first recorded run is unknown, not a layoff. ``returning`` is
    ``days >= min_days``: the runner is coming back from a layoff (or is still in one, if
    ``ongoing``), so the planner should rebuild rather than resume.
    """

    days: int
    first_day: date | None
    last_day: date | None
    ongoing: bool
    returning: bool
    window_days: int = LAYOFF_WINDOW_DAYS
    min_days: int = LAYOFF_MIN_DAYS

    def describe(self) -> str:
        """One sentence that cannot contradict itself (an ongoing layoff may be longer than the window)."""
        if self.first_day is None or self.last_day is None:
            return "no layoff"
        if self.ongoing:
            return f"no run for {self.days} days (since {self.first_day.isoformat()}, ongoing)"
        return (
            f"layoff of {self.days} days without running ({self.first_day.isoformat()} to "
            f"{self.last_day.isoformat()}), ended within the last {self.window_days} days"
        )


def find_layoff(
    loads: Iterable[ActivityLoad],
    *,
    end: date,
    tz: str | tzinfo | None = None,
    window_days: int = LAYOFF_WINDOW_DAYS,
    min_days: int = LAYOFF_MIN_DAYS,
    last_run_before: date | None = None,
) -> Layoff:
    """Longest gap between runs (sport ``running``) overlapping ``[end - window_days + 1, end]``.

    ``last_run_before``: the last run known from outside ``loads`` (history read only from a
    later date), so a layoff reaching back beyond the loads is still measured from it.
    """
    zone = _zone(tz)
    runs = {d for ld in loads if ld.sport == "running" and (d := local_date(ld.start, zone)) <= end}
    if last_run_before is not None and last_run_before <= end:
        runs.add(last_run_before)
    ordered = sorted(runs)
    window_start = end - timedelta(days=window_days - 1)
    best = Layoff(0, None, None, False, False, window_days, min_days)
    if not ordered:
        return best
    bounds = [*ordered, end + timedelta(days=1)]
    for before, after in pairwise(bounds):
        gap = (after - before).days - 1
        first, last = before + timedelta(days=1), after - timedelta(days=1)
        if gap <= 0 or last < window_start:
            continue
        if gap > best.days:
            ongoing = after > end
            best = Layoff(gap, first, last, ongoing, gap >= min_days, window_days, min_days)
    return best


@dataclass(frozen=True, slots=True)
class LoadReport:
    """The daily series from ``start`` to ``end`` (local dates) and flags for the planner.

    ``spikes``: days whose ACWR (``spike_basis``) exceeds ``spike_threshold`` (1.5, Gabbett 2016)
    on a chronic load of at least ``min_chronic`` per day.
    ``notes`` explains what is undefined and why, and how the loads were measured.
    ``loads`` holds every activity's load in the range, running and cross-training.
    """

    start: date
    end: date
    tz: str | None
    days: tuple[DayLoad, ...]
    loads: tuple[ActivityLoad, ...]
    spikes: tuple[date, ...]
    layoff: Layoff
    coupled: bool = True
    spike_basis: AcwrBasis = "rolling"
    spike_threshold: float = SPIKE_ACWR
    thresholds: Thresholds | None = None
    data_from: date | None = None
    notes: tuple[str, ...] = field(default=())
    seeded_from: date | None = None
    min_chronic: float = MIN_CHRONIC_BASE

    @property
    def layoff_days(self) -> int:
        return self.layoff.days

    @property
    def returning_from_layoff(self) -> bool:
        return self.layoff.returning

    @property
    def latest(self) -> DayLoad | None:
        return self.days[-1] if self.days else None

    def day(self, d: date) -> DayLoad | None:
        i = (d - self.start).days
        return self.days[i] if 0 <= i < len(self.days) else None


def _above(day: DayLoad, basis: AcwrBasis, threshold: float) -> bool:
    rolling = day.acwr is not None and day.acwr > threshold
    exp = day.acwr_ewma is not None and day.acwr_ewma > threshold
    return rolling if basis == "rolling" else exp if basis == "ewma" else rolling or exp


def chronic_base(day: DayLoad) -> float | None:
    """Mean daily load of the three weeks before the acute week: what a spike is measured against.

    Not the coupled chronic mean, which includes the spike's own week and so grows with it.
    """
    if day.chronic_sum is None or day.acute_sum is None:
        return None
    return (day.chronic_sum - day.acute_sum) / (CHRONIC_DAYS - ACUTE_DAYS)


def _has_base(day: DayLoad, min_chronic: float) -> bool:
    base = chronic_base(day)
    return base is not None and base >= min_chronic - 1e-9


def activity_order(ld: ActivityLoad) -> tuple[datetime, str, float, str]:
    """Start, then sport, load and method: two activities starting together keep one order."""
    return (ld.start, ld.sport, ld.trimp, ld.method)


def load_report(
    loads: Iterable[ActivityLoad],
    *,
    start: date,
    end: date,
    tz: str | None = None,
    thresholds: Thresholds | None = None,
    coupled: bool = True,
    spike_threshold: float = SPIKE_ACWR,
    spike_basis: AcwrBasis = "rolling",
    layoff_window_days: int = LAYOFF_WINDOW_DAYS,
    layoff_min_days: int = LAYOFF_MIN_DAYS,
    seed_from: date | None = None,
    first_activity: date | None = None,
    last_run_before: date | None = None,
    cross_factor: Mapping[str, float] = CROSS_TRAINING_FACTOR,
    min_chronic: float = MIN_CHRONIC_BASE,
) -> LoadReport:
    """Daily load and every derived series from ``start`` to ``end`` inclusive, plus flags.

    Running TRIMP is the day's ``load``; other sports are ``cross`` and enter the derived series
    at ``cross_factor`` (see :data:`CROSS_TRAINING_FACTOR`). The series are computed from
    ``seed_from`` (default ``start``), so loads given for the days before ``start`` carry into its
    first day's acute/chronic/CTL/ATL. ``first_activity`` is the first recorded activity of the
    whole history (default: the first of ``loads``): days before it are unknown, so ACWR stays
    None until 28 days after it; before ``seed_from`` EWMA and CTL/ATL start from 0.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    zone = _zone(tz)
    s0 = min(seed_from or start, start)
    all_loads = sorted(loads, key=activity_order)
    run_loads = [ld for ld in all_loads if ld.sport == "running"]
    cross_loads = [ld for ld in all_loads if ld.sport != "running"]
    running = [v for _, v in daily_load(run_loads, s0, end, zone)]
    cross = [v for _, v in daily_load(cross_loads, s0, end, zone)]
    weighted = [
        ActivityLoad(ld.start, ld.sport, ld.trimp * cross_weight(ld.sport, cross_factor), ld.method, ld.duration_s)
        for ld in cross_loads
    ]
    cross_w = [v for _, v in daily_load(weighted, s0, end, zone)]
    values = [r + c for r, c in zip(running, cross_w, strict=True)]
    n = len(values)
    k0 = (start - s0).days
    in_range = tuple(ld for ld in all_loads if start <= local_date(ld.start, zone) <= end)
    known_first = first_activity
    if all_loads:
        first_load = local_date(all_loads[0].start, zone)
        known_first = first_load if known_first is None else min(known_first, first_load)
    data_from = max((known_first - s0).days, 0) if known_first is not None else n

    sums7, sums28 = rolling_sum(values, ACUTE_DAYS), rolling_sum(values, CHRONIC_DAYS)
    means7, means28 = rolling_mean(values, ACUTE_DAYS), rolling_mean(values, CHRONIC_DAYS)
    ea, ec = ewma(values, ACUTE_DAYS), ewma(values, CHRONIC_DAYS)
    acwr = rolling_acwr(values, coupled=coupled, data_from=data_from)
    acwr_e = ewma_acwr(values, data_from=data_from)
    ctl, atl = banister_decay(values, CTL_TAU), banister_decay(values, ATL_TAU)
    days = tuple(
        DayLoad(
            date=s0 + timedelta(days=i),
            load=running[i],
            acute_sum=sums7[i],
            chronic_sum=sums28[i],
            acute_mean=means7[i],
            chronic_mean=means28[i],
            ewma_acute=ea[i],
            ewma_chronic=ec[i],
            acwr=acwr[i],
            acwr_ewma=acwr_e[i],
            ctl=ctl[i],
            atl=atl[i],
            tsb=ctl[i - 1] - atl[i - 1] if i else 0.0,
            cross=cross[i],
            cross_counted=cross_w[i],
        )
        for i in range(k0, n)
    )
    above = [day for day in days if _above(day, spike_basis, spike_threshold)]
    spikes = tuple(day.date for day in above if _has_base(day, min_chronic))
    layoff = find_layoff(
        all_loads,
        end=end,
        tz=zone,
        window_days=layoff_window_days,
        min_days=layoff_min_days,
        last_run_before=last_run_before,
    )

    notes: list[str] = []
    if known_first is None:
        notes.append("no activities: every ACWR is undefined")
    else:
        defined_from = s0 + timedelta(days=max(data_from + CHRONIC_DAYS - 1, CHRONIC_DAYS - 1))
        if defined_from > start:
            notes.append(
                f"ACWR undefined before {defined_from.isoformat()}: it needs {CHRONIC_DAYS} days of data "
                f"(first recorded activity {known_first.isoformat()})"
            )
        zero = sum(1 for day in days if day.date >= defined_from and day.acwr is None)
        if zero:
            notes.append(f"ACWR undefined on {zero} later day(s) where the chronic load is 0")
    if k0 > 0:
        notes.append(
            f"acute, chronic, CTL and ATL carry in the {k0} days before {start.isoformat()} "
            f"(from {s0.isoformat()}), so the first rows are not built from zero"
        )
    notes.append(
        "rolling ACWR is "
        + ("coupled (chronic window includes the acute week; Gabbett 2016)" if coupled else "uncoupled (Lolli 2019)")
    )
    cross_in = [ld for ld in in_range if ld.sport != "running"]
    if cross_in:
        factors = sorted({cross_weight(ld.sport, cross_factor) for ld in cross_in})
        notes.append(
            f"cross-training: {len(cross_in)} activities, {math.fsum(ld.trimp for ld in cross_in):.0f} TRIMP, shown "
            f"apart from running; it enters acute/chronic/ACWR at {'/'.join(f'{f:g}' for f in factors)}x its "
            f"TRIMP ({CROSS_TRAINING_SOURCE})"
        )
    weak = len(above) - len(spikes)
    notes.append(
        f"a load spike needs ACWR above {spike_threshold:g} and, in the three weeks before the acute week, a "
        f"base of at least {min_chronic:.0f}/day (one hour of easy running a week)"
        + (f"; {weak} day(s) above {spike_threshold:g} on a smaller base not flagged" if weak else "")
    )
    methods = Counter(ld.method for ld in in_range)
    if methods:
        notes.append("loads by method: " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items())))
    if thresholds is not None:
        notes.append(
            f"HR thresholds: max {thresholds.max_hr:.0f}, rest {thresholds.resting_hr:.0f} ({thresholds.source})"
        )
    if layoff.returning:
        notes.append(layoff.describe())
    return LoadReport(
        start=start,
        end=end,
        tz=tz,
        days=days,
        loads=in_range,
        spikes=spikes,
        layoff=layoff,
        coupled=coupled,
        spike_basis=spike_basis,
        spike_threshold=spike_threshold,
        thresholds=thresholds,
        data_from=known_first,
        notes=tuple(notes),
        seeded_from=s0 if k0 > 0 else None,
        min_chronic=min_chronic,
    )


# --------------------------------------------------------------------------- the usual week


SPEED_HARD: Final = 1.08  # work speed this far above the runner's median marks a hard run
HR_HARD: Final = 1.05  # likewise for work heart rate
INTERVAL_SURGES: Final = 3  # this many separate fast stretches make a run intervals


def infer_running_week(
    summaries: Iterable[ActivitySummary],
    weeks: int = 8,
    *,
    tz: str | tzinfo | None = None,
    end: date | None = None,
) -> WeekPattern:
    """The runner's usual week, from their runs in the ``weeks`` weeks up to ``end``.

    Returns ``(weekday, type, minutes, slot)`` tuples (``RunDay(*t)`` builds the profile's type),
    sorted by weekday, one per run slot, ``(weekday, "rest", 0, "am")`` for days with no usual run.

    - A weekday is a running day if it has a run in at least half of the weeks covered (weeks:
      7-day blocks ending at ``end``, default the last run's date; fewer if the history is shorter).
      Two runs that day in most (more than half) of the weeks make a double: the day's first run
      is ``am``, the second ``pm``. Otherwise the slot is ``am`` if the median local start hour is
      before 12, else ``pm``; minutes are the median moving minutes.
    - ``long``: the slot that holds the week's longest run in at least half of the weeks.
    - ``tempo``/``interval``: a slot where at least half the runs are hard, meaning a work speed
      (80th percentile of 20 s means) >= 1.08x the median over all runs, or a work HR >= 1.05x.
      A relative margin, not a top quintile: two quality days among six runs are a third of all
      runs, so a quintile would lose one of them. ``interval`` when the hard runs have a median of
      3 or more separate fast stretches (:class:`ActivitySummary` ``surges``); a tempo with warm-up
      and cool-down has one (its speed CV alone would look like intervals).
    - everything else ``easy``.
    """
    zone = _zone(tz)
    runs = [(s.start.astimezone(zone), s) for s in summaries if s.sport == "running" and s.minutes > 0]
    if not runs:
        return [(wd, "rest", 0, "am") for wd in range(7)]
    last = end if end is not None else max(t.date() for t, _ in runs)
    window_start = last - timedelta(days=7 * weeks - 1)
    runs = sorted(((t, s) for t, s in runs if window_start <= t.date() <= last), key=lambda r: r[0])
    if not runs:
        return [(wd, "rest", 0, "am") for wd in range(7)]
    n_weeks = min(weeks, (last - runs[0][0].date()).days // 7 + 1)

    by_day: dict[tuple[int, int], list[tuple[datetime, ActivitySummary]]] = defaultdict(list)
    for t, s in runs:
        by_day[((last - t.date()).days // 7, t.weekday())].append((t, s))

    # slots: (weekday, k) -> runs; k = 0, 1 for doubles
    slots: dict[tuple[int, int], list[tuple[datetime, ActivitySummary]]] = {}
    for wd in range(7):
        days = [rs for (_, d), rs in by_day.items() if d == wd]
        if 2 * len(days) < n_weeks:
            continue
        if 2 * sum(1 for rs in days if len(rs) >= 2) > n_weeks:
            slots[(wd, 0)] = [rs[0] for rs in days]
            slots[(wd, 1)] = [rs[1] for rs in days if len(rs) >= 2]
        else:
            slots[(wd, 0)] = [max(rs, key=lambda r: r[1].minutes) for rs in days]
    where = {id(s): key for key, rs in slots.items() for _, s in rs}

    weekly_longest: dict[int, tuple[float, int]] = {}
    for (week, _), rs in by_day.items():
        for _, s in rs:
            if week not in weekly_longest or s.minutes > weekly_longest[week][0]:
                weekly_longest[week] = (s.minutes, id(s))
    long_counts = Counter(where[i] for _, i in weekly_longest.values() if i in where)
    long_key: tuple[int, int] | None = None
    if long_counts:
        key, count = max(long_counts.items(), key=lambda kv: (kv[1], -kv[0][0]))
        if 2 * count >= len(weekly_longest):
            long_key = key

    speeds = [s.work_speed_m_s for _, s in runs if s.work_speed_m_s]
    hrs = [s.work_hr for _, s in runs if s.work_hr]
    med_speed = statistics.median(speeds) if speeds else None
    med_hr = statistics.median(hrs) if hrs else None

    def hard(s: ActivitySummary) -> bool:
        fast = bool(med_speed and s.work_speed_m_s and s.work_speed_m_s >= SPEED_HARD * med_speed)
        high = bool(med_hr and s.work_hr and s.work_hr >= HR_HARD * med_hr)
        return fast or high

    out: WeekPattern = []
    for wd in range(7):
        if (wd, 0) not in slots:
            out.append((wd, "rest", 0, "am"))
            continue
        double = (wd, 1) in slots
        for k in (0, 1) if double else (0,):
            rs = slots[(wd, k)]
            minutes = round(statistics.median(s.minutes for _, s in rs))
            if double:
                slot: Slot = "am" if k == 0 else "pm"
            else:
                hour = statistics.median(t.hour + t.minute / 60 for t, _ in rs)
                slot = "am" if hour < 12 else "pm"
            hard_runs = [s for _, s in rs if hard(s)]
            kind: RunType
            if (wd, k) == long_key:
                kind = "long"
            elif 2 * len(hard_runs) >= len(rs):
                surges = statistics.median(s.surges or 0 for s in hard_runs)
                kind = "interval" if surges >= INTERVAL_SURGES else "tempo"
            else:
                kind = "easy"
            out.append((wd, kind, minutes, slot))
    return out


# --------------------------------------------------------------------------- helpers


def _percentile(ordered: Sequence[float], q: float) -> float:
    """Linear-interpolation percentile of sorted values (numpy's default method)."""
    if not ordered:
        raise ValueError("percentile of no values")
    pos = q * (len(ordered) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)

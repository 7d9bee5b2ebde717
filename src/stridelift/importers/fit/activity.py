"""From a decoded FIT file to a domain :class:`~stridelift.domain.activity.Activity`."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

import numpy as np
import numpy.typing as npt

from stridelift.domain.activity import Activity, ActivitySport

from ..clock import OUTLIER_GAP_S, clustered, dropped_warning
from ..decoded import DecodedActivity, stack_streams
from .decoder import FitFile, decode_fit
from .errors import FitError
from .profile import enum_name
from .selection import select_fields

FIT_EPOCH: Final = datetime(1989, 12, 31, tzinfo=UTC)
_SPORTS: Final[dict[str, ActivitySport]] = {
    "running": "running",
    "cycling": "cycling",
    "e_biking": "cycling",
    "swimming": "swimming",
    "walking": "walking",
    "hiking": "walking",
}
_STRENGTH_SUBS: Final = frozenset({"strength_training", "cardio_training"})
_GAP_S: Final = 10.0  # a 1 Hz sample further than this from any record is NaN
# every field decoded_activity reads: read_decoded decodes only these (and what they derive from)
IMPORT_FIELDS: Final = select_fields(
    {
        "file_id": ("type", "time_created"),
        "record": ("timestamp", "distance", "heart_rate", "altitude", "enhanced_altitude", "speed", "enhanced_speed"),
        "session": (
            "sport",
            "sub_sport",
            "start_time",
            "total_elapsed_time",
            "total_moving_time",
            "total_timer_time",
            "total_distance",
            "total_ascent",
            "avg_heart_rate",
            "max_heart_rate",
        ),
        "sport": ("sport", "sub_sport"),
    }
)

FloatArray = npt.NDArray[np.float64]


def _col(fit: FitFile, mesg: str, name: str) -> FloatArray | None:
    col = fit.messages.get(mesg, {}).get(name)
    if col is None or col.dtype == object or col.ndim != 1:
        return None
    return np.asarray(col, dtype=np.float64)


def _first_valid(*cols: FloatArray | None) -> FloatArray | None:
    """Element-wise: the first column's value, else the next one's where it is NaN."""
    out: FloatArray | None = None
    for col in cols:
        if col is None:
            continue
        out = col.copy() if out is None else np.where(np.isnan(out), col, out)
    return out


def _nansum(col: FloatArray | None) -> float | None:
    if col is None or np.isnan(col).all():
        return None
    return float(np.nansum(col))


def _label(fit: FitFile) -> tuple[ActivitySport, str | None]:
    sport = _col(fit, "session", "sport")
    sub = _col(fit, "session", "sub_sport")
    if sport is None or np.isnan(sport).all():
        sport, sub = _col(fit, "sport", "sport"), _col(fit, "sport", "sub_sport")
    if sport is None or np.isnan(sport).all():
        return "other", None
    # the session that lasted longest names a multisport file
    elapsed = _col(fit, "session", "total_elapsed_time")
    i = 0
    if elapsed is not None and len(elapsed) == len(sport) and not np.isnan(elapsed).all():
        i = int(np.nanargmax(elapsed))
    sport_name = enum_name("sport", float(sport[i])) or "other"
    sub_name = enum_name("sub_sport", float(sub[i])) if sub is not None and i < len(sub) else None
    if (sport_name == "training" and sub_name in _STRENGTH_SUBS) or sub_name == "strength_training":
        return "strength", sub_name
    return _SPORTS.get(sport_name, "other"), sub_name


def _resampler(t: FloatArray, grid: FloatArray) -> Callable[[FloatArray | None], FloatArray]:
    """Streams sampled at times ``t`` (sorted) onto ``grid``: linear interpolation, NaN where the
    nearest valid sample is over ``_GAP_S`` away (pauses, sensor drop-outs). Streams valid at the
    same samples (usually all of them) share the search for those samples."""
    far_for: dict[bytes, tuple[FloatArray, npt.NDArray[np.bool_]]] = {}
    t_ok = ~np.isnan(t)

    def resample(v: FloatArray | None) -> FloatArray:
        if v is None:
            return np.full(len(grid), np.nan)
        ok = ~np.isnan(v) & t_ok
        if ok.sum() == 0:
            return np.full(len(grid), np.nan)
        key = ok.tobytes()
        found = far_for.get(key)
        if found is None:
            tt = t[ok]
            idx = np.clip(np.searchsorted(tt, grid), 1, len(tt) - 1) if len(tt) > 1 else np.zeros(len(grid), int)
            near = np.minimum(np.abs(grid - tt[idx]), np.abs(grid - tt[np.maximum(idx - 1, 0)]))
            found = far_for[key] = (tt, near > _GAP_S)
        tt, far = found
        out = np.interp(grid, tt, v[ok])
        out[far] = np.nan
        return np.asarray(out, dtype=np.float64)

    return resample


def _not_an_activity(fit: FitFile) -> str | None:
    """The kind of a FIT file that is not an activity (workout, settings, weight scale...), else None.

    ``file_id.type`` says what a file is; a file without one is judged by its content later.
    """
    kinds = _col(fit, "file_id", "type")
    if kinds is None or np.isnan(kinds).all():
        return None
    kind = enum_name("file", float(kinds[~np.isnan(kinds)][0])) or "unknown"
    return None if kind == "activity" else kind


def to_activity(fit: FitFile, source: str = "") -> Activity:
    """Summarise a decoded FIT file as an Activity (raises FitError if it holds no activity)."""
    return decoded_activity(fit, source).activity()


def decoded_activity(fit: FitFile, source: str = "") -> DecodedActivity:
    """:func:`to_activity` with the streams left as one float64 array (what the import stores).

    Time and memory follow the number of records, never the span their clocks claim: records
    far from the others, and a session start far from the records, are dropped with a warning
    (``Activity.warnings``), and the 1 Hz streams hold only the seconds near a record.
    """
    warnings: list[str] = []
    kind = _not_an_activity(fit)
    if kind is not None:
        what = kind.replace("_", " ")
        raise FitError("not_activity", f"not an activity: a FIT {what} file (nothing to import)")
    ts = _col(fit, "record", "timestamp")
    keep: npt.NDArray[np.bool_] | None = None
    if ts is not None:
        keep = clustered(ts)
        dropped = int((~keep).sum())
        if dropped:
            warnings.append(dropped_warning(dropped, len(ts), "records"))
            ts = ts[keep]
    start_time = _col(fit, "session", "start_time")
    if start_time is not None and ts is not None and not np.isnan(ts).all():
        lo, hi = float(np.nanmin(ts)) - OUTLIER_GAP_S, float(np.nanmax(ts)) + OUTLIER_GAP_S
        far = ~np.isnan(start_time) & ((start_time < lo) | (start_time > hi))
        if far.any():
            warnings.append(
                f"ignored a session start time more than {OUTLIER_GAP_S / 3600:.0f} h away from the records"
            )
            start_time = np.where(far, np.nan, start_time)
    candidates = [float(np.nanmin(c)) for c in (start_time, ts) if c is not None and not np.isnan(c).all()]
    if not candidates:
        created = _col(fit, "file_id", "time_created")
        if created is None or np.isnan(created).all():
            raise FitError("no_activity", "FIT file holds no activity: no session, records or creation time")
        candidates = [float(np.nanmin(created))]
    t0 = min(candidates)
    start = FIT_EPOCH + timedelta(seconds=t0)

    def rec(name: str) -> FloatArray | None:
        return _masked(_col(fit, "record", name), keep)

    elapsed = _nansum(_col(fit, "session", "total_elapsed_time"))
    rec_t = ts - t0 if ts is not None else np.zeros(0)
    if elapsed is None:
        elapsed = float(np.nanmax(rec_t)) if len(rec_t) and not np.isnan(rec_t).all() else 0.0
    moving = _nansum(_first_valid(_col(fit, "session", "total_moving_time"), _col(fit, "session", "total_timer_time")))
    distance = _nansum(_col(fit, "session", "total_distance"))
    rec_dist = rec("distance")
    if distance is None and rec_dist is not None and not np.isnan(rec_dist).all():
        distance = float(np.nanmax(rec_dist))

    hr = rec("heart_rate")
    alt = _first_valid(rec("enhanced_altitude"), rec("altitude"))
    spd = _first_valid(rec("enhanced_speed"), rec("speed"))

    gain = _nansum(_col(fit, "session", "total_ascent"))
    if gain is None and alt is not None and (~np.isnan(alt)).sum() > 1:
        # no device total: count climb with the GPX reader's noise and jump handling
        from stridelift.importers.gpx import elevation_gain

        gain = elevation_gain(rec_t, alt) if len(rec_t) == len(alt) else None

    avg_hr, max_hr = _heart_rate_summary(fit, hr)

    if len(rec_t) and not np.isnan(rec_t).all():
        order = np.argsort(rec_t, kind="stable")
        t_sorted = rec_t[order]
        grid = _near_seconds(t_sorted[~np.isnan(t_sorted)])

        def pick(v: FloatArray | None) -> FloatArray | None:
            return None if v is None or len(v) != len(order) else v[order]

        resample = _resampler(t_sorted, grid)
        streams = [resample(pick(v)) for v in (hr, spd, alt)]
    else:
        grid = np.zeros(0)
        streams = [np.zeros(0), np.zeros(0), np.zeros(0)]

    sport, sub_sport = _label(fit)
    figures = Activity(
        sport=sport,
        sub_sport=sub_sport,
        start=start,
        duration_s=float(elapsed),
        moving_time_s=moving,
        distance_m=distance,
        elevation_gain_m=gain,
        avg_hr=avg_hr,
        max_hr=max_hr,
        time_s=(),
        heart_rate=(),
        speed_m_s=(),
        altitude_m=(),
        source=source,
        content_sha256=fit.sha256,
        warnings=(*fit.warnings, *warnings),
    )
    return DecodedActivity(figures, stack_streams(grid, *streams))


def _masked(col: FloatArray | None, keep: npt.NDArray[np.bool_] | None) -> FloatArray | None:
    if col is None or keep is None:
        return col
    return col[keep] if len(col) == len(keep) else None


def _near_seconds(t: FloatArray) -> FloatArray:
    """Whole seconds from 0 to the last record that lie within _GAP_S of a record (``t`` sorted).

    The rest would only hold NaN, so a pause, or clocks that jump, cost nothing: the grid's size
    is at most (2 _GAP_S + 1) per record.
    """
    if len(t) == 0:
        return np.zeros(0)
    last = math.floor(float(t[-1]))
    lo = np.clip(np.ceil(t - _GAP_S), 0, last)
    hi = np.clip(np.floor(t + _GAP_S), 0, last)
    starts = np.flatnonzero(np.concatenate(([True], lo[1:] > hi[:-1] + 1)))
    run_lo = lo[starts]
    run_hi = np.concatenate((hi[starts[1:] - 1], [hi[-1]])) if len(starts) > 1 else hi[-1:]
    run_hi = np.maximum.accumulate(run_hi)
    lengths = (run_hi - run_lo + 1).astype(np.int64)
    offsets = np.repeat(run_lo - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.asarray(np.arange(int(lengths.sum()), dtype=np.float64) + offsets, dtype=np.float64)


def _heart_rate_summary(fit: FitFile, hr: FloatArray | None) -> tuple[float | None, float | None]:
    avg = _col(fit, "session", "avg_heart_rate")
    mx = _col(fit, "session", "max_heart_rate")
    weights = _col(fit, "session", "total_timer_time")
    avg_hr: float | None = None
    max_hr: float | None = None
    if avg is not None and not np.isnan(avg).all():
        ok = ~np.isnan(avg)
        if (
            weights is not None
            and len(weights) == len(avg)
            and not np.isnan(weights[ok]).any()
            and float(weights[ok].sum()) > 0
        ):
            avg_hr = float(np.average(avg[ok], weights=weights[ok]))
        else:
            avg_hr = float(avg[ok].mean())
    if mx is not None and not np.isnan(mx).all():
        max_hr = float(np.nanmax(mx))
    if hr is not None and not np.isnan(hr).all():
        if avg_hr is None:
            avg_hr = float(np.nanmean(hr))
        if max_hr is None:
            max_hr = float(np.nanmax(hr))
    return avg_hr, max_hr


def read_activity(data: bytes, source: str = "") -> Activity:
    """Decode FIT bytes (a damaged file gives what it holds, with a warning) and summarise them
    (both steps raise only FitError)."""
    return read_decoded(data, source).activity()


def read_decoded(data: bytes, source: str = "") -> DecodedActivity:
    """:func:`read_activity` with the streams left as one float64 array (what the import stores)."""
    fit = decode_fit(data, recover=True, only=IMPORT_FIELDS)
    try:
        return decoded_activity(fit, source)
    except FitError:
        raise
    except (ValueError, ArithmeticError, IndexError, TypeError) as exc:
        raise FitError("internal", f"could not summarise FIT activity: {exc}") from exc

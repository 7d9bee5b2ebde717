"""GPX import (1.0 and 1.1), read from the XML tree as gpxpy reads it (``gpx_tree``; gpxpy itself
for the odd file it might refuse), and the track maths that TCX import shares.

A GPX file is only a list of positions with optional times, elevations and (Garmin extension)
heart rates, so every summary figure is computed here: distance by haversine, moving time from
point-to-point speeds, climb with a hysteresis against GPS noise, 1 Hz streams on the time base.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final
from xml.etree.ElementTree import Element

import numpy as np
import numpy.typing as npt

from stridelift.domain.activity import Activity, ActivitySport

from .clock import clustered, dropped_warning
from .decoded import DecodedActivity, stack_streams
from .errors import ImportFileError, xml_text
from .gpx_tree import extension_hr, gpx_points, gpx_root, point_columns

if TYPE_CHECKING:
    import gpxpy.gpx

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

GAP_S: Final = 10.0  # stream seconds inside a recording gap longer than this are NaN
MOVING_M_S: Final = 0.5  # slower than this between two points counts as standing
CLIMB_HYSTERESIS_M: Final = 3.0  # rises and dips smaller than this are GPS/barometer noise
MAX_VERTICAL_M_S: Final = 5.0  # faster altitude changes are sensor jumps, not climbing
MAX_STREAM_S: Final = 2 * 86_400  # longer tracks keep their summary but no 1 Hz streams
EARTH_RADIUS_M: Final = 6_371_008.8  # mean radius
# times outside these bounds are sentinels (1901-12-13 is INT32_MIN seconds) or garbage, not times
EARLIEST: Final = datetime(1980, 1, 1, tzinfo=UTC).timestamp()
LATEST: Final = datetime(2100, 1, 1, tzinfo=UTC).timestamp()
HR_MIN: Final = 20.0
HR_MAX: Final = 250.0

# the first element's local name, after whitespace, comments and processing instructions
_ROOT = re.compile(r"(?:\s|<!--.*?-->|<\?.*?\?>)*<(?:[\w.-]+:)?([\w.-]+)", re.DOTALL)

# <type> values seen in the wild: Garmin and Strava words, FIT sport names, Strava's old numeric codes
_TYPES: Final[dict[str, ActivitySport]] = {
    "1": "cycling",
    "9": "running",
    "4": "walking",
    "10": "walking",
    "ride": "cycling",
    "mtb": "cycling",
    "swim": "swimming",
    "strength_training": "strength",
    "weight_training": "strength",
    "weighttraining": "strength",
    "crossfit": "strength",
}
_TYPE_WORDS: Final[tuple[tuple[str, ActivitySport], ...]] = (
    ("run", "running"),
    ("jog", "running"),
    ("cycl", "cycling"),
    ("bik", "cycling"),
    ("ride", "cycling"),
    ("walk", "walking"),
    ("hik", "walking"),
    ("swim", "swimming"),
)


@dataclass(frozen=True)
class Track:
    """Track points in file order as columns (NaN where a point lacks a value).

    ``distance`` and ``speed`` are a device's own cumulative distance and speed, when the format
    records them (TCX); otherwise both are computed from the positions.
    """

    time: FloatArray  # POSIX seconds, UTC
    lat: FloatArray
    lon: FloatArray
    ele: FloatArray
    hr: FloatArray
    segment: IntArray  # points of different segments are not joined (a pause, a new track)
    distance: FloatArray | None = None
    speed: FloatArray | None = None


def read_gpx(data: bytes, source: str) -> Activity:
    """Read a GPX track (or a timed route) into an Activity; raises only ImportFileError."""
    return read_gpx_decoded(data, source).activity()


def read_gpx_decoded(data: bytes, source: str) -> DecodedActivity:
    """:func:`read_gpx` with the streams left as one float64 array (what the import stores)."""
    text = xml_text(data, source, "GPX")
    root = _ROOT.match(text)
    if root is None or root.group(1).lower() != "gpx":
        what = f"<{root.group(1)}>" if root else "no element"
        raise ImportFileError("bad_xml", f"not a GPX file: the root element is {what}", source)
    found: tuple[Track, str, str | None] | None
    try:
        found = _tree_track(text, source)
    except ImportFileError:
        raise
    except Exception:  # Unusual, or anything the tree reader did not foresee: gpxpy decides, as before
        found = None
    if found is None:
        import gpxpy

        try:
            gpx = gpxpy.parse(text)
        except Exception as exc:  # gpxpy re-raises ElementTree's errors as its own, and more on odd input
            raise ImportFileError("bad_xml", f"not a readable GPX file: {_one_line(exc)}", source) from exc
    try:
        track, kind, gpx_type = found if found is not None else _track(gpx, source)
        sport = sport_from_label(gpx_type) if gpx_type else None
        sub_sport = gpx_type[:64] if gpx_type else None
        return track_decoded(
            track,
            kind=kind,
            source=source,
            sha256=hashlib.sha256(data).hexdigest(),
            sport=sport,
            sub_sport=sub_sport,
        )
    except ImportFileError:
        raise
    except Exception as exc:  # a value no check foresaw: still one clear error, never a crash
        raise ImportFileError("internal", f"could not summarise GPX track: {_one_line(exc)}", source) from exc


def sport_from_label(label: str) -> ActivitySport:
    """Map a free-text activity type (GPX ``<type>``, TCX ``Sport``, Strava's column) to a sport."""
    key = re.sub(r"[\s-]+", "_", label.strip().lower())
    if key in _TYPES:
        return _TYPES[key]
    for word, sport in _TYPE_WORDS:
        if word in key:
            return sport
    return "other"


def _tree_track(text: str, source: str) -> tuple[Track, str, str | None]:
    """What ``_track`` gives, read from the tree (``gpx_tree``); raises Unusual for gpxpy's cases."""
    segments, kind, waypoints, v11 = gpx_points(gpx_root(text))
    if not segments:
        extra = f" (only {waypoints} waypoints)" if waypoints else ""
        raise ImportFileError("no_points", f"GPX has no track or route points{extra}", source)
    time, lat, lon, ele, hr, seg = point_columns(segments, v11, trackpoints=kind == "GPX track")
    gpx_type = next((t.strip() for _, t in segments if t and t.strip()), None)
    track = Track(
        time=np.array(time, dtype=np.float64),
        lat=np.array(lat, dtype=np.float64),
        lon=np.array(lon, dtype=np.float64),
        ele=np.array(ele, dtype=np.float64),
        hr=np.array(hr, dtype=np.float64),
        segment=np.array(seg, dtype=np.int64),
    )
    return track, kind, gpx_type


def _track(gpx: gpxpy.gpx.GPX, source: str) -> tuple[Track, str, str | None]:
    """All track segments (or, failing those, all routes) as one Track, what it is, the first <type>."""
    kind = "GPX track"
    segments: list[list[gpxpy.gpx.GPXTrackPoint] | list[gpxpy.gpx.GPXRoutePoint]] = []
    types: list[str | None] = []
    for trk in gpx.tracks:
        for seg in trk.segments:
            if seg.points:
                segments.append(seg.points)
                types.append(trk.type)
    if not segments:
        kind = "GPX route"
        for rte in gpx.routes:
            if rte.points:
                segments.append(rte.points)
                types.append(rte.type)
    if not segments:
        extra = f" (only {len(gpx.waypoints)} waypoints)" if gpx.waypoints else ""
        raise ImportFileError("no_points", f"GPX has no track or route points{extra}", source)

    points = [(i, p) for i, seg in enumerate(segments) for p in seg]
    n = len(points)
    time = np.full(n, np.nan)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    ele = np.full(n, np.nan)
    hr = np.full(n, np.nan)
    segment = np.zeros(n, dtype=np.int64)
    for j, (i, p) in enumerate(points):
        segment[j] = i
        time[j] = _epoch(p.time)
        la, lo = _float(p.latitude), _float(p.longitude)
        if -90.0 <= la <= 90.0 and -180.0 <= lo <= 180.0:  # else NaN: no position, not a wild jump
            lat[j], lon[j] = la, lo
        ele[j] = _float(p.elevation)
        hr[j] = _extension_hr(p.extensions)  # gpxpy's deep copies of the <extensions> children
    gpx_type = next((t.strip() for t in types if t and t.strip()), None)
    return Track(time=time, lat=lat, lon=lon, ele=ele, hr=hr, segment=segment), kind, gpx_type


def _epoch(value: datetime | None) -> float:
    """POSIX seconds; a time without a zone is taken as UTC, as GPX says times are."""
    if value is None:
        return math.nan
    try:
        if value.tzinfo is None or value.utcoffset() is None:
            value = value.replace(tzinfo=UTC)
        return value.timestamp()
    except (OverflowError, ValueError, OSError):
        return math.nan


def _float(value: object) -> float:
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return math.nan


def _extension_hr(extensions: list[Element]) -> float:
    holder = Element("extensions")
    holder.extend(extensions)
    return extension_hr(holder)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:200] + "...") if len(text) > 200 else (text or type(exc).__name__)


# --- track maths, shared with TCX -------------------------------------------------------------


def track_activity(
    track: Track,
    *,
    kind: str,
    source: str,
    sha256: str,
    sport: ActivitySport | None,
    sub_sport: str | None,
) -> Activity:
    """:func:`track_decoded` as a domain Activity."""
    return track_decoded(track, kind=kind, source=source, sha256=sha256, sport=sport, sub_sport=sub_sport).activity()


def track_decoded(
    track: Track,
    *,
    kind: str,
    source: str,
    sha256: str,
    sport: ActivitySport | None,
    sub_sport: str | None,
) -> DecodedActivity:
    """Summarise a track; ``sport`` None means: running if the speeds look like running, else other.

    Points without a time, points whose time goes back (a clock fix, a merged file), and points
    stamped far from all the others (a broken clock, with a warning) are left out, so distance
    and time always cover the same points.
    """
    n = len(track.time)
    if n == 0:
        raise ImportFileError("no_points", f"{kind} has no points", source)
    timed = np.flatnonzero((track.time >= EARLIEST) & (track.time < LATEST))
    if len(timed) == 0:
        odd = int((~np.isnan(track.time)).sum())
        why = f" (its {odd} times are all before 1980 or after 2099)" if odd else ""
        raise ImportFileError("no_timestamps", f"{kind} has no timestamps{why}: cannot place it in time", source)
    if 2 * len(timed) < n:
        raise ImportFileError(
            "no_timestamps",
            f"only {len(timed)} of {n} points of the {kind} have timestamps: cannot place it in time",
            source,
        )
    warnings: list[str] = []
    keep = clustered(track.time[timed])
    if not keep.all():
        warnings.append(dropped_warning(int((~keep).sum()), len(timed), "points"))
        timed = timed[keep]
    if len(timed) > 1 and np.ptp(track.time[timed]) == 0:
        raise ImportFileError(
            "bad_timestamps", f"all {len(timed)} points of the {kind} share one timestamp: no duration", source
        )
    t_all = track.time[timed]
    before = np.maximum.accumulate(np.concatenate(([-np.inf], t_all[:-1])))
    idx = timed[t_all > before]
    t = track.time[idx]
    seg = track.segment[idx]
    rel = t - t[0]

    cum = _cumulative_distance(track, idx)
    dt = np.diff(rel)
    same = seg[1:] == seg[:-1]
    if cum is None:
        distance_m: float | None = None
        moving_s: float | None = None
        step_speed = np.full(len(dt), np.nan)
        moving = np.zeros(len(dt), dtype=bool)
    else:
        step_speed = np.where(same, np.diff(cum) / dt, np.nan)
        moving = same & (step_speed > MOVING_M_S)
        distance_m = float(np.nanmax(cum)) if track.distance is not None else float(cum[-1])
        moving_s = float(dt[moving].sum())
    step_speed[dt > GAP_S] = np.nan

    hr = np.where((track.hr[idx] >= HR_MIN) & (track.hr[idx] <= HR_MAX), track.hr[idx], np.nan)
    ele = track.ele[idx]
    duration = float(rel[-1])
    if duration <= MAX_STREAM_S:
        grid = np.arange(0.0, math.floor(duration) + 1.0)
        hr_s = resample(rel, hr, grid)
        alt_s = resample(rel, ele, grid)
        device_speed = None if track.speed is None else track.speed[idx]
        if device_speed is not None and (~np.isnan(device_speed)).sum() * 2 >= len(idx):
            speed_s = resample(rel, device_speed, grid)
        else:
            speed_s = _step_stream(rel, step_speed, grid)
    else:
        grid = hr_s = alt_s = speed_s = np.zeros(0)

    if sport is None:
        sport = guess_sport(dt[moving], step_speed[moving])
    avg_hr, max_hr = _hr_summary(hr, hr_s)
    figures = Activity(
        sport=sport,
        sub_sport=sub_sport,
        start=datetime.fromtimestamp(float(t[0]), UTC),
        duration_s=duration,
        moving_time_s=moving_s,
        distance_m=distance_m,
        elevation_gain_m=elevation_gain(rel, ele),
        avg_hr=avg_hr,
        max_hr=max_hr,
        time_s=(),
        heart_rate=(),
        speed_m_s=(),
        altitude_m=(),
        source=source,
        content_sha256=sha256,
        warnings=tuple(warnings),
    )
    return DecodedActivity(figures, stack_streams(grid, hr_s, speed_s, alt_s))


def _cumulative_distance(track: Track, idx: IntArray) -> FloatArray | None:
    """Metres from the start at each kept point: the device's own figure if it has one, else haversine."""
    if track.distance is not None:
        dev = track.distance[idx]
        if (~np.isnan(dev)).sum() * 2 >= len(idx):
            filled = np.fmax.accumulate(dev)  # running max; NaN only before the first value
            return np.asarray(np.where(np.isnan(filled), 0.0, filled), dtype=np.float64)
    lat, lon, seg = track.lat[idx], track.lon[idx], track.segment[idx]
    has = np.flatnonzero(~np.isnan(lat) & ~np.isnan(lon))
    if len(has) == 0:
        return None
    steps = haversine_m(lat[has[:-1]], lon[has[:-1]], lat[has[1:]], lon[has[1:]])
    steps = np.where(seg[has[1:]] == seg[has[:-1]], steps, 0.0)
    at_has = np.concatenate(([0.0], np.cumsum(steps)))
    # points without a position keep the distance of the last point that had one
    where = np.searchsorted(has, np.arange(len(idx)), side="right") - 1
    return np.asarray(np.where(where >= 0, at_has[np.maximum(where, 0)], 0.0), dtype=np.float64)


def haversine_m(lat1: FloatArray, lon1: FloatArray, lat2: FloatArray, lon2: FloatArray) -> FloatArray:
    """Great-circle distances in metres between paired points (degrees)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


def resample(t: FloatArray, v: FloatArray, grid: FloatArray) -> FloatArray:
    """Linear interpolation onto the 1 Hz grid; NaN inside gaps > GAP_S and away from the samples."""
    ok = ~np.isnan(v)
    if not ok.any():
        return np.full(len(grid), np.nan)
    tt, vv = t[ok], v[ok]
    out = np.interp(grid, tt, vv)
    k = np.searchsorted(tt, grid, side="left")  # tt[k-1] < g <= tt[k]
    inside = (k > 0) & (k < len(tt))
    kk = np.clip(k, 1, max(len(tt) - 1, 1))
    if len(tt) > 1:
        wide = inside & (tt[kk] - tt[kk - 1] > GAP_S) & (grid != tt[kk])
        out[wide] = np.nan
    out[(grid < tt[0] - 1.0) | (grid > tt[-1] + 1.0)] = np.nan
    return np.asarray(out, dtype=np.float64)


def _step_stream(rel: FloatArray, step: FloatArray, grid: FloatArray) -> FloatArray:
    """Each second takes the speed of the point-to-point step it falls in."""
    if len(step) == 0:
        return np.full(len(grid), np.nan)
    k = np.clip(np.searchsorted(rel, grid, side="left"), 1, len(rel) - 1)
    return np.asarray(step[k - 1], dtype=np.float64)


def elevation_gain(t: FloatArray, ele: FloatArray) -> float | None:
    """Total climb, ignoring rises and dips under CLIMB_HYSTERESIS_M, short spikes and jumps.

    A jump (faster than MAX_VERTICAL_M_S, e.g. a barometer settling after the start) is not climb:
    it re-anchors the count at the new level.
    """
    ok = ~np.isnan(ele) & ~np.isnan(t)
    a, tt = ele[ok], t[ok]
    if len(a) < 2:
        return None
    if len(a) >= 5:
        a = np.median(np.lib.stride_tricks.sliding_window_view(np.pad(a, 2, mode="edge"), 5), axis=1)
    jumps = (np.abs(np.diff(a)) > MAX_VERTICAL_M_S * np.maximum(np.diff(tt), 1.0)).tolist()
    gain = 0.0
    low = peak = float(a[0])
    climbing = False
    for x, jump in zip(a[1:].tolist(), jumps, strict=True):
        if jump:
            if climbing:
                gain += peak - low
            low = peak = x
            climbing = False
        elif climbing:
            if x > peak:
                peak = x
            elif peak - x >= CLIMB_HYSTERESIS_M:
                gain += peak - low
                low, climbing = x, False
        elif x < low:
            low = x
        elif x - low >= CLIMB_HYSTERESIS_M:
            peak, climbing = x, True
    if climbing:
        gain += peak - low
    return gain


def guess_sport(dt: FloatArray, speed: FloatArray) -> ActivitySport:
    """Running when the moving part of a track has running speeds (about 2:45-9:00 min/km)."""
    ok = ~np.isnan(speed) & (dt > 0)
    dt, speed = dt[ok], speed[ok]
    if dt.sum() < 60.0:
        return "other"
    order = np.argsort(speed)
    weight = np.cumsum(dt[order]) / dt.sum()
    median = float(speed[order][min(int(np.searchsorted(weight, 0.5)), len(order) - 1)])
    p95 = float(speed[order][min(int(np.searchsorted(weight, 0.95)), len(order) - 1)])
    return "running" if 1.85 <= median <= 6.0 and p95 <= 8.0 else "other"


def _hr_summary(raw: FloatArray, stream: FloatArray) -> tuple[float | None, float | None]:
    """Time-weighted mean (the 1 Hz stream) so that sparse recording does not skew it; max of samples."""
    if np.isnan(raw).all():
        return None, None
    avg = float(np.nanmean(stream)) if len(stream) and not np.isnan(stream).all() else float(np.nanmean(raw))
    return avg, float(np.nanmax(raw))


"""TCX (Garmin Training Center) import, parsed with ElementTree behind the shared XML gate.

Parsed here rather than with tcxreader, which reads only from a path, assumes the Garmin namespace
and raises KeyError and friends on odd files. Namespaces are ignored (element local names only),
since exporters disagree on them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Final

import numpy as np

from stridelift.domain.activity import Activity, ActivitySport

from .decoded import DecodedActivity, decoded
from .errors import ImportFileError, xml_text
from .gpx import HR_MAX, HR_MIN, Track, sport_from_label, track_decoded

_SPORTS: Final[dict[str, ActivitySport]] = {"running": "running", "biking": "cycling", "other": "other"}


@dataclasses.dataclass(frozen=True)
class _Lap:
    start: float
    seconds: float
    distance_m: float
    avg_hr: float
    max_hr: float


def read_tcx(data: bytes, source: str) -> Activity:
    """Read the TCX activity with the most track points; raises only ImportFileError."""
    return read_tcx_decoded(data, source).activity()


def read_tcx_decoded(data: bytes, source: str) -> DecodedActivity:
    """:func:`read_tcx` with the streams left as one float64 array (what the import stores)."""
    text = xml_text(data, source, "TCX")
    try:
        root = ET.fromstring(text)
    except Exception as exc:  # ParseError mostly; anything else expat may raise on odd input
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise ImportFileError("bad_xml", f"not a readable TCX file: {message}", source) from exc
    if _local(root.tag) != "TrainingCenterDatabase":
        raise ImportFileError("bad_xml", f"not a TCX file: the root element is <{_local(root.tag)}>", source)
    try:
        return _read(root, hashlib.sha256(data).hexdigest(), source)
    except ImportFileError:
        raise
    except Exception as exc:  # a value no check foresaw: still one clear error, never a crash
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise ImportFileError("internal", f"could not summarise TCX activity: {message}", source) from exc


def _read(root: ET.Element, sha256: str, source: str) -> DecodedActivity:
    activities = [a for block in _children(root, "Activities") for a in _children(block, "Activity")]
    if not activities:
        raise ImportFileError("no_activity", "TCX holds no activity (courses or workouts only?)", source)
    # the one with the most points (counting them is a walk over the whole tree: not for one)
    activity = activities[0] if len(activities) == 1 else max(activities, key=lambda a: sum(1 for _ in _trackpoints(a)))
    label = activity.get("Sport")
    sport: ActivitySport | None = None
    if label and label.strip():
        sport = _SPORTS.get(label.strip().lower()) or sport_from_label(label)
    laps = [_lap(el) for el in _children(activity, "Lap")]

    rows = [(seg, _point(tp)) for seg, tp in _trackpoints(activity)]
    if not any(not math.isnan(p[0]) for _, p in rows):
        return _laps_only(laps, sport, sha256, source)
    cols = np.array([p for _, p in rows], dtype=np.float64).reshape(len(rows), 7)
    track = Track(
        time=cols[:, 0],
        lat=cols[:, 1],
        lon=cols[:, 2],
        ele=cols[:, 3],
        hr=cols[:, 5],
        segment=np.array([s for s, _ in rows], dtype=np.int64),
        distance=cols[:, 4],
        speed=cols[:, 6],
    )
    result = track_decoded(track, kind="TCX activity", source=source, sha256=sha256, sport=sport, sub_sport=None)

    # the device's own lap totals beat sums over points that may have been thinned ("smart recording")
    lap_distance = [lap.distance_m for lap in laps if not math.isnan(lap.distance_m)]
    if lap_distance and sum(lap_distance) > 0:
        result = result.replace(distance_m=float(sum(lap_distance)))
    # likewise the laps' heart-rate figures, when every lap has them (as FIT import prefers the session's)
    avg, mx = _lap_hr(laps)
    figures = result.figures
    if avg is not None and (figures.avg_hr is None or all(HR_MIN <= lap.avg_hr <= HR_MAX for lap in laps)):
        result = result.replace(avg_hr=avg)
    if mx is not None and (figures.max_hr is None or mx > figures.max_hr):
        result = result.replace(max_hr=mx)
    return result


def _laps_only(laps: list[_Lap], sport: ActivitySport | None, sha256: str, source: str) -> DecodedActivity:
    """A TCX without timed points (a treadmill or manual entry): the lap totals are all there is."""
    timed = [lap for lap in laps if not math.isnan(lap.start)]
    if not timed:
        raise ImportFileError("no_timestamps", "TCX activity has no timestamps: cannot place it in time", source)
    seconds = [lap.seconds for lap in laps if not math.isnan(lap.seconds)]
    distance = [lap.distance_m for lap in laps if not math.isnan(lap.distance_m)]
    avg, mx = _lap_hr(laps)
    figures = Activity(
        sport=sport or "other",
        sub_sport=None,
        start=datetime.fromtimestamp(min(lap.start for lap in timed), UTC),
        duration_s=float(sum(seconds)),
        moving_time_s=float(sum(seconds)) if seconds else None,
        distance_m=float(sum(distance)) if distance else None,
        elevation_gain_m=None,
        avg_hr=avg,
        max_hr=mx,
        time_s=(),
        heart_rate=(),
        speed_m_s=(),
        altitude_m=(),
        source=source,
        content_sha256=sha256,
    )
    return decoded(figures)


def _lap_hr(laps: list[_Lap]) -> tuple[float | None, float | None]:
    """Lap averages weighted by lap time (equal weights when a lap lacks its time)."""
    rated = [lap for lap in laps if HR_MIN <= lap.avg_hr <= HR_MAX]
    avg: float | None = None
    if rated:
        weights = [lap.seconds if lap.seconds > 0 else 0.0 for lap in rated]
        if sum(weights) > 0:
            avg = sum(lap.avg_hr * w for lap, w in zip(rated, weights, strict=True)) / sum(weights)
        else:
            avg = sum(lap.avg_hr for lap in rated) / len(rated)
    maxes = [lap.max_hr for lap in laps if HR_MIN <= lap.max_hr <= HR_MAX]
    return avg, (max(maxes) if maxes else None)


def _lap(el: ET.Element) -> _Lap:
    return _Lap(
        start=_time(el.get("StartTime")),
        seconds=_number(_child(el, "TotalTimeSeconds")),
        distance_m=_number(_child(el, "DistanceMeters")),
        avg_hr=_number(_child(_child(el, "AverageHeartRateBpm"), "Value")),
        max_hr=_number(_child(_child(el, "MaximumHeartRateBpm"), "Value")),
    )


def _trackpoints(activity: ET.Element) -> Iterator[tuple[int, ET.Element]]:
    """(segment, Trackpoint) for every point of every Track of every Lap; one segment per Track."""
    seg = 0
    for lap in _children(activity, "Lap"):
        for track in _children(lap, "Track"):
            for tp in _children(track, "Trackpoint"):
                yield seg, tp
            seg += 1


def _point(tp: ET.Element) -> tuple[float, float, float, float, float, float, float]:
    """time, lat, lon, altitude, distance, heart rate, speed (NaN where absent or unreadable).

    Each field is the first child of its name (as ``_child`` finds it), in one pass over the
    point's children; the speed is the first ``Speed`` inside the last ``Extensions`` having one.
    """
    first: dict[str, ET.Element] = {}
    speed = math.nan
    for c in tp:
        name = _local(c.tag)
        if name == "Extensions":
            for el in c.iter():
                if _local(el.tag) == "Speed":
                    speed = _number(el)
                    break
        elif name not in first:
            first[name] = c
    lat = lon = math.nan
    pos = first.get("Position")
    if pos is not None:
        lat_el = lon_el = None
        for c in pos:
            name = _local(c.tag)
            if name == "LatitudeDegrees" and lat_el is None:
                lat_el = c
            elif name == "LongitudeDegrees" and lon_el is None:
                lon_el = c
        lat, lon = _number(lat_el), _number(lon_el)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        lat = lon = math.nan
    return (
        _time(_text(first.get("Time"))),
        lat,
        lon,
        _number(first.get("AltitudeMeters")),
        _number(first.get("DistanceMeters")),
        _number(_child(first.get("HeartRateBpm"), "Value")),
        speed,
    )


_LOCAL_NAMES: dict[str, str] = {}  # tag -> local name: a file has a handful of distinct tags
_LOCAL_NAMES_MAX: Final = 4096  # a file with endless distinct tags only stops the caching


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL_NAMES) < _LOCAL_NAMES_MAX:
            _LOCAL_NAMES[tag] = name
    return name


def _children(el: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if el is None else [c for c in el if _local(c.tag) == name]


def _child(el: ET.Element | None, name: str) -> ET.Element | None:
    if el is None:
        return None
    return next((c for c in el if _local(c.tag) == name), None)


def _text(el: ET.Element | None) -> str | None:
    return None if el is None or el.text is None else el.text.strip()


def _number(el: ET.Element | None) -> float:
    text = _text(el)
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def _time(text: str | None) -> float:
    """POSIX seconds from an ISO 8601 time; a time without a zone is taken as UTC."""
    if not text:
        return math.nan
    try:
        value = datetime.fromisoformat(text.strip())
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.timestamp()
    except (ValueError, OverflowError, OSError):
        return math.nan

"""GPX points straight from the ElementTree, as gpxpy would give them, without gpxpy's objects.

gpxpy builds an object per point, parses every field of it and deep-copies its extensions: about
a third of a whole import's CPU went there. This reads the same tree gpxpy reads (its text with
the first default ``xmlns`` removed, so GPX elements have plain tags) and takes only time,
position, elevation and the extensions' heart rate, with gpxpy's own conversions.

gpxpy also refuses a whole file over one bad value in any field it converts (a ``<hdop>`` that is
not a number, a ``<fix>`` not in its list, a point without ``lat``...). Rather than copy those
rules and risk a difference, every such field is checked with gpxpy's conversion and anything
odd raises :class:`Unusual`: the caller then hands the file to gpxpy, which decides as before.
The text has passed the shared XML gate first (size, DTD/entities, depth).
"""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Final

# gpxpy's own patterns (gpxpy.parser.GPXParser.parse and gpxpy.gpxfield.RE_TIMESTAMP); note that
# ``[+-−]`` is a character range from "+" to U+2212, so gpxpy takes many characters as a sign
_DEFAULT_NS: Final = re.compile(r"""\sxmlns=(['"])[^'"]+\1""")
_TIME: Final = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})[T ]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})"
    r"(\.[0-9]{1,15})?(Z|[+-−][0-9]{2}:?(?:[0-9]{2})?)?$"
)
_POSSIBLE_FIX: Final = ("none", "2d", "3d", "dgps", "pps", "3")


class Unusual(Exception):
    """Something gpxpy might refuse or read otherwise: let gpxpy read the file."""


def _as_float(text: str) -> object:
    return float(text.strip())


def _as_int(text: str) -> object:
    return int(text.strip())


def _as_fix(text: str) -> object:
    if text not in _POSSIBLE_FIX:
        raise ValueError(text)
    return text


Check = Callable[[str], object]
# the point fields gpxpy converts (and so may refuse); elevation and time are read, not only checked
_POINT_CHECKS: Final[dict[str, Check]] = {
    "magvar": _as_float,
    "geoidheight": _as_float,
    "fix": _as_fix,
    "sat": _as_int,
    "hdop": _as_float,
    "vdop": _as_float,
    "pdop": _as_float,
    "ageofdgpsdata": _as_float,
    "dgpsid": _as_int,
}
_TRKPT_10_CHECKS: Final[dict[str, Check]] = _POINT_CHECKS | {"course": _as_float, "speed": _as_float}


def gpx_root(text: str) -> ET.Element:
    """The tree gpxpy parses: the text without its first default namespace declaration."""
    try:
        return ET.fromstring(_DEFAULT_NS.sub("", text, count=1))
    except Exception as exc:  # gpxpy words the error itself
        raise Unusual from exc


def gpx_points(
    root: ET.Element,
) -> tuple[list[tuple[list[ET.Element], str | None]], str, int, bool]:
    """(segments of points with their track's or route's ``<type>``, what they are, waypoints, 1.1?).

    Tracks' non-empty segments, or failing those the routes' points, as gpxpy's ``_track`` takes
    them. Every element gpxpy would convert is checked on the way.
    """
    v11 = root.get("version") == "1.1"
    _check_bounds(root, v11)
    tracks: list[tuple[list[ET.Element], str | None]] = []
    routes: list[tuple[list[ET.Element], str | None]] = []
    waypoints = 0
    for child in root:
        if child.tag == "trk":
            kind_type = _checked_owner(child, v11)
            for seg in _tagged(child, "trkseg"):
                points = list(_tagged(seg, "trkpt"))
                if points:
                    tracks.append((points, kind_type))
        elif child.tag == "rte":
            kind_type = _checked_owner(child, v11)
            points = list(_tagged(child, "rtept"))
            for p in points:
                _check_point(p, _POINT_CHECKS)
            if points:
                routes.append((points, kind_type))
        elif child.tag == "wpt":
            waypoints += 1
            _check_point(child, _POINT_CHECKS)
    if tracks:
        return tracks, "GPX track", waypoints, v11
    return routes, "GPX route", waypoints, v11


def point_columns(
    segments: list[tuple[list[ET.Element], str | None]], v11: bool, trackpoints: bool
) -> tuple[list[float], list[float], list[float], list[float], list[float], list[int]]:
    """time, lat, lon, elevation, heart rate and segment of every point (NaN where absent)."""
    checks = _POINT_CHECKS if v11 or not trackpoints else _TRKPT_10_CHECKS
    time: list[float] = []
    lat: list[float] = []
    lon: list[float] = []
    ele: list[float] = []
    hr: list[float] = []
    seg: list[int] = []
    nan = math.nan
    for i, (points, _type) in enumerate(segments):
        for p in points:
            la, lo = _coordinate(p.get("lat")), _coordinate(p.get("lon"))
            t = e = h = nan
            seen: set[str] = set()
            for child in p:
                tag = child.tag
                if not isinstance(tag, str) or tag in seen:
                    continue  # gpxpy reads the first element of each name only
                seen.add(tag)
                if tag == "time":
                    t = epoch(child.text)
                elif tag == "ele":
                    e = _number(child.text)
                elif tag == "extensions":
                    if v11:
                        h = extension_hr(child)
                elif tag in checks and child.text is not None:
                    try:
                        checks[tag](child.text)
                    except Exception as exc:
                        raise Unusual from exc
            if not (-90.0 <= la <= 90.0 and -180.0 <= lo <= 180.0):
                la = lo = nan
            time.append(t)
            lat.append(la)
            lon.append(lo)
            ele.append(e)
            hr.append(h)
            seg.append(i)
    return time, lat, lon, ele, hr, seg


def epoch(text: str | None) -> float:
    """POSIX seconds of a GPX time as gpxpy reads it (unreadable: NaN; no zone: UTC)."""
    if not text:
        return math.nan
    m = _TIME.match(text)
    if m is None:
        return math.nan
    year, month, day, hour, minute, second, frac, zone = m.groups()
    midnight = _midnight(year, month, day, zone)
    h, mi, sec = int(hour), int(minute), int(second)
    if midnight is None or h > 23 or mi > 59 or sec > 59:  # as datetime() refuses them
        return math.nan
    micro = int((frac[1:7] + "000000")[:6]) if frac else 0
    # datetime.timestamp() is (whole microseconds since the epoch) / 10**6, rounded once
    return ((midnight + 3600 * h + 60 * mi + sec) * 1_000_000 + micro) / 1_000_000


@functools.lru_cache(maxsize=1024)
def _midnight(year: str, month: str, day: str, zone: str | None) -> int | None:
    """POSIX seconds of the day's start in ``zone`` (None: not a date or zone datetime takes);
    a track's points share a few days, so this is computed a few times per file, not per point."""
    try:
        tz = timezone(timedelta(minutes=_offset_minutes(zone))) if zone else UTC
        return int(datetime(int(year), int(month), int(day), tzinfo=tz).timestamp())
    except (OverflowError, ValueError, OSError):
        return None


def _offset_minutes(s: str) -> int:
    """gpxpy's SimpleTZ offset, character for character."""
    if len(s) < 2:
        return 0
    if s[0] in ("−", "-"):
        mult = -1
        s = s[1:]
    else:
        if s[0] == "+":
            s = s[1:]
        mult = 1
    hour = int(s[:2]) if s[:2].isdigit() else 0
    minute = (int(s[-2:]) if s[-2:].isdigit() else 0) if len(s) >= 4 else 0
    return mult * (hour * 60 + minute)


def extension_hr(extensions: ET.Element) -> float:
    """Heart rate from Garmin's TrackPointExtension (``gpxtpx:hr``) or a look-alike, any namespace."""
    for ext in extensions:
        for el in ext.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag.rsplit("}", 1)[-1].lower() in ("hr", "heartrate") and el.text:
                try:
                    return float(el.text.strip())
                except ValueError:
                    return math.nan
    return math.nan


def _coordinate(text: str | None) -> float:
    """gpxpy requires ``lat`` and ``lon`` and refuses the file over one that is not a number."""
    if text is None:
        raise Unusual
    try:
        value = float(text.strip())
    except ValueError as exc:
        raise Unusual from exc
    return value if math.isfinite(value) else math.nan


def _number(text: str | None) -> float:
    if text is None:
        return math.nan
    try:
        value = float(text.strip())
    except ValueError as exc:
        raise Unusual from exc
    return value if math.isfinite(value) else math.nan


def _check_point(p: ET.Element, checks: dict[str, Check]) -> None:
    """A waypoint or route point that is not read: only what gpxpy would refuse is looked at."""
    _coordinate(p.get("lat"))
    _coordinate(p.get("lon"))
    seen: set[str] = set()
    for child in p:
        tag = child.tag
        if tag in seen:
            continue
        seen.add(tag)
        if tag == "ele":
            _number(child.text)
        elif tag in checks and child.text is not None:
            try:
                checks[tag](child.text)
            except Exception as exc:
                raise Unusual from exc


def _tagged(el: ET.Element, tag: str) -> Iterator[ET.Element]:
    return (c for c in el if c.tag == tag)


def _checked_owner(el: ET.Element, v11: bool) -> str | None:
    """A track's or route's ``<type>`` (GPX 1.1 only, as gpxpy), its ``<number>`` checked."""
    number = el.find("number")
    if number is not None and number.text is not None:
        try:
            _as_int(number.text)
        except ValueError as exc:
            raise Unusual from exc
    if not v11:
        return None
    found = el.find("type")
    return None if found is None else found.text


def _check_bounds(root: ET.Element, v11: bool) -> None:
    holder = root.find("metadata") if v11 else root
    bounds = None if holder is None else holder.find("bounds")
    if bounds is None:
        return
    for name in ("minlat", "maxlat", "minlon", "maxlon"):
        value = bounds.get(name)
        if value is not None:
            try:
                float(value.strip())
            except ValueError as exc:
                raise Unusual from exc

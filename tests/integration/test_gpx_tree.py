"""The tree reader (``importers.gpx_tree``) gives exactly what gpxpy gave: the same points for every
corpus GPX file, and the same activity or the same error for files made to hit gpxpy's edge cases."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import gpxpy
import numpy as np
import pytest

from stridelift.importers import gpx as gpx_module
from stridelift.importers.errors import ImportFileError, xml_text
from stridelift.importers.gpx import Track, read_gpx
from stridelift.importers.gpx_tree import Unusual, epoch

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "gpx"


def _outcome(read: object) -> tuple[str, object]:
    try:
        return "ok", read() if callable(read) else read
    except ImportFileError as exc:
        return "error", (exc.reason, str(exc))


def _same_track(a: Track, b: Track) -> bool:
    return all(
        np.array_equal(getattr(a, f), getattr(b, f), equal_nan=True) for f in ("time", "lat", "lon", "ele", "hr")
    ) and np.array_equal(a.segment, b.segment)


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*.gpx")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not _corpus(), reason="no ../shared/data/gpx beside the repository")
def test_every_corpus_file_gives_gpxpys_points() -> None:
    tree_read = 0
    for path in _corpus():
        try:
            text = xml_text(path.read_bytes(), path.name, "GPX")
        except ImportFileError:
            continue  # refused before either reader sees it
        try:
            mine = _outcome(lambda: gpx_module._tree_track(text, path.name))  # noqa: B023
        except Unusual:
            continue  # gpxpy reads this one, as before
        try:
            theirs = _outcome(lambda: gpx_module._track(gpxpy.parse(text), path.name))  # noqa: B023
        except Exception as exc:  # gpxpy refused the file: the tree reader must have sent it there
            raise AssertionError(f"{path.name}: gpxpy refuses it ({exc}) but the tree reader read it") from exc
        assert mine[0] == theirs[0], path.name
        if mine[0] == "error":
            assert mine[1] == theirs[1], path.name
        else:
            a, b = cast(tuple[Track, str, str | None], mine[1]), cast(tuple[Track, str, str | None], theirs[1])
            assert a[1:] == b[1:], path.name
            assert _same_track(a[0], b[0]), path.name
            tree_read += 1
    assert tree_read >= 10  # the fast path is the usual one, not the fallback


def _doc(body: str, version: str = "1.1", head: str = "") -> bytes:
    ns = f"http://www.topografix.com/GPX/{version.replace('.', '/')}"
    tpx = 'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"'
    return f'<?xml version="1.0"?>\n<gpx version="{version}" creator="t" xmlns="{ns}" {tpx}>{head}{body}</gpx>'.encode()


def _track_of(points: str, *, trk: str = "", seg2: str = "") -> str:
    return f"<trk>{trk}<trkseg>{points}</trkseg>{seg2}</trk>"


def _pts(n: int = 120, extra: str = "", time: str = "2024-05-01T06:{m:02d}:{s:02d}Z", **kw: str) -> str:
    out = []
    for i in range(n):
        t = time.format(m=i // 60, s=i % 60)
        hr = f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{140 + i % 7}</gpxtpx:hr>"
        hr += "</gpxtpx:TrackPointExtension></extensions>"
        out.append(
            f'<trkpt lat="{46.0 + i * 2.5e-5:.7f}" lon="{14.0 + i * 1e-5:.7f}"><ele>{300 + i % 5}</ele>'
            f"<time>{t}</time>{extra}{hr}</trkpt>"
        )
    return "".join(out)


CASES: dict[str, bytes] = {
    "plain 1.1": _doc(_track_of(_pts())),
    "1.0: heart rate extensions are not read": _doc(_track_of(_pts()), "1.0"),
    "1.0: a bad <speed> refuses the file": _doc(_track_of(_pts(extra="<speed>fast</speed>")), "1.0"),
    "1.1: <speed> is not a field": _doc(_track_of(_pts(extra="<speed>fast</speed>"))),
    "bad hdop": _doc(_track_of(_pts(extra="<hdop>x</hdop>"))),
    "good hdop, sat, fix": _doc(_track_of(_pts(extra="<hdop> 1.5 </hdop><sat>7</sat><fix>3d</fix>"))),
    "fix with spaces": _doc(_track_of(_pts(extra="<fix> 3d </fix>"))),
    "second hdop is ignored": _doc(_track_of(_pts(extra="<hdop>1</hdop><hdop>x</hdop>"))),
    "empty ele": _doc(_track_of(_pts().replace("<ele>300</ele>", "<ele/>"))),
    "blank ele": _doc(_track_of(_pts().replace("<ele>300</ele>", "<ele> </ele>"))),
    "no lat": _doc(_track_of(_pts().replace('lat="46.0000000" ', ""))),
    "lat out of range": _doc(_track_of(_pts().replace('lat="46.0000000"', 'lat="95"'))),
    "offsets": _doc(_track_of(_pts(time="2024-05-01T06:{m:02d}:{s:02d}+05:30"))),
    "unicode minus": _doc(_track_of(_pts(time="2024-05-01T06:{m:02d}:{s:02d}\u221205:00"))),
    "odd sign": _doc(_track_of(_pts(time="2024-05-01T06:{m:02d}:{s:02d}A0530"))),
    "offset past a day": _doc(_track_of(_pts(time="2024-05-01T06:{m:02d}:{s:02d}+25:00"))),
    "fractions and no zone": _doc(_track_of(_pts(time="2024-05-01 06:{m:02d}:{s:02d}.1234567891"))),
    "leading space in time": _doc(_track_of(_pts(time=" 2024-05-01T06:{m:02d}:{s:02d}Z"))),
    "no such day": _doc(_track_of(_pts(time="2024-02-30T06:{m:02d}:{s:02d}Z"))),
    "bad track number": _doc(_track_of(_pts(), trk="<number>one</number>")),
    "track type 1.1": _doc(_track_of(_pts(), trk="<type> running </type>")),
    "track type 1.0 is not read": _doc(_track_of(_pts(), trk="<type>cycling</type>"), "1.0"),
    "two segments and an empty one": _doc(_track_of(_pts(60), seg2="<trkseg/><trkseg>" + _pts(60) + "</trkseg>")),
    "bad bounds in metadata": _doc(_track_of(_pts()), head='<metadata><bounds minlat="x"/></metadata>'),
    "bad bounds at the root of 1.0": _doc(_track_of(_pts()), "1.0", head='<bounds minlat="x"/>'),
    "root bounds in 1.1 are not read": _doc(_track_of(_pts()), head='<bounds minlat="x"/>'),
    "bad waypoint": _doc(_track_of(_pts()), head='<wpt lat="1" lon="2"><ele>high</ele></wpt>'),
    "waypoints only": _doc('<wpt lat="1" lon="2"/><wpt lat="1" lon="3"/>'),
    "route": _doc("<rte><type>Run</type>" + _pts().replace("trkpt", "rtept") + "</rte>"),
    "bad route point behind a track": _doc(_track_of(_pts()) + '<rte><rtept lat="x" lon="1"/></rte>'),
    "prefixed namespace": _doc(_track_of(_pts()))
    .replace(b"<trk>", b'<g:trk xmlns:g="urn:x">', 1)
    .replace(b"</trk>", b"</g:trk>", 1),
    "heart rate not a number": _doc(_track_of(_pts().replace("<gpxtpx:hr>140<", "<gpxtpx:hr>n/a<"))),
    "broken xml": _doc(_track_of(_pts()))[:-20],
}


@pytest.mark.parametrize("name", list(CASES))
def test_crafted_files_read_as_with_gpxpy(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = CASES[name]
    mine = _outcome(lambda: repr(read_gpx(data, "t.gpx")))

    def refuse(text: str, source: str) -> object:
        raise Unusual

    monkeypatch.setattr(gpx_module, "_tree_track", refuse)
    theirs = _outcome(lambda: repr(read_gpx(data, "t.gpx")))
    assert mine == theirs


def test_times_as_gpxpy_reads_them() -> None:
    from gpxpy.gpxfield import TIME_TYPE

    for text in ("2024-05-01T06:00:00Z", "2024-05-01T06:00:00.5+01:00", "2024-05-01 06:00:00", "2024-5-1T6:0:0-0330"):
        value = TIME_TYPE.from_string(text)
        assert value is not None
        assert epoch(text) == gpx_module._epoch(value), text
    assert np.isnan(epoch("yesterday"))
    assert np.isnan(epoch(None))


FALLBACK = {"bad hdop", "fix with spaces", "blank ele", "no lat", "1.0: a bad <speed> refuses the file"}
FALLBACK |= {"bad track number", "bad bounds in metadata", "bad bounds at the root of 1.0", "bad waypoint"}
FALLBACK |= {"bad route point behind a track", "broken xml"}


@pytest.mark.parametrize("name", list(CASES))
def test_only_what_gpxpy_might_refuse_goes_to_gpxpy(name: str) -> None:
    text = xml_text(CASES[name], "t.gpx", "GPX")
    try:
        gpx_module._tree_track(text, "t.gpx")
    except Unusual:
        assert name in FALLBACK
    except ImportFileError:
        assert name not in FALLBACK
    else:
        assert name not in FALLBACK


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-29T23:59:59.999999Z",  # the last microsecond of a leap day
        "2023-02-29T10:00:00Z",  # no such day: NaN
        "2024-05-01T24:00:00Z",  # hour 24, minute 60, second 60: NaN, as datetime() refuses them
        "2024-05-01T10:60:00Z",
        "2024-05-01T10:00:60Z",
        "2024-05-01T23:59:59+23:59",  # the largest offset datetime takes
        "2024-05-01T10:00:00+24:00",  # one past it: NaN
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
        "9999-12-31T23:59:59.123456789012345−02:00",  # a Unicode minus; digits past the microsecond
        "1969-12-31T23:59:59.9Z",  # before the epoch: a negative time
    ],
)
def test_times_match_datetime_to_the_bit(text: str) -> None:
    """``epoch`` computes times without a datetime per point; it must give datetime's value."""
    from datetime import UTC, datetime, timedelta, timezone

    from stridelift.importers.gpx_tree import _TIME, _offset_minutes

    m = _TIME.match(text)
    assert m is not None
    y, mo, d, h, mi, s, frac, zone = m.groups()
    micro = int((frac[1:7] + "000000")[:6]) if frac else 0
    try:
        tz = timezone(timedelta(minutes=_offset_minutes(zone))) if zone else UTC
        want = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro, tzinfo=tz).timestamp()
    except ValueError:
        want = float("nan")
    got = epoch(text)
    assert got == want or (np.isnan(got) and np.isnan(want))

"""Every GPX and TCX file of ../shared/data through read_activity_file, checked against gpxpy and tcxreader.

Each file gives an Activity with sane values or an ImportFileError with a clear reason; the files
below are known to hold no usable activity. Totals are compared with what gpxpy (distance over
the timed points, time span) and tcxreader (lap distance, duration, a time-weighted mean of its
heart-rate samples) compute on their own.
"""

from __future__ import annotations

import gzip
import itertools
import math
import os
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import gpxpy
import gpxpy.geo
import pytest

from stridelift.domain.activity import Activity
from stridelift.importers.dispatch import read_activity_file
from stridelift.importers.errors import ImportFileError
from tests.conftest import SHARED, shared_path

GPX_DIR = SHARED / "data" / "gpx"
TCX_DIR = SHARED / "data" / "tcx"
FILES = sorted(GPX_DIR.glob("*.gpx")) + sorted(TCX_DIR.glob("*.tcx"))
EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)

# files with no activity in them, and why
EXPECTED_ERRORS = {
    # every trkpt has 1901-12-13T20:45:52Z, i.e. INT32_MIN seconds: a "no time" sentinel
    "gpxpy_Mojstrovka.gpx": "no_timestamps",
    # 5 of 296 points have times (the last minute of a 2 h walk)
    "gpxpy_cerknicko-without-times.gpx": "no_timestamps",
    "gpxpy_route.gpx": "no_timestamps",  # a planned route
    "gpxpy_track-with-extremes.gpx": "no_timestamps",
    "gpxpy_track-with-small-floats.gpx": "no_timestamps",
    "gpxpy_track_with_dilution_errors.gpx": "no_timestamps",
    # nothing but waypoints, or nothing at all
    "gpxpy_custom_schema_locations.gpx": "no_points",
    "gpxpy_default_schema_locations.gpx": "no_points",
    "gpxpy_gpx1.1_with_extensions.gpx": "no_points",
    "gpxpy_gpx1.1_with_extensions_without_namespaces.gpx": "no_points",
    "gpxpy_gpx_with_garmin_extension.gpx": "no_points",  # a waypoint with a heart rate (!)
    "gpxpy_unicode.gpx": "no_points",
    "gpxpy_unicode2.gpx": "no_points",  # one empty segment
    "gpxpy_unicode_with_bom.gpx": "no_points",
    "gpxpy_unicode_with_bom_noencoding.gpx": "no_points",
}
CLEAR_REASONS = {"no_timestamps", "no_points", "no_activity", "bad_timestamps"}


def _tcxreader() -> ModuleType:
    try:
        import tcxreader.tcxreader as mod
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI needs tcxreader (a dev dependency) to cross-check TCX import")
        pytest.skip("tcxreader is not installed")
    return mod


def _sane(a: Activity) -> None:
    assert a.start.utcoffset() is not None and a.start.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert a.start >= EARLIEST
    assert a.duration_s >= 0 and a.distance_m is not None and a.distance_m >= 0
    assert a.moving_time_s is not None and 0 <= a.moving_time_s <= a.duration_s + 1e-6
    assert len(a.time_s) == len(a.heart_rate) == len(a.speed_m_s) == len(a.altitude_m)
    assert len(a.time_s) == math.floor(a.duration_s) + 1
    assert all(30 <= h <= 230 for h in a.heart_rate if not math.isnan(h))
    for figure in (a.avg_hr, a.max_hr):
        assert figure is None or 30 <= figure <= 230
    assert all(s >= 0 for s in a.speed_m_s if not math.isnan(s))
    assert a.elevation_gain_m is None or a.elevation_gain_m >= 0


@pytest.mark.shared_data
def test_corpus_is_there() -> None:
    shared_path("data", "gpx")
    shared_path("data", "tcx")
    assert len(FILES) >= 30


@pytest.mark.shared_data
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_file_imports_or_says_why(path: Path) -> None:
    data = path.read_bytes()
    try:
        activity = read_activity_file(path.name, data)
    except ImportFileError as err:
        assert str(err).startswith(f"{path.name}: ") and "\n" not in str(err)
        assert err.reason == EXPECTED_ERRORS.get(path.name, err.reason)
        assert err.reason in CLEAR_REASONS, str(err)
        with pytest.raises(ImportFileError) as again:
            read_activity_file(path.name + ".gz", gzip.compress(data))
        assert again.value.reason == err.reason
        return
    assert path.name not in EXPECTED_ERRORS, f"expected {EXPECTED_ERRORS[path.name]}"
    _sane(activity)
    zipped = read_activity_file(path.name + ".gz", gzip.compress(data))
    assert (zipped.start, zipped.distance_m, zipped.content_sha256) == (
        activity.start,
        activity.distance_m,
        activity.content_sha256,
    )


def _gpxpy_reference(path: Path) -> tuple[float, float]:
    """gpxpy's own distance over the timed points of each segment, and the time span."""
    g = gpxpy.parse(path.read_text(encoding="utf-8-sig"))
    distance = 0.0
    times: list[datetime] = []
    for track in g.tracks:
        for seg in track.segments:
            timed = [p for p in seg.points if p.time and p.time.replace(tzinfo=p.time.tzinfo or UTC) >= EARLIEST]
            distance += gpxpy.geo.length_2d(timed)  # type: ignore[arg-type]
            times += [p.time if p.time.tzinfo else p.time.replace(tzinfo=UTC) for p in timed if p.time]
    return distance, (max(times) - min(times)).total_seconds()


GPX_FILES = [p for p in FILES if p.suffix == ".gpx" and p.name not in EXPECTED_ERRORS]


@pytest.mark.shared_data
@pytest.mark.parametrize("path", GPX_FILES, ids=[p.name for p in GPX_FILES])
def test_gpx_totals_match_gpxpy(path: Path) -> None:
    activity = read_activity_file(path.name, path.read_bytes())
    distance, span = _gpxpy_reference(path)
    assert activity.duration_s == pytest.approx(span, abs=1.0)
    assert activity.distance_m == pytest.approx(distance, rel=0.01, abs=1.0)


TCX_FILES = [p for p in FILES if p.suffix == ".tcx"]


@pytest.mark.shared_data
@pytest.mark.parametrize("path", TCX_FILES, ids=[p.name for p in TCX_FILES])
def test_tcx_totals_match_tcxreader(path: Path) -> None:
    ref = _tcxreader().TCXReader().read(str(path), only_gps=False)
    activity = read_activity_file(path.name, path.read_bytes())
    assert activity.distance_m == pytest.approx(ref.distance, rel=0.01)
    assert activity.duration_s == pytest.approx(ref.duration, rel=0.01)
    samples = [(tp.time, tp.hr_value) for tp in ref.trackpoints if tp.hr_value]
    if not samples:
        assert activity.avg_hr is None
        return
    # tcxreader averages samples; weight each by the time to the next one (as a 1 Hz stream does)
    weighted = total = 0.0
    for (t, hr), (t_next, _) in itertools.pairwise(samples):
        dt = min((t_next - t).total_seconds(), 10.0)
        weighted, total = weighted + hr * dt, total + dt
    assert activity.avg_hr == pytest.approx(weighted / total, rel=0.02)
    assert activity.max_hr is not None and activity.max_hr >= ref.hr_max

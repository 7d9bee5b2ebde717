"""GPX and TCX import and dispatch by file name, on files written here (no shared data)."""

from __future__ import annotations

import gzip
import math
import pickle
from datetime import UTC, datetime, timedelta

import pytest
from garmin_fit_sdk import Encoder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridelift.domain.activity import Activity
from stridelift.importers.dispatch import activity_format, gunzip, read_activity_file
from stridelift.importers.errors import ImportFileError
from stridelift.importers.gpx import elevation_gain, read_gpx
from stridelift.importers.tcx import read_tcx

START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
M_PER_DEG = 6_371_008.8 * math.pi / 180  # metres per degree of latitude on the importer's sphere
TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
TCD = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
AX = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"


def _iso(t: datetime, zone: str = "Z") -> str:
    if zone == "Z":
        return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")  # naive


def gpx(
    n: int = 600,
    *,
    speed: float = 3.0,
    hr: bool = True,
    times: bool = True,
    version: str = "1.1",
    gpx_type: str | None = None,
    zone: str = "Z",
    pause_after: int | None = None,
    pause_s: int = 60,
    name: str = "Morning run",
) -> str:
    """A straight run north at ``speed`` m/s, 1 point a second, climbing 0.1 m/s then going down again."""
    seg: list[str] = []
    segments: list[list[str]] = [seg]
    t = START
    for i in range(n):
        if pause_after is not None and i == pause_after:
            seg = []
            segments.append(seg)
            t += timedelta(seconds=pause_s)
        lat = 46.0 + i * speed / M_PER_DEG
        ele = 300.0 + 0.1 * min(i, n - i)
        ext = (
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{120 + i % 40}</gpxtpx:hr>"
            "</gpxtpx:TrackPointExtension></extensions>"
            if hr
            else ""
        )
        when = f"<time>{_iso(t, zone)}</time>" if times else ""
        seg.append(f'<trkpt lat="{lat:.8f}" lon="14.5"><ele>{ele:.2f}</ele>{when}{ext}</trkpt>')
        t += timedelta(seconds=1)
    ns = f"http://www.topografix.com/GPX/{version.replace('.', '/')}"
    kind = f"<type>{gpx_type}</type>" if gpx_type else ""
    body = "".join(f"<trkseg>{''.join(s)}</trkseg>" for s in segments)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="{version}" creator="test" xmlns="{ns}" '
        f'xmlns:gpxtpx="{TPX}"><trk><name>{name}</name>{kind}<trkseg></trkseg>{body}</trk></gpx>\n'
    )


def tcx(
    n: int = 600,
    *,
    sport: str = "Running",
    hr: bool = True,
    times: bool = True,
    laps: int = 2,
    lap_hr: bool = True,
) -> str:
    """A TCX run at 3 m/s with DistanceMeters, TPX speed, and lap totals that the laps really have."""
    per = n // laps
    lap_xml = []
    for lap in range(laps):
        points = []
        for i in range(lap * per, (lap + 1) * per):
            t = START + timedelta(seconds=i)
            beat = f"<HeartRateBpm><Value>{130 + i % 20}</Value></HeartRateBpm>" if hr else ""
            points.append(
                "<Trackpoint>"
                + (f"<Time>{_iso(t)}</Time>" if times else "")
                + f"<Position><LatitudeDegrees>{46.0 + i * 3.0 / M_PER_DEG:.8f}</LatitudeDegrees>"
                "<LongitudeDegrees>14.5</LongitudeDegrees></Position>"
                f"<AltitudeMeters>{300 + 2 * math.sin(i):.2f}</AltitudeMeters>"
                f"<DistanceMeters>{3.0 * i:.1f}</DistanceMeters>"
                f"{beat}<Extensions><ns3:TPX><ns3:Speed>3.0</ns3:Speed></ns3:TPX></Extensions></Trackpoint>"
            )
        totals = (
            f"<AverageHeartRateBpm><Value>{139 + lap}</Value></AverageHeartRateBpm>"
            f"<MaximumHeartRateBpm><Value>{149 + lap}</Value></MaximumHeartRateBpm>"
            if lap_hr and hr
            else ""
        )
        start = _iso(START + timedelta(seconds=lap * per)) if times else ""
        lap_xml.append(
            f'<Lap StartTime="{start}"><TotalTimeSeconds>{per}</TotalTimeSeconds>'
            f"<DistanceMeters>{3.0 * per}</DistanceMeters>{totals}<Track>{''.join(points)}</Track></Lap>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="{TCD}" xmlns:ns3="{AX}">'
        f'<Activities><Activity Sport="{sport}"><Id>{_iso(START)}</Id>{"".join(lap_xml)}</Activity>'
        "</Activities></TrainingCenterDatabase>"
    )


def fit_run(n: int = 120) -> bytes:
    fit_epoch = 631065600
    t0 = int(START.timestamp()) - fit_epoch
    enc = Encoder()
    enc.write_mesg({"mesg_num": 0, "type": 4, "manufacturer": 1, "product": 3113, "time_created": t0})
    for i in range(n):
        enc.write_mesg({"mesg_num": 20, "timestamp": t0 + i, "heart_rate": 140, "speed": 3.0, "distance": 3.0 * i})
    enc.write_mesg(
        {"mesg_num": 18, "timestamp": t0 + n, "start_time": t0, "sport": 1, "total_elapsed_time": float(n),
         "total_distance": 3.0 * (n - 1)}
    )  # fmt: skip
    return bytes(enc.close())


def _sane(a: Activity) -> None:
    assert a.start.tzinfo is not None and a.start.utcoffset() == timedelta(0)
    assert a.duration_s >= 0
    assert a.distance_m is None or a.distance_m >= 0
    assert len(a.time_s) == len(a.heart_rate) == len(a.speed_m_s) == len(a.altitude_m)


# --- GPX -----------------------------------------------------------------------------------------


def test_gpx_with_heart_rate() -> None:
    a = read_gpx(gpx().encode(), "run.gpx")
    _sane(a)
    assert a.start == START
    assert a.duration_s == 599
    assert a.distance_m == pytest.approx(599 * 3.0, rel=1e-3)
    assert a.moving_time_s == pytest.approx(599)
    hr = [120 + i % 40 for i in range(600)]
    assert a.avg_hr == pytest.approx(sum(hr) / len(hr), rel=1e-3)
    assert a.max_hr == 159
    assert a.elevation_gain_m == pytest.approx(30.0, abs=1.0)  # 300 -> 330 -> 300
    assert len(a.time_s) == 600 and a.time_s[:3] == (0.0, 1.0, 2.0)
    assert a.heart_rate[:3] == (120.0, 121.0, 122.0)
    assert a.speed_m_s[10] == pytest.approx(3.0, rel=1e-3)
    assert a.sport == "running" and a.sub_sport is None  # from the speeds: no <type>
    assert a.source == "run.gpx" and len(a.content_sha256) == 64


def test_gpx_without_heart_rate() -> None:
    a = read_gpx(gpx(hr=False).encode(), "run.gpx")
    assert a.avg_hr is None and a.max_hr is None
    assert all(math.isnan(x) for x in a.heart_rate)
    assert a.distance_m == pytest.approx(599 * 3.0, rel=1e-3)


def test_gpx_1_0_naive_times_are_utc_and_offsets_convert() -> None:
    naive = read_gpx(gpx(version="1.0", zone="naive", hr=False).encode(), "a.gpx")
    assert naive.start == START and naive.start.tzinfo is not None
    plus_two = gpx(hr=False, n=3).replace("Z</time>", "+02:00</time>")
    assert read_gpx(plus_two.encode(), "c.gpx").start == START - timedelta(hours=2)


def test_gpx_pause_between_segments_is_a_gap() -> None:
    a = read_gpx(gpx(pause_after=300, pause_s=60).encode(), "p.gpx")
    assert a.duration_s == 599 + 60
    assert a.moving_time_s == pytest.approx(598)  # the 61 s across the pause are not moving
    assert a.distance_m == pytest.approx(598 * 3.0, rel=1e-3)  # no jump counted between segments
    inside = a.heart_rate[320:355]
    assert all(math.isnan(x) for x in inside) and all(math.isnan(x) for x in a.speed_m_s[320:355])
    assert not math.isnan(a.heart_rate[299]) and not math.isnan(a.heart_rate[361])


@pytest.mark.parametrize(
    ("gpx_type", "sport"),
    [("running", "running"), ("cycling", "cycling"), ("9", "running"), ("1", "cycling"), ("Hike", "walking"),
     ("trail_running", "running"), ("Virtual Ride", "cycling"), ("Weight Training", "strength"),
     ("kayaking", "other")],
)  # fmt: skip
def test_gpx_type_names_the_sport(gpx_type: str, sport: str) -> None:
    a = read_gpx(gpx(n=30, gpx_type=gpx_type).encode(), "t.gpx")
    assert a.sport == sport and a.sub_sport == gpx_type


def test_gpx_speed_guess() -> None:
    assert read_gpx(gpx(speed=8.5, hr=False).encode(), "fast.gpx").sport == "other"  # a ride, not a run
    assert read_gpx(gpx(speed=1.2, hr=False).encode(), "slow.gpx").sport == "other"  # a walk
    assert read_gpx(gpx(n=20, hr=False).encode(), "short.gpx").sport == "other"  # too little to tell


def test_gpx_without_timestamps_is_a_clear_error() -> None:
    with pytest.raises(ImportFileError) as err:
        read_gpx(gpx(times=False).encode(), "plan.gpx")
    assert err.value.reason == "no_timestamps"
    assert str(err.value).startswith("plan.gpx: ") and "no timestamps: cannot place it in time" in str(err.value)


def test_gpx_route_without_times_and_waypoints_only() -> None:
    route = (
        '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><rte>'
        '<rtept lat="46.0" lon="14.0"/><rtept lat="46.1" lon="14.0"/></rte></gpx>'
    )
    with pytest.raises(ImportFileError, match="GPX route has no timestamps") as err:
        read_gpx(route.encode(), "r.gpx")
    assert err.value.reason == "no_timestamps"
    wpt = '<gpx version="1.1"><wpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></wpt></gpx>'
    with pytest.raises(ImportFileError, match="only 1 waypoints") as err:
        read_gpx(wpt.encode(), "w.gpx")
    assert err.value.reason == "no_points"


def test_gpx_timed_route_is_read() -> None:
    pts = "".join(
        f'<rtept lat="{46 + i * 3 / M_PER_DEG}" lon="14"><time>{_iso(START + timedelta(seconds=i))}</time></rtept>'
        for i in range(100)
    )
    a = read_gpx(f'<gpx version="1.1"><rte>{pts}</rte></gpx>'.encode(), "r.gpx")
    assert a.duration_s == 99 and a.distance_m == pytest.approx(297, rel=1e-3)


def test_gpx_partial_and_sentinel_times() -> None:
    text = gpx(n=10, hr=False)
    for i in range(1, 8):
        text = text.replace(f"<time>{_iso(START + timedelta(seconds=i))}</time>", "")
    with pytest.raises(ImportFileError, match="only 3 of 10 points") as err:
        read_gpx(text.encode(), "p.gpx")
    assert err.value.reason == "no_timestamps"
    sentinel = '<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>1901-12-13T20:45:52Z</time></trkpt></trkseg></trk></gpx>'
    with pytest.raises(ImportFileError, match="before 1980"):
        read_gpx(sentinel.encode(), "s.gpx")


def test_gpx_unicode_bom_utf16_and_whitespace() -> None:
    text = gpx(n=30, name="Čebelica ☃ 日本")
    a = read_gpx(("\ufeff" + text).encode("utf-8"), "bom.gpx")
    b = read_gpx(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), "u16.gpx")
    c = read_gpx(b"\n\n  \t" + text.encode() + b"\n  \n", "ws.gpx")
    latin = read_gpx(text.replace("Čebelica ☃ 日本", "café").encode("latin-1"), "latin1-says-utf8.gpx")
    assert a.distance_m == b.distance_m == c.distance_m == latin.distance_m
    assert a.start == b.start == c.start == START


def test_gpx_empty_segments_and_backward_times() -> None:
    text = gpx(n=30, hr=False).replace("<trkseg>", "<trkseg></trkseg><trkseg>", 1)
    a = read_gpx(text.encode(), "e.gpx")
    assert a.duration_s == 29
    late = text.replace(_iso(START + timedelta(seconds=29)), _iso(START - timedelta(hours=1)))
    b = read_gpx(late.encode(), "b.gpx")  # a point whose clock goes back is left out, not sorted in
    assert b.start == START and b.duration_s == 28


def test_elevation_gain_hysteresis() -> None:
    import numpy as np

    t = np.arange(200.0)
    flat_noise = 100 + 1.5 * np.sin(t)  # +-1.5 m of GPS noise
    assert elevation_gain(t, flat_noise) == pytest.approx(0.0)
    climb = 100 + t / 4  # 50 m up
    assert elevation_gain(t, climb) == pytest.approx(49.75, abs=0.5)
    spike = climb.copy()
    spike[100] += 80  # a one-sample spike
    assert elevation_gain(t, spike) == pytest.approx(49.75, abs=0.5)
    jump = np.where(t < 5, 1258.0, 2258.0) + np.where(t >= 5, t / 10, 0)  # a barometer settling
    assert elevation_gain(t, jump) == pytest.approx(19.5, abs=1.0)
    assert elevation_gain(t[:1], climb[:1]) is None


@pytest.mark.parametrize("reader", [read_gpx, read_tcx])
@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
        '<!DOCTYPE gpx SYSTEM "file:///etc/passwd">',
        '<!doctype x [<!ENTITY xxe SYSTEM "http://example.invalid/">]>',
    ],
)
def test_doctype_and_entities_are_refused(reader: object, prolog: str) -> None:
    body = gpx(n=3) if reader is read_gpx else tcx(n=4)
    head, rest = body.split("\n", 1)
    data = f"{head}\n{prolog}\n{rest}".encode()
    with pytest.raises(ImportFileError) as err:
        reader(data, "bomb.xml")  # type: ignore[operator]
    assert err.value.reason == "xml_dtd" and "DOCTYPE" in str(err.value)


def test_not_gpx_and_broken_xml() -> None:
    with pytest.raises(ImportFileError, match="root element is <TrainingCenterDatabase>") as err:
        read_gpx(tcx(n=4).encode(), "x.gpx")
    assert err.value.reason == "bad_xml"
    with pytest.raises(ImportFileError) as err:
        read_gpx(gpx(n=5)[:-40].encode(), "cut.gpx")
    assert err.value.reason == "bad_xml" and "\n" not in str(err.value)
    with pytest.raises(ImportFileError) as err:
        read_gpx(b"", "empty.gpx")
    assert err.value.reason == "empty"


# --- TCX -----------------------------------------------------------------------------------------


def test_tcx_with_heart_rate() -> None:
    a = read_tcx(tcx().encode(), "run.tcx")
    _sane(a)
    assert a.sport == "running" and a.start == START
    assert a.duration_s == 599
    assert a.distance_m == pytest.approx(1800.0)  # the laps' own totals
    assert a.avg_hr == pytest.approx(139.5)  # the laps' averages, weighted by lap time
    assert a.max_hr == 150  # the larger of the laps' maxima and the samples' (149)
    assert a.speed_m_s[5] == pytest.approx(3.0)  # TPX speed, namespaced
    assert a.heart_rate[:2] == (130.0, 131.0)
    assert a.moving_time_s == pytest.approx(598, abs=1)  # one step at the lap boundary is a segment join
    assert a.elevation_gain_m == pytest.approx(0.0)  # +-2 m of noise is no climb


def test_tcx_without_heart_rate_and_sports() -> None:
    a = read_tcx(tcx(hr=False).encode(), "run.tcx")
    assert a.avg_hr is None and a.max_hr is None and all(math.isnan(x) for x in a.heart_rate)
    assert read_tcx(tcx(n=20, sport="Biking").encode(), "b.tcx").sport == "cycling"
    assert read_tcx(tcx(n=20, sport="Other").encode(), "o.tcx").sport == "other"
    no_lap_hr = read_tcx(tcx(lap_hr=False).encode(), "r.tcx")
    assert no_lap_hr.avg_hr == pytest.approx(139.5, abs=0.1) and no_lap_hr.max_hr == 149  # from the samples


def test_tcx_without_timestamps() -> None:
    with pytest.raises(ImportFileError) as err:
        read_tcx(tcx(n=20, times=False).encode(), "t.tcx")
    assert err.value.reason == "no_timestamps" and "cannot place it in time" in str(err.value)


def test_tcx_laps_only() -> None:
    text = (
        f'<TrainingCenterDatabase xmlns="{TCD}"><Activities><Activity Sport="Running"><Id>{_iso(START)}</Id>'
        f'<Lap StartTime="{_iso(START)}"><TotalTimeSeconds>1800</TotalTimeSeconds>'
        "<DistanceMeters>5000</DistanceMeters><AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>"
        "</Lap></Activity></Activities></TrainingCenterDatabase>"
    )
    a = read_tcx(text.encode(), "treadmill.tcx")
    assert (a.start, a.duration_s, a.distance_m, a.avg_hr, a.time_s) == (START, 1800, 5000, 150, ())


def test_tcx_without_namespace_and_no_activity() -> None:
    plain = tcx(n=10).replace(f' xmlns="{TCD}"', "").replace(f' xmlns:ns3="{AX}"', "").replace("ns3:", "")
    assert read_tcx(plain.encode(), "plain.tcx").duration_s == 9
    with pytest.raises(ImportFileError) as err:
        read_tcx(f'<TrainingCenterDatabase xmlns="{TCD}"><Courses/></TrainingCenterDatabase>'.encode(), "c.tcx")
    assert err.value.reason == "no_activity"
    with pytest.raises(ImportFileError, match="root element is <gpx>"):
        read_tcx(gpx(n=3).encode(), "g.tcx")


# --- dispatch ------------------------------------------------------------------------------------


def test_dispatch_by_extension() -> None:
    assert read_activity_file("a.GPX", gpx(n=30).encode()).distance_m == pytest.approx(87, rel=1e-2)
    assert read_activity_file("dir/a.tcx", tcx(n=30).encode()).sport == "running"
    fit = read_activity_file("a.fit", fit_run())
    assert fit.sport == "running" and fit.start == START
    assert activity_format("x.fit.gz") == ".fit" and activity_format("x.json") is None
    with pytest.raises(ImportFileError) as err:
        read_activity_file("notes.txt", b"hello")
    assert err.value.reason == "unknown_format" and str(err.value).startswith("notes.txt: ")


def test_dispatch_gzip() -> None:
    plain = gpx(n=60).encode()
    a = read_activity_file("run.gpx", plain)
    b = read_activity_file("run.gpx.gz", gzip.compress(plain))
    c = read_activity_file("run.gpx.gz", plain)  # a browser unpacked it but kept the name
    d = read_activity_file("run.gpx", gzip.compress(plain))  # gzip under a plain name
    same = {(x.start, x.duration_s, x.distance_m, x.avg_hr, x.content_sha256) for x in (a, b, c, d)}
    assert len(same) == 1  # the hash is of the unpacked bytes: one activity, however it came
    assert read_activity_file("r.fit.gz", gzip.compress(fit_run())).sport == "running"
    two = gzip.compress(plain[:100]) + gzip.compress(plain[100:])  # a multi-member gzip
    assert read_activity_file("run.gpx.gz", two).distance_m == a.distance_m
    with pytest.raises(ImportFileError) as err:
        read_activity_file("run.tcx.gz", gzip.compress(tcx(n=10).encode())[:-30])
    assert err.value.reason == "bad_gzip"


def test_dispatch_gzip_bomb() -> None:
    bomb = gzip.compress(bytes(50 * 1024 * 1024), compresslevel=1)  # 50 MB of zeros in ~200 KB
    with pytest.raises(ImportFileError) as err:
        read_activity_file("zeros.gpx.gz", bomb)
    assert err.value.reason == "zip_bomb" and "zeros.gpx.gz" in str(err.value)
    with pytest.raises(ImportFileError, match="decompression bomb"):
        gunzip(gzip.compress(bytes(3 * 1024 * 1024)), "z.gz", max_bytes=2 * 1024 * 1024)


def test_dispatch_translates_fit_errors() -> None:
    with pytest.raises(ImportFileError) as err:
        read_activity_file("broken.fit", b"\x0e\x10\x00\x00garbage-not-a-fit-file")
    assert err.value.reason not in ("internal", "") and str(err.value).startswith("broken.fit: ")
    with pytest.raises(ImportFileError) as err:
        read_activity_file("empty.fit", b"")
    assert err.value.reason == "empty"


def test_import_file_error_is_one_line_and_pickles() -> None:
    err = ImportFileError("bad_xml", "line one\nline two", "a.gpx")
    assert str(err) == "a.gpx: line one line two" and isinstance(err, ValueError)
    back = pickle.loads(pickle.dumps(err))
    assert (back.reason, str(back), back.name) == (err.reason, str(err), "a.gpx")


# --- fuzz ----------------------------------------------------------------------------------------

NAMES = ["x.fit", "x.gpx", "x.tcx", "x.fit.gz", "x.gpx.gz", "x.tcx.gz", "x.txt", "x"]
PIECES = [
    gpx(n=3),
    tcx(n=4, laps=1),
    "<gpx>", "</gpx>", "<trk>", "<trkseg>", "</trkseg>", '<trkpt lat="46" lon="14">', "</trkpt>",
    "<time>2024-05-01T06:30:00Z</time>", "<time>nonsense</time>", "<ele>1e308</ele>", "<ele>nan</ele>",
    '<trkpt lat="inf" lon="-999">', "<rte>", '<rtept lat="1" lon="2">', "<extensions><hr>x</hr></extensions>",
    "<TrainingCenterDatabase>", "<Activities>", '<Activity Sport="Running">', "<Lap>", "<Track>",
    "<Trackpoint>", "</Trackpoint>", "<Time>2024-05-01T06:30:01+99:00</Time>", "<DistanceMeters>-5</DistanceMeters>",
    "<HeartRateBpm><Value>9999</Value></HeartRateBpm>", "<!--", "-->", "<?xml version='1.0'?>", "\ufeff",
    "&amp;", "&bogus;", "<![CDATA[", "]]>", "\x00", " ",
]  # fmt: skip


def _only_import_errors(name: str, data: bytes) -> None:
    try:
        read_activity_file(name, data)
    except ImportFileError as err:
        assert str(err).startswith(f"{name}: ") and "\n" not in str(err)
        assert err.reason and err.reason != "internal", str(err)  # the safety net caught nothing unforeseen


@pytest.mark.slow
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.binary(max_size=600), st.booleans())
def test_fuzz_random_bytes(name: str, data: bytes, zipped: bool) -> None:
    _only_import_errors(name, gzip.compress(data) if zipped else data)


@pytest.mark.slow
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES[:6]), st.lists(st.sampled_from(PIECES), max_size=25), st.sampled_from(["utf-8", "utf-16"]))
def test_fuzz_xml_like(name: str, pieces: list[str], encoding: str) -> None:
    _only_import_errors(name, "".join(pieces).encode(encoding, "surrogatepass"))


def test_tcx_point_takes_the_first_of_each_field_and_the_last_extension_speed() -> None:
    import xml.etree.ElementTree as ET

    from stridelift.importers.tcx import _point

    tp = ET.fromstring(
        f'<Trackpoint xmlns="{TCD}" xmlns:x="{AX}"><Time>2024-05-01T06:00:00Z</Time><Time>2030-01-01T00:00:00Z</Time>'
        "<Extensions><x:TPX><x:Speed>2.5</x:Speed><x:Speed>9</x:Speed></x:TPX></Extensions>"
        "<Position><LatitudeDegrees>46.5</LatitudeDegrees><x:LatitudeDegrees>1</x:LatitudeDegrees>"
        "<LongitudeDegrees>14.25</LongitudeDegrees></Position><Position><LatitudeDegrees>1</LatitudeDegrees></Position>"
        "<AltitudeMeters> 301.5 </AltitudeMeters><DistanceMeters>nan</DistanceMeters>"
        "<HeartRateBpm><Other>1</Other><Value>141</Value></HeartRateBpm>"
        "<Extensions><x:TPX><x:Speed>3.5</x:Speed></x:TPX></Extensions><Extensions/></Trackpoint>"
    )
    t, lat, lon, alt, dist, hr, speed = _point(tp)
    assert t == datetime(2024, 5, 1, 6, tzinfo=UTC).timestamp()
    assert (lat, lon, alt, hr, speed) == (46.5, 14.25, 301.5, 141.0, 3.5)
    assert math.isnan(dist)
    bare = _point(ET.fromstring("<Trackpoint><Position><LatitudeDegrees>95</LatitudeDegrees></Position></Trackpoint>"))
    assert all(math.isnan(v) for v in bare)

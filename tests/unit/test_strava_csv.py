"""Strava's activities.csv: summary-only activities, and two exports of the same runs stored once."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stridelift.importers.strava_csv import parse_rows, summary_activity
from stridelift.importing import import_paths
from stridelift.store import ActivityRepository, open_database
from tests.unit.test_importing import START, START_FIT, fit_template

HEADER = (  # noqa: SIM905 (Strava's header line as it is written)
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,"
    "Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,"
    "Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate"
).split(",")
N = 600  # seconds per run


def row(
    ident: int, start: datetime, kind: str, filename: str, *, elapsed: float, metres: float, hr: tuple[str, str]
) -> list[str]:
    values = dict.fromkeys(range(len(HEADER)), "")
    values[0], values[1], values[2], values[3] = str(ident), start.strftime("%b %-d, %Y, %-I:%M:%S %p"), "x", kind
    values[5], values[6], values[12] = str(int(elapsed)), f"{metres / 1000:.2f}", filename
    values[15], values[16], values[17] = f"{elapsed:.1f}", f"{elapsed - 20:.1f}", f"{metres:.1f}"
    values[7] = values[30] = hr[0]
    values[31] = hr[1]
    return [values[i] for i in range(len(HEADER))]


def to_csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def gpx_run(start: datetime, n: int = N, *, points: bool = True) -> bytes:
    """Strava's GPX of a run: positions and times, no heart rate (so the watch's FIT is richer)."""
    pts = "".join(
        f'<trkpt lat="{46.0 + i * 3.0 / 111_195:.7f}" lon="14.5"><ele>300</ele>'
        f"<time>{(start + timedelta(seconds=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(n if points else 0)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="StravaGPX" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>x</name><type>running</type>'
        f"<trkseg>{pts}</trkseg></trk></gpx>"
    ).encode()


DAYS = (0, 1, 2)


def garmin_export(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for d in DAYS:
        (folder / f"watch_{d}.fit").write_bytes(fit_template(N, START_FIT + d * 86400))
    return folder


def strava_export(path: Path) -> Path:
    rows = [
        row(100 + d, START + timedelta(days=d), "Run", f"activities/{100 + d}.gpx", elapsed=N, metres=1797, hr=("", ""))
        for d in DAYS
    ]
    ride = START + timedelta(days=5, hours=12)
    rows.append(row(200, ride, "Virtual Ride", "activities/200.gpx", elapsed=3600, metres=30000, hr=("171", "142.5")))
    gym = START + timedelta(days=6)
    rows.append(row(300, gym, "Weight Training", "", elapsed=2700, metres=0, hr=("150", "110")))
    lost = START + timedelta(days=7)
    rows.append(row(400, lost, "Run", "activities/400.fit.gz", elapsed=1800, metres=5000, hr=("", "")))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("activities.csv", to_csv(rows))
        for d in DAYS:
            zf.writestr(f"activities/{100 + d}.gpx", gpx_run(START + timedelta(days=d)))
        zf.writestr("activities/200.gpx", gpx_run(ride, points=False))  # indoor: a GPX without points
    return path


def test_parse_rows_reads_strava_columns() -> None:
    start = datetime(2024, 5, 1, 18, 5, 9, tzinfo=UTC)
    text = to_csv([row(7, start, "Swim", "activities/7.fit.gz", elapsed=1800.5, metres=1500, hr=("160", "131.2"))])
    [r] = parse_rows(text.decode("utf-8-sig"), "exp/")
    assert (r.key, r.activity_id, r.kind, r.start) == ("exp/activities/7.fit.gz", "7", "Swim", start)
    assert (r.elapsed_s, r.moving_s, r.distance_m) == (1800.5, 1780.5, 1500.0)  # plain seconds and metres
    assert (r.avg_hr, r.max_hr) == (131.2, 160.0)
    a = summary_activity(r)
    assert (a.sport, a.start, a.duration_s, a.distance_m, a.avg_hr) == ("swimming", start, 1800.5, 1500.0, 131.2)
    assert a.time_s == () and a.source == "exp/activities/7.fit.gz"
    assert summary_activity(r).content_sha256 == a.content_sha256  # stable: re-imports are duplicates
    # an older export: one Distance column, in km
    older = "Activity ID,Activity Date,Activity Type,Elapsed Time,Distance,Filename\n"
    older += "1,2020-01-02 03:04:05,Run,60,1.5,\n"
    [old] = parse_rows(older)
    assert (old.distance_m, old.key, old.start) == (1500.0, None, datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))
    [bad] = parse_rows("Activity Type,Activity Date,Elapsed Time\nRun,someday,60\n")
    with pytest.raises(ValueError, match="Activity Date"):
        summary_activity(bad)


def _import(db: Path, *paths: Path) -> tuple[ActivityRepository, object]:
    repo = ActivityRepository(open_database(f"sqlite:///{db}"))
    return repo, import_paths(list(paths), repo=repo, workers=1)


def test_strava_export_imports_every_activity(tmp_path: Path) -> None:
    export = strava_export(tmp_path / "export_1.zip")
    repo, report = _import(tmp_path / "db.sqlite", export)
    acts = repo.list()
    assert len(acts) == 6  # three runs, the indoor ride, the gym session, the run whose file is missing
    by_sport = sorted((a.sport, len(a.time_s) > 0) for a in acts)
    assert by_sport == [("cycling", False), ("running", False), ("running", True), ("running", True),
                        ("running", True), ("strength", False)]  # fmt: skip
    ride = next(a for a in acts if a.sport == "cycling")
    assert (ride.duration_s, ride.distance_m, ride.avg_hr, ride.max_hr) == (3600.0, 30000.0, 142.5, 171.0)
    assert ride.start == START + timedelta(days=5, hours=12)
    assert report.skipped == []  # type: ignore[attr-defined]
    warned = dict(report.notes)  # type: ignore[attr-defined]
    assert set(warned) == {f"{export}/activities/200.gpx", f"{export}/activities/400.fit.gz"}
    assert "summary-only" in warned[f"{export}/activities/200.gpx"]
    assert "not among the files read" in warned[f"{export}/activities/400.fit.gz"]
    # again: nothing new, nothing merged, nothing skipped
    _, again = _import(tmp_path / "db.sqlite", export)
    assert (again.imported, again.merged, again.skipped) == (0, [], [])  # type: ignore[attr-defined]
    assert repo.count() == 6


@pytest.mark.parametrize("order", ["garmin_first", "strava_first", "together"])
def test_two_exports_of_the_same_runs_store_each_run_once(tmp_path: Path, order: str) -> None:
    garmin = garmin_export(tmp_path / "garmin")
    strava = strava_export(tmp_path / "strava.zip")
    db = tmp_path / "db.sqlite"
    merged: list[tuple[str, str]] = []
    if order == "together":
        repo, report = _import(db, garmin, strava)
        merged += report.merged  # type: ignore[attr-defined]
    else:
        for path in (garmin, strava) if order == "garmin_first" else (strava, garmin):
            repo, report = _import(db, path)
            merged += report.merged  # type: ignore[attr-defined]
    runs = [a for a in repo.list() if a.sport == "running" and a.time_s]
    assert len(runs) == len(DAYS)
    assert all(a.source.endswith(".fit") and a.avg_hr is not None for a in runs)  # the watch's file, with HR
    assert repo.count() == 6
    assert len(merged) == len(DAYS)
    for name, note in merged:
        assert name.endswith((".gpx", ".fit"))
        assert "same running activity" in note and ".fit (it has heart rate)" in note



def test_a_fifo_named_activities_csv_is_passed_over_not_read(tmp_path: Path) -> None:
    """Summary-only rows are looked for like labels: only regular files, so a FIFO cannot hang the import."""
    import os
    import subprocess
    import sys

    os.mkfifo(tmp_path / "activities.csv")
    (tmp_path / "sub").mkdir()
    os.mkfifo(tmp_path / "sub" / "activities.csv")
    code = (
        "import sys; from pathlib import Path; from stridelift.importers.strava_csv import read_export_rows; "
        "p = Path(sys.argv[1]); print(len(read_export_rows([p])), len(read_export_rows([p / 'activities.csv'])))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO named activities.csv blocked")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "0"]

"""Walking files, folders and zip exports: order, quiet skips, and zip safety (traversal, bombs, ...)."""

from __future__ import annotations

import gzip
import io
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from stridelift.importers.archive import (
    Skipped,
    SourceFile,
    count_sources,
    iter_sources,
    parse_activities_csv,
    read_export_labels,
)
from stridelift.importers.dispatch import read_activity_file
from tests.unit.test_importers_text import fit_run, gpx, tcx

GPX = gpx(n=30).encode()
TCX = tcx(n=30).encode()
STRAVA_CSV = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Filename,Elapsed Time\n"
    '123,"May 1, 2024, 6:30:00 AM",Morning Run,Run,"easy, with strides",120,0.36,activities/123.fit.gz,120\n'
    '124,"May 2, 2024, 6:30:00 PM",Gym,Weight Training,,3600,0,,3600\n'
    '125,"May 3, 2024, 7:00:00 AM",Čebelica ride,Ride,,30,0.09,activities/125.gpx,30\n'
)


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return path


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _split(items: list[SourceFile | Skipped]) -> tuple[list[SourceFile], list[Skipped]]:
    return [i for i in items if isinstance(i, SourceFile)], [i for i in items if isinstance(i, Skipped)]


def test_folder_recursive_sorted_and_quiet(tmp_path: Path) -> None:
    (tmp_path / "b" / "d").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "z.gpx").write_bytes(GPX)
    (tmp_path / "b" / "c.tcx").write_bytes(TCX)
    (tmp_path / "b" / "d" / "e.fit.gz").write_bytes(gzip.compress(fit_run()))
    (tmp_path / "a.GPX").write_bytes(GPX)
    (tmp_path / ".hidden" / "x.gpx").write_bytes(GPX)
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    (tmp_path / "notes.txt").write_text("not an activity")
    files, skipped = _split(list(iter_sources([tmp_path])))
    assert skipped == []
    assert [Path(f.name).relative_to(tmp_path).as_posix() for f in files] == [
        "a.GPX",
        "b/c.tcx",
        "b/d/e.fit.gz",
        "z.gpx",
    ]
    assert all(f.size == len(f.data) for f in files)
    assert [read_activity_file(f.name, f.data).sport for f in files] == ["other", "running", "running", "other"]
    assert count_sources([tmp_path]) == (4, sum(f.size for f in files))


def test_single_paths(tmp_path: Path) -> None:
    (tmp_path / "run.gpx").write_bytes(GPX)
    (tmp_path / "notes.txt").write_text("x")
    items = list(iter_sources([tmp_path / "run.gpx", tmp_path / "notes.txt", tmp_path / "missing.fit"]))
    assert isinstance(items[0], SourceFile) and items[0].data == GPX
    assert items[1] == Skipped(str(tmp_path / "notes.txt"), items[1].reason) and "not an activity" in items[1].reason
    assert isinstance(items[2], Skipped) and "no such file" in items[2].reason


def test_zip_with_nested_folders(tmp_path: Path) -> None:
    z = _zip(
        tmp_path / "export.zip",
        {
            "activities/1.fit.gz": gzip.compress(fit_run()),
            "activities/sub/deeper/2.gpx": GPX,
            "activities/3.tcx": TCX,
            "activities/": b"",
            "README.txt": b"hello",
            "profile.json": b"{}",
            "__MACOSX/activities/._1.fit.gz": b"\x00\x05\x16\x07resource fork",
            "activities/.hidden.gpx": GPX,
        },
    )
    files, skipped = _split(list(iter_sources([z])))
    assert skipped == []  # README, JSON, resource forks: passed over quietly
    assert [f.name for f in files] == [
        f"{z}/activities/1.fit.gz",
        f"{z}/activities/3.tcx",
        f"{z}/activities/sub/deeper/2.gpx",
    ]
    assert all(read_activity_file(f.name, f.data) for f in files)
    assert count_sources([z]) == (3, sum(f.size for f in files))


def test_zip_path_traversal_members_are_skipped(tmp_path: Path) -> None:
    z = _zip(
        tmp_path / "evil.zip",
        {"../../evil.gpx": GPX, "/etc/abs.gpx": GPX, "ok/../../up.tcx": TCX, "C:/win.gpx": GPX, "fine.gpx": GPX},
    )
    files, skipped = _split(list(iter_sources([z])))
    assert [f.name for f in files] == [f"{z}/fine.gpx"]
    assert len(skipped) == 4 and all("unsafe path" in s.reason for s in skipped)
    assert not (tmp_path.parent / "evil.gpx").exists()  # nothing is ever extracted anyway
    assert count_sources([z]) == (1, len(GPX))


@pytest.fixture(scope="module")
def zeros_zip() -> bytes:
    """50 MB of zeros (it deflates ~1000:1) beside a real run."""
    return _zip_bytes({"a/zeros.gpx": bytes(50 * 1024 * 1024), "a/run.gpx": GPX})


def test_zip_bomb_member(tmp_path: Path, zeros_zip: bytes) -> None:
    z = tmp_path / "bomb.zip"
    z.write_bytes(zeros_zip)
    # the declared size is over a (test-sized) cap
    files, skipped = _split(list(iter_sources([z], max_member_bytes=10 * 1024 * 1024)))
    assert [f.name for f in files] == [f"{z}/a/run.gpx"]
    assert len(skipped) == 1 and "over the" in skipped[0].reason and skipped[0].name == f"{z}/a/zeros.gpx"
    # under the size cap, the ratio still gives it away
    files, skipped = _split(list(iter_sources([z])))
    assert len(files) == 1 and len(skipped) == 1 and "zip bomb" in skipped[0].reason


def _lie_about_size(data: bytes, declared: int) -> bytes:
    """Rewrite every header's uncompressed size, as a bomb that hides its size would."""
    buf = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = buf.find(sig)
        while at >= 0:
            struct.pack_into("<I", buf, at + offset, declared)
            at = buf.find(sig, at + 4)
    return bytes(buf)


def test_zip_bomb_that_lies_about_its_size(tmp_path: Path, zeros_zip: bytes) -> None:
    z = tmp_path / "liar.zip"
    z.write_bytes(_lie_about_size(zeros_zip, 1000))
    items = list(iter_sources([z]))
    # streamed, stopped at the declared size, reported: nothing past 1000 bytes is ever held
    assert all(isinstance(i, Skipped) for i in items)
    assert f"{z}/a/zeros.gpx" in [i.name for i in items]


def test_zip_total_cap(tmp_path: Path) -> None:
    members = {f"{i}.gpx": GPX for i in range(5)}
    z = _zip(tmp_path / "many.zip", members)
    files, skipped = _split(list(iter_sources([z], max_total_bytes=int(2.5 * len(GPX)))))
    assert len(files) == 2 and len(skipped) == 1 and "total" in skipped[0].reason


def _encrypt_flag(data: bytes) -> bytes:
    buf = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = buf.find(sig)
        while at >= 0:
            buf[at + offset] |= 0x01
            at = buf.find(sig, at + 4)
    return bytes(buf)


@pytest.mark.parametrize("how", ["flag", "zip-cli"])
def test_encrypted_member_is_skipped(tmp_path: Path, how: str) -> None:
    z = tmp_path / "secret.zip"
    if how == "flag":
        z.write_bytes(_encrypt_flag(_zip_bytes({"run.gpx": GPX})))
    else:
        tool = shutil.which("zip")
        if tool is None:
            pytest.skip("no zip(1) here to make a really encrypted member")
        (tmp_path / "run.gpx").write_bytes(GPX)
        subprocess.run([tool, "-q", "-P", "pw", str(z), "run.gpx"], cwd=tmp_path, check=True)
    items = list(iter_sources([z]))
    assert items == [Skipped(f"{z}/run.gpx", items[0].reason)] and "encrypted" in items[0].reason
    assert count_sources([z]) == (0, 0)


@pytest.mark.parametrize("damage", ["random", "truncated", "empty"])
def test_corrupt_zip_is_one_skipped(tmp_path: Path, damage: str) -> None:
    good = _zip_bytes({"a.gpx": GPX, "b.tcx": TCX})
    data = {"random": bytes(range(256)) * 8, "truncated": good[: len(good) // 2], "empty": b""}[damage]
    z = tmp_path / "bad.zip"
    z.write_bytes(data)
    items = list(iter_sources([z]))
    assert items == [Skipped(str(z), items[0].reason)] and "corrupt" in items[0].reason
    assert count_sources([z]) == (0, 0)


def test_corrupt_member_is_skipped_alone(tmp_path: Path) -> None:
    data = bytearray(_zip_bytes({"a.gpx": GPX, "b.tcx": TCX}))
    at = data.find(b"PK\x03\x04") + 30 + len("a.gpx") + 5
    data[at] ^= 0xFF  # damage a.gpx's deflate stream
    z = tmp_path / "damaged.zip"
    z.write_bytes(bytes(data))
    files, skipped = _split(list(iter_sources([z])))
    assert [f.name for f in files] == [f"{z}/b.tcx"]
    assert [s.name for s in skipped] == [f"{z}/a.gpx"] and "corrupt" in skipped[0].reason


def test_nested_zip_one_level(tmp_path: Path) -> None:
    innermost = _zip_bytes({"deep.gpx": GPX})
    inner = _zip_bytes({"run.gpx": GPX, "ride.tcx": TCX, "notes.json": b"{}", "too-deep.zip": innermost})
    z = _zip(tmp_path / "garmin.zip", {"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": inner})
    files, skipped = _split(list(iter_sources([z])))
    prefix = f"{z}/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip"
    assert [f.name for f in files] == [f"{prefix}/ride.tcx", f"{prefix}/run.gpx"]
    assert [s.name for s in skipped] == [f"{prefix}/too-deep.zip"] and "one level" in skipped[0].reason
    assert all(read_activity_file(f.name, f.data) for f in files)
    # progress: members of a nested zip stand for their compressed share of it
    assert count_sources([z]) == (1, len(inner))
    assert sum(f.size for f in files) < len(inner)


def _strava_export(root: Path) -> dict[str, bytes]:
    return {
        "activities.csv": STRAVA_CSV.encode("utf-8-sig"),
        "activities/123.fit.gz": gzip.compress(fit_run()),
        "activities/125.gpx": gpx(n=30, speed=6.0).encode(),
        "profile.csv": b"x,y\n1,2\n",
        "media/photo.jpg": b"\xff\xd8\xff",
    }


def test_strava_export_zip(tmp_path: Path) -> None:
    z = _zip(tmp_path / "export_12345.zip", _strava_export(tmp_path))
    files, skipped = _split(list(iter_sources([z])))
    assert skipped == []
    assert [f.name for f in files] == [f"{z}/activities/123.fit.gz", f"{z}/activities/125.gpx"]
    labels = read_export_labels([z])
    assert labels == {f"{z}/activities/123.fit.gz": "Run", f"{z}/activities/125.gpx": "Ride"}
    assert all(f.name in labels for f in files)  # the importer looks labels up by SourceFile name
    run = read_activity_file(files[0].name, files[0].data)
    assert run.sport == "running" and run.duration_s == 120


def test_strava_export_folder(tmp_path: Path) -> None:
    root = tmp_path / "export"
    for name, data in _strava_export(root).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    files, _ = _split(list(iter_sources([root])))
    labels = read_export_labels([root])
    assert sorted(labels) == sorted(f.name for f in files) and set(labels.values()) == {"Run", "Ride"}
    assert read_export_labels([root / "activities.csv"]) == labels


def test_activities_csv_tolerates_odd_columns() -> None:
    old = (
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        "1,d,Jog,Run,,1,2,false,,activities/1.gpx\n"
    )
    assert parse_activities_csv(old, "x/") == {"x/activities/1.gpx": ("Run", "Jog")}
    assert parse_activities_csv("Activity ID,Activity Name\n1,a\n") == {}  # no Filename column
    assert parse_activities_csv("") == {}
    short = "Activity Type,Filename,Activity Name\nRun\nRide,./b.fit\n"
    assert parse_activities_csv(short) == {"b.fit": ("Ride", "")}
    assert isinstance(parse_activities_csv('Activity Type,Filename\nRun,"unterminated\n\x00'), dict)

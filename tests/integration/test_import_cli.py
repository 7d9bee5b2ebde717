"""``stridelift import`` as a user runs it: exit codes, what it prints, what the database holds,
and what a ``kill -9`` in the middle of an import leaves behind."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from stridelift.importing import BATCH_ACTIVITIES
from stridelift.store.streams import decode_streams_array
from tests.conftest import ROOT
from tests.unit.test_importing import fit_variant, write_fit_folder


def env_for(db: Path) -> dict[str, str]:
    return {**os.environ, "STRIDELIFT_DATABASE_URL": f"sqlite:///{db}"}


def run_import(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stridelift.cli", "import", *args],
        cwd=ROOT,
        env=env_for(db),
        capture_output=True,
        text=True,
        timeout=120,
    )


def figure(stdout: str, label: str) -> int:
    match = re.search(rf"{label}\D+(\d+)", stdout)
    assert match, stdout
    return int(match.group(1))


def test_folder_with_a_truncated_a_foreign_and_an_empty_file(tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    write_fit_folder(folder, 12)
    (folder / "truncated.fit").write_bytes(fit_variant(500)[:-40])
    (folder / "notfit.fit").write_bytes(b"PK\x03\x04 a zip under a FIT name")
    (folder / "empty.fit").write_bytes(b"")
    db = tmp_path / "db" / "stridelift.db"

    r = run_import(db, str(folder))
    assert r.returncode == 1, r.stderr
    assert (figure(r.stdout, "files found"), figure(r.stdout, "imported")) == (15, 13)
    assert (figure(r.stdout, "duplicates"), figure(r.stdout, "skipped")) == (0, 2)
    skipped = dict(re.findall(r"^skipped (.+?): (.+)$", r.stdout, re.MULTILINE))
    assert skipped.keys() == {str(folder / "notfit.fit"), str(folder / "empty.fit")}
    assert "not a FIT file" in skipped[str(folder / "notfit.fit")]
    assert "empty" in skipped[str(folder / "empty.fit")]
    warned = dict(re.findall(r"^note (.+?): (.+)$", r.stdout, re.MULTILINE))
    assert warned.keys() == {str(folder / "truncated.fit")} and "truncated" in warned[str(folder / "truncated.fit")]
    assert "Traceback" not in r.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM activities").fetchone() == (13,)
        assert conn.execute("SELECT count(*) FROM activities WHERE warnings LIKE '%truncated%'").fetchone() == (1,)

    again = run_import(db, str(folder))
    assert again.returncode == 1
    assert (figure(again.stdout, "imported"), figure(again.stdout, "duplicates")) == (0, 13)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM activities").fetchone() == (13,)
        runs = conn.execute("SELECT imported, duplicates, skipped, finished_at IS NOT NULL FROM imports").fetchall()
    assert runs == [(13, 0, 2, 1), (0, 13, 2, 1)]


def test_a_zip_export_that_reads_cleanly_exits_0(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(5):
            zf.writestr(f"activities/{i}.fit", fit_variant(1000 + i))
        zf.writestr("activities.json", "{}")  # not an activity: passed over quietly
    r = run_import(tmp_path / "a.db", str(export))
    assert r.returncode == 0, r.stdout + r.stderr
    assert figure(r.stdout, "imported") == 5 and not re.search("^skipped ", r.stdout, re.MULTILINE)


def test_bad_usage_exits_2_with_one_line(tmp_path: Path) -> None:
    r = run_import(tmp_path / "a.db", str(tmp_path / "nope"))
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"stridelift: error: {tmp_path / 'nope'}: no such file or folder"]
    assert not (tmp_path / "a.db").exists()


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM activities").fetchone()[0])
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def test_kill_9_mid_import_leaves_whole_batches_and_a_rerun_completes(tmp_path: Path) -> None:
    n_files, n_records = 300, 1800
    folder = tmp_path / "many"
    write_fit_folder(folder, n_files, n_records)
    db = tmp_path / "crash.db"
    child = subprocess.Popen(
        [sys.executable, "-m", "stridelift.cli", "import", str(folder), "--workers", "2"],
        cwd=ROOT,
        env=env_for(db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the workers can be found (and cleaned up)
    )
    try:
        deadline = time.monotonic() + 60
        while _count(db) == 0:
            assert child.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "no batch was stored within 60 s"
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)  # the importer alone, as the OOM killer would
        child.wait(timeout=10)
        # its decoding workers die with it instead of waiting forever on a dead queue
        deadline = time.monotonic() + 10
        while True:
            try:
                os.killpg(child.pid, 0)
            except ProcessLookupError:
                break
            assert time.monotonic() < deadline, "worker processes outlived the killed importer"
            time.sleep(0.05)
    finally:
        if child.poll() is None:
            child.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute("SELECT n_samples, streams FROM activities").fetchall()
        runs = conn.execute("SELECT id, imported, finished_at FROM imports").fetchall()
    killed_with = len(rows)
    assert 0 < killed_with < n_files, "the kill did not land mid-import"
    assert killed_with % BATCH_ACTIVITIES == 0  # whole batches only
    for n_samples, blob in rows:  # no activity without its streams
        assert n_samples == n_records and decode_streams_array(blob, n_samples).shape == (4, n_records)
    assert runs == [(1, killed_with, None)]  # unfinished, and its counter agrees with the rows

    r = run_import(db, str(folder))
    assert r.returncode == 0, r.stdout + r.stderr
    assert figure(r.stdout, "imported") == n_files - killed_with
    assert figure(r.stdout, "duplicates") == killed_with
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT content_sha256), count(*) FROM activities").fetchone() == (
            n_files,
            n_files,
        )
        runs = conn.execute("SELECT id, finished_at IS NULL FROM imports ORDER BY id").fetchall()
    assert runs == [(1, 1), (2, 0)]


def test_strava_export_labels_decide_the_sport(tmp_path: Path) -> None:
    """A GPX with running-like speeds that the runner labelled a ride in Strava is stored as cycling."""

    def gpx(start_hour: int) -> str:
        pts = "".join(
            f'<trkpt lat="{46.0 + i * 2e-5:.6f}" lon="14.0"><time>2024-05-0{start_hour}T07:{i // 60:02d}:'
            f"{i % 60:02d}Z</time></trkpt>"
            for i in range(0, 600, 5)
        )
        return f'<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><trkseg>{pts}</trkseg></trk></gpx>'

    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as z:
        z.writestr("activities/1.gpx", gpx(1))
        z.writestr("activities/2.gpx", gpx(2))
        z.writestr(
            "activities.csv",
            "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"
            "1,x,Morning Ride,Ride,activities/1.gpx\n2,x,Morning Run,Run,activities/2.gpx\n",
        )
    db = tmp_path / "s.db"
    r = run_import(db, str(export))
    assert r.returncode == 0, r.stdout + r.stderr
    with sqlite3.connect(db) as conn:
        sports = dict(conn.execute("SELECT source, sport FROM activities").fetchall())
    assert sorted(sports.values()) == ["cycling", "running"]
    assert next(v for k, v in sports.items() if k.endswith("1.gpx")) == "cycling"


def test_plain_import_skips_typer_parsing_and_options_still_parse(tmp_path: Path) -> None:
    """``stridelift import PATH...`` runs without typer's pydantic coercion (start-up CPU); with an
    option it goes through typer, and both store the same."""
    folder = tmp_path / "runs"
    write_fit_folder(folder, 3)
    code = (
        "import sys\n"
        "from stridelift.cli import main\n"
        f"sys.argv = ['stridelift', 'import', {str(folder)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code, 'pydantic' in sys.modules, 'sqlalchemy' in sys.modules)\n"
    )
    plain = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env_for(tmp_path / "a.db"), capture_output=True, text=True
    )
    assert plain.stdout.split()[-4:] == ["exit", "0", "False", "False"], plain.stderr
    assert figure(plain.stdout, "imported") == 3
    typed = run_import(tmp_path / "b.db", "--workers", "1", str(folder))
    assert typed.returncode == 0 and figure(typed.stdout, "imported") == 3
    with sqlite3.connect(tmp_path / "a.db") as a, sqlite3.connect(tmp_path / "b.db") as b:
        query = "SELECT content_sha256, start_utc, streams FROM activities ORDER BY id"
        assert list(a.execute(query)) == list(b.execute(query))
    missing = run_import(tmp_path / "c.db", str(tmp_path / "nothing"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    assert run_import(tmp_path / "c.db", "--workers", "0", str(folder)).returncode == 2

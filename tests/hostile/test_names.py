"""Issue 7.5: any file name is stored and printed safely (not UTF-8, escape sequences, NUL, bidi)."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from stridelift.safe_text import printable, storable
from stridelift.store import ActivityRepository, open_database
from tests.conftest import ROOT
from tests.unit.test_importers_text import gpx
from tests.unit.test_store import make_activity

NOT_UTF8 = os.fsdecode(b"caf\xe9 \xff.gpx")  # how Python hands over a Latin-1 name on Linux
ESCAPES = "\x1b]0;owned\x07\x1b[31mred\x1b[2J.gpx"


def test_storable_keeps_every_byte_readable() -> None:
    assert storable("plain/run.fit") == "plain/run.fit"
    assert storable("Lauf/Müll €.fit") == "Lauf/Müll €.fit"
    assert storable(NOT_UTF8) == "caf\\xe9 \\xff.gpx"
    assert storable("a\ud800b") == "a\\ud800b"  # a lone surrogate that no byte stands for
    assert storable("a\x00b") == "a\\x00b"
    for name in (NOT_UTF8, "a\ud800b", ESCAPES):
        storable(name).encode("utf-8")  # never raises


def test_printable_spells_out_controls() -> None:
    shown = printable(ESCAPES + "\n\u202egpx.exe")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert "\\x1b[31m" in shown and "\\n" in shown and "\\u202e" in shown
    assert printable("Lauf/Müll €.fit") == "Lauf/Müll €.fit"


def test_repository_stores_any_name(tmp_path: Path) -> None:
    repo = ActivityRepository(open_database(f"sqlite:///{tmp_path / 'a.db'}"))
    acts = [dataclasses.replace(make_activity(i, n=5), source=name) for i, name in enumerate([NOT_UTF8, "n\x00ul.fit"])]
    run = repo.start_import([NOT_UTF8, ESCAPES])
    assert repo.add_many(acts, import_id=run) == (2, 0)
    assert sorted(a.source for a in repo.list()) == ["caf\\xe9 \\xff.gpx", "n\\x00ul.fit"]


def _import(db: Path, *paths: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "STRIDELIFT_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"stridelift.cli", b"import", *paths],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_import_of_hostile_names_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    for i, name in enumerate([NOT_UTF8, ESCAPES, "ok.gpx"]):
        (folder / name).write_text(gpx(n=30, name=f"run {i}").replace("2024", f"{2020 + i}"))
    (folder / ("bad" + ESCAPES)).write_bytes(b"<gpx>broken")  # skipped: its name is printed
    db = tmp_path / "a.db"
    for _ in range(2):  # a re-run is not blocked at the same file either
        proc = _import(db, os.fsencode(folder), os.fsencode(tmp_path / ("missing" + NOT_UTF8)))
        assert proc.returncode == 2 and b"\x1b" not in proc.stderr and b"missing" in proc.stderr
        proc = _import(db, os.fsencode(folder))
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1, out
        out.decode("utf-8")  # valid UTF-8 throughout
        assert b"\x1b" not in out and b"\x07" not in out and b"Traceback" not in out
        assert b"\\x1b[31m" in proc.stdout  # the skipped file's name, spelled out
    with sqlite3.connect(db) as con:
        sources = sorted(Path(s).name for (s,) in con.execute("select source from activities"))
    assert sources == sorted(["caf\\xe9 \\xff.gpx", ESCAPES, "ok.gpx"])

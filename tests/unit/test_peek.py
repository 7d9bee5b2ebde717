"""Peeking a file's start time from its first bytes, and `--history FOLDER` skipping old files."""

from __future__ import annotations

import gzip
from datetime import timedelta
from pathlib import Path

import pytest

import stridelift.importers.dispatch as dispatch
from stridelift.history import read_history
from stridelift.importers.peek import peek_start
from tests.unit.test_importers_text import START as TEXT_START
from tests.unit.test_importers_text import gpx, tcx
from tests.unit.test_importing import START, START_FIT, fit_template


def test_peeked_start_matches_the_decoded_one() -> None:
    fit = fit_template(120, START_FIT + 86400)
    assert peek_start("a.fit", fit) == START + timedelta(days=1)
    assert peek_start("a.fit.gz", gzip.compress(fit)) == START + timedelta(days=1)
    assert peek_start("b.gpx", gpx(n=30).encode()) == dispatch.read_activity_file("b.gpx", gpx(n=30).encode()).start
    assert peek_start("c.tcx", tcx(n=30).encode()) == TEXT_START
    for name, data in [("x.fit", b"garbage"), ("x.gpx", b"<gpx></gpx>"), ("x.txt", b"hi"), ("x.fit.gz", b"\x1f\x8bxx")]:
        assert peek_start(name, data) is None


def test_history_folder_decodes_only_files_that_may_be_in_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    days = list(range(0, 400, 20))  # one run every 20 days over 400 days
    for d in days:
        (folder / f"run_{d:03d}.fit.gz").write_bytes(gzip.compress(fit_template(60, START_FIT + d * 86400)))
    decoded: list[str] = []
    real = dispatch.read_activity_file

    def counting(name: str, data: bytes):  # type: ignore[no-untyped-def]
        decoded.append(name)
        return real(name, data)

    monkeypatch.setattr(dispatch, "read_activity_file", counting)
    since = START + timedelta(days=300)
    history = read_history([str(folder)], since=since)
    assert [a.start for a in history.activities] == [START + timedelta(days=d) for d in days if d >= 300]
    # only files within the window and its 2-day margin are decoded
    assert len(decoded) == sum(1 for d in days if d >= 298)
    assert len(read_history([str(folder)]).activities) == len(days)  # no window: everything

"""Issue 7.3: folders may hold anything; only regular files are read, the rest skipped with a reason."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from stridelift.importers.archive import count_sources, iter_sources, read_export_labels
from tests.hostile.limits import run_limited
from tests.unit.test_importers_text import gpx


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "watch"
    folder.mkdir()
    real = tmp_path / "elsewhere.gpx"
    real.write_text(gpx(n=20))
    os.mkfifo(folder / "a.fit")
    os.mkfifo(folder / "b.zip")
    os.mkfifo(folder / "activities.csv")
    (folder / "c.fit").symlink_to("/dev/zero")
    (folder / "d.gpx").symlink_to(real)  # resolves to a regular file: read
    (folder / "e.fit").symlink_to(folder / "nowhere.fit")  # broken
    (folder / "f.fit").symlink_to(folder / "f.fit")  # a loop
    (folder / "g.tcx").symlink_to(tmp_path)  # a folder under an activity's name
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "h.fit"))
    (folder / "z.gpx").write_text(gpx(n=25))
    yield folder
    sock.close()


def test_only_regular_files_are_read(hostile_folder: Path) -> None:
    out = run_limited({"walk": [str(hostile_folder)]}, timeout_s=60)  # a FIFO or /dev/zero would hang or blow
    read = sorted(Path(name).name for name, _ in out["files"])
    assert read == ["d.gpx", "z.gpx"]
    reasons = {Path(name).name: reason for name, reason in out["skipped"]}
    assert sorted(reasons) == ["a.fit", "b.zip", "c.fit", "e.fit", "f.fit", "g.tcx", "h.fit"]
    assert "FIFO" in reasons["a.fit"] and "FIFO" in reasons["b.zip"]
    assert "character device" in reasons["c.fit"]
    assert "socket" in reasons["h.fit"] and "symlink to a folder" in reasons["g.tcx"]
    assert "No such file" in reasons["e.fit"] and "symbolic links" in reasons["f.fit"]


def test_counting_and_labels_pass_special_files_by(hostile_folder: Path) -> None:
    files, _ = count_sources([hostile_folder])
    assert files >= 2
    assert read_export_labels([hostile_folder]) == {}


def test_a_special_file_named_directly(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.fit")
    (tmp_path / "zero.gpx").symlink_to("/dev/zero")
    items = list(iter_sources([tmp_path / "pipe.fit", tmp_path / "zero.gpx"]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped"]

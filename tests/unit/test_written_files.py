"""Files stridelift writes are ordinary files a runner can share: the umask decides, not mkstemp."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stridelift.services.exports import write_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_file_is_0644_under_the_usual_umask(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "out" / "plan.json"
    write_atomic(path, b"{}")
    assert path.read_bytes() == b"{}"
    assert _mode(path) == 0o644
    assert os.listdir(path.parent) == ["plan.json"]  # no temporary file left


def test_written_file_follows_a_stricter_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.ics", b"x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "private.ics") == 0o600


def test_overwrite_is_atomic_and_fixes_the_mode(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(b"old")
    path.chmod(0o600)
    write_atomic(path, b"new")
    assert (path.read_bytes(), _mode(path)) == (b"new", 0o644)


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["plan.md"]

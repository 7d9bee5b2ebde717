"""Issue 7.2: compressed input is bounded in time (work linear in the input), not only in size."""

from __future__ import annotations

import gzip
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from stridelift.importers import archive, dispatch
from stridelift.importers.archive import Skipped, iter_sources
from stridelift.importers.errors import ImportFileError
from stridelift.importers.zipgate import too_many_entries
from tests.hostile.limits import run_limited

EMPTY_MEMBER = gzip.compress(b"")


def _sparse(n: int, every: int = 1500) -> bytes:
    """``n`` bytes that deflate about 150:1 (under the per-member ratio cap of 200:1)."""
    buf = bytearray(n)
    for i in range(0, n, every):
        buf[i : i + 10] = os.urandom(10)
    return bytes(buf)


def test_many_empty_gzip_members_are_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "run.fit.gz"
    path.write_bytes(EMPTY_MEMBER * 400_000)  # 8 MB, as in the report
    out = run_limited({"read": str(path)}, timeout_s=60)
    assert out["error"] == "zip_bomb" and "members" in out["message"]


class _Counting:
    """zlib with a decompressobj that counts the input bytes it is handed."""

    def __init__(self) -> None:
        self.fed = 0
        self.error = zlib.error
        self.MAX_WBITS = zlib.MAX_WBITS

    def decompressobj(self, wbits: int) -> Any:
        outer, inner = self, zlib.decompressobj(wbits)

        class Obj:
            def decompress(self, data: bytes, max_length: int = 0) -> bytes:
                outer.fed += len(data)
                return inner.decompress(data, max_length)

            def __getattr__(self, name: str) -> Any:
                return getattr(inner, name)

        return Obj()


@pytest.mark.parametrize("members", [10, 3_000])
def test_gzip_work_is_linear_in_members(monkeypatch: pytest.MonkeyPatch, members: int) -> None:
    counting = _Counting()
    monkeypatch.setattr(dispatch, "zlib", counting)
    payload = [f"<p>{i}</p>".encode() * 50 for i in range(members)]
    data = b"".join(gzip.compress(p) + b"\x00" * (i % 3) for i, p in enumerate(payload))
    assert dispatch.gunzip(data, "x.gpx.gz", max_members=members) == b"".join(payload)
    # every byte is handed to zlib a bounded number of times, whatever the number of members
    assert counting.fed <= 4 * len(data) + 256 * members
    with pytest.raises(ImportFileError, match="members"):
        dispatch.gunzip(data + EMPTY_MEMBER, "x.gpx.gz", max_members=members)


def test_archive_total_is_bounded_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(6):
            zf.writestr(f"a{i}.fit", _sparse(2_000_000))
    packed = path.stat().st_size
    assert 50 * packed < 6 * 2_000_000 < 200 * packed  # about 100:1 each: no single member is a bomb
    out = run_limited({"walk": [str(path)], "limits": {"archive_free_bytes": 1_000_000}})
    assert len(out["files"]) < 6
    assert [r for _, r in out["skipped"]] and all("total cap" in r for _, r in out["skipped"])
    read = sum(size for _, size in out["files"])
    assert read <= max(1_000_000, 30 * packed)


def test_gzip_members_count_towards_the_archive_total(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(4):
            zf.writestr(f"activities/{i}.fit.gz", gzip.compress(_sparse(1_000_000)))
    items = list(iter_sources([path], archive_free_bytes=1_500_000, max_archive_ratio=1))
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(items) - len(skipped) == 1 and "gzip member" in skipped[0].reason


def _many(path: Path, n: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(n):
            zf.writestr(f"r/{i}.fit", b"")
    return path


def test_too_many_members_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _many(tmp_path / "many.zip", 1_001)

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the central directory was parsed")

    monkeypatch.setattr(archive.zipfile, "ZipFile", no_parse)
    items = list(iter_sources([path], max_members=1_000))
    assert len(items) == 1 and isinstance(items[0], Skipped) and "1001 entries" in items[0].reason


def test_a_lying_entry_count_is_caught_by_directory_size(tmp_path: Path) -> None:
    data = bytearray(_many(tmp_path / "many.zip", 1_000).read_bytes())
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, at + 8, 5, 5)  # says 5 entries
    assert "directory" in (too_many_entries(io.BytesIO(bytes(data)), 100) or "")
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(data))
    items = list(iter_sources([lying], max_members=100))
    assert len(items) == 1 and isinstance(items[0], Skipped)


def test_nested_members_count_too(tmp_path: Path) -> None:
    inner = _many(tmp_path / "inner.zip", 60).read_bytes()
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(3):
            zf.writestr(f"part{i}.zip", inner)
    items = list(iter_sources([path], max_members=100))
    refused = [i for i in items if isinstance(i, Skipped)]
    assert refused and all("nested zip" in i.reason for i in refused)
    assert len(items) - len(refused) <= 100


def test_a_real_sized_member_count_is_fine(tmp_path: Path) -> None:
    path = _many(tmp_path / "export.zip", 200)
    items = list(iter_sources([path]))
    assert len(items) == 200 and not any(isinstance(i, Skipped) for i in items)

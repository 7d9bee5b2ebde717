"""Decoding and storing at their exact limits: compressed FIT timestamps whose steps use the
whole 5-bit window (above 15 s, up to 31 s), and the last hash of a 500-hash lookup chunk."""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from stridelift.domain.activity import Activity
from stridelift.importers.fit import decode_fit
from stridelift.importers.fit.crc import crc16
from stridelift.store.db import open_database
from stridelift.store.repository import _HASH_CHUNK, ActivityRepository


def _fit(records: bytes) -> bytes:
    body = bytearray()
    # local 0: record with timestamp (253, uint32) and heart_rate (3, uint8); local 1: heart_rate only
    body += bytes([0x40, 0, 0]) + struct.pack("<H", 20) + bytes([2, 253, 4, 0x86, 3, 1, 0x02])
    body += bytes([0x41, 0, 0]) + struct.pack("<H", 20) + bytes([1, 3, 1, 0x02])
    body += records
    header = bytearray(struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT"))
    header += struct.pack("<H", crc16(bytes(header)))
    data = header + body
    return bytes(data + struct.pack("<H", crc16(bytes(data))))


@pytest.mark.parametrize("steps", [(15, 16, 17), (16, 31, 20), (31, 31, 1)])
def test_compressed_timestamp_steps_across_the_whole_window(steps: tuple[int, ...]) -> None:
    t0 = 1000 * 32 + 30  # offset 30 in its 5-bit window
    records = bytearray(bytes([0x00]) + struct.pack("<I", t0) + bytes([90]))
    t, expected = t0, [t0]
    for k, step in enumerate(steps):
        t += step
        expected.append(t)
        records += bytes([0x80 | (1 << 5) | (t & 0x1F), 91 + k])  # compressed header, local 1
    rec = decode_fit(_fit(bytes(records))).messages["record"]
    np.testing.assert_array_equal(rec["timestamp"], expected)
    np.testing.assert_array_equal(rec["heart_rate"], [90 + k for k in range(len(steps) + 1)])


def _activity(i: int) -> Activity:
    return Activity(
        sport="running",
        sub_sport=None,
        start=datetime(2026, 1, 1, 7, tzinfo=UTC) + timedelta(days=i),
        duration_s=60.0,
        moving_time_s=None,
        distance_m=None,
        elevation_gain_m=None,
        avg_hr=None,
        max_hr=None,
        time_s=(0.0, 1.0),
        heart_rate=(math.nan, math.nan),
        speed_m_s=(math.nan, math.nan),
        altitude_m=(math.nan, math.nan),
        source=f"a{i}",
        content_sha256=f"{i:064x}",
    )


def test_known_hashes_at_the_edges_of_a_chunk(tmp_path: Path) -> None:
    repo = ActivityRepository(open_database(f"sqlite:///{tmp_path / 'h.db'}"))
    edges = (0, _HASH_CHUNK - 1, _HASH_CHUNK, 2 * _HASH_CHUNK)
    repo.add_many([_activity(i) for i in edges])
    asked = [f"{i:064x}" for i in range(2 * _HASH_CHUNK + 1)]
    assert repo.known_hashes(asked) == {f"{i:064x}" for i in edges}
    assert repo.known_hashes(asked[: _HASH_CHUNK]) == {f"{i:064x}" for i in edges[:2]}

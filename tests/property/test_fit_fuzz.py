"""The FIT decoder returns a result or raises FitError, on any bytes whatsoever."""

from __future__ import annotations

import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridelift.importers.fit import FitError, decode_fit
from stridelift.importers.fit.crc import crc16
from tests.unit.test_fit_decoder import build_run

SEED = build_run(40)


def _check(data: bytes) -> None:
    try:
        decode_fit(data)
    except FitError as err:
        # the catch-all safety net must not be what handled it: every error is foreseen
        assert err.reason != "internal", str(err)


def _recrc(data: bytes) -> bytes:
    """Make the CRCs right again so mutations reach the record walker."""
    if len(data) < 14 or data[0] not in (12, 14):
        return data
    buf = bytearray(data)
    if buf[0] == 14:
        buf[12:14] = struct.pack("<H", crc16(bytes(buf[:12])))
    size = struct.unpack_from("<I", buf, 4)[0]
    end = buf[0] + size
    if end + 2 <= len(buf):
        buf[end : end + 2] = struct.pack("<H", crc16(bytes(buf[:end])))
    return bytes(buf)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=512))
def test_random_bytes(data: bytes) -> None:
    _check(data)
    _check(b"\x0e\x20\x54\x08" + struct.pack("<I", len(data)) + b".FIT" + data)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=len(SEED)))
def test_truncations(cut: int) -> None:
    _check(SEED[:cut])
    _check(_recrc(SEED[:cut]))


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_byte_flips(flips: list[tuple[int, int]]) -> None:
    buf = bytearray(SEED)
    for pos, val in flips:
        buf[pos] = val
    _check(bytes(buf))
    _check(_recrc(bytes(buf)))

"""Reading only the leading streams of a stored blob (what `load` does for five years of history)."""

from __future__ import annotations

import math
import zlib

import numpy as np
import pytest

from stridelift.store.streams import (
    StreamsFormatError,
    decode_leading_streams,
    decode_streams_array,
    encode_streams,
)


def _blob(n: int) -> tuple[bytes, list[list[float]]]:
    t = [float(i) for i in range(n)]
    hr = [float("nan") if i % 7 == 3 else 120.0 + (i % 50) * 0.5 for i in range(n)]
    speed = [3.0 + math.sin(i / 9) for i in range(n)]
    alt = [10.0 + i * 0.01 for i in range(n)]
    return encode_streams(t, hr, speed, alt), [t, hr, speed, alt]


@pytest.mark.parametrize("n", [1, 2, 37, 5000])
@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_leading_streams_equal_the_rows_of_the_whole_decode(n: int, count: int) -> None:
    blob, _ = _blob(n)
    whole = decode_streams_array(blob, n).astype(np.float64)
    part = decode_leading_streams(blob, n, count)
    assert part.dtype == np.float64 and part.shape == (count, n)
    np.testing.assert_array_equal(part, whole[:count])  # NaN where NaN, bit for bit otherwise


def test_leading_streams_keep_the_values_written() -> None:
    blob, streams = _blob(300)
    t, hr = decode_leading_streams(blob, 300, 2)
    assert t.tolist() == streams[0]
    np.testing.assert_allclose(hr, np.array(streams[1], dtype=np.float32), equal_nan=True)


def test_damaged_or_short_blobs_are_refused() -> None:
    blob, _ = _blob(100)
    with pytest.raises(StreamsFormatError, match="unknown streams format"):
        decode_leading_streams(b"\x07" + blob[1:], 100, 2)
    with pytest.raises(StreamsFormatError):
        decode_leading_streams(blob[:1] + b"not zlib at all", 100, 2)
    short = bytes((blob[0],)) + zlib.compress(bytes(100 * 4), 1)  # one stream's bytes, two asked for
    with pytest.raises(StreamsFormatError, match="expected at least"):
        decode_leading_streams(short, 100, 2)
    with pytest.raises(ValueError, match="count"):
        decode_leading_streams(blob, 100, 5)

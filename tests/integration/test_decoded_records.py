"""The import stores records built from the readers' stream arrays (``importers.decoded``); they
must be exactly the records the domain Activity (streams as tuples of floats) gives."""

from __future__ import annotations

import dataclasses
import gzip
import math
from pathlib import Path

import numpy as np
import pytest

from stridelift.importers.decoded import DecodedActivity
from stridelift.importers.dispatch import read_activity_file, read_decoded_file
from stridelift.importers.errors import ImportFileError
from stridelift.store.records import to_record
from tests.conftest import shared_path

pytestmark = pytest.mark.shared_data


def _same(a: object, b: object) -> bool:
    """Field by field, NaN equal to NaN (a stream's missing samples), float bits compared exactly."""
    fa, fb = dataclasses.astuple(a), dataclasses.astuple(b)  # type: ignore[call-overload]
    return len(fa) == len(fb) and all(_same_value(x, y) for x, y in zip(fa, fb, strict=True))


def _same_value(x: object, y: object) -> bool:
    if isinstance(x, tuple) and isinstance(y, tuple):
        return len(x) == len(y) and all(_same_value(u, v) for u, v in zip(x, y, strict=True))
    if isinstance(x, float) and isinstance(y, float) and math.isnan(x):
        return math.isnan(y)
    return type(x) is type(y) and x == y


def _corpus() -> list[Path]:
    data = shared_path("data")
    return sorted(
        p
        for p in data.rglob("*")
        if p.is_file() and p.suffix.lower() in (".fit", ".gpx", ".tcx") and "invalid" not in p.parts
    )


def test_records_from_arrays_equal_records_from_the_domain_activity() -> None:
    read = samples = 0
    for path in _corpus():
        data = path.read_bytes()
        try:
            decoded = read_decoded_file(path.name, data)
        except ImportFileError:
            continue
        activity = read_activity_file(path.name, data)
        assert _same(decoded.activity(), activity), path.name
        assert decoded.streams.flags.c_contiguous and decoded.streams.dtype == np.float64
        assert _same(to_record(decoded.figures, decoded.streams), to_record(activity)), path.name
        read += 1
        samples += decoded.n_samples
    assert read > 50 and samples > 100_000  # the corpus, not a handful of empty files


def test_gzipped_file_reads_the_same_as_plain() -> None:
    path = next(p for p in _corpus() if p.suffix == ".fit" and p.stat().st_size > 50_000)
    plain = read_decoded_file(path.name, path.read_bytes())
    packed = read_decoded_file(path.name + ".gz", gzip.compress(path.read_bytes()))
    assert _same(packed.figures, dataclasses.replace(plain.figures, source=path.name + ".gz"))
    assert np.array_equal(packed.streams, plain.streams, equal_nan=True)


def test_decoded_activity_refuses_streams_in_two_places() -> None:
    path = shared_path("data", "gpx", "gpxpy_korita-zbevnica.gpx")
    decoded = read_decoded_file(path.name, path.read_bytes())
    assert decoded.n_samples > 0
    with pytest.raises(ValueError, match="empty"):
        DecodedActivity(decoded.activity(), decoded.streams)
    with pytest.raises(ValueError, match="float64"):
        DecodedActivity(decoded.figures, decoded.streams.astype(np.float32))

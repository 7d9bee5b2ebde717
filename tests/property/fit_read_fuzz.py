"""Hypothesis runs over the whole FIT read path (decode -> to_activity, through dispatch).

Each ``run_*`` function drives Hypothesis itself; ``test_fit_read_fuzz.py`` calls them in a child
process under an address-space limit, so an input that asks for gigabytes fails the test with
a MemoryError instead of swapping the machine. Inputs are CRC-correct, so mutations get past
the checksum and into the record walker and the activity summary, where the issue-7 clocks did
their damage.

The property: ``read_activity_file`` returns an Activity or raises ImportFileError, never the
internal catch-all, and the streams it returns stay proportional to the records in the file.
"""

from __future__ import annotations

import os
import struct
from typing import Final

from garmin_fit_sdk import Encoder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridelift.importers.dispatch import read_activity_file
from stridelift.importers.errors import ImportFileError
from stridelift.importers.fit.crc import crc16
from tests.unit.test_fit_decoder import START_FIT, build_run

SEED: Final = build_run(40)
# CI-sized by default; STRIDELIFT_FUZZ_EXAMPLES=20000 for a longer hunt by hand
_EXAMPLES: Final = int(os.environ.get("STRIDELIFT_FUZZ_EXAMPLES", "150"))
_SETTINGS: Final = settings(
    max_examples=_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
_U32 = st.integers(0, 0xFFFFFFFF)


def recrc(data: bytes) -> bytes:
    """Make a FIT file's header and file CRCs right again (for whatever header size it claims)."""
    if len(data) < 12:
        return data
    buf = bytearray(data)
    header = buf[0]
    if header >= 14 and len(buf) >= 14:
        buf[12:14] = struct.pack("<H", crc16(bytes(buf[:12])))
    size = struct.unpack_from("<I", buf, 4)[0]
    end = header + size
    if end + 2 <= len(buf):
        buf[end : end + 2] = struct.pack("<H", crc16(bytes(buf[:end])))
    return bytes(buf)


def check(data: bytes, name: str = "fuzz.fit") -> None:
    """The property every input must keep."""
    try:
        act = read_activity_file(name, data)
    except ImportFileError as err:
        assert err.reason != "internal", str(err)
        return
    # at most the 21 seconds around each record, and a record takes at least a few bytes
    assert len(act.time_s) <= 21 * max(len(data), 1), (len(act.time_s), len(data))
    assert list(act.time_s) == sorted(set(act.time_s))


def fit_file(records: list[tuple[int, int]], session: tuple[int, int, int] | None) -> bytes:
    """A file from field values Hypothesis chose: (timestamp, heart rate) records, (start, sport, elapsed) session."""
    enc = Encoder()
    enc.write_mesg({"mesg_num": 0, "type": 4, "manufacturer": 1, "time_created": START_FIT})
    for ts, hr in records:
        enc.write_mesg({"mesg_num": 20, "timestamp": ts, "heart_rate": hr, "distance": 1.0})
    if session is not None:
        start, sport, elapsed = session
        enc.write_mesg(
            {"mesg_num": 18, "timestamp": start, "start_time": start, "sport": sport, "total_elapsed_time": elapsed}
        )
    return bytes(enc.close())


_clock = st.one_of(
    _U32,
    st.integers(START_FIT - 10**8, START_FIT + 10**8),
    st.integers(START_FIT, START_FIT + 600),
    st.sampled_from([0, 1, 0x0FFFFFFF, 0x10000000, 0xFFFFFFFE]),
)


def run_fields() -> None:
    """Hostile values in well-formed files: clocks anywhere, many sessions' worth of span."""

    @_SETTINGS
    @given(
        st.lists(st.tuples(_clock, st.integers(0, 254)), min_size=0, max_size=30),
        st.none() | st.tuples(_clock, st.integers(0, 254), st.integers(0, 0xFFFFFFFE)),
    )
    def prop(records: list[tuple[int, int]], session: tuple[int, int, int] | None) -> None:
        check(fit_file(records, session))

    prop()


def run_mutations() -> None:
    """Byte flips, overwrites with uint32 values, cuts and insertions in a real-shaped file, CRCs fixed."""

    edit = st.one_of(
        st.tuples(st.just("set"), st.integers(0, len(SEED) - 1), st.binary(min_size=1, max_size=4)),
        st.tuples(st.just("cut"), st.integers(0, len(SEED) - 1), st.integers(1, 64)),
        st.tuples(st.just("insert"), st.integers(0, len(SEED) - 1), st.binary(min_size=1, max_size=16)),
    )

    @_SETTINGS
    @given(st.lists(edit, min_size=1, max_size=6), st.booleans())
    def prop(edits: list[tuple[str, int, object]], gz: bool) -> None:
        buf = bytearray(SEED)
        for kind, pos, arg in edits:
            pos = min(pos, len(buf))
            if kind == "set":
                assert isinstance(arg, bytes)
                buf[pos : pos + len(arg)] = arg
            elif kind == "cut":
                assert isinstance(arg, int)
                del buf[pos : pos + arg]
            else:
                assert isinstance(arg, bytes)
                buf[pos:pos] = arg
        data = recrc(bytes(buf))
        if gz:
            import gzip

            check(gzip.compress(data), "fuzz.fit.gz")
        else:
            check(data)

    prop()


RUNS: Final = {"fields": run_fields, "mutations": run_mutations}

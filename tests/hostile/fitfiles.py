"""FIT files with hostile clocks, written here with garmin-fit-sdk's Encoder (nothing committed)."""

from __future__ import annotations

from collections.abc import Sequence

from garmin_fit_sdk import Encoder

from tests.unit.test_fit_decoder import START_FIT


def fit_with_clock(record_times: Sequence[int], *, session_start: int | None = None) -> bytes:
    """A running file: one record per FIT timestamp given, then a session starting at ``session_start``."""
    enc = Encoder()
    enc.write_mesg({"mesg_num": 0, "type": 4, "manufacturer": 1, "product": 3113, "time_created": START_FIT})
    for i, t in enumerate(record_times):
        enc.write_mesg(
            {"mesg_num": 20, "timestamp": t, "heart_rate": 130 + i % 20, "speed": 3.0, "distance": 3.0 * i}
        )
    session: dict[str, object] = {"mesg_num": 18, "timestamp": max(record_times), "sport": 1, "sub_sport": 0}
    if session_start is not None:
        session["start_time"] = session_start
    enc.write_mesg(session)
    return bytes(enc.close())

"""Stored activities with their streams as numpy arrays, for the load code.

``ActivityRepository.list`` builds domain Activities whose streams are tuples of Python floats:
right for the planner's few months, but over five years the conversion alone cost more than all
the load arithmetic. Here each row's time and heart-rate streams are float64 arrays (speed and
altitude inflated only when asked for), read in the repository's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, select

from stridelift.domain.activity import ACTIVITY_SPORTS, ActivitySport

from .db import session_scope
from .models import ActivityRow
from .streams import decode_leading_streams, decode_streams_array

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class StoredStreams:
    """One stored activity's figures with its time and heart-rate streams as float64 arrays.

    Speed and altitude stay compressed until asked for (``speed()``, ``streams``): the load code
    needs them only for an activity without usable heart rate and distance, and inflating half of
    each blob instead of all of it is most of what reading five years of history costs.
    """

    sport: ActivitySport
    start: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    max_hr: float | None
    content_sha256: str
    time_s: FloatArray
    heart_rate: FloatArray
    blob: bytes = field(repr=False)
    n_samples: int = 0

    def speed(self) -> FloatArray:
        """The speed stream (m/s), inflated on demand."""
        speed: FloatArray = decode_leading_streams(self.blob, self.n_samples, 3)[2]
        return speed

    @property
    def streams(self) -> FloatArray:
        """All four streams as one (4, n) array: time, heart rate, speed, altitude."""
        return decode_streams_array(self.blob, self.n_samples).astype(np.float64)


def stream_arrays(engine: Engine, since: datetime | None = None) -> list[StoredStreams]:
    """Activities starting at or after ``since`` (inclusive), oldest first, ties by row id."""
    cols = (
        ActivityRow.sport,
        ActivityRow.start_utc,
        ActivityRow.duration_s,
        ActivityRow.moving_time_s,
        ActivityRow.distance_m,
        ActivityRow.max_hr,
        ActivityRow.content_sha256,
        ActivityRow.n_samples,
        ActivityRow.streams,
    )
    stmt = select(*cols).order_by(ActivityRow.start_utc, ActivityRow.id)
    if since is not None:
        if since.tzinfo is None:
            raise ValueError("since must be timezone-aware")
        stmt = stmt.where(ActivityRow.start_utc >= since)
    with session_scope(engine) as session:
        return [
            StoredStreams(
                sport=r.sport if r.sport in ACTIVITY_SPORTS else "other",
                start=r.start_utc,
                duration_s=r.duration_s,
                moving_time_s=r.moving_time_s,
                distance_m=r.distance_m,
                max_hr=r.max_hr,
                content_sha256=r.content_sha256,
                time_s=t_hr[0],
                heart_rate=t_hr[1],
                blob=r.streams,
                n_samples=r.n_samples,
            )
            for r in session.execute(stmt)
            for t_hr in (decode_leading_streams(r.streams, r.n_samples, 2),)
        ]

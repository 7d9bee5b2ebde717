"""Stored activities with their streams as numpy arrays, for the load code.

``ActivityRepository.list`` builds domain Activities whose streams are tuples of Python floats:
right for the planner's few months, but over five years the conversion alone cost more than all
the load arithmetic. Here each row's streams stay one (4, n) float64 array (time, heart rate,
speed, altitude), read in the repository's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, select

from stridelift.domain.activity import ACTIVITY_SPORTS, ActivitySport

from .db import session_scope
from .models import ActivityRow
from .streams import decode_streams_array

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class StoredStreams:
    """One stored activity's figures and its streams (``streams[0]`` time, ``[1]`` HR, ``[2]`` speed)."""

    sport: ActivitySport
    start: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    max_hr: float | None
    content_sha256: str
    streams: FloatArray


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
                streams=decode_streams_array(r.streams, r.n_samples).astype(np.float64),
            )
            for r in session.execute(stmt)
        ]

"""The load code's per-activity stream statistics, computed once when an activity is stored.

``summarize`` (``domain.load``, with its numpy twin ``analysis.summary.summarize_np``) smooths
an activity's 1 Hz streams into 20 s block means; over years of history that was the costly part
of ``load``. The statistics it derives are stored with the activity (revision 0002), so listing
history needs no stream at all (``ActivityRepository.load_summaries``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from stridelift.analysis.summary import summarize_np
from stridelift.domain.activity import Activity

from .streams import decode_streams

STAT_FIELDS: Final = ("avg_speed_m_s", "work_speed_m_s", "work_hr", "speed_cv", "hr_cv", "surges")


def activity_stats(activity: Activity, streams: npt.NDArray[np.float64] | None = None) -> dict[str, Any]:
    """The ``STAT_FIELDS`` of one activity, exactly as the load code summarises it (``streams``:
    its streams as float64 rows, time, heart rate and speed first, if converted already)."""
    summary = summarize_np(activity, streams)
    return {name: getattr(summary, name) for name in STAT_FIELDS}


def stream_stats(
    blob: bytes, n_samples: int, duration_s: float, moving_time_s: float | None, distance_m: float | None
) -> dict[str, Any]:
    """The statistics of a stored row, from its streams blob (the 0002 migration's backfill)."""
    empty: tuple[float, ...] = ()
    t, hr, speed, alt = decode_streams(blob, n_samples) if n_samples else (empty, empty, empty, empty)
    activity = Activity(
        sport="other",
        sub_sport=None,
        start=datetime(2000, 1, 1, tzinfo=UTC),  # the statistics depend on the streams only
        duration_s=duration_s,
        moving_time_s=moving_time_s,
        distance_m=distance_m,
        elevation_gain_m=None,
        avg_hr=None,
        max_hr=None,
        time_s=t,
        heart_rate=hr,
        speed_m_s=speed,
        altitude_m=alt,
        source="",
        content_sha256="",
    )
    return activity_stats(activity)

"""Vectorised activity summaries: the numpy twin of :func:`stridelift.domain.load.summarize`.

The domain version walks every sample in Python (a third of `load --weeks 260`); this one does
the per-sample work (20 s block means, valid-HR max and mean, moving speed) in array operations
and leaves only the per-block steps (a few hundred values) to the shared domain helpers, so both
give the same summary (``tests/unit/test_load_limits.py`` checks they agree).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from stridelift.domain.activity import Activity
from stridelift.domain.load import (
    BLOCK_S,
    MOVING_SPEED_M_S,
    ActivitySummary,
    block_stats,
)

FloatArray = npt.NDArray[np.float64]


def block_means_np(
    time_s: Sequence[float] | FloatArray, values: Sequence[float] | FloatArray, *, min_value: float
) -> list[float]:
    """Means of ``values`` per 20 s block of ``time_s`` (blocks with at least 5 valid samples), in time order.

    A sample counts when its value is a number at or above ``min_value`` and its time is a number.
    """
    t = np.asarray(time_s, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    if t.shape != v.shape:
        raise ValueError("time_s and values must have the same length")
    with np.errstate(invalid="ignore"):
        ok = (v >= min_value) & ~np.isnan(t)
    if not ok.any():
        return []
    keys = np.floor_divide(t[ok], BLOCK_S).astype(np.int64)
    steps = np.diff(keys)
    if (steps >= 0).all():  # time in order (every stored stream): blocks are runs, no sort needed
        inverse = np.concatenate(([0], np.cumsum(steps > 0)))
        size = int(inverse[-1]) + 1
    else:
        uniq, inverse = np.unique(keys, return_inverse=True)
        size = uniq.size
    sums = np.bincount(inverse, weights=v[ok], minlength=size)
    counts = np.bincount(inverse, minlength=size)
    keep = counts >= BLOCK_S / 4
    return (sums[keep] / counts[keep]).tolist()  # type: ignore[no-any-return]


def summarize_np(activity: Activity, streams: FloatArray | None = None) -> ActivitySummary:
    """:func:`stridelift.domain.load.summarize` with the per-sample work in numpy.

    ``streams``: the activity's time, heart-rate and speed streams as rows of a float64 array,
    when the caller has converted them already (the import's ``to_record``).
    """
    if streams is None:
        t = np.asarray(activity.time_s, dtype=np.float64)
        hr = np.asarray(activity.heart_rate, dtype=np.float64)
        speed = np.asarray(activity.speed_m_s, dtype=np.float64)
    else:
        t, hr, speed = streams[0], streams[1], streams[2]
    speed_blocks = block_means_np(t, speed, min_value=MOVING_SPEED_M_S)
    hr_blocks = block_means_np(t, hr, min_value=1.0)
    max_hr, avg_hr = activity.max_hr, activity.avg_hr
    if hr_blocks and (max_hr is None or avg_hr is None):
        valid = hr[~np.isnan(hr)]
        max_hr = float(valid.max()) if max_hr is None else max_hr
        avg_hr = float(valid.mean()) if avg_hr is None else avg_hr
    moving_s = activity.moving_time_s
    secs = moving_s if moving_s is not None and moving_s > 0 else activity.duration_s
    avg_speed: float | None
    if activity.distance_m is not None and activity.distance_m > 0 and secs > 0:
        avg_speed = activity.distance_m / secs
    else:
        with np.errstate(invalid="ignore"):
            moving = speed[speed >= MOVING_SPEED_M_S]
        avg_speed = float(moving.mean()) if moving.size else None
    return block_stats(activity, speed_blocks, hr_blocks, max_hr=max_hr, avg_hr=avg_hr, avg_speed=avg_speed)

"""Vectorised Banister TRIMP: the numpy twin of :func:`stridelift.domain.load.banister_trimp`.

Same signature and the same arithmetic (backward differences, NaN samples and pauses skipped,
HRr clipped to [0, 1]), so it can be passed as ``activity_load(..., trimp=banister_trimp_np)``;
``tests/unit/test_load.py`` checks the two agree to 1e-9 relative. The importer and CLI use
:func:`activity_load_np` / :func:`activity_loads`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Protocol

import numpy as np
import numpy.typing as npt

from stridelift.domain.activity import Activity
from stridelift.domain.load import (
    DEFAULT_SPORT_HRR,
    EASY_HRR,
    MAX_GAP_S,
    MEN,
    MOVING_SPEED_M_S,
    ActivityLoad,
    BanisterConstants,
    HrTrimp,
    LoadMeta,
    Thresholds,
    activity_load,
    activity_order,
    load_from_parts,
)

FloatArray = npt.NDArray[np.float64]


def banister_trimp_np(
    time_s: Sequence[float] | FloatArray,
    heart_rate: Sequence[float] | FloatArray,
    thresholds: Thresholds,
    constants: BanisterConstants = MEN,
    max_gap_s: float = MAX_GAP_S,
) -> HrTrimp:
    """Banister TRIMP over the stream in a few array operations (see the domain version)."""
    t = np.asarray(time_s, dtype=np.float64)
    hr = np.asarray(heart_rate, dtype=np.float64)
    if t.shape != hr.shape:
        raise ValueError("time_s and heart_rate must have the same length")
    if t.size < 2:
        return HrTrimp(0.0, 0.0)
    dt = np.diff(t)
    h = hr[1:]
    with np.errstate(invalid="ignore"):
        ok = (dt > 0.0) & (dt <= max_gap_s) & ~np.isnan(h)
    dt, h = dt[ok], h[ok]
    x = np.clip((h - thresholds.resting_hr) / (thresholds.max_hr - thresholds.resting_hr), 0.0, 1.0)
    total = float(np.sum(dt * x * constants.a * np.exp(constants.b * x)))
    return HrTrimp(total / 60.0, float(np.sum(dt)))


def activity_load_np(
    activity: Activity,
    thresholds: Thresholds,
    *,
    constants: BanisterConstants = MEN,
    easy_speed_m_s: float | None = None,
    min_hr_coverage: float = 0.5,
    max_gap_s: float = MAX_GAP_S,
    easy_hrr: float = EASY_HRR,
    sport_hrr: Mapping[str, float] = DEFAULT_SPORT_HRR,
) -> ActivityLoad:
    """:func:`stridelift.domain.load.activity_load` with the vectorised TRIMP."""
    return activity_load(
        activity,
        thresholds,
        constants=constants,
        easy_speed_m_s=easy_speed_m_s,
        min_hr_coverage=min_hr_coverage,
        max_gap_s=max_gap_s,
        easy_hrr=easy_hrr,
        sport_hrr=sport_hrr,
        trimp=banister_trimp_np,
    )


def activity_loads(
    activities: Iterable[Activity],
    thresholds: Thresholds,
    *,
    constants: BanisterConstants = MEN,
    easy_speed_m_s: float | None = None,
) -> list[ActivityLoad]:
    """Loads of many activities, vectorised per activity, in start order (ties by sport, load, method,
    so the order never depends on the order given)."""
    loads = [activity_load_np(a, thresholds, constants=constants, easy_speed_m_s=easy_speed_m_s) for a in activities]
    return sorted(loads, key=activity_order)


class StreamsRow(LoadMeta, Protocol):
    """An activity's figures with its time and heart-rate streams as arrays; speed on demand."""

    @property
    def time_s(self) -> FloatArray: ...
    @property
    def heart_rate(self) -> FloatArray: ...
    @property
    def max_hr(self) -> float | None: ...
    def speed(self) -> FloatArray: ...


def _avg_speed_np(meta: StreamsRow) -> float | None:
    secs = meta.moving_time_s if meta.moving_time_s is not None and meta.moving_time_s > 0 else meta.duration_s
    if meta.distance_m is not None and meta.distance_m > 0 and secs > 0:
        return meta.distance_m / secs
    speed = meta.speed()
    with np.errstate(invalid="ignore"):
        moving = speed[speed >= MOVING_SPEED_M_S]
    return math.fsum(moving.tolist()) / moving.size if moving.size else None


def array_loads(
    rows: Iterable[StreamsRow],
    thresholds: Thresholds,
    *,
    constants: BanisterConstants = MEN,
    easy_speed_m_s: float | None = None,
) -> list[ActivityLoad]:
    """:func:`activity_loads` for activities whose streams are arrays (no Python float per sample)."""
    out: list[ActivityLoad] = []
    for row in rows:
        t, hr = row.time_s, row.heart_rate
        hr_trimp = banister_trimp_np(t, hr, thresholds, constants) if hr.size else None
        out.append(
            load_from_parts(
                row,
                hr_trimp,
                partial(_avg_speed_np, row),
                thresholds,
                constants=constants,
                easy_speed_m_s=easy_speed_m_s,
            )
        )
    return sorted(out, key=activity_order)

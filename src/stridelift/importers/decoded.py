"""An activity as a reader computed it: its figures, and its streams as one float64 array.

The readers work on numpy arrays; the domain :class:`~stridelift.domain.activity.Activity` holds
its streams as tuples of Python floats. The import stores records straight from the array
(``store.records.to_record(figures, streams)``), so the streams never become a million Python
floats only to be turned back into an array (that round trip was a tenth of a whole import's
CPU); :meth:`DecodedActivity.activity` gives the domain object for everything else.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from stridelift.domain.activity import Activity

FloatArray = npt.NDArray[np.float64]
N_STREAMS = 4


@dataclass(frozen=True, slots=True)
class DecodedActivity:
    """``figures``: the activity with every summary figure and empty streams; ``streams``: a
    C-contiguous (4, n) float64 array of its time, heart-rate, speed and altitude streams."""

    figures: Activity
    streams: FloatArray

    def __post_init__(self) -> None:
        if self.streams.dtype != np.float64 or self.streams.ndim != 2 or self.streams.shape[0] != N_STREAMS:
            raise ValueError("streams must be a (4, n) float64 array")
        if self.figures.time_s:
            raise ValueError("the figures' own streams must be empty (the array holds them)")

    @property
    def n_samples(self) -> int:
        return int(self.streams.shape[1])

    def activity(self) -> Activity:
        """The domain Activity, streams as tuples of floats (the same values as the array)."""
        t, hr, speed, alt = (tuple(row.tolist()) for row in self.streams)
        return dataclasses.replace(self.figures, time_s=t, heart_rate=hr, speed_m_s=speed, altitude_m=alt)

    def replace(self, **changes: object) -> DecodedActivity:
        """The same streams with some figures changed (``dataclasses.replace`` on the figures)."""
        return DecodedActivity(dataclasses.replace(self.figures, **changes), self.streams)  # type: ignore[arg-type]


def stack_streams(time_s: FloatArray, heart_rate: FloatArray, speed: FloatArray, altitude: FloatArray) -> FloatArray:
    """The four streams (equal lengths) as one (4, n) float64 array."""
    return np.ascontiguousarray(np.stack((time_s, heart_rate, speed, altitude)), dtype=np.float64)


def decoded(figures: Activity, streams: FloatArray | None = None) -> DecodedActivity:
    """``figures`` (its streams empty) with ``streams``; no streams at all when None."""
    return DecodedActivity(figures, streams if streams is not None else np.zeros((N_STREAMS, 0)))

"""An activity ready to store: its figures, statistics and encoded streams, built in the import
workers so that compression and statistics run on their cores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from stridelift.domain.activity import Activity
from stridelift.safe_text import storable

from .dedup import Candidate
from .stats import activity_stats
from .streams import encode_stream_array, encode_streams


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """An Activity ready to store: its summary plus the encoded streams blob.

    Import workers build these, so the compression happens on their cores and what crosses the
    process boundary is one compact ``bytes`` instead of four tuples of Python floats.
    """

    content_sha256: str
    source: str
    sport: str
    sub_sport: str | None
    start_utc: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    n_samples: int
    streams: bytes
    warnings: tuple[str, ...] = ()
    avg_speed_m_s: float | None = None
    work_speed_m_s: float | None = None
    work_hr: float | None = None
    speed_cv: float | None = None
    hr_cv: float | None = None
    surges: int | None = None

    @property
    def size(self) -> int:
        """Rough bytes this record adds to a transaction (for batching)."""
        return len(self.streams) + 256 + len(self.source)

    def candidate(self) -> Candidate:
        figures = (self.moving_time_s, self.distance_m, self.elevation_gain_m, self.avg_hr, self.max_hr, self.sub_sport)
        return Candidate(
            sport=self.sport,
            start=self.start_utc,
            duration_s=self.duration_s,
            n_samples=self.n_samples,
            has_hr=self.avg_hr is not None,
            figures=sum(f is not None for f in figures),
            source=self.source,
        )

    def row_values(self) -> dict[str, object]:
        """The columns this record writes (all but ids and timestamps)."""
        return {
            "content_sha256": self.content_sha256,
            "source": storable(self.source),
            "sport": self.sport,
            "sub_sport": self.sub_sport,
            "start_utc": self.start_utc,
            "duration_s": self.duration_s,
            "moving_time_s": self.moving_time_s,
            "distance_m": self.distance_m,
            "elevation_gain_m": self.elevation_gain_m,
            "avg_hr": self.avg_hr,
            "max_hr": self.max_hr,
            "n_samples": self.n_samples,
            "streams": self.streams,
            "warnings": "\n".join(self.warnings) or None,
            "avg_speed_m_s": self.avg_speed_m_s,
            "work_speed_m_s": self.work_speed_m_s,
            "work_hr": self.work_hr,
            "speed_cv": self.speed_cv,
            "hr_cv": self.hr_cv,
            "surges": self.surges,
        }


def to_record(activity: Activity, streams: npt.NDArray[np.float64] | None = None) -> ActivityRecord:
    """The record of ``activity``; ``streams``: its streams as a (4, n) float64 array when the
    reader kept them so (``importers.decoded``), in which case the activity's own are empty."""
    arrays: npt.NDArray[np.float64] | None
    if streams is not None:
        arrays = streams
        n_samples = int(streams.shape[1])
    else:
        # the four streams converted once, for the statistics and for the blob
        n_samples = len(activity.time_s)
        try:
            arrays = np.array(
                [activity.time_s, activity.heart_rate, activity.speed_m_s, activity.altitude_m], dtype=np.float64
            )
        except ValueError:  # streams of different lengths: encode_streams says so
            arrays = None
        if arrays is not None and arrays.ndim != 2:
            arrays = None
    stats = activity_stats(activity, arrays)
    blob = (
        encode_stream_array(arrays)
        if arrays is not None
        else encode_streams(activity.time_s, activity.heart_rate, activity.speed_m_s, activity.altitude_m)
    )
    return ActivityRecord(
        content_sha256=activity.content_sha256,
        source=storable(activity.source),
        sport=activity.sport,
        sub_sport=activity.sub_sport,
        start_utc=activity.start,
        duration_s=activity.duration_s,
        moving_time_s=activity.moving_time_s,
        distance_m=activity.distance_m,
        elevation_gain_m=activity.elevation_gain_m,
        avg_hr=activity.avg_hr,
        max_hr=activity.max_hr,
        n_samples=n_samples,
        streams=blob,
        warnings=activity.warnings,
        **stats,
    )

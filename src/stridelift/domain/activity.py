"""A recorded activity (a run, a ride, a strength session...), as imported from a device file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

ActivitySport = Literal["running", "cycling", "swimming", "walking", "strength", "other"]
ACTIVITY_SPORTS: Final[tuple[ActivitySport, ...]] = (
    "running",
    "cycling",
    "swimming",
    "walking",
    "strength",
    "other",
)


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded activity: summary figures plus 1 Hz streams.

    Streams share one time base: ``time_s[i]`` seconds after ``start``; a value is NaN where the
    device recorded nothing near that second, and seconds far from every sample may be left out
    (a gap in ``time_s``), so a file's clock cannot make the streams long. Summary figures are None when the file has no
    way to know them.
    """

    sport: ActivitySport
    sub_sport: str | None
    start: datetime  # timezone-aware, UTC
    duration_s: float  # elapsed
    moving_time_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    time_s: tuple[float, ...]
    heart_rate: tuple[float, ...]
    speed_m_s: tuple[float, ...]
    altitude_m: tuple[float, ...]
    source: str
    content_sha256: str
    warnings: tuple[str, ...] = ()  # what the reader left out of a damaged file, and why

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise ValueError("Activity.start must be timezone-aware")
        n = len(self.time_s)
        if not (len(self.heart_rate) == len(self.speed_m_s) == len(self.altitude_m) == n):
            raise ValueError("Activity streams must all have the same length")
        if self.sport not in ACTIVITY_SPORTS:
            raise ValueError(f"unknown sport {self.sport!r}")

"""Which timestamps belong to an activity: a broken clock must not stretch it over months.

Shared by the FIT reader and the GPX/TCX track maths, so a point stamped 1989 or 2090 in an
otherwise ordinary file is dropped (with a warning) the same way whatever the format.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

# samples further than this from the bulk of the others are a broken clock, not the activity (an
# overnight stop of a multi-day hike still fits; a timestamp of 1, or 200 days on, does not)
OUTLIER_GAP_S: Final = 12 * 3600.0


def clustered(ts: npt.NDArray[np.float64], gap_s: float = OUTLIER_GAP_S) -> npt.NDArray[np.bool_]:
    """Which samples belong to the activity: the largest run of timestamps without a gap over
    ``gap_s`` (the earliest such run on a tie); samples without a timestamp (NaN) stay."""
    keep = np.ones(len(ts), dtype=bool)
    valid = np.flatnonzero(~np.isnan(ts))
    if len(valid) < 2:
        return keep
    order = valid[np.argsort(ts[valid], kind="stable")]
    cuts = np.flatnonzero(np.diff(ts[order]) > gap_s) + 1
    if len(cuts) == 0:
        return keep
    bounds = np.concatenate(([0], cuts, [len(order)]))
    best = int(np.argmax(np.diff(bounds)))
    keep[order] = False
    keep[order[bounds[best] : bounds[best + 1]]] = True
    return keep


def dropped_warning(dropped: int, total: int, what: str) -> str:
    return (
        f"dropped {dropped} of {total} {what} timestamped more than {OUTLIER_GAP_S / 3600:.0f} h away "
        "from the rest of the activity (a broken clock)"
    )

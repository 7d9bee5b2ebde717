"""One activity, once: deciding when two records are the same activity and which one to keep.

The same run reaches the database twice in ordinary ways: a watch's FIT file and the Strava
export's GPX of it, a Garmin export and a Strava export of the same season, a file copied under
another name with a changed byte. Their content hashes differ, so the hash cannot tell; the
activity itself can. Two records are one activity when they are of the same sport and their time
spans overlap by at least half of the shorter one (nobody runs two runs at once; a copy cut
short still matches), or when one of them does not know its sport and both cover nearly the
same time (80% of the longer span: a short run inside an all-day recording is not its copy).
The richer record is kept: streams over none, heart rate over none, more samples, then more
summary figures; on a tie the one stored first stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

MIN_SPAN_S: Final = 60.0  # a record without a duration still covers its start minute
MIN_OVERLAP: Final = 0.5  # of the shorter span
MIN_OVERLAP_UNKNOWN: Final = 0.8  # of the longer span, when one of the two does not know its sport
LOOKBACK: Final = timedelta(days=1)  # the longest activity that can overlap a later start


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the decision needs of a record, stored or about to be."""

    sport: str
    start: datetime
    duration_s: float
    n_samples: int
    has_hr: bool
    figures: int  # how many summary figures it has (distance, heart rate, climb...)
    source: str

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=max(self.duration_s, MIN_SPAN_S))


def same_activity(a: Candidate, b: Candidate) -> bool:
    if a.sport != b.sport and "other" not in (a.sport, b.sport):
        return False
    overlap = (min(a.end, b.end) - max(a.start, b.start)).total_seconds()
    spans = sorted((max(a.duration_s, MIN_SPAN_S), max(b.duration_s, MIN_SPAN_S)))
    if a.sport != b.sport:  # a record of unknown sport must cover nearly the same time, not just contain it
        return overlap >= MIN_OVERLAP_UNKNOWN * spans[1]
    return overlap >= MIN_OVERLAP * spans[0]


def richness(c: Candidate) -> tuple[bool, bool, int, int]:
    return (c.n_samples > 0, c.has_hr, c.n_samples, c.figures)


def richer(new: Candidate, kept: Candidate) -> bool:
    """Whether ``new`` should replace ``kept`` (strictly richer; a tie keeps what is stored)."""
    return richness(new) > richness(kept)


def why_richer(winner: Candidate, loser: Candidate) -> str:
    if winner.n_samples and not loser.n_samples:
        return "it has a track"
    if winner.has_hr and not loser.has_hr:
        return "it has heart rate"
    if winner.n_samples > loser.n_samples:
        return f"{winner.n_samples} samples against {loser.n_samples}"
    if winner.figures > loser.figures:
        return "it has more figures"
    return "it was stored first"


def merge_note(dropped: Candidate, kept: Candidate) -> str:
    """The import summary's line for a merged file (the dropped file's name goes before it)."""
    minutes = kept.duration_s / 60
    return (
        f"same {kept.sport} activity as {kept.source} ({kept.start:%Y-%m-%d %H:%M} UTC, {minutes:.0f} min); "
        f"kept {kept.source} ({why_richer(kept, dropped)})"
    )


@dataclass(slots=True)
class Slot:
    """One activity of the batch plan: a stored row (``row_id``) or a record to insert.

    ``record`` is set when the slot's content must be written (a new activity, or a richer file
    replacing a stored row); ``sport`` when only the stored row's unknown sport is learnt.
    """

    candidate: Candidate
    content_sha256: str
    row_id: int | None = None
    record: object | None = None
    sport: str | None = None


@dataclass(slots=True)
class BatchPlan:
    slots: list[Slot]
    aliases: list[tuple[str, str, Slot]]  # (content hash, source, the slot it now belongs to)
    merged: list[tuple[str, str]]  # (dropped file, note)
    duplicates: int


def plan_batch(
    records: list[tuple[str, Candidate, object]], stored: list[tuple[int, str, Candidate]], known: set[str]
) -> BatchPlan:
    """Decide, for each ``(content hash, candidate, record)`` in order, insert, merge or drop.

    ``stored`` are the rows that may overlap the batch (id, hash, candidate); ``known`` the
    hashes already stored (rows and aliases). Exact repeats are plain duplicates; overlapping
    records merge into the richer one.
    """
    slots = [Slot(c, sha, row_id=row_id) for row_id, sha, c in stored]
    plan = BatchPlan(slots, [], [], 0)
    seen = set(known)
    for sha, cand, record in records:
        if sha in seen:
            plan.duplicates += 1
            continue
        seen.add(sha)
        slot = next((s for s in slots if same_activity(cand, s.candidate)), None)
        if slot is None:
            slots.append(Slot(cand, sha, record=record))
            continue
        plan.duplicates += 1
        if richer(cand, slot.candidate):
            dropped = slot.candidate
            plan.merged.append((dropped.source, merge_note(dropped, cand)))
            plan.aliases.append((slot.content_sha256, dropped.source, slot))
            slot.candidate, slot.content_sha256, slot.record = cand, sha, record
            if cand.sport == "other" and dropped.sport != "other":
                slot.sport = dropped.sport
        else:
            plan.merged.append((cand.source, merge_note(cand, slot.candidate)))
            plan.aliases.append((sha, cand.source, slot))
            if slot.candidate.sport == "other" and cand.sport != "other":
                slot.sport = cand.sport
    return plan

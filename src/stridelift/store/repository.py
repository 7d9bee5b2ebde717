"""Activities in and out of the database, as domain objects.

Idempotence rests on the content hash: ``add_many`` inserts with ``ON CONFLICT DO NOTHING`` on
``content_sha256`` (SQLite and PostgreSQL alike), so re-importing a file, or a whole archive after
a killed run, adds only what is missing, and counts the rest as duplicates.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import ColumnElement, Engine, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from stridelift.domain.activity import ACTIVITY_SPORTS, Activity, ActivitySport
from stridelift.safe_text import storable

from .db import session_scope
from .models import ActivityRow, ImportRun
from .streams import decode_streams, encode_streams

_HASH_CHUNK: Final = 500  # bound parameters per IN (...) query
_ORDER: Final = (ActivityRow.start_utc, ActivityRow.id)  # oldest first; id breaks ties stably


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
    warnings: tuple[str, ...] = ()  # the reader's, for the import report (not stored)

    @property
    def size(self) -> int:
        """Rough bytes this record adds to a transaction (for batching)."""
        return len(self.streams) + 256 + len(self.source)


def to_record(activity: Activity) -> ActivityRecord:
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
        n_samples=len(activity.time_s),
        streams=encode_streams(activity.time_s, activity.heart_rate, activity.speed_m_s, activity.altitude_m),
        warnings=activity.warnings,
    )


@dataclass(frozen=True, slots=True)
class ActivitySummary:
    """An activity's figures without its streams: cheap to list thousands of."""

    id: int
    content_sha256: str
    source: str
    sport: ActivitySport
    sub_sport: str | None
    start: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    n_samples: int
    imported_at: datetime


def _sport(value: str) -> ActivitySport:
    return value if value in ACTIVITY_SPORTS else "other"


class ActivityRepository:
    """Activities stored in one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing -------------------------------------------------------------------------------

    def add_many(
        self, activities: Iterable[Activity | ActivityRecord], *, import_id: int | None = None
    ) -> tuple[int, int]:
        """Store a batch in ONE transaction; return ``(added, duplicates)``.

        Duplicates are activities whose content hash is stored already (or repeats within the
        batch). With ``import_id`` the run's counters move in the same transaction, so they
        always agree with the rows, even after a kill.
        """
        records = [a if isinstance(a, ActivityRecord) else to_record(a) for a in activities]
        if not records:
            return 0, 0
        now = datetime.now(UTC)
        values = [
            {
                "content_sha256": r.content_sha256,
                "source": storable(r.source),
                "sport": r.sport,
                "sub_sport": r.sub_sport,
                "start_utc": r.start_utc,
                "duration_s": r.duration_s,
                "moving_time_s": r.moving_time_s,
                "distance_m": r.distance_m,
                "elevation_gain_m": r.elevation_gain_m,
                "avg_hr": r.avg_hr,
                "max_hr": r.max_hr,
                "n_samples": r.n_samples,
                "streams": r.streams,
                "imported_at": now,
                "import_id": import_id,
            }
            for r in records
        ]
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        stmt = (
            insert(ActivityRow)
            .on_conflict_do_nothing(index_elements=[ActivityRow.content_sha256])
            .returning(ActivityRow.id)
        )
        with session_scope(self.engine, write=True) as session:
            added = len(session.execute(stmt, values).all())
            duplicates = len(records) - added
            if import_id is not None:
                session.execute(
                    update(ImportRun)
                    .where(ImportRun.id == import_id)
                    .values(imported=ImportRun.imported + added, duplicates=ImportRun.duplicates + duplicates)
                )
        return added, duplicates

    def start_import(self, paths: Sequence[str]) -> int:
        """Record the start of an import run (committed at once) and return its id."""
        with session_scope(self.engine, write=True) as session:
            run = ImportRun(started_at=datetime.now(UTC), paths="\n".join(storable(p) for p in paths))
            session.add(run)
            session.flush()
            return run.id

    def finish_import(
        self, import_id: int, *, files: int, size_bytes: int, imported: int, duplicates: int, skipped: int
    ) -> None:
        with session_scope(self.engine, write=True) as session:
            session.execute(
                update(ImportRun)
                .where(ImportRun.id == import_id)
                .values(
                    finished_at=datetime.now(UTC),
                    files=files,
                    size_bytes=size_bytes,
                    imported=imported,
                    duplicates=duplicates,
                    skipped=skipped,
                )
            )

    def unfinished_imports(self) -> builtins.list[int]:
        """Ids of import runs that never finished (killed, or running right now)."""
        with session_scope(self.engine) as session:
            ids = session.scalars(select(ImportRun.id).where(ImportRun.finished_at.is_(None)).order_by(ImportRun.id))
            return builtins.list(ids)

    # -- reading -------------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored already."""
        wanted = builtins.list(dict.fromkeys(hashes))
        found: set[str] = set()
        with session_scope(self.engine) as session:
            for i in range(0, len(wanted), _HASH_CHUNK):
                chunk = wanted[i : i + _HASH_CHUNK]
                found.update(
                    session.scalars(select(ActivityRow.content_sha256).where(ActivityRow.content_sha256.in_(chunk)))
                )
        return found

    def count(self) -> int:
        with session_scope(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(ActivityRow)) or 0)

    @staticmethod
    def _where(since: datetime | None, sport: str | None) -> builtins.list[ColumnElement[bool]]:
        conds: builtins.list[ColumnElement[bool]] = []
        if since is not None:
            if since.tzinfo is None:
                raise ValueError("since must be timezone-aware")
            conds.append(ActivityRow.start_utc >= since)
        if sport is not None:
            conds.append(ActivityRow.sport == sport)
        return conds

    def list(self, since: datetime | None = None, sport: str | None = None) -> builtins.list[Activity]:
        """Activities (streams included), oldest first; ``since`` is inclusive."""
        stmt = select(ActivityRow).where(*self._where(since, sport)).order_by(*_ORDER)
        with session_scope(self.engine) as session:
            rows = session.scalars(stmt).all()
            out: builtins.list[Activity] = []
            for r in rows:
                t, hr, spd, alt = decode_streams(r.streams, r.n_samples)
                out.append(
                    Activity(
                        sport=_sport(r.sport),
                        sub_sport=r.sub_sport,
                        start=r.start_utc,
                        duration_s=r.duration_s,
                        moving_time_s=r.moving_time_s,
                        distance_m=r.distance_m,
                        elevation_gain_m=r.elevation_gain_m,
                        avg_hr=r.avg_hr,
                        max_hr=r.max_hr,
                        time_s=t,
                        heart_rate=hr,
                        speed_m_s=spd,
                        altitude_m=alt,
                        source=r.source,
                        content_sha256=r.content_sha256,
                    )
                )
            return out

    def summaries(self, since: datetime | None = None, sport: str | None = None) -> builtins.list[ActivitySummary]:
        """Activity figures without streams (the blob is never read), oldest first."""
        cols = (
            ActivityRow.id,
            ActivityRow.content_sha256,
            ActivityRow.source,
            ActivityRow.sport,
            ActivityRow.sub_sport,
            ActivityRow.start_utc,
            ActivityRow.duration_s,
            ActivityRow.moving_time_s,
            ActivityRow.distance_m,
            ActivityRow.elevation_gain_m,
            ActivityRow.avg_hr,
            ActivityRow.max_hr,
            ActivityRow.n_samples,
            ActivityRow.imported_at,
        )
        stmt = select(*cols).where(*self._where(since, sport)).order_by(*_ORDER)
        with session_scope(self.engine) as session:
            return [
                ActivitySummary(
                    id=r.id,
                    content_sha256=r.content_sha256,
                    source=r.source,
                    sport=_sport(r.sport),
                    sub_sport=r.sub_sport,
                    start=r.start_utc,
                    duration_s=r.duration_s,
                    moving_time_s=r.moving_time_s,
                    distance_m=r.distance_m,
                    elevation_gain_m=r.elevation_gain_m,
                    avg_hr=r.avg_hr,
                    max_hr=r.max_hr,
                    n_samples=r.n_samples,
                    imported_at=r.imported_at,
                )
                for r in session.execute(stmt)
            ]

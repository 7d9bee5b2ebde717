"""Activities in and out of the database, as domain objects.

Idempotence rests on the content hash: a file whose hash is stored (as a row, or as the alias
of a file merged into another row) is a duplicate, so re-importing a file, or a whole archive
after a killed run, adds only what is missing. Beyond the hash, a record that is the same
activity as a stored one (same sport, overlapping time: ``store.dedup``) is merged: the richer
of the two stays, the other's hash becomes an alias, and the caller hears what was merged.
Inserts still use ``ON CONFLICT DO NOTHING`` on the hash, so two imports at once cannot store
one file twice.
"""

from __future__ import annotations

import builtins
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, Engine, func, or_, select, update
from sqlalchemy.orm import Session

from stridelift.domain.activity import ACTIVITY_SPORTS, Activity, ActivitySport
from stridelift.domain.load import ActivitySummary as LoadSummary
from stridelift.safe_text import storable

from .db import session_scope
from .dedup import LOOKBACK, BatchPlan, Candidate, Slot, plan_batch
from .models import ActivityAlias, ActivityRow, ImportRun
from .records import ActivityRecord as ActivityRecord  # re-exported: the import use case builds these
from .records import to_record as to_record
from .streams import decode_streams

_HASH_CHUNK: Final = 500  # bound parameters per IN (...) query
_WINDOW_CHUNK: Final = 100  # time windows per OR (...) query
_ORDER: Final = (ActivityRow.start_utc, ActivityRow.id)  # oldest first; id breaks ties stably


# the figures of an activity without its streams blob (the dedup scan and summaries read these)
_SUMMARY_COLUMNS = (
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
        self,
        activities: Iterable[Activity | ActivityRecord],
        *,
        import_id: int | None = None,
        merged: builtins.list[tuple[str, str]] | None = None,
    ) -> tuple[int, int]:
        """Store a batch in ONE transaction; return ``(added, duplicates)``.

        Duplicates are files whose content hash is known already (or repeats within the batch)
        and files of an activity stored already (``store.dedup``); for the latter a
        ``(dropped file, note)`` line goes to ``merged``. With ``import_id`` the run's counters
        move in the same transaction, so they always agree with the rows, even after a kill.
        """
        records = [a if isinstance(a, ActivityRecord) else to_record(a) for a in activities]
        if not records:
            return 0, 0
        with session_scope(self.engine, write=True) as session:
            known = self._known(session, [r.content_sha256 for r in records])
            stored = self._overlapping(session, records)
            plan = plan_batch([(r.content_sha256, r.candidate(), r) for r in records], stored, known)
            added = self._apply(session, plan, import_id)
            duplicates = len(records) - added
            if import_id is not None:
                session.execute(
                    update(ImportRun)
                    .where(ImportRun.id == import_id)
                    .values(imported=ImportRun.imported + added, duplicates=ImportRun.duplicates + duplicates)
                )
        if merged is not None:
            merged.extend(plan.merged)
        return added, duplicates

    def _apply(self, session: Session, plan: BatchPlan, import_id: int | None) -> int:
        """Write a batch plan: new rows, replaced rows, learnt sports, aliases; return rows added."""
        now = datetime.now(UTC)
        # the dialect's INSERT (for ON CONFLICT), imported when first used: the PostgreSQL one
        # alone adds a third of a second to every command's start-up on SQLite
        dialect = "postgresql" if self.engine.dialect.name == "postgresql" else "sqlite"
        insert: Any = importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert
        fresh: dict[str, Slot] = {}
        rows: builtins.list[dict[str, object]] = []
        for slot in plan.slots:
            record = slot.record
            if record is None:
                if slot.sport is not None and slot.row_id is not None:
                    session.execute(update(ActivityRow).where(ActivityRow.id == slot.row_id).values(sport=slot.sport))
                continue
            assert isinstance(record, ActivityRecord)
            values = record.row_values() | {"imported_at": now, "import_id": import_id}
            if slot.sport is not None:
                values["sport"] = slot.sport
            if slot.row_id is None:
                fresh[record.content_sha256] = slot
                rows.append(values)
            else:
                session.execute(update(ActivityRow).where(ActivityRow.id == slot.row_id).values(**values))
        if rows:  # one multi-row statement; a file another import stored meanwhile is left out
            stmt = (
                insert(ActivityRow)
                .on_conflict_do_nothing(index_elements=[ActivityRow.content_sha256])
                .returning(ActivityRow.id, ActivityRow.content_sha256)
            )
            for row_id, sha in session.execute(stmt, rows).all():
                fresh[sha].row_id = row_id
        added = sum(slot.row_id is not None for slot in fresh.values())
        for sha, source, slot in plan.aliases:
            if slot.row_id is not None:
                alias = (
                    insert(ActivityAlias)
                    .values(content_sha256=sha, activity_id=slot.row_id, source=source)
                    .on_conflict_do_nothing(index_elements=[ActivityAlias.content_sha256])
                )
                session.execute(alias)
        return added

    @staticmethod
    def _known(session: Session, hashes: Iterable[str]) -> set[str]:
        wanted = builtins.list(dict.fromkeys(hashes))
        found: set[str] = set()
        for i in range(0, len(wanted), _HASH_CHUNK):
            chunk = wanted[i : i + _HASH_CHUNK]
            found.update(session.scalars(select(ActivityRow.content_sha256).where(ActivityRow.content_sha256.in_(chunk))))
            found.update(
                session.scalars(select(ActivityAlias.content_sha256).where(ActivityAlias.content_sha256.in_(chunk)))
            )
        return found

    @staticmethod
    def _overlapping(
        session: Session, records: Sequence[ActivityRecord]
    ) -> builtins.list[tuple[int, str, Candidate]]:
        """Stored rows whose time may overlap one of the records (summary columns only)."""
        cols = _SUMMARY_COLUMNS
        out: dict[int, tuple[int, str, Candidate]] = {}
        for i in range(0, len(records), _WINDOW_CHUNK):
            windows = [
                ActivityRow.start_utc.between(r.start_utc - LOOKBACK, r.candidate().end)
                for r in records[i : i + _WINDOW_CHUNK]
            ]
            for row in session.execute(select(*cols).where(or_(*windows)).order_by(*_ORDER)):
                figures: tuple[object, ...] = (row.moving_time_s, row.distance_m, row.elevation_gain_m)
                figures += (row.avg_hr, row.max_hr, row.sub_sport)
                out[row.id] = (
                    row.id,
                    row.content_sha256,
                    Candidate(
                        sport=row.sport,
                        start=row.start_utc,
                        duration_s=row.duration_s,
                        n_samples=row.n_samples,
                        has_hr=row.avg_hr is not None,
                        figures=sum(f is not None for f in figures),
                        source=row.source,
                    ),
                )
        return builtins.list(out.values())

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
        """Which of these content hashes are stored already (as rows or as merged files)."""
        with session_scope(self.engine) as session:
            return self._known(session, hashes)

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
                        warnings=tuple(r.warnings.split("\n")) if r.warnings else (),
                    )
                )
            return out

    def load_summaries(self, since: datetime | None = None, sport: str | None = None) -> builtins.list[LoadSummary]:
        """The load code's per-activity summaries straight from their columns, oldest first.

        No stream is read or decoded: the statistics were computed when each activity was
        stored (or by the 0002 migration for older rows), so years of history list at once.
        """
        cols = (
            ActivityRow.sport,
            ActivityRow.start_utc,
            ActivityRow.duration_s,
            ActivityRow.moving_time_s,
            ActivityRow.distance_m,
            ActivityRow.avg_hr,
            ActivityRow.max_hr,
            ActivityRow.avg_speed_m_s,
            ActivityRow.work_speed_m_s,
            ActivityRow.work_hr,
            ActivityRow.speed_cv,
            ActivityRow.hr_cv,
            ActivityRow.surges,
        )
        stmt = select(*cols).where(*self._where(since, sport)).order_by(*_ORDER)
        with session_scope(self.engine) as session:
            return [
                LoadSummary(
                    sport=_sport(r.sport),
                    start=r.start_utc,
                    duration_s=r.duration_s,
                    moving_time_s=r.moving_time_s,
                    distance_m=r.distance_m,
                    avg_hr=r.avg_hr,
                    max_hr=r.max_hr,
                    avg_speed_m_s=r.avg_speed_m_s,
                    work_speed_m_s=r.work_speed_m_s,
                    work_hr=r.work_hr,
                    speed_cv=r.speed_cv,
                    hr_cv=r.hr_cv,
                    surges=r.surges,
                )
                for r in session.execute(stmt)
            ]

    def summaries(self, since: datetime | None = None, sport: str | None = None) -> builtins.list[ActivitySummary]:
        """Activity figures without streams (the blob is never read), oldest first."""
        cols = (*_SUMMARY_COLUMNS, ActivityRow.imported_at)
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

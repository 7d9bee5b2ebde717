"""The import's store for a SQLite file, on the standard library's ``sqlite3`` alone.

``stridelift import`` into a SQLite file spent about 0.4 s of CPU importing SQLAlchemy and its
ORM and as much again in their per-statement work, a tenth of a 500-file import and a third of
importing one small file. This store writes exactly the rows :class:`~.repository.ActivityRepository`
writes (same statements, same order, same column encodings; ``bench/compare_import.py`` and
``tests/unit/test_sqlite_import.py`` compare them), for the plain case only: a ``sqlite:///path``
URL and a database that is new (its schema is replayed from ``schema_sqlite.sql``, as
``store.fresh`` does) or at the head revision. Anything else (:func:`open_import_store` returns
None) goes the SQLAlchemy way, migrations included.

The connection is set up as ``store.db.create_engine_for`` sets SQLite up (WAL, ``synchronous=
NORMAL``, foreign keys, busy timeout, explicit ``BEGIN IMMEDIATE`` for writes), so a killed import
leaves whole batches and two importers queue on the lock.
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from stridelift.safe_text import storable

from .dedup import LOOKBACK, BatchPlan, Candidate, Slot, plan_batch
from .fresh import read_schema
from .records import ActivityRecord
from .revisions import head_revisions

BUSY_TIMEOUT_MS: Final = 30_000  # as store.db
_HASH_CHUNK: Final = 500  # as store.repository
_WINDOW_CHUNK: Final = 100
_PREFIX: Final = "sqlite:///"
_SUMMARY: Final = (
    "id, content_sha256, source, sport, sub_sport, start_utc, duration_s, moving_time_s, distance_m, "
    "elevation_gain_m, avg_hr, max_hr, n_samples"
)


def sqlite_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL; None for anything else (memory, ``file:`` URIs,
    query options, escapes), which SQLAlchemy's URL rules decide."""
    if not url.startswith(_PREFIX):
        return None
    path = url[len(_PREFIX) :]
    if not path or path == ":memory:" or path.startswith("file:") or any(c in path for c in "?#%"):
        return None
    return Path(path).expanduser()


def stored_datetime(value: datetime) -> str:
    """An aware datetime as SQLAlchemy stores a ``UtcDateTime`` in SQLite (naive UTC, microseconds)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: give a timezone-aware one")
    v = value.astimezone(UTC)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
    )


def read_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def open_import_store(url: str) -> SqliteImportStore | None:
    """The store for ``url`` if it is a plain SQLite file that is new or at the head revision."""
    path = sqlite_path(url)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if _at_head(conn) or _create_fresh(conn):
            return SqliteImportStore(conn)
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


def _at_head(conn: sqlite3.Connection) -> bool:
    heads = head_revisions()
    try:
        found = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.OperationalError:  # no such table: a new database, or not ours
        return False
    return bool(heads) and found == heads


def _create_fresh(conn: sqlite3.Connection) -> bool:
    """``store.fresh.create_fresh`` on this connection: the head schema into an empty database."""
    revisions, statements = read_schema()
    if not statements or revisions != head_revisions():
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            conn.execute("ROLLBACK")
            return False  # not new (or another process built it meanwhile): the migrations decide
        for statement in statements:
            conn.execute(statement)
        for revision in sorted(revisions):
            conn.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


class SqliteImportStore:
    """``importing.ImportStore`` on one sqlite3 connection (see the module note)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def _write(self) -> _Transaction:
        return _Transaction(self.conn)

    def start_import(self, paths: Sequence[str]) -> int:
        with self._write():
            cur = self.conn.execute(
                "INSERT INTO imports (started_at, finished_at, paths, files, size_bytes, imported, duplicates, "
                "skipped) VALUES (?, NULL, ?, 0, 0, 0, 0, 0)",
                (stored_datetime(datetime.now(UTC)), "\n".join(storable(p) for p in paths)),
            )
            row_id = cur.lastrowid
        assert row_id is not None
        return row_id

    def finish_import(
        self, import_id: int, *, files: int, size_bytes: int, imported: int, duplicates: int, skipped: int
    ) -> None:
        with self._write():
            self.conn.execute(
                "UPDATE imports SET finished_at=?, files=?, size_bytes=?, imported=?, duplicates=?, skipped=? "
                "WHERE imports.id = ?",
                (stored_datetime(datetime.now(UTC)), files, size_bytes, imported, duplicates, skipped, import_id),
            )

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        return self._known(hashes)

    def _known(self, hashes: Iterable[str]) -> set[str]:
        wanted = builtins.list(dict.fromkeys(hashes))
        found: set[str] = set()
        for i in range(0, len(wanted), _HASH_CHUNK):
            chunk = wanted[i : i + _HASH_CHUNK]
            marks = ", ".join("?" * len(chunk))
            for table in ("activities", "activity_aliases"):
                sql = f"SELECT content_sha256 FROM {table} WHERE content_sha256 IN ({marks})"
                found.update(row[0] for row in self.conn.execute(sql, chunk))
        return found

    def add_many(
        self,
        activities: Iterable[ActivityRecord],
        *,
        import_id: int | None = None,
        merged: builtins.list[tuple[str, str]] | None = None,
    ) -> tuple[int, int]:
        """``ActivityRepository.add_many`` for records (one transaction; see there)."""
        records = builtins.list(activities)
        if not records:
            return 0, 0
        with self._write():
            known = self._known(r.content_sha256 for r in records)
            stored = self._overlapping(records)
            plan = plan_batch([(r.content_sha256, r.candidate(), r) for r in records], stored, known)
            added = self._apply(plan, import_id)
            duplicates = len(records) - added
            if import_id is not None:
                self.conn.execute(
                    "UPDATE imports SET imported=(imports.imported + ?), duplicates=(imports.duplicates + ?) "
                    "WHERE imports.id = ?",
                    (added, duplicates, import_id),
                )
        if merged is not None:
            merged.extend(plan.merged)
        return added, duplicates

    def _overlapping(self, records: Sequence[ActivityRecord]) -> builtins.list[tuple[int, str, Candidate]]:
        out: dict[int, tuple[int, str, Candidate]] = {}
        for i in range(0, len(records), _WINDOW_CHUNK):
            part = records[i : i + _WINDOW_CHUNK]
            where = " OR ".join(["activities.start_utc BETWEEN ? AND ?"] * len(part))
            params: builtins.list[str] = []
            for r in part:
                params += (stored_datetime(r.start_utc - LOOKBACK), stored_datetime(r.candidate().end))
            sql = f"SELECT {_SUMMARY} FROM activities WHERE {where} ORDER BY activities.start_utc, activities.id"
            for row in self.conn.execute(sql, params):
                (row_id, sha, source, sport, sub_sport, start, duration, moving, distance, gain, avg_hr, max_hr, n) = (
                    row
                )
                figures = (moving, distance, gain, avg_hr, max_hr, sub_sport)
                out[row_id] = (
                    row_id,
                    sha,
                    Candidate(
                        sport=sport,
                        start=read_datetime(start),
                        duration_s=duration,
                        n_samples=n,
                        has_hr=avg_hr is not None,
                        figures=sum(f is not None for f in figures),
                        source=source,
                    ),
                )
        return builtins.list(out.values())

    def _apply(self, plan: BatchPlan, import_id: int | None) -> int:
        now = stored_datetime(datetime.now(UTC))
        fresh: dict[str, Slot] = {}
        rows: builtins.list[dict[str, object]] = []
        for slot in plan.slots:
            record = slot.record
            if record is None:
                if slot.sport is not None and slot.row_id is not None:
                    sql = "UPDATE activities SET sport=? WHERE activities.id = ?"
                    self.conn.execute(sql, (slot.sport, slot.row_id))
                continue
            assert isinstance(record, ActivityRecord)
            values = _row(record) | {"imported_at": now, "import_id": import_id}
            if slot.sport is not None:
                values["sport"] = slot.sport
            if slot.row_id is None:
                fresh[record.content_sha256] = slot
                rows.append(values)
            else:
                sets = ", ".join(f"{k}=?" for k in values)
                sql = f"UPDATE activities SET {sets} WHERE activities.id = ?"
                self.conn.execute(sql, (*values.values(), slot.row_id))
        for values in rows:  # in order, as the multi-row insert: the same row ids
            cols = ", ".join(values)
            marks = ", ".join("?" * len(values))
            sql = (
                f"INSERT INTO activities ({cols}) VALUES ({marks}) "
                "ON CONFLICT (content_sha256) DO NOTHING RETURNING id, content_sha256"
            )
            for row_id, sha in self.conn.execute(sql, builtins.list(values.values())).fetchall():
                fresh[sha].row_id = row_id
        added = sum(slot.row_id is not None for slot in fresh.values())
        for sha, source, slot in plan.aliases:
            if slot.row_id is not None:
                self.conn.execute(
                    "INSERT INTO activity_aliases (content_sha256, activity_id, source) VALUES (?, ?, ?) "
                    "ON CONFLICT (content_sha256) DO NOTHING",
                    (sha, slot.row_id, source),
                )
        return added


def _row(record: ActivityRecord) -> dict[str, object]:
    values = record.row_values()
    values["start_utc"] = stored_datetime(record.start_utc)
    return values


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (``store.db.session_scope(write=True)``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

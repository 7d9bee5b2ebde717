"""The import's sqlite3 store writes exactly what ``ActivityRepository`` writes (every column, row
ids included), takes only plain SQLite files that are new or at the head revision, and keeps
SQLAlchemy out of ``stridelift import``."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stridelift.store import ActivityRepository, open_database, to_record
from stridelift.store.records import ActivityRecord
from stridelift.store.sqlite_import import SqliteImportStore, open_import_store, sqlite_path, stored_datetime
from tests.unit.test_store import make_activity

_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")
_NOW_COLUMNS = {"imported_at", "started_at", "finished_at"}  # the clock's: format compared, not value


def _batches() -> list[list[ActivityRecord]]:
    """New runs, exact repeats, a poorer and a richer copy of a stored run, an unknown-sport copy
    that teaches a stored row nothing and one whose sport is learnt, in three transactions."""
    base = datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
    runs = [to_record(make_activity(i)) for i in range(6)]
    poorer = to_record(replace(make_activity(2, n=100), content_sha256="a" * 64, source="poorer.gpx"))
    richer = to_record(replace(make_activity(3, n=600), content_sha256="b" * 64, source="richer.fit"))
    other = to_record(replace(make_activity(40, sport="other"), content_sha256="c" * 64, source="other.fit"))
    ride = to_record(replace(make_activity(41, sport="cycling", start=base + timedelta(days=40)), source="ride.fit"))
    odd = to_record(replace(make_activity(50, sport="other", start=base + timedelta(days=60)), source="odd.fit"))
    odd_run = to_record(replace(make_activity(51, start=base + timedelta(days=60)), source="odd_run.fit"))
    return [
        [*runs[:4], runs[0]],
        [poorer, richer, runs[4], runs[1], ride, odd],
        [runs[5], other, odd_run, poorer],
    ]


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {}
    with sqlite3.connect(path) as conn:
        for table in ("activities", "activity_aliases", "imports", "alembic_version"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            rows = []
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                values = []
                for col, value in zip(cols, row, strict=True):
                    if col in _NOW_COLUMNS and value is not None:
                        assert isinstance(value, str) and _STAMP.match(value), (table, col, value)
                        value = "stamp"
                    values.append(value)
                rows.append(tuple(values))
            out[table] = rows
        out["schema"] = list(conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY rowid"))
    return out


def test_same_rows_as_the_repository(tmp_path: Path) -> None:
    results = []
    for kind in ("repository", "sqlite3"):
        path = tmp_path / f"{kind}.db"
        url = f"sqlite:///{path}"
        store: ActivityRepository | SqliteImportStore | None
        store = ActivityRepository(open_database(url)) if kind == "repository" else open_import_store(url)
        assert store is not None
        run = store.start_import(["a", "b\nc"])
        merged: list[tuple[str, str]] = []
        counts = [store.add_many(batch, import_id=run, merged=merged) for batch in _batches()]
        known = store.known_hashes(["a" * 64, "b" * 64, "c" * 64, "f" * 64, f"{5:064x}"])
        store.finish_import(run, files=9, size_bytes=1234, imported=7, duplicates=5, skipped=1)
        results.append((counts, merged, known, _dump(path)))
    repo_side, sqlite_side = results
    assert sqlite_side == repo_side
    counts, merged, known, dump = sqlite_side
    assert len(merged) >= 4 and len(dump["activity_aliases"]) >= 4  # the batches do merge
    assert known == {"a" * 64, "b" * 64, "c" * 64, f"{5:064x}"}


def test_a_database_written_by_sqlite3_reads_back_through_the_repository(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = open_import_store(url)
    assert store is not None
    store.add_many([to_record(make_activity(i)) for i in range(3)])
    store.close()
    repo = ActivityRepository(open_database(url))
    assert [a.source for a in repo.list()] == ["run_0.fit", "run_1.fit", "run_2.fit"]
    assert repo.list()[0].start == datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
    again = open_import_store(url)  # at the head revision: taken as it is
    assert again is not None and again.known_hashes([f"{1:064x}"]) == {f"{1:064x}"}
    again.close()


def test_only_plain_files_new_or_at_head(tmp_path: Path) -> None:
    assert sqlite_path(f"sqlite:///{tmp_path}/x.db") == tmp_path / "x.db"
    assert sqlite_path("sqlite:///relative.db") == Path("relative.db")
    for url in ("sqlite://", "sqlite:///:memory:", "sqlite:///file:x.db?mode=ro&uri=true", "sqlite:///a%20b.db",
                "postgresql+psycopg://u@h/db", "sqlite+pysqlite:///x.db"):  # fmt: skip
        assert sqlite_path(url) is None, url
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    assert open_import_store(f"sqlite:///{old}") is None  # to migrate: SQLAlchemy's way
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (x)")
    assert open_import_store(f"sqlite:///{foreign}") is None
    nested = tmp_path / "a" / "b" / "new.db"
    store = open_import_store(f"sqlite:///{nested}")
    assert store is not None and nested.exists()
    store.close()
    with sqlite3.connect(nested) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_stored_datetime_is_utc_and_refuses_naive() -> None:
    plus2 = datetime(2024, 3, 1, 9, 0, 5, 7, tzinfo=UTC).astimezone()
    assert stored_datetime(plus2) == "2024-03-01 09:00:05.000007"
    with pytest.raises(ValueError, match="naive"):
        stored_datetime(datetime(2024, 3, 1))


def test_import_command_into_sqlite_does_not_load_sqlalchemy(tmp_path: Path) -> None:
    fit = next(Path(__file__).resolve().parents[2].joinpath("..", "shared", "data", "fit").rglob("Activity.fit"), None)
    if fit is None:
        pytest.skip("no corpus file")
    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from stridelift.services.imports import import_activities\n"
        f"r = import_activities([Path({str(fit)!r})], url={db_url!r})\n"
        "print(r.imported, 'sqlalchemy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["1", "False"]

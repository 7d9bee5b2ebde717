"""A new SQLite database built from ``store/schema_sqlite.sql`` is the database the migrations build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError

from stridelift.store import create_engine_for, migrate, open_database
from stridelift.store.db import head_revisions
from stridelift.store.fresh import SCHEMA_FILE, create_fresh, read_schema


def _contents(engine: Engine) -> tuple[list[tuple[object, ...]], dict[str, list[tuple[object, ...]]], object]:
    """sqlite_master, every table's rows, and the user_version pragma."""
    with engine.connect() as conn:
        master = [
            tuple(r) for r in conn.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"))
        ]
        rows = {
            name: sorted(tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}"')))
            for name in inspect(conn).get_table_names()
        }
        version = conn.execute(text("PRAGMA user_version")).scalar_one()
    return master, rows, version


def test_the_schema_file_is_taken_at_the_migrations_head() -> None:
    revisions, statements = read_schema()
    assert statements, f"{SCHEMA_FILE} is missing or empty"
    assert revisions == head_revisions(), (
        'a migration was added: regenerate with python -c "from stridelift.store.fresh import main; main()"'
    )


def test_replaying_the_file_builds_what_the_migrations_build(tmp_path: Path) -> None:
    migrated = create_engine_for(f"sqlite:///{tmp_path / 'migrated.db'}")
    replayed = create_engine_for(f"sqlite:///{tmp_path / 'replayed.db'}")
    try:
        migrate(migrated, "heads")  # not "head": the migrations themselves run
        assert create_fresh(replayed, head_revisions())
        a, b = _contents(migrated), _contents(replayed)
        assert len(a[0]) > 10  # tables and indexes were compared, not two empty lists
        assert a == b
        assert b[1]["alembic_version"] == [(r,) for r in sorted(head_revisions())]
    finally:
        migrated.dispose()
        replayed.dispose()


def test_a_database_with_tables_or_another_revision_is_left_to_the_migrations(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        assert not create_fresh(engine, frozenset({"not-a-revision"}))
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one() == 0
            conn.execute(text("CREATE TABLE other (x INTEGER)"))
        assert not create_fresh(engine, head_revisions())
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == ["other"]
    finally:
        engine.dispose()


def test_opening_a_new_database_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    code = f"import sys\nfrom stridelift.store import open_database\nopen_database({url!r}).dispose()\n"
    code += "print('alembic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=dict(os.environ))
    assert out.stdout.strip() == "False"
    engine = open_database(url)  # at head: opens as any migrated database
    try:
        with engine.connect() as conn:
            assert {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))} == head_revisions()
    finally:
        engine.dispose()


def test_a_failing_statement_leaves_no_table_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stridelift.store import fresh

    revisions, statements = read_schema()
    monkeypatch.setattr(fresh, "read_schema", lambda: (revisions, [*statements, "CREATE TABLE broken ("]))
    engine = create_engine_for(f"sqlite:///{tmp_path / 'b.db'}")
    try:
        with pytest.raises(OperationalError):
            create_fresh(engine, head_revisions())
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
    finally:
        engine.dispose()

"""Issue 7 item 8: secrets and side effects of the commands that read history.

Passwords are masked in every message; reading a database opens it read-only and creates nothing
(no folder, no empty database, no -wal/-shm files), works from read-only media, and unsupported
URLs or dates are one-line errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from stridelift.domain.activity import Activity
from stridelift.importers.dispatch import read_activity_file
from stridelift.store import ActivityRepository, migrate, open_database
from stridelift.store.readonly import display_url, open_readonly
from tests.cli_errors import assert_one_line_error, cli
from tests.conftest import ROOT
from tests.integration.test_history_cli import PROFILE, fit_run

SECRET = "S3cret-Pw"
DOWN = f"postgresql+psycopg://runner:{SECRET}@127.0.0.1:1/stride"  # nothing listens on port 1


def runs(n: int, last: dt.date) -> list[Activity]:
    starts = [dt.datetime.combine(last - dt.timedelta(days=2 * i), dt.time(7), dt.UTC) for i in range(n)]
    return [read_activity_file(f"r{i}.fit", fit_run(t, 30, 150, 3.0)) for i, t in enumerate(starts)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A SQLite history of 5 runs, closed (no -wal file left), in a folder of its own."""
    folder = tmp_path / "store"
    path = folder / "history.db"
    engine = open_database(f"sqlite:///{path}")
    ActivityRepository(engine).add_many(runs(5, dt.date(2027, 2, 27)))
    engine.dispose()
    return path


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_reading_a_database_writes_nothing(tmp_path: Path, db: Path) -> None:
    before = snapshot(db.parent)
    assert list(before) == ["history.db"]
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    chart = str(tmp_path / "load.html")
    for source in (str(db), f"sqlite:///{db}"):
        r = cli("load", "--history", source, "-o", chart)
        assert r.exit_code == 0, r.stderr
        assert "5 activities" in r.stdout
        r = cli("plan", str(profile), "--history", source)
        assert r.exit_code == 0, r.stderr
        assert snapshot(db.parent) == before  # no -wal, no -shm, not a byte changed


def test_a_running_import_is_read_through_its_wal(tmp_path: Path, db: Path) -> None:
    """While a writer holds the database (its -wal file exists), readers see its last commit."""
    engine = open_database(f"sqlite:///{db}")
    try:
        ActivityRepository(engine).add_many(runs(3, dt.date(2027, 3, 20)))
        with engine.connect():
            assert db.with_name("history.db-wal").exists()
            r = cli("load", "--history", str(db), "-o", str(tmp_path / "c.html"))
            assert r.exit_code == 0, r.stderr
            assert "8 activities" in r.stdout
    finally:
        engine.dispose()


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent_dir" / "x.db"
    for args in (["load", "--history", f"sqlite:///{missing}"], ["load", "--history", str(missing)]):
        assert_one_line_error(cli(*args), "no such database file")
    assert not missing.parent.exists()
    # the default database (no STRIDELIFT_DATABASE_URL) is not created by reading either
    env = {"STRIDELIFT_DATABASE_URL": "", "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    assert_one_line_error(cli("load", env=env), "no activities")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_not_a_stridelift_database(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert_one_line_error(cli("load", "--history", str(empty)), "not a stridelift database")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not sqlite at all" * 100)
    assert_one_line_error(cli("load", "--history", str(junk)), "cannot read the database")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db", "junk.sqlite"]


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) to mount a folder read-only")
def test_a_database_on_read_only_media_can_be_read(tmp_path: Path, db: Path) -> None:
    """The folder is bind-mounted read-only in a private mount namespace (root or user namespace);
    where the kernel refuses that, the test skips with the reason."""
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount --bind {db.parent} {db.parent} && mount -o remount,bind,ro {db.parent}"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot mount read-only here: {probe.stderr.strip()}")
    script = (
        f"mount --bind {db.parent} {db.parent} && mount -o remount,bind,ro {db.parent} && "
        f"! touch {db.parent}/probe 2>/dev/null && "
        f'"{sys.executable}" -m stridelift.cli load --history {db} -o {tmp_path}/chart.html'
    )
    r = subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "5 activities" in r.stdout


def test_passwords_never_printed(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    lines = [
        assert_one_line_error(cli("load", "--history", DOWN), "cannot read the database"),
        assert_one_line_error(cli("plan", str(profile), "--history", DOWN), "cannot read the database"),
        assert_one_line_error(cli("load", env={"STRIDELIFT_DATABASE_URL": DOWN}), "cannot read the database"),
        assert_one_line_error(cli("load", "--history", f"mysql://root:{SECRET}@db/x"), "unsupported database"),
        assert_one_line_error(cli("import", str(profile), env={"STRIDELIFT_DATABASE_URL": f"mysql://u:{SECRET}@h/x"})),
        assert_one_line_error(cli("load", "--history", DOWN, "--history", str(profile)), "give a database alone"),
    ]
    for line in lines:
        assert SECRET not in line and "***" in line, line
    assert display_url(f"weird://u:{SECRET}@[::bad") == "weird://u:***@[::bad"


@pytest.mark.parametrize(
    "url", ["mysql://u@h/x", "oracle://u@h/x", "postgresql+psycopg2://u@h/x", "sqlite://", "sqlite:///:memory:"]
)
def test_unsupported_urls_are_one_line(url: str) -> None:
    assert_one_line_error(cli("load", "--history", url))


@pytest.mark.parametrize("end", ["0001-01-01", "9999-12-31", "1800-01-01"])
def test_out_of_range_end_is_one_line(db: Path, end: str) -> None:
    assert_one_line_error(cli("load", "--history", str(db), "--end", end), "outside the supported dates")


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A schema of its own on the test server (dropped afterwards), as a URL that selects it."""
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    base = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    admin = create_engine(base, connect_args={"connect_timeout": 3})
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except SQLAlchemyError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable at 127.0.0.1:5432: {type(exc).__name__}")
    try:
        yield f"postgresql+psycopg://postgres:{SECRET}@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_postgres_history_is_read_in_read_only_sessions(tmp_path: Path, pg_schema_url: str) -> None:
    engine = open_database(pg_schema_url)
    ActivityRepository(engine).add_many(runs(4, dt.date(2027, 2, 27)))
    engine.dispose()
    r = cli("load", "--history", pg_schema_url, "-o", str(tmp_path / "c.html"))
    assert r.exit_code == 0, r.stderr
    assert "4 activities" in r.stdout and SECRET not in r.stdout
    ro = open_readonly(pg_schema_url)
    try:
        with pytest.raises(SQLAlchemyError, match="read-only transaction"), ro.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
    finally:
        ro.dispose()


def test_postgres_schema_not_migrated_by_readers(pg_schema_url: str) -> None:
    """An empty schema stays empty: reading is not the moment to create tables."""
    assert_one_line_error(cli("load", "--history", pg_schema_url), "not a stridelift database")
    engine = create_engine(pg_schema_url.replace(f":{SECRET}", ""))
    try:
        with engine.connect() as conn:
            tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
            assert conn.execute(text(tables)).scalar_one() == 0
    finally:
        engine.dispose()
    migrate(pg_schema_url)  # and once migrated (by an import), it reads
    assert cli("load", "--history", pg_schema_url).exit_code == 2  # no activities yet: still exit 2, one line


def test_a_database_of_another_schema_says_so(tmp_path: Path, db: Path) -> None:
    """Readers do not migrate: a database written by a newer stridelift is named as such."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    conn.close()
    before = snapshot(db.parent)
    assert_one_line_error(cli("load", "--history", str(db)), "schema is newer than this stridelift's")
    assert snapshot(db.parent) == before

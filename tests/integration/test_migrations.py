"""Migrations upgrade from every earlier revision to head, keeping rows, on SQLite and on the real
PostgreSQL (schema per test; unreachable: a failure under CI, a skip elsewhere)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text

from stridelift.store import create_engine_for, head_revision, migrate
from stridelift.store.db import migrations_dir
from stridelift.store.models import complete_metadata
from tests.integration import test_store_postgres

pg_url = test_store_postgres.pg_url  # the shared "reachable PostgreSQL" fixture


def _revisions() -> list[str]:
    """Every revision, oldest first (the history must have a single head)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(cfg)
    assert len(script.get_heads()) == 1, f"several heads: {script.get_heads()}"
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = create_engine_for(f"sqlite:///{tmp_path / 'm.db'}")
        yield engine
        engine.dispose()
        return
    url = request.getfixturevalue("pg_url")
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine_for(url, connect_args={"options": f"-c search_path={schema}", "connect_timeout": 3})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _seed_activity(engine: Engine) -> None:
    now = dt.datetime(2026, 1, 5, 7, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO activities (content_sha256, source, sport, start_utc, duration_s, n_samples,"
                " streams, imported_at) VALUES ('ab', 'run.fit', 'running', :t, 60.0, 0, :b, :t)"
            ),
            {"t": now, "b": b""},
        )


def test_history_is_linear_and_ends_at_the_code_head() -> None:
    revs = _revisions()
    assert revs[0] == "0001" and revs[-1] == head_revision() and "w0001" in revs


@pytest.mark.parametrize("start", _revisions())
def test_upgrade_from_every_revision_keeps_rows_and_matches_the_models(fresh_engine: Engine, start: str) -> None:
    migrate(fresh_engine, start)
    _seed_activity(fresh_engine)
    migrate(fresh_engine)
    with fresh_engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        assert conn.execute(text("SELECT count(*) FROM activities")).scalar_one() == 1
        assert compare_metadata(MigrationContext.configure(conn), complete_metadata()) == []
    assert set(complete_metadata().tables) <= set(inspect(fresh_engine).get_table_names())


def test_web_revision_downgrades_and_upgrades_again(fresh_engine: Engine) -> None:
    from alembic import command

    migrate(fresh_engine)
    with fresh_engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations_dir()))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert "users" not in inspect(fresh_engine).get_table_names()
    migrate(fresh_engine)
    assert {"users", "set_logs", "api_tokens"} <= set(inspect(fresh_engine).get_table_names())

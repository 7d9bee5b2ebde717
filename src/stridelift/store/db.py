"""Engines, sessions and schema migration for SQLite files and PostgreSQL servers.

SQLite is set up so that a killed process can never leave half a transaction behind and a
reader never blocks the importer:

- WAL journal (readers see the last commit while a writer works) with ``synchronous=NORMAL``,
  which in WAL mode is still atomic and consistent after a crash of the process (only a power
  cut can lose the very last commits, never corrupt the file);
- foreign keys on (SQLite leaves them off unless asked, per connection);
- the stdlib driver's "legacy" transaction handling is replaced by an explicit ``BEGIN`` so DDL
  (the migrations) is transactional too; writers ask for ``BEGIN IMMEDIATE`` so two writers
  queue on the busy timeout instead of failing on a lock upgrade.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from .fresh import create_fresh
from .revisions import head_revisions as head_revisions
from .revisions import migrations_dir as migrations_dir

BUSY_TIMEOUT_MS: Final = 30_000
WRITE: Final = {"stridelift_write": True}  # execution option: this transaction will write
_MIGRATION_LOCK_KEY: Final = 0x5354524944  # "STRID": a PostgreSQL advisory lock for migrations


class MissingDriverError(ImportError):
    """A database URL whose driver is not installed (PostgreSQL's is the `postgres` extra)."""


def create_engine_for(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite files get their folder, WAL, foreign keys and explicit BEGIN."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        try:
            return create_engine(sa_url, **kwargs)
        except ImportError as exc:  # create_engine imports the driver
            extra = " pip install 'stridelift[postgres]'" if sa_url.get_backend_name() == "postgresql" else ""
            raise MissingDriverError(
                f"the {sa_url.get_backend_name()} driver {exc.name or sa_url.get_driver_name()!r} is not "
                f"installed:{extra or ' install it'}"
            ) from None
    db = sa_url.database
    if db and db != ":memory:" and not db.startswith("file:"):
        Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(sa_url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we send BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("stridelift_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """One unit of work: commit if the block ends normally, roll back on any exception."""
    bind = engine.execution_options(**WRITE) if write else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The revision the code expects (the single head of the migration history)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def revisions() -> list[str]:
    """The migration revisions, oldest first (the last one is the head)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrations_dir()))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def migrate(target: str | Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (the latest by default); a no-op when it is there already.

    Runs in one transaction (SQLite included, see the module note), so a kill mid-way leaves
    the old schema, and under a lock, so two processes starting at once migrate only once.
    """
    engine = create_engine_for(target) if isinstance(target, str) else target
    if revision == "head" and _at_head(engine):
        if isinstance(target, str):
            engine.dispose()
        return  # the usual case: one small query, and alembic is never imported
    if revision == "head" and create_fresh(engine, head_revisions()):
        if isinstance(target, str):
            engine.dispose()
        return  # a new SQLite file: the migrated schema replayed (store.fresh), alembic not imported
    from alembic import command

    try:
        with engine.execution_options(**WRITE).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK_KEY})
            command.upgrade(_alembic_config(conn), revision)
    finally:
        if isinstance(target, str):
            engine.dispose()


def _at_head(engine: Engine) -> bool:
    heads = head_revisions()
    if not heads:
        return False
    try:
        with engine.connect() as conn:
            current = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except Exception:  # no table yet (a new database), or no database: alembic's path says what
        return False
    return current == heads


def open_database(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured one), its schema migrated to the latest.

    Checking an up-to-date schema costs one small query, so every command can simply call this.
    """
    if url is None:
        from stridelift.config import get_settings

        url = get_settings().database_url
    engine = create_engine_for(url)
    migrate(engine)
    return engine

"""Opening a database only to read it (`load`, `plan --history`), and showing its URL safely.

Reading must leave no trace: no folder, no empty database, no migration, no `-wal`/`-shm` files
beside a SQLite file, and it must work from read-only media. So:

- SQLite is opened through a `file:` URI. Without a `-wal` file beside it every commit is in the
  main file, and it is opened `immutable=1` (SQLite then takes no locks and creates nothing); with
  one (an import is running, or one was killed) it is opened `mode=ro`, which reads the WAL too.
- PostgreSQL sessions are `default_transaction_read_only`.
- The schema is not migrated; a database of another schema revision is an error that says so.

Passwords never reach the terminal: every URL shown goes through `display_url`.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Final

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from .db import head_revisions

SUPPORTED: Final = "sqlite:///path.db or postgresql+psycopg://user@host/db"
_USERINFO = re.compile(r"(?<=://)([^/@:]*):[^/@]*@")


class DatabaseUrlError(ValueError):
    """A database URL or file that cannot be read; the message is one line, password masked."""


def display_url(url: str) -> str:
    """The URL with any password replaced by ***, also when SQLAlchemy cannot parse it."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _USERINFO.sub(r"\1:***@", url)


def parse_url(url: str) -> URL:
    """A URL of a backend stridelift supports; `postgresql://` means the psycopg 3 driver."""
    try:
        sa = make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseUrlError(f"{display_url(url)!r} is not a database URL; use {SUPPORTED}") from None
    if sa.drivername in ("postgresql", "postgres"):
        sa = sa.set(drivername="postgresql+psycopg")
    if sa.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DatabaseUrlError(f"unsupported database {display_url(url)}; use {SUPPORTED}")
    return sa


def _sqlite_uri(path: Path) -> str:
    wal = path.with_name(path.name + "-wal")
    return path.as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")


def open_sqlite_readonly(path: Path) -> Engine:
    """A SQLite file opened so that reading it writes nothing (see the module note)."""
    path = path.expanduser().resolve()
    if not path.is_file():
        raise DatabaseUrlError(f"{path}: no such database file")
    uri = _sqlite_uri(path)
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))


def open_readonly(url: str) -> Engine:
    """An engine that can only read; DatabaseUrlError when the URL or file is not usable."""
    sa = parse_url(url)
    if sa.get_backend_name() == "sqlite":
        db = sa.database or ""
        if db in ("", ":memory:") or db.startswith("file:"):
            raise DatabaseUrlError(f"{display_url(url)}: give the path of a SQLite file to read")
        return open_sqlite_readonly(Path(db))
    given = sa.query.get("options", "")  # e.g. ?options=-csearch_path%3Dother, kept
    options = " ".join([*(given if isinstance(given, tuple) else [given]), "-c default_transaction_read_only=on"])
    try:
        import psycopg  # noqa: F401 - create_engine imports it; say plainly when it is missing
    except ImportError:
        raise DatabaseUrlError(
            f"{display_url(url)}: the PostgreSQL driver psycopg is not installed: pip install 'stridelift[postgres]'"
        ) from None
    return create_engine(
        sa.difference_update_query(["options"]),
        pool_pre_ping=True,
        connect_args={"options": options.strip(), "connect_timeout": 10},
    )


def schema_problem(engine: Engine) -> str | None:
    """Why this database cannot be read by this stridelift (None: it can)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return "not a stridelift database (no schema version)"
        found = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    if found and found == head_revisions():
        return None  # the usual case, without importing alembic (half a second of every `load`)
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(Path(__file__).with_name("migrations")))
    heads = set(scripts.get_heads())
    if found == heads:
        return None
    known = {rev.revision for rev in scripts.walk_revisions()}
    if found <= known:
        return "its schema is older than this stridelift's; `stridelift import` upgrades it"
    return "its schema is newer than this stridelift's; upgrade stridelift"

"""A new, empty SQLite database gets the schema the migrations would build, without running them.

Running the migrations costs about a second of CPU (importing alembic and mako, four revisions,
a table copy), which was most of what importing one small file into a new database cost. The
schema they build is replayed instead from ``schema_sqlite.sql``: the ``CREATE`` statements of
a migrated database's ``sqlite_master``, in creation order, with the revision they were taken at.

The file is a cache, never the source: it is used only when its revision is exactly the head of
the migration scripts (otherwise the migrations run as before), and a test checks that replaying
it gives the same ``sqlite_master`` and the same rows as migrating. After adding a migration,
regenerate it with ``python -c "from stridelift.store.fresh import main; main()"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # SQLAlchemy is imported where it is used: the import's SQLite store reads the file without it
    from sqlalchemy import Connection, Engine

SCHEMA_FILE: Final = Path(__file__).with_name("schema_sqlite.sql")
_REVISION_PREFIX: Final = "-- revision: "
_END: Final = "\n;\n"  # ends each statement (a CREATE statement never holds a line of only ';')


def read_schema(path: Path = SCHEMA_FILE) -> tuple[frozenset[str], list[str]]:
    """(the revisions the file was taken at, its statements); nothing if there is no file."""
    try:
        text_ = path.read_text("utf-8")
    except OSError:
        return frozenset(), []
    first, _, body = text_.partition("\n")
    if not first.startswith(_REVISION_PREFIX):
        return frozenset(), []
    revisions = frozenset(first.removeprefix(_REVISION_PREFIX).split())
    statements = [s.strip() for s in body.split(_END) if s.strip()]
    return revisions, statements


def dump_schema(conn: Connection) -> str:
    """The file for a migrated SQLite database: its revision line, then its CREATE statements."""
    from sqlalchemy import text

    revisions = sorted(row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version")))
    rows = conn.execute(text("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")).scalars()
    statements = [str(sql) for sql in rows]
    if any(_END in s for s in statements):
        raise ValueError("a schema statement holds a line of only ';': cannot store it in this format")
    return _REVISION_PREFIX + " ".join(revisions) + "\n" + "".join(s + _END for s in statements)


def create_fresh(engine: Engine, heads: frozenset[str]) -> bool:
    """Build the head schema in an empty SQLite database in one transaction; False (nothing done)
    when the database is not SQLite, not empty, or the file is not at ``heads``."""
    if engine.dialect.name != "sqlite":
        return False
    from sqlalchemy import text

    revisions, statements = read_schema()
    if not statements or revisions != heads:
        return False
    from .db import WRITE

    with engine.execution_options(**WRITE).begin() as conn:  # BEGIN IMMEDIATE: one creator at a time
        if conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one():
            return False  # not new (or another process built it meanwhile): the migrations decide
        for statement in statements:
            conn.exec_driver_sql(statement)
        for revision in sorted(revisions):
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": revision})
    return True


def main() -> None:
    """Regenerate ``schema_sqlite.sql`` from the migrations (run after adding one)."""
    import tempfile

    from .db import create_engine_for, migrate

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine_for(f"sqlite:///{Path(tmp) / 'schema.db'}")
        migrate(engine, "heads")
        with engine.connect() as conn:
            SCHEMA_FILE.write_text(dump_schema(conn), "utf-8")
        engine.dispose()
    print(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()

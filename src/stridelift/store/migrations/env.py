"""Alembic environment: runs on the connection :func:`stridelift.store.db.migrate` hands over.

Run by hand (``alembic`` command), it opens ``-x url=...`` or the configured database instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from stridelift.store.models import complete_metadata

config = context.config
target_metadata = complete_metadata()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from stridelift.store.db import create_engine_for

    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        from stridelift.config import get_settings

        url = get_settings().database_url
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()

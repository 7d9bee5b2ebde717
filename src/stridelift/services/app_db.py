"""Opening the application's database for the web server and the account commands."""

from __future__ import annotations

from sqlalchemy import Engine

from stridelift.services.imports import database_url


def open_app_database(url: str | None = None) -> Engine:
    """The engine for `url` (default: STRIDELIFT_DATABASE_URL or the data-folder SQLite file),
    migrated to the latest schema."""
    from stridelift.store import open_database

    resolved, _ = database_url(url)
    return open_database(resolved)


def demo_database_url() -> str:
    """A fresh SQLite file in the data folder for `serve --demo` (the previous demo is replaced),
    unless STRIDELIFT_DATABASE_URL names a database to seed."""
    from stridelift.config import data_dir, get_settings

    configured = get_settings().model_fields_set
    if "database_url" in configured:
        return get_settings().database_url
    path = data_dir() / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return f"sqlite:///{path}"

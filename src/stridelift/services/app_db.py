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

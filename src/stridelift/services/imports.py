"""Importing activity files into the database: resolve the database, run the import, and turn
database failures into one-line errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.services.errors import ServiceError

if TYPE_CHECKING:
    from stridelift.importing import ImportProgress, ImportReport


def database_url(url: str | None = None) -> tuple[str, str]:
    """(url, the url shown to people, password hidden); the default is STRIDELIFT_DATABASE_URL or
    a SQLite file in the user's data folder (created when the database is opened)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from stridelift.config import get_settings
    from stridelift.store.readonly import DatabaseUrlError, parse_url

    try:
        resolved = url or get_settings().database_url
        shown = make_url(resolved).render_as_string(hide_password=True)
        resolved = parse_url(resolved).render_as_string(hide_password=False)  # a backend we support
    except DatabaseUrlError as exc:
        raise ServiceError(str(exc)) from None
    except ArgumentError:
        raise ServiceError(
            "STRIDELIFT_DATABASE_URL is not a database URL (sqlite:///path.db or postgresql+psycopg://...)"
        ) from None
    except OSError as exc:
        raise ServiceError(f"cannot create the data folder for the database: {exc}") from None
    return resolved, shown


def import_activities(
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
    url: str | None = None,
) -> ImportReport:
    """Read every activity under `paths` into the database; a bad file is reported in the result,
    never raised. KeyboardInterrupt passes through (stored batches are kept)."""
    for p in paths:
        if not p.exists():
            raise ServiceError(f"{p}: no such file or folder")
    from stridelift.importing import import_paths

    fast = _sqlite_import(url, paths, workers, progress, import_paths)
    if fast is not None:
        return fast
    from sqlalchemy.exc import SQLAlchemyError

    from stridelift.store import ActivityRepository, open_database
    from stridelift.store.db import MissingDriverError

    resolved, shown = database_url(url)
    try:
        repo = ActivityRepository(open_database(resolved))
        return import_paths(paths, repo=repo, workers=workers, progress=progress)
    except MissingDriverError as exc:
        raise ServiceError(f"database {shown}: {exc}") from None
    except (SQLAlchemyError, ImportError) as exc:  # the database or its driver; a bad file never raises
        detail = getattr(exc, "orig", None) or exc
        raise ServiceError(f"database {shown}: {type(detail).__name__}: {detail}") from None
    except OSError as exc:  # the walk reports unreadable files itself, so this is the database's folder
        raise ServiceError(f"database {shown}: {exc.strerror or exc}: {exc.filename or ''}") from None


def _sqlite_import(
    url: str | None,
    paths: Sequence[Path],
    workers: int | None,
    progress: Callable[[ImportProgress], None] | None,
    import_paths: Callable[..., ImportReport],
) -> ImportReport | None:
    """The import into a plain SQLite file on the standard library's sqlite3, without SQLAlchemy
    (``store.sqlite_import``: the same rows, 0.4 s of start-up less); None when the database is
    not one it takes (another backend, URL options, a schema to migrate): SQLAlchemy's way then."""
    import sqlite3

    from stridelift.config import get_settings
    from stridelift.store.sqlite_import import open_import_store, sqlite_path

    try:
        resolved = url or get_settings().database_url
    except OSError:
        return None  # the data folder: the SQLAlchemy way says what is wrong
    if sqlite_path(resolved) is None:
        return None
    shown = resolved  # a file URL has no password to hide
    try:
        store = open_import_store(resolved)
        if store is None:
            return None
        try:
            return import_paths(paths, repo=store, workers=workers, progress=progress)
        finally:
            store.close()
    except sqlite3.Error as exc:
        raise ServiceError(f"database {shown}: {type(exc).__name__}: {exc}") from None
    except OSError as exc:  # the walk reports unreadable files itself, so this is the database's folder
        raise ServiceError(f"database {shown}: {exc.strerror or exc}: {exc.filename or ''}") from None

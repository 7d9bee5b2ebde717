"""Storage: SQLAlchemy 2 tables, the activity repository, Alembic migrations.

>>> engine = open_database("sqlite:///runs.db")   # creates/migrates the schema on first use
>>> repo = ActivityRepository(engine)
>>> repo.add_many(activities)                      # (added, duplicates), one transaction

The names below are loaded on first use, so a module that needs only the SQLAlchemy-free parts
(``store.records``, ``store.streams``, the import's SQLite store) does not import SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import create_engine_for, head_revision, migrate, open_database, session_scope
    from .repository import ActivityRecord, ActivityRepository, ActivitySummary, to_record

_WHERE = {
    "create_engine_for": ".db",
    "head_revision": ".db",
    "migrate": ".db",
    "open_database": ".db",
    "session_scope": ".db",
    "ActivityRecord": ".records",
    "to_record": ".records",
    "ActivityRepository": ".repository",
    "ActivitySummary": ".repository",
}

__all__ = [
    "ActivityRecord",
    "ActivityRepository",
    "ActivitySummary",
    "create_engine_for",
    "head_revision",
    "migrate",
    "open_database",
    "session_scope",
    "to_record",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value

"""Storage: SQLAlchemy 2 tables, the activity repository, Alembic migrations.

>>> engine = open_database("sqlite:///runs.db")   # creates/migrates the schema on first use
>>> repo = ActivityRepository(engine)
>>> repo.add_many(activities)                      # (added, duplicates), one transaction
"""

from .db import create_engine_for, head_revision, migrate, open_database, session_scope
from .repository import ActivityRecord, ActivityRepository, ActivitySummary, to_record

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

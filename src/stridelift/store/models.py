"""The tables. Changing one means a new Alembic revision in ``migrations/versions``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend.

    PostgreSQL keeps a ``timestamptz``; SQLite has no time zones, so the value is converted to
    UTC before it is stored (naive) and marked UTC again when read. A naive datetime is refused
    rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a timezone-aware one")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


def complete_metadata() -> MetaData:
    """`Base.metadata` with every table on it: the activity tables here and the web app's tables
    (store.web_tables), which the import does not load (declaring them costs start-up). Anything
    that compares or creates the whole schema (migrations, schema tests) takes it from here."""
    from stridelift.store import web_tables  # noqa: F401  (registers the web tables)

    return Base.metadata


class ImportRun(Base):
    """One ``stridelift import`` run; ``finished_at`` stays NULL if the run was killed."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paths: Mapped[str] = mapped_column(Text, default="")
    files: Mapped[int] = mapped_column(Integer, default=0)
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)


class ActivityRow(Base):
    """One imported activity; ``streams`` holds its 1 Hz streams (see ``store.streams``)."""

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("content_sha256", name="uq_activities_content_sha256"),
        Index("ix_activities_start_utc", "start_utc"),
        Index("ix_activities_sport_start_utc", "sport", "start_utc"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    sport: Mapped[str] = mapped_column(String(16))
    sub_sport: Mapped[str | None] = mapped_column(String(64))
    start_utc: Mapped[datetime] = mapped_column(UtcDateTime)
    duration_s: Mapped[float] = mapped_column(Float)
    moving_time_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    avg_hr: Mapped[float | None] = mapped_column(Float)
    max_hr: Mapped[float | None] = mapped_column(Float)
    n_samples: Mapped[int] = mapped_column(Integer)
    streams: Mapped[bytes] = mapped_column(LargeBinary)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id", ondelete="SET NULL"))
    # revision 0002: what reading the file worked around, and the load code's stream statistics
    # (``domain.load.summarize``) so long histories are listed without decoding any stream
    warnings: Mapped[str | None] = mapped_column(Text)
    avg_speed_m_s: Mapped[float | None] = mapped_column(Float)
    work_speed_m_s: Mapped[float | None] = mapped_column(Float)
    work_hr: Mapped[float | None] = mapped_column(Float)
    speed_cv: Mapped[float | None] = mapped_column(Float)
    hr_cv: Mapped[float | None] = mapped_column(Float)
    surges: Mapped[int | None] = mapped_column(Integer)


class ActivityAlias(Base):
    """The content hash of a file whose activity is stored under another row (revision 0002).

    A second file of the same activity (another export, another format) is merged into the
    richer record; its hash stays known here so importing it again is a duplicate at once.
    """

    __tablename__ = "activity_aliases"

    content_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)

"""Tables of the web application: accounts, server sessions, API tokens, versioned profiles, kept
plans, and what the runner logged (sessions, sets, symptoms). Every row that belongs to a runner
carries `user_id`, so each query can be scoped to its owner (coaches later get their own link
table, not a rewrite)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from stridelift.store.models import Base, UtcDateTime


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("email", name="uq_users_email"),
        UniqueConstraint("calendar_secret_hash", name="uq_users_calendar_secret_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(255))
    units: Mapped[str] = mapped_column(String(2), default="kg")  # kg or lb
    calendar_secret_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class WebSessionRow(Base):
    """A signed-in browser. The cookie holds a random id; only its SHA-256 is stored, so a leaked
    database gives no live sessions."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"
    __table_args__ = (UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ProfileRow(Base):
    """One version of a runner's profile (the contract's profile as JSON); never updated in place."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("user_id", "version", name="uq_profiles_user_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PlanRow(Base):
    """Every generated plan is kept; `is_current` marks the one the runner follows."""

    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_user_current", "user_id", "is_current"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    plan_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SessionLogRow(Base):
    """A planned session the runner started; `session_key` (date and position) survives re-plans."""

    __tablename__ = "session_logs"
    __table_args__ = (UniqueConstraint("user_id", "session_key", name="uq_session_logs_user_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    session_key: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class SetLogRow(Base):
    """One logged set. `client_uuid` is made by the browser (or an Idempotency-Key), so a retried
    upload is recognised and stored once."""

    __tablename__ = "set_logs"
    __table_args__ = (
        UniqueConstraint("client_uuid", name="uq_set_logs_client_uuid"),
        Index("ix_set_logs_user_exercise", "user_id", "exercise_id"),
        Index("ix_set_logs_user_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_uuid: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    session_log_id: Mapped[int] = mapped_column(ForeignKey("session_logs.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(80))
    set_index: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[int | None] = mapped_column(Integer)
    warmup: Mapped[bool] = mapped_column(Boolean, default=False)
    performed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SymptomReportRow(Base):
    __tablename__ = "symptom_reports"
    __table_args__ = (Index("ix_symptom_reports_user_day", "user_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer)  # 0-10
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RunnerActivityRow(Base):
    """An activity a runner uploaded through the web app, reduced to its load (the streams are not
    kept: the progress page needs the day, the sport and the TRIMP). One row per start and sport,
    so uploading the same file again adds nothing."""

    __tablename__ = "runner_activities"
    __table_args__ = (
        UniqueConstraint("user_id", "started_at", "sport", name="uq_runner_activities_user_start_sport"),
        Index("ix_runner_activities_user_start", "user_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sport: Mapped[str] = mapped_column(String(20))
    duration_s: Mapped[float] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    trimp: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(16))  # banister-hr | pace | duration
    file_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LoginFailureRow(Base):
    """One failed log-in, counted per key ('ip:...' or 'account:...'); `at` is Unix time, shared by
    every worker process."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(320))
    at: Mapped[float] = mapped_column(Float)

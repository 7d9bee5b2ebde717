"""Web application: users, server sessions, API tokens, versioned profiles, kept plans, session,
set and symptom logs.

Revision ID: w0001
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "w0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _owner() -> sa.Column[int]:
    return sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("units", sa.String(2), nullable=False),
        sa.Column("calendar_secret_hash", sa.String(64), nullable=True),
        _ts("created_at"),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.UniqueConstraint("calendar_secret_hash", name="uq_users_calendar_secret_hash"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        _owner(),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("revoked_at", nullable=True),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        _ts("created_at"),
        _ts("last_used_at", nullable=True),
        _ts("revoked_at", nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("user_id", "version", name="uq_profiles_user_version"),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("profile_id", sa.Integer(), sa.ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("plan_json", sa.Text(), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_plans_user_current", "plans", ["user_id", "is_current"])
    op.create_table(
        "session_logs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plans.id", ondelete="SET NULL"), nullable=True),
        sa.Column("session_key", sa.String(40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _ts("completed_at", nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("user_id", "session_key", name="uq_session_logs_user_key"),
    )
    op.create_table(
        "set_logs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_uuid", sa.String(36), nullable=False),
        _owner(),
        sa.Column(
            "session_log_id", sa.Integer(), sa.ForeignKey("session_logs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.Column("set_index", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("rir", sa.Integer(), nullable=True),
        sa.Column("warmup", sa.Boolean(), nullable=False),
        _ts("performed_at"),
        _ts("received_at"),
        sa.UniqueConstraint("client_uuid", name="uq_set_logs_client_uuid"),
    )
    op.create_index("ix_set_logs_user_exercise", "set_logs", ["user_id", "exercise_id"])
    op.create_index("ix_set_logs_session_log_id", "set_logs", ["session_log_id"])
    op.create_table(
        "symptom_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("site", sa.String(40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_symptom_reports_user_day", "symptom_reports", ["user_id", "day"])


def downgrade() -> None:
    for table in ("symptom_reports", "set_logs", "session_logs", "plans", "profiles", "api_tokens", "web_sessions"):
        op.drop_table(table)
    op.drop_table("users")

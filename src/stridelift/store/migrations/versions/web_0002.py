"""Web application: activities a runner uploaded, reduced to their load (running against
strength load on the progress page).

Revision ID: w0002
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "w0002"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "runner_activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sport", sa.String(20), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("trimp", sa.Float(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "started_at", "sport", name="uq_runner_activities_user_start_sport"),
    )
    op.create_index("ix_runner_activities_user_start", "runner_activities", ["user_id", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_runner_activities_user_start", table_name="runner_activities")
    op.drop_table("runner_activities")

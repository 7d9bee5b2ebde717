"""Web application: logged sets indexed by runner and id, so the fingerprint of a runner's logged
sets (their highest id and their count, read on every "today's session") is a short index read
and not a scan of all the runner's sets.

Revision ID: w0004
Revises: w0003
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "w0004"
down_revision: str | None = "w0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_set_logs_user_id", "set_logs", ["user_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_set_logs_user_id", table_name="set_logs")

"""Per-activity stream statistics, import warnings, and aliases of merged duplicate files.

Revision ID: 0002
Revises: w0001
Create Date: 2026-11-30

Rows stored before this revision get their statistics computed here from their streams (the
same ``domain.load.summarize`` an import uses), in batches, so every row has them afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "w0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STAT_COLUMNS = ("avg_speed_m_s", "work_speed_m_s", "work_hr", "speed_cv", "hr_cv")
_BATCH = 200


def upgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("warnings", sa.Text(), nullable=True))
        for name in _STAT_COLUMNS:
            batch.add_column(sa.Column(name, sa.Float(), nullable=True))
        batch.add_column(sa.Column("surges", sa.Integer(), nullable=True))
    op.create_table(
        "activity_aliases",
        sa.Column("content_sha256", sa.String(64), primary_key=True),
        sa.Column(
            "activity_id", sa.Integer(), sa.ForeignKey("activities.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("source", sa.Text(), nullable=False),
    )
    op.create_index("ix_activity_aliases_activity_id", "activity_aliases", ["activity_id"])
    _backfill()


def _backfill() -> None:
    from stridelift.store.stats import stream_stats

    conn = op.get_bind()
    acts = sa.table(
        "activities",
        sa.column("id", sa.Integer()),
        sa.column("sport", sa.String()),
        sa.column("duration_s", sa.Float()),
        sa.column("moving_time_s", sa.Float()),
        sa.column("distance_m", sa.Float()),
        sa.column("n_samples", sa.Integer()),
        sa.column("streams", sa.LargeBinary()),
        *(sa.column(name, sa.Float()) for name in _STAT_COLUMNS),
        sa.column("surges", sa.Integer()),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(
                acts.c.id, acts.c.duration_s, acts.c.moving_time_s, acts.c.distance_m, acts.c.n_samples, acts.c.streams
            )
            .where(acts.c.id > last)
            .order_by(acts.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        for r in rows:
            try:
                stats = stream_stats(r.streams, r.n_samples, r.duration_s, r.moving_time_s, r.distance_m)
            except ValueError:  # a blob this code cannot read: the row stays, its statistics unknown
                continue
            conn.execute(sa.update(acts).where(acts.c.id == r.id).values(**stats))
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_activity_aliases_activity_id", table_name="activity_aliases")
    op.drop_table("activity_aliases")
    with op.batch_alter_table("activities") as batch:
        for name in ("surges", *_STAT_COLUMNS, "warnings"):
            batch.drop_column(name)

"""bench: indexes for the overview's avvik figures at 100,000 avvik

Revision ID: 0008_bench
Revises: 0007_deviations
Create Date: 2026-11-23 05:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_bench"
down_revision: str | Sequence[str] | None = "0007_deviations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deviation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deviation_status_deadline", ["status", "archived_at", "deadline"], unique=False
        )
        batch_op.create_index("ix_deviation_kind_severity", ["kind", "severity"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deviation", schema=None) as batch_op:
        batch_op.drop_index("ix_deviation_kind_severity")
        batch_op.drop_index("ix_deviation_status_deadline")

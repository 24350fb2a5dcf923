"""law: the written confirmation of a § 5-2 notice on avvik

Revision ID: 0011_law
Revises: 0008_bench
Create Date: 2026-12-05 15:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_law"
down_revision: str | Sequence[str] | None = "0010_everyday"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deviation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("written_confirmation_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("deviation", schema=None) as batch_op:
        batch_op.drop_column("written_confirmation_at")

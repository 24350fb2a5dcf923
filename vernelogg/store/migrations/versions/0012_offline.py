"""offline: a round checked out to a laptop (by whom, when, to which file, which checkout)

Revision ID: 0012_offline
Revises: 0011_law
Create Date: 2026-12-05 23:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_offline"
down_revision: str | Sequence[str] | None = "0011_law"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("safety_round", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("checked_out_by", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("checked_out_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("checked_out_to", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("checkout_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("safety_round", schema=None) as batch_op:
        batch_op.drop_column("checkout_id")
        batch_op.drop_column("checked_out_to")
        batch_op.drop_column("checked_out_at")
        batch_op.drop_column("checked_out_by")

"""law: § 5-2 written confirmation on avvik; AMU demand and the under-5 agreement

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
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("amu_demanded_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("amu_demanded_by", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("vo_agreement_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("vo_agreement_note", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("vo_agreement_note")
        batch_op.drop_column("vo_agreement_on")
        batch_op.drop_column("amu_demanded_by")
        batch_op.drop_column("amu_demanded_on")
    with op.batch_alter_table("deviation", schema=None) as batch_op:
        batch_op.drop_column("written_confirmation_at")

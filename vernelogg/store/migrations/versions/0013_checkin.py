"""checkin: how each checkout of a round to a laptop ended (delivered or undone)

Revision ID: 0013_checkin
Revises: 0012_offline
Create Date: 2026-12-06 02:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_checkin"
down_revision: str | Sequence[str] | None = "0012_offline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "round_checkin",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("checkout_id", sa.Uuid(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("file", sa.String(length=500), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["safety_round.id"], name=op.f("fk_round_checkin_round_id_safety_round")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_checkin")),
        sa.UniqueConstraint("checkout_id", name=op.f("uq_round_checkin_checkout_id")),
    )
    with op.batch_alter_table("round_checkin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_checkin_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("round_checkin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_checkin_round_id"))
    op.drop_table("round_checkin")

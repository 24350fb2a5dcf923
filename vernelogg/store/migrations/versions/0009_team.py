"""team: row versions on the records people edit, one active area per name

Revision ID: 0009_team
Revises: 0008_bench
Create Date: 2026-12-05 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_team"
down_revision: str | Sequence[str] | None = "0008_bench"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = (
    "deviation",
    "action",
    "safety_area",
    "person",
    "risk_assessment",
    "work_stoppage",
    "amu_meeting",
)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )
    op.create_index(
        "uq_safety_area_active_name",
        "safety_area",
        ["name"],
        unique=True,
        sqlite_where=sa.text("archived_at IS NULL"),
        postgresql_where=sa.text("archived_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_safety_area_active_name", table_name="safety_area")
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")

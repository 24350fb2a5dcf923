"""everyday: risk assessments get numbers (RV-YYYY-NNNN), given to existing ones

Existing assessments are numbered per year of their assessment date, oldest first,
and the counter for each year is set so the next one made in the app follows on.

Revision ID: 0010_everyday
Revises: 0008_bench
Create Date: 2026-12-05 15:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_everyday"
down_revision: str | Sequence[str] | None = "0009_team"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SERIES = "RV"


def _number_existing() -> None:
    bind = op.get_bind()
    assessment = sa.table(
        "risk_assessment",
        sa.column("id", sa.Uuid()),
        sa.column("assessed_on", sa.Date()),
        sa.column("created_at", sa.DateTime()),
        sa.column("number", sa.String()),
        sa.column("year", sa.Integer()),
        sa.column("seq", sa.Integer()),
    )
    counter = sa.table(
        "counter",
        sa.column("series", sa.String()),
        sa.column("year", sa.Integer()),
        sa.column("value", sa.Integer()),
    )
    rows = bind.execute(
        sa.select(assessment.c.id, assessment.c.assessed_on).order_by(
            assessment.c.assessed_on, assessment.c.created_at, assessment.c.id
        )
    ).all()
    seq: dict[int, int] = {}
    for row_id, assessed_on in rows:
        year = assessed_on.year
        seq[year] = seq.get(year, 0) + 1
        bind.execute(
            assessment.update()
            .where(assessment.c.id == row_id)
            .values(number=f"{SERIES}-{year}-{seq[year]:04d}", year=year, seq=seq[year])
        )
    bind.execute(counter.delete().where(counter.c.series == SERIES))
    if seq:
        bind.execute(
            counter.insert(),
            [{"series": SERIES, "year": year, "value": top} for year, top in seq.items()],
        )


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN and indexes: rebuilding the table (batch mode) would
    # drop it under the hazards that point to it.
    op.add_column("risk_assessment", sa.Column("number", sa.String(length=20), nullable=True))
    op.add_column("risk_assessment", sa.Column("year", sa.Integer(), nullable=True))
    op.add_column("risk_assessment", sa.Column("seq", sa.Integer(), nullable=True))
    _number_existing()
    op.create_index("ix_risk_assessment_number", "risk_assessment", ["number"], unique=True)
    op.create_index("ix_risk_assessment_year_seq", "risk_assessment", ["year", "seq"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_risk_assessment_year_seq", table_name="risk_assessment")
    op.drop_index("ix_risk_assessment_number", table_name="risk_assessment")
    with op.batch_alter_table("risk_assessment", schema=None) as batch_op:
        batch_op.drop_column("seq")
        batch_op.drop_column("year")
        batch_op.drop_column("number")
    op.execute(sa.text("DELETE FROM counter WHERE series = 'RV'"))

"""deviations: avvik timeline, aml. § 5-2 notification, search columns and list indexes

Revision ID: 0007_deviations
Revises: 0006_rounds
Create Date: 2026-11-23 02:42:59.056640
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_deviations"
down_revision: str | Sequence[str] | None = "0006_rounds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _normalise(*parts: str | None) -> str:
    """The same lower-case form the models keep in search_text (casefold, one space)."""
    return " ".join(" \n".join(p for p in parts if p).casefold().split())


def _fill_search_text() -> None:
    """Rows written before this revision get their search text once."""
    bind = op.get_bind()
    deviation = sa.table(
        "deviation",
        sa.column("id", sa.Uuid()),
        sa.column("number", sa.String()),
        sa.column("description", sa.Text()),
        sa.column("immediate_action", sa.Text()),
        sa.column("cause", sa.Text()),
        sa.column("reporter_name", sa.String()),
        sa.column("closing_note", sa.Text()),
        sa.column("search_text", sa.Text()),
    )
    rows = bind.execute(
        sa.select(
            deviation.c.id,
            deviation.c.number,
            deviation.c.description,
            deviation.c.immediate_action,
            deviation.c.cause,
            deviation.c.reporter_name,
            deviation.c.closing_note,
        )
    ).all()
    for r in rows:
        text = _normalise(
            r.number, r.description, r.immediate_action, r.cause, r.reporter_name, r.closing_note
        )
        bind.execute(deviation.update().where(deviation.c.id == r.id).values(search_text=text))
    action = sa.table(
        "action",
        sa.column("id", sa.Uuid()),
        sa.column("title", sa.String()),
        sa.column("description", sa.Text()),
        sa.column("source_label", sa.String()),
        sa.column("search_text", sa.Text()),
    )
    for row in bind.execute(
        sa.select(action.c.id, action.c.title, action.c.description, action.c.source_label)
    ).all():
        text = _normalise(row.title, row.description, row.source_label)
        bind.execute(action.update().where(action.c.id == row.id).values(search_text=text))


def upgrade() -> None:
    op.create_table(
        "deviation_event",
        sa.Column("deviation_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deviation_id"],
            ["deviation.id"],
            name=op.f("fk_deviation_event_deviation_id_deviation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deviation_event")),
    )
    with op.batch_alter_table("deviation_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deviation_event_deviation_at", ["deviation_id", "at"], unique=False
        )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index("ix_action_deadline", ["deadline"], unique=False)

    with op.batch_alter_table("deviation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("location", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("authority_notified_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("police_notified_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("delegate_copy_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("notification_note", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index(
            "ix_deviation_area_occurred", ["area_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_deviation_responsible", ["responsible_id", "deadline"], unique=False
        )
        batch_op.create_index(
            "ix_deviation_status_occurred", ["status", "occurred_at"], unique=False
        )

    if op.get_bind().dialect.name == "sqlite":
        # See the model: a covering index for search as you type, SQLite only.
        with op.batch_alter_table("deviation", schema=None) as batch_op:
            batch_op.create_index(
                "ix_deviation_search",
                ["archived_at", "occurred_at", "status", "search_text"],
                unique=False,
            )

    _fill_search_text()

    # The defaults were only there to fill existing rows; the models give the values.
    # SQLite keeps them: dropping a default there rebuilds the table, and rebuilding
    # `action` or `deviation` while tiltak of risk assessments and AMU or linked stops
    # point at them fails with foreign keys on (they are harmless: every insert names
    # the columns).
    if op.get_bind().dialect.name == "sqlite":
        return
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.alter_column("search_text", server_default=None)
    with op.batch_alter_table("deviation", schema=None) as batch_op:
        for column in ("location", "notification_note", "search_text"):
            batch_op.alter_column(column, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("deviation", schema=None) as batch_op:
        if op.get_bind().dialect.name == "sqlite":
            batch_op.drop_index("ix_deviation_search")
        batch_op.drop_index("ix_deviation_status_occurred")
        batch_op.drop_index("ix_deviation_responsible")
        batch_op.drop_index("ix_deviation_area_occurred")
        batch_op.drop_column("search_text")
        batch_op.drop_column("notification_note")
        batch_op.drop_column("delegate_copy_at")
        batch_op.drop_column("police_notified_at")
        batch_op.drop_column("authority_notified_at")
        batch_op.drop_column("location")

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_deadline")
        batch_op.drop_column("search_text")

    with op.batch_alter_table("deviation_event", schema=None) as batch_op:
        batch_op.drop_index("ix_deviation_event_deviation_at")

    op.drop_table("deviation_event")

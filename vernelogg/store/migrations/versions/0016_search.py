"""search: the index behind «Søk i alt», filled from every record

`search_entry` holds one row per searchable record (see store/search_index.py). On
SQLite an FTS5 table with the trigram tokenizer indexes its text, kept in step by
triggers on `search_entry`; on PostgreSQL pg_trgm GIN indexes do (the extension is
trusted since PostgreSQL 13). Where neither can be made, the search reads the table
without them.

Revision ID: 0016_search
Revises: 0012_offline
Create Date: 2026-12-06 03:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016_search"
down_revision: str | Sequence[str] | None = "0015_rights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from vernelogg.store import search_index

    bind = op.get_bind()
    search_index.metadata.create_all(bind, tables=[search_index.search_entry])
    search_index.rebuild(bind)
    search_index.create_text_index(bind)


def downgrade() -> None:
    from vernelogg.store import search_index

    bind = op.get_bind()
    search_index.drop_text_index(bind)
    search_index.search_entry.drop(bind)

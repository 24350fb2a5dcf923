"""Every migration upgrades an older database in place, after a backup."""

from __future__ import annotations

import sqlite3
import warnings

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from vernelogg.store.database import Database
from vernelogg.store.migrations.runner import alembic_config, schema_state, upgrade
from vernelogg.store.models import Base


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_migrations_build_the_schema_the_models_describe(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from vernelogg.store import search_index

    def only(metadata):
        # The search index's FTS5 table and its shadow tables are the index's own.
        return lambda name, kind, _parents: kind != "table" or name in metadata.tables

    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = []
        for metadata in (Base.metadata, search_index.metadata):
            context = MigrationContext.configure(conn, opts={"include_name": only(metadata)})
            with warnings.catch_warnings():  # the index on lower(number) is not reflected
                warnings.simplefilter("ignore")
                diff += compare_metadata(context, metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


def test_older_database_is_backed_up_then_upgraded(tmp_path):
    revisions = _revisions()
    if len(revisions) < 2:
        pytest.skip("only one schema version so far")
    path = tmp_path / "gammel.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, revisions[-2])
    engine.dispose()
    db = Database.open(f"sqlite:///{path}")
    try:
        assert schema_state(db.engine).up_to_date
        assert db.last_backup is not None and db.last_backup.exists()
        con = sqlite3.connect(db.last_backup)
        (version,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
        con.close()
        assert version == revisions[-2]
    finally:
        db.close()


def test_up_to_date_database_is_not_backed_up(db):
    reopened = Database.open(db.url)
    try:
        assert reopened.last_backup is None
    finally:
        reopened.close()

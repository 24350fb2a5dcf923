"""Before a shared server database is upgraded, the admin confirms that a pg_dump was
taken: without it nothing is changed and the message says how to take one."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from vernelogg.cli import main
from vernelogg.store.database import Database, pg_dump_command
from vernelogg.store.errors import BackupNeededError
from vernelogg.store.migrations.runner import schema_state, upgrade

OLDER = "0011_law"


@pytest.fixture
def older_url(empty_db_url) -> str:
    """A database that an earlier version of Vernelogg made (one schema step behind)."""
    engine = create_engine(empty_db_url)
    upgrade(engine, OLDER)
    engine.dispose()
    return empty_db_url


def _version(url: str) -> frozenset[str]:
    engine = create_engine(url)
    try:
        return schema_state(engine).current
    finally:
        engine.dispose()


def test_a_server_database_is_upgraded_only_after_the_pg_dump_is_confirmed(older_url):
    if older_url.startswith("sqlite"):
        db = Database.open(older_url)  # a file: the app copies it first, nobody is asked
        assert db.last_backup is not None and db.last_backup.exists()
        db.close()
        return
    with pytest.raises(BackupNeededError) as refused:
        Database.open(older_url)
    message = str(refused.value)
    assert "må oppgraderes" in message and "Databasen er ikke endret." in message
    assert "pg_dump -Fc -f" in message and "--bekreftet-sikkerhetskopi" in message
    assert refused.value.pg_dump in message
    assert _version(older_url) == {OLDER}

    db = Database.open(older_url, backup_confirmed=True)
    assert schema_state(db.engine).up_to_date
    db.close()


def test_the_command_line_asks_for_the_flag(older_url, capsys):
    if older_url.startswith("sqlite"):
        pytest.skip("a server database: PostgreSQL only")
    assert main(["--db", older_url, "deadlines"]) == 2
    err = capsys.readouterr().err
    assert "pg_dump" in err and "--bekreftet-sikkerhetskopi" in err
    assert _version(older_url) == {OLDER}

    # With the flag it is upgraded (and then says the database has no undertaking yet).
    assert main(["--db", older_url, "--bekreftet-sikkerhetskopi", "deadlines"]) == 2
    assert "Databasen er tom" in capsys.readouterr().err
    assert _version(older_url) != {OLDER}


def test_the_pg_dump_command_names_the_server_but_not_the_password():
    url = "postgresql+psycopg://ola:hemmelig@db.firma.no:5432/vernelogg"
    assert pg_dump_command(url) == (
        'pg_dump -Fc -f vernelogg-for-oppgradering.dump "postgresql://ola@db.firma.no:5432/vernelogg"'
    )

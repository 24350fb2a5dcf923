"""Migration 0015 (rights): on SQLite only the login column; on PostgreSQL the group
roles, grants, policies and trigger, which can be made again where they exist."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text

from tests.conftest import POSTGRES
from vernelogg.store.database import Database
from vernelogg.store.migrations.runner import alembic_config, revision_graph, upgrade

RIGHTS = "0015_rights"
(BEFORE,) = revision_graph()[RIGHTS]
GROUPS = {"vernelogg_ledelse", "vernelogg_verneombud", "vernelogg_amu", "vernelogg_lesetilgang"}


def _migrate(engine: Engine, target: str, *, down: bool = False) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)


def test_on_sqlite_the_rights_migration_adds_the_login_column_and_nothing_else(tmp_path):
    path = tmp_path / "en-person.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, BEFORE)
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO person (id, name, title, email, phone, version, created_at, "
            "updated_at) VALUES ('a1', 'Per Johansen', '', '', '', 1, '2026-01-01', "
            "'2026-01-01')"
        )
    schema_before = set(con.execute("SELECT type, name, sql FROM sqlite_master"))
    con.close()
    upgrade(engine, RIGHTS)
    con = sqlite3.connect(path)
    added = set(con.execute("SELECT type, name, sql FROM sqlite_master")) - schema_before
    rows = con.execute("SELECT name, db_login FROM person").fetchall()
    con.close()
    assert rows == [("Per Johansen", None)]
    # The person table with its new column, and the index that keeps a login unique.
    assert {(kind, name) for kind, name, _ in added} == {
        ("table", "person"),
        ("index", "uq_person_db_login"),
    }
    _migrate(engine, BEFORE, down=True)
    _migrate(engine, RIGHTS)
    engine.dispose()


def _rights_in_place(engine: Engine) -> dict[str, object]:
    with engine.connect() as conn:
        return {
            "policies": conn.execute(text("SELECT count(*) FROM pg_policies")).scalar_one(),
            "triggers": conn.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname = 'vernelogg_guard_area'")
            ).scalar_one(),
            "rls": set(
                conn.execute(
                    text("SELECT relname FROM pg_class WHERE relrowsecurity ORDER BY relname")
                ).scalars()
            ),
            "groups": set(
                conn.execute(
                    text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'vernelogg%'")
                ).scalars()
            ),
            "verneombud may insert avvik": conn.execute(
                text("SELECT has_table_privilege('vernelogg_verneombud', 'deviation', 'INSERT')")
            ).scalar_one(),
        }


@pytest.mark.skipif(not POSTGRES, reason="rollene og policyene finnes bare på PostgreSQL")
def test_on_postgresql_the_rights_migration_can_run_again(empty_db_url):
    # The group roles belong to the server: the test databases made before this one
    # already created them, so this first run finds them and goes on.
    db = Database.open(empty_db_url)
    engine = db.engine
    try:
        first = _rights_in_place(engine)
        assert first["groups"] >= GROUPS
        assert first["rls"] == {"action", "attachment", "audit_log", "deviation", "deviation_event"}
        assert first["triggers"] == 4
        assert first["verneombud may insert avvik"] is True
        _migrate(engine, BEFORE, down=True)
        gone = _rights_in_place(engine)
        assert (gone["policies"], gone["triggers"], gone["rls"]) == (0, 0, set())
        assert gone["verneombud may insert avvik"] is False
        assert gone["groups"] == first["groups"]  # other databases may use them
        _migrate(engine, RIGHTS)
        assert _rights_in_place(engine) == first
        with engine.begin() as conn:
            conn.execute(text("SELECT vernelogg_grant_rights()"))  # and once more by hand
        assert _rights_in_place(engine) == first
    finally:
        db.close()

"""Migration 0015 (rights): on SQLite only the login column; on PostgreSQL the group
roles, grants, policies and trigger, which can be made again where they exist."""

from __future__ import annotations

import sqlite3
import uuid

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


@pytest.mark.skipif(not POSTGRES, reason="rollene og policyene finnes bare på PostgreSQL")
def test_the_schema_owner_migrates_and_keeps_every_right(empty_db_url):
    """The owner IT makes (not a superuser, no CREATEROLE: the group roles exist) builds
    the schema and is bound by no policy: it reads confidential avvik and writes in
    every area, and the audit log names its login, connected to no person."""
    from datetime import UTC, datetime

    from sqlalchemy.engine import make_url

    from vernelogg.services import areas
    from vernelogg.services import deviations as dev

    owner = f"vl_eier_{uuid.uuid4().hex[:8]}"
    name = f"vl_test_eier_{uuid.uuid4().hex[:8]}"
    admin = create_engine(empty_db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{owner}" LOGIN'))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    url = make_url(empty_db_url).set(username=owner, database=name)
    try:
        db = Database.open(url.render_as_string(hide_password=False))
        try:
            assert db.signed_in is not None
            assert (db.signed_in.unrestricted, db.signed_in.person_id) == (True, None)
            area = areas.create_area(db, name="Lager")
            ref = dev.register_deviation(
                db,
                area_id=area.id,
                description="Trakassering, navngitt",
                occurred_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
                kind="harassment",
                severity="high",
                reporter_name="Anne Ansatt",
                confidential=True,
            )
            dev.add_comment(db, ref.id, "Samtale holdt.")
            with db.engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM deviation")).scalar_one() == 1
                who = set(conn.execute(text("SELECT who FROM audit_log")).scalars())
            assert who == {owner}
            assert _rights_in_place(db.engine)["verneombud may insert avvik"] is True
        finally:
            db.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{owner}"'))
        admin.dispose()

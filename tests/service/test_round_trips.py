"""A read costs as few round trips as it can: on PostgreSQL it runs in autocommit (no
BEGIN, no ROLLBACK), and a pooled connection is pinged only after it sat idle. A read
may never write, on either database."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.conftest import POSTGRES
from vernelogg.store import database as database_module
from vernelogg.store.database import Database
from vernelogg.store.models import Person

on_postgres = pytest.mark.skipif(not POSTGRES, reason="about PostgreSQL's connections")


def test_a_read_cannot_write(org_db):
    with pytest.raises(RuntimeError, match="db.read\\(\\) kan ikke lagre"), org_db.read() as s:
        s.add(Person(name="Kari Nordmann"))
        s.flush()
    with org_db.read() as s:
        assert s.scalar(select(Person.id).where(Person.name == "Kari Nordmann")) is None


@on_postgres
def test_reads_run_in_autocommit_and_writes_in_a_transaction(org_db):
    with org_db.read() as s:
        assert s.connection().connection.dbapi_connection.autocommit is True
    with org_db.write() as s:
        assert s.connection().connection.dbapi_connection.autocommit is False
    # A read that streams rows (a server-side cursor) asks for a transaction.
    with org_db.read(in_transaction=True) as s:
        assert s.connection().connection.dbapi_connection.autocommit is False
    # The same pooled connection goes back to transactions after a read.
    with org_db.read() as s:
        s.scalar(text("SELECT 1"))
    with org_db.write() as s:
        assert s.connection().connection.dbapi_connection.autocommit is False


@on_postgres
def test_an_idle_connection_that_died_is_replaced_before_the_next_read(org_db, monkeypatch):
    monkeypatch.setattr(database_module, "PING_AFTER_IDLE_S", 0.0)
    url = org_db.engine.url.render_as_string(hide_password=False)
    client = Database.open(url, migrate=False)
    try:
        with client.read() as s:
            pid = s.scalar(text("SELECT pg_backend_pid()"))
        # The server ends the pooled connection while the client sits idle.
        with org_db.read() as s:
            assert s.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}) is True
        with client.read() as s:  # pinged, found dead, replaced: the read just works
            assert s.scalar(text("SELECT pg_backend_pid()")) != pid
    finally:
        client.close()


@on_postgres
def test_a_connection_in_use_is_not_pinged(org_db, monkeypatch):
    monkeypatch.setattr(database_module, "PING_AFTER_IDLE_S", 3600.0)
    sent: list[str] = []
    with org_db.read() as s:
        s.scalar(text("SELECT 1"))
    raw = org_db.engine.raw_connection()
    raw.close()
    from sqlalchemy import event

    def record(conn, cursor, statement, *args):
        sent.append(statement)

    event.listen(org_db.engine, "before_cursor_execute", record)
    try:
        with org_db.read() as s:
            s.scalar(text("SELECT 2"))
    finally:
        event.remove(org_db.engine, "before_cursor_execute", record)
    assert sent == ["SELECT 2"]

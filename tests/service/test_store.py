"""Opening databases: fresh, bad files, locked, no write access, newer schema, backups."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from vernelogg.store.database import Database
from vernelogg.store.errors import (
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
    NotWritableError,
)
from vernelogg.store.migrations.runner import schema_state
from vernelogg.store.models import AuditEntry, SafetyArea


def test_fresh_database_is_created_with_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "ny.sqlite"
    db = Database.open(f"sqlite:///{path}")
    try:
        assert path.exists()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert schema_state(db.engine).up_to_date
    finally:
        db.close()


def test_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notater.txt"
    path.write_text("Dette er ikke en database\n")
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="ikke en Vernelogg-database"):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == before
    assert not (tmp_path / "notater.txt-wal").exists()


def test_other_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "annen.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE kunder (id INTEGER)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="ikke en Vernelogg-database"):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_newer_schema_is_refused_and_left_untouched(db_path):
    Database.open(f"sqlite:///{db_path}").close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="nyere versjon"):
        Database.open(f"sqlite:///{db_path}")
    assert db_path.read_bytes() == before


def test_locked_database_gives_clear_error(db_path):
    Database.open(f"sqlite:///{db_path}").close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError, match="låst av et annet program"):
            Database.open(f"sqlite:///{db_path}", busy_timeout_ms=200)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.sqlite_only
def test_write_in_locked_database_loses_nothing_and_says_so(db, db_path):
    from vernelogg.services import areas

    areas.create_area(db, name="Lager")
    holder = sqlite3.connect(db_path, isolation_level=None, timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")
    quick = Database.open(f"sqlite:///{db_path}", busy_timeout_ms=200)
    try:
        with pytest.raises(DatabaseLockedError):
            areas.create_area(quick, name="Verksted")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    names = [a.name for a in areas.list_areas(quick)]
    quick.close()
    assert names == ["Lager"]


def test_directory_instead_of_file_is_refused(tmp_path):
    with pytest.raises(NotADatabaseError, match="mappe"):
        Database.open(f"sqlite:///{tmp_path}")


def _unwritable_folder(tmp_path):
    """A folder this process cannot create files in, even when running as root."""
    if os.geteuid() != 0:
        folder = tmp_path / "skrivebeskyttet"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    return Path("/sys/kernel")  # sysfs refuses new files, also for root


def test_folder_without_write_access(tmp_path):
    folder = _unwritable_folder(tmp_path)
    try:
        (folder / "probe").write_text("x")
    except OSError:
        pass
    else:
        pytest.skip("found no folder without write access on this machine")
    with pytest.raises(NotWritableError, match="Mangler skrivetilgang"):
        Database.open(f"sqlite:///{folder}/vernelogg.sqlite")
    assert not (folder / "vernelogg.sqlite").exists()


def test_missing_parent_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(NotWritableError, match="Kan ikke opprette mappen"):
        Database.open(f"sqlite:///{blocker}/under/vernelogg.sqlite")


def test_every_change_is_audited_with_who_and_old_and_new(db):
    from vernelogg.services import areas
    from vernelogg.store.audit import set_current_user

    set_current_user("Kari Nordmann")
    try:
        area = areas.create_area(db, name="Lager")
        areas.rename_area(db, area.id, "Lager og logistikk")
    finally:
        set_current_user(None)
    with db.read() as s:
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == area.id).order_by(AuditEntry.at)
        ).all()
    assert rows[0].action == "create"
    rename = [r for r in rows if r.field == "name"]
    assert rename and rename[0].old == "Lager" and rename[0].new == "Lager og logistikk"
    assert {r.who for r in rows} == {"Kari Nordmann"}


def test_failed_action_leaves_nothing_half_saved(db):
    with pytest.raises(RuntimeError), db.write() as s:
        s.add(SafetyArea(name="Halvferdig"))
        s.flush()
        raise RuntimeError("avbrutt")
    with db.read() as s:
        assert s.scalar(select(SafetyArea).limit(1)) is None
        assert s.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0


@pytest.mark.sqlite_only
def test_backup_is_a_consistent_copy(db, tmp_path):
    from vernelogg.services import areas

    areas.create_area(db, name="Verksted")
    target = db.backup_to(tmp_path / "kopi.sqlite")
    copy = Database.open(f"sqlite:///{target}")
    try:
        assert [a.name for a in areas.list_areas(copy)] == ["Verksted"]
    finally:
        copy.close()

"""A database made at every earlier revision, with rows in every table, opens in the
current version with nothing lost: the same number of rows and the same values."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine

from vernelogg.store.database import Database
from vernelogg.store.migrations import runner
from vernelogg.store.migrations.runner import alembic_config, schema_state, upgrade

ROWS_PER_TABLE = 2


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _value(table, column, i: int, chosen: dict):
    """A value of the column's type; foreign keys point at the row made for the parent."""
    for fk in column.foreign_keys:
        parent = fk.column.table.name
        if parent == table.name:
            return None if column.nullable else chosen.get("__self__")
        return chosen[(parent, fk.column.name, i)]
    kind = str(column.type).upper()
    if kind.startswith("CHAR(32)"):
        return uuid.uuid4().hex
    if kind.startswith(("VARCHAR", "TEXT", "CHAR")):
        length = getattr(column.type, "length", None) or 200
        return f"{table.name}.{column.name}.{i}"[-length:]
    if kind.startswith(("INTEGER", "BIGINT", "SMALLINT")):
        return i + 1
    if kind.startswith("BOOLEAN"):
        return i % 2
    if kind.startswith("DATETIME"):
        return f"2025-0{i + 1}-1{i} 0{i}:30:00.000000"
    if kind.startswith("DATE"):
        return date(2025, i + 1, 10 + i).isoformat()
    if kind.startswith(("FLOAT", "REAL", "NUMERIC")):
        return 1.5 + i
    if kind.startswith("BLOB"):
        return f"bytes {i}".encode()
    raise AssertionError(f"no sample value for {table.name}.{column.name} ({kind})")


def _fill(path) -> dict[str, list[dict]]:
    """Rows in every table of the file, parents first; returns what was written."""
    engine = create_engine(f"sqlite:///{path}")
    meta = MetaData()
    meta.reflect(engine)
    engine.dispose()
    written: dict[str, list[dict]] = {}
    chosen: dict = {}
    con = sqlite3.connect(path)
    with con:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = []
            for i in range(ROWS_PER_TABLE):
                row = {}
                for column in table.columns:
                    row[column.name] = _value(table, column, i, chosen)
                    chosen[(table.name, column.name, i)] = row[column.name]
                names = ", ".join(f'"{name}"' for name in row)
                marks = ", ".join("?" * len(row))
                con.execute(
                    f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', [*row.values()]
                )
                rows.append(row)
            written[table.name] = rows
    con.close()
    return written


def _read(path, table: str) -> list[dict]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(f'SELECT * FROM "{table}"')]
    finally:
        con.close()


# Bookkeeping tables an upgrade may add rows to (never remove or change one): the counter
# for RV numbers (0010) and the note of the version that wrote the schema.
MAY_GAIN_ROWS = {"counter", "setting"}


@pytest.mark.parametrize("revision", _revisions()[:-1])
def test_database_at_every_revision_upgrades_with_nothing_lost(tmp_path, revision):
    path = tmp_path / f"at-{revision}.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, revision)
    engine.dispose()
    written = _fill(path)
    assert written, "the revision has tables"

    db = Database.open(f"sqlite:///{path}")
    try:
        assert schema_state(db.engine).up_to_date
    finally:
        db.close()

    lost = []
    for table, rows in written.items():
        now = _read(path, table)
        if len(now) < len(rows) or (len(now) > len(rows) and table not in MAY_GAIN_ROWS):
            lost.append(f"{table}: {len(rows)} rows before, {len(now)} after")
            continue
        for before in rows:
            match = [r for r in now if all(r.get(k) == v for k, v in before.items() if k in r)]
            if len(match) != 1:
                lost.append(f"{table}: the row {before} changed")
    assert lost == []


def test_one_backup_per_version_however_many_tries(tmp_path, monkeypatch):
    revisions = _revisions()
    path = tmp_path / "gammel.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, revisions[-2])
    engine.dispose()

    def broken(engine, target="heads"):
        raise RuntimeError("oppgraderingen feilet")

    monkeypatch.setattr(runner, "upgrade", broken)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            Database.open(f"sqlite:///{path}")
    monkeypatch.undo()
    db = Database.open(f"sqlite:///{path}")
    db.close()
    backups = list((tmp_path / "sikkerhetskopier").iterdir())
    assert len(backups) == 1, backups
    assert revisions[-2] in backups[0].name

"""Alembic, run from code: where the schema stands and how to bring it up to date."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, inspect

HERE = Path(__file__).resolve().parent


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


@dataclass(frozen=True)
class SchemaState:
    current: frozenset[str]
    heads: frozenset[str]
    known: bool
    foreign_tables: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.heads


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        current = frozenset(MigrationContext.configure(conn).get_current_heads())
        tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
    return state_of(current, bool(tables))


def sqlite_schema_state(path: Path) -> SchemaState:
    """Read where a file stands without changing a byte of it (read-only connection)."""
    if not path.exists() or path.stat().st_size == 0:
        return state_of(frozenset(), False)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            row[0]
            for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        }
        current: frozenset[str] = frozenset()
        if "alembic_version" in tables:
            current = frozenset(
                r[0] for r in con.execute("SELECT version_num FROM alembic_version")
            )
    finally:
        con.close()
    return state_of(current, bool(tables - {"alembic_version"}))


def state_of(current: frozenset[str], has_tables: bool) -> SchemaState:
    script = ScriptDirectory.from_config(alembic_config())
    heads = frozenset(script.get_heads())
    known = True
    for rev in current:
        try:
            if script.get_revision(rev) is None:
                known = False
        except CommandError:
            known = False
    return SchemaState(current, heads, known, foreign_tables=has_tables and not current)


def upgrade(engine: Engine, target: str = "heads") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)

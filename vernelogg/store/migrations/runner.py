"""Alembic, run from code: where the schema stands and how to bring it up to date.

Where the schema stands is read without Alembic: the revision ids come from the
migration files (parsed, not imported) and the database's from its `alembic_version`
table. Alembic itself (a third of a second to import) is loaded only when there is
something to migrate, so opening an up-to-date database stays quick.
"""

from __future__ import annotations

import ast
import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


@cache
def revision_graph() -> dict[str, tuple[str, ...]]:
    """Every revision in versions/ → the revisions it follows (from the module-level
    `revision` and `down_revision` assignments, as Alembic reads them)."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((HERE / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                name, value = node.target.id, node.value
            elif (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                name, value = node.targets[0].id, node.value
            else:
                continue
            if name in ("revision", "down_revision") and value is not None:
                values[name] = ast.literal_eval(value)
        revision = values.get("revision")
        if not isinstance(revision, str):
            continue
        down = values.get("down_revision")
        if down is None:
            graph[revision] = ()
        elif isinstance(down, str):
            graph[revision] = (down,)
        elif isinstance(down, list | tuple):
            graph[revision] = tuple(str(d) for d in down)
    return graph


def heads() -> frozenset[str]:
    graph = revision_graph()
    followed = {down for downs in graph.values() for down in downs}
    return frozenset(set(graph) - followed)


@dataclass(frozen=True)
class SchemaState:
    current: frozenset[str]
    heads: frozenset[str]
    known: bool
    foreign_tables: bool
    written_by: str | None = None  # the app version that last migrated it

    @property
    def up_to_date(self) -> bool:
        return self.current == self.heads


# The setting that names the app version which last migrated the schema: an older
# client that finds a newer schema tells the person which version to install.
WRITTEN_BY_KEY = "schema_written_by"
# Key of PostgreSQL's advisory lock held while a client migrates a server database.
MIGRATION_LOCK = 0x7665726E  # "vern"


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        return connection_state(conn)


def connection_state(conn: Connection) -> SchemaState:
    names = inspect(conn).get_table_names()
    current: frozenset[str] = frozenset()
    if "alembic_version" in names:
        current = frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    tables = [t for t in names if t != "alembic_version"]
    written_by = None
    if "setting" in names:
        value = conn.execute(
            text("SELECT value FROM setting WHERE key = :key"), {"key": WRITTEN_BY_KEY}
        ).scalar()
        written_by = json.loads(value) if value else None
    return state_of(current, set(tables), written_by)


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` without writing a byte beside it. Without a -wal file
    beside it everything is in the file itself, and `immutable` keeps SQLite from
    making -wal and -shm files it could not remove again on a read-only connection."""
    wal = path.with_name(path.name + "-wal")
    return f"file:{path}?mode=ro" + ("" if wal.exists() else "&immutable=1")


def sqlite_schema_state(path: Path) -> SchemaState:
    """Read where a file stands without changing a byte of it (read-only connection)."""
    if not path.exists() or path.stat().st_size == 0:
        return state_of(frozenset(), set())
    con = sqlite3.connect(read_only_uri(path), uri=True)
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
        written_by = None
        if "setting" in tables:
            row = con.execute(
                "SELECT value FROM setting WHERE key = ?", (WRITTEN_BY_KEY,)
            ).fetchone()
            written_by = json.loads(row[0]) if row else None
    finally:
        con.close()
    return state_of(current, tables - {"alembic_version"}, written_by)


# Tables every Vernelogg schema has had since the first revision: a file with an
# alembic_version this app does not know is a newer Vernelogg only if it has these too;
# otherwise it belongs to another program that also uses Alembic.
FOUNDATION_TABLES = frozenset({"organisation", "safety_area", "person", "setting", "audit_log"})


def state_of(
    current: frozenset[str], tables: set[str] | frozenset[str], written_by: str | None = None
) -> SchemaState:
    graph = revision_graph()
    known = all(rev in graph for rev in current)
    ours = set(tables) >= FOUNDATION_TABLES
    foreign = bool(tables) and (not current or (not known and not ours))
    return SchemaState(current, heads(), known, foreign_tables=foreign, written_by=written_by)


def upgrade(engine: Engine, target: str = "heads") -> bool:
    """Bring the schema up to `target` in one transaction; False if, once it was this
    client's turn, another client had already done it.

    On PostgreSQL the transaction first takes an advisory lock (SQLite queues writers
    itself), so of several clients opening a database at once (an empty one, or one an
    upgrade is due for) one migrates while the others wait, then find the work done."""
    from alembic import command

    from vernelogg import __version__

    cfg = alembic_config()
    # A write transaction from the start (BEGIN IMMEDIATE on SQLite): the state is read
    # again under the lock, after any other client's migration has been committed.
    with engine.execution_options(vernelogg_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        state = connection_state(conn)
        if target == "heads" and (state.up_to_date or not state.known):
            return False
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        value = json.dumps(__version__)
        updated = conn.execute(
            text("UPDATE setting SET value = :value WHERE key = :key"),
            {"key": WRITTEN_BY_KEY, "value": value},
        )
        if updated.rowcount == 0:
            conn.execute(
                text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
                {"key": WRITTEN_BY_KEY, "value": value},
            )
    return True

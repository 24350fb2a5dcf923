"""The search index behind «Søk i alt»: one row per searchable record, kept up to date in
the same transaction as every change.

`search_entry` holds, for each record a search can find, what a hit shows (kind, number,
title, area, date, the record to open) and the text a search reads: `body`, every
searchable column in lower case, one line per column, and `head`, the part a hit ranks
higher on (the title). Confidential avvik contribute their number only (OLM § 3-17).

How it stays up to date: a session hook (`after_flush`, beside the audit hook) sees
every record the ORM writes and rewrites the entries of those records, and of the
records that show their name (an area renamed, a person renamed), on the same
connection, so the index commits or rolls back with the change itself. What an entry
holds is defined once, in Python (store/search_entries.py), and used the same way by
the hook, by the migration that fills the index, by `refresh_rows` (a copy between
databases, which writes rows without the ORM) and by `rebuild`. SQL triggers on every
source table would have had to follow the joins to areas and people in two SQL
dialects; here one definition serves both backends.

How it is searched (every word must occur, as a substring, in lower case, so «truck»
also finds «gaffeltruck», and «å» is not «a»):
- SQLite: an FTS5 table `search_fts` with the `trigram` tokenizer over `head` and
  `body`, an external-content table over `search_entry` that three plain triggers on
  `search_entry` keep in step. Words of three letters or more narrow the rows through
  it; every word is then checked with `instr`, so the answer is exactly "the text
  contains the word". Without FTS5's trigram tokenizer (SQLite before 3.34) the same
  query runs without the narrowing step.
- PostgreSQL: pg_trgm GIN indexes on `body` and `head`, which `LIKE '%word%'` uses.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    CompoundSelect,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    and_,
    delete,
    event,
    func,
    insert,
    inspect,
    literal_column,
    or_,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.sql import visitors

from vernelogg.store.models import (
    Action,
    AmuAgendaItem,
    AmuMeeting,
    Base,
    CheckItem,
    Deviation,
    Hazard,
    Person,
    RiskAssessment,
    SafetyArea,
    SafetyRound,
    WorkStoppage,
    table_of,
)
from vernelogg.store.search_entries import KINDS, OWN_KIND

FTS_TABLE = "search_fts"
FTS_MIN_CHARS = 3  # the trigram tokenizer cannot look up shorter words
CHUNK = 500  # ids per IN (…) list

# Apart from the models: the copy between databases (transfer/) copies the user's
# records, and each database builds its own index from them.
metadata = MetaData()
search_entry = Table(
    "search_entry",
    metadata,
    # INTEGER on SQLite, so that it is the rowid FTS5 refers to; 64 bits on PostgreSQL
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("kind", String(20), nullable=False),
    Column("record_id", Uuid, nullable=False),
    Column("target_id", Uuid, nullable=False),
    Column("number", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("area", Text, nullable=True),
    Column("day", Date, nullable=True),
    Column("head", Text, nullable=False),
    Column("body", Text, nullable=False),
    UniqueConstraint("kind", "record_id", name="uq_search_entry_kind"),
    Index("ix_search_entry_target_id", "target_id"),
)
E = search_entry.c
Index("ix_search_entry_number", func.lower(E.number))
# -- writing the index -----------------------------------------------------------------


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    batch = sorted(set(ids))
    for start in range(0, len(batch), CHUNK):
        yield batch[start : start + CHUNK]


def refresh(conn: Connection, wanted: dict[str, set[uuid.UUID]]) -> None:
    """Rewrite the entries of these records (kind → record ids): a record that is gone,
    archived or no longer searchable loses its entry."""
    for name, ids in wanted.items():
        if not ids:
            continue
        kind = KINDS[name]
        for batch in _chunks(ids):
            conn.execute(delete(search_entry).where(E.kind == name, E.record_id.in_(batch)))
            _insert(conn, list(kind.read(conn, kind.id_column.in_(batch))))


def _insert(conn: Connection, rows: list[dict]) -> None:
    """Add entries, moving an id that another record's entry holds already (two records
    of the same day whose hashes meet) to the next free one."""
    if not rows:
        return
    wanted = {row["id"] for row in rows}
    taken: set[int] = set()
    for batch in _chunks(wanted):
        taken |= set(conn.execute(select(E.id).where(E.id.in_(batch))).scalars())
    for row in rows:
        while row["id"] in taken:
            row["id"] += 1
        taken.add(row["id"])
    conn.execute(insert(search_entry), rows)


TABLE_KINDS = {
    **{cls.__tablename__: kind for cls, kind in OWN_KIND.items()},
    AmuMeeting.__tablename__: "amu_meeting",
}


def refresh_rows(conn: Connection, table: str, ids: Iterable[uuid.UUID]) -> None:
    """The entries of rows written without the ORM (a copy between databases), in the
    same transaction as the rows: the records themselves and the findings, hazards and
    AMU cases under them."""
    kind = TABLE_KINDS.get(table)
    if kind is None:
        return
    wanted: dict[str, set[uuid.UUID]] = {name: set() for name in KINDS}
    wanted[kind] = set(ids)
    _children(conn, wanted)
    refresh(conn, wanted)


def rebuild(conn: Connection) -> int:
    """Empty the index and fill it from every record; returns the number of entries."""
    conn.execute(delete(search_entry))
    total = 0
    for kind in KINDS.values():
        rows = list(kind.read(conn, literal_column("1") == 1))
        for start in range(0, len(rows), 5000):
            _insert(conn, rows[start : start + 5000])
        total += len(rows)
    return total


def _ids(conn: Connection, column: Any, where: ColumnElement[bool]) -> set[uuid.UUID]:
    return set(conn.execute(select(column).where(where)).scalars())


def _dependents(
    conn: Connection, areas: set[uuid.UUID], people: set[uuid.UUID], wanted: dict[str, set]
) -> None:
    """Records whose entry shows an area's or a person's name."""
    if areas:
        for batch in _chunks(areas):
            for name, column, area_column in (
                ("deviation", Deviation.id, Deviation.area_id),
                ("action", Action.id, Action.area_id),
                ("round", SafetyRound.id, SafetyRound.area_id),
                ("risk", RiskAssessment.id, RiskAssessment.area_id),
                ("stoppage", WorkStoppage.id, WorkStoppage.area_id),
            ):
                wanted[name] |= _ids(conn, column, area_column.in_(batch))
    if people:
        for batch in _chunks(people):
            wanted["action"] |= _ids(conn, Action.id, Action.owner_id.in_(batch))
            wanted["round"] |= _ids(
                conn,
                SafetyRound.id,
                or_(SafetyRound.delegate_id.in_(batch), SafetyRound.leader_id.in_(batch)),
            )
            wanted["stoppage"] |= _ids(conn, WorkStoppage.id, WorkStoppage.stopped_by_id.in_(batch))


def _children(conn: Connection, wanted: dict[str, set]) -> None:
    """A round's findings, an assessment's hazards and a meeting's cases show what their
    parent shows (number, date, area, title, archived)."""
    for batch in _chunks(wanted["round"]):
        wanted["finding"] |= _ids(conn, CheckItem.id, CheckItem.round_id.in_(batch))
    for batch in _chunks(wanted["risk"]):
        wanted["hazard"] |= _ids(conn, Hazard.id, Hazard.assessment_id.in_(batch))
    for batch in _chunks(wanted.pop("amu_meeting", set())):
        wanted["amu_case"] |= _ids(conn, AmuAgendaItem.id, AmuAgendaItem.meeting_id.in_(batch))


class _Recorder:
    """Stands in for a connection to catch the queries the readers would run."""

    def __init__(self) -> None:
        self.queries: list[Any] = []

    def execute(self, query: Any, *_args: Any) -> list:
        self.queries.append(query)
        return []


@cache
def searched_columns() -> dict[type[Base], frozenset[str]]:
    """For each class the index follows, the columns its entries are read from: those of
    its table that any reader's query names (selected, joined on or filtered by). A
    change to any other column (a status, a time stamp) leaves the index alone."""
    recorder = _Recorder()
    for kind in KINDS.values():
        list(kind.read(recorder, true()))
    found: dict[type[Base], set[str]] = {cls: set() for cls in FOLLOWED}
    tables: dict[Any, type[Base]] = {table_of(cls): cls for cls in FOLLOWED}
    for query in recorder.queries:
        for element in visitors.iterate(query, {"column_collections": False}):
            if not isinstance(element, Column):
                continue
            table = element.table
            while table not in tables and hasattr(table, "element"):
                table = table.element  # an alias (a round's VO and leader are people)
            if table in tables:
                found[tables[table]].add(element.key)
    return {cls: frozenset(names) for cls, names in found.items()}


FOLLOWED: tuple[type[Base], ...] = (*OWN_KIND, SafetyArea, AmuMeeting)


def _changed(obj: Any, keys: Iterable[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[key].history.has_changes() for key in keys)


def _after_flush(session: Session, _flush_context) -> None:
    wanted: dict[str, set[uuid.UUID]] = {name: set() for name in KINDS}
    wanted["amu_meeting"] = set()
    areas: set[uuid.UUID] = set()
    people: set[uuid.UUID] = set()
    gone: set[uuid.UUID] = set()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        cls = type(obj)
        if cls not in FOLLOWED:
            continue
        rid = getattr(obj, "id", None)
        if rid is None:
            continue
        if obj in session.deleted:
            gone.add(rid)
        elif obj not in session.new and not _changed(obj, searched_columns()[cls]):
            continue
        if cls is SafetyArea:
            areas.add(rid)
        elif cls is AmuMeeting:
            wanted["amu_meeting"].add(rid)
        else:
            wanted[OWN_KIND[cls]].add(rid)
            if cls is Person and obj not in session.new:
                people.add(rid)
    if not (gone or areas or people or any(wanted.values())):
        return
    conn = session.connection()
    for batch in _chunks(gone):
        conn.execute(delete(search_entry).where(E.target_id.in_(batch)))
    _dependents(conn, areas, people, wanted)
    _children(conn, wanted)
    refresh(conn, wanted)


def install(session_class: type[Session]) -> None:
    """Attach the index hook to a session class (idempotent)."""
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "after_flush", _after_flush)


# -- reading the index -----------------------------------------------------------------


def has_fts(conn: Connection) -> bool:
    """Whether this SQLite database has the FTS5 table."""
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": FTS_TABLE},
    ).first()
    return found is not None


def fts_phrase(term: str) -> str:
    """One word as an FTS5 string: quoted, so nothing typed («AND», «"», «*», «(», «-»)
    is read as query syntax."""
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains_all(column: Any, terms: list[str], dialect: str) -> ColumnElement[bool]:
    """Every word occurs in `column` (lower case already, as the words are)."""
    if dialect == "postgresql":
        return and_(*(column.like(_like(t), escape="\\") for t in terms))
    return and_(*(func.instr(column, t) > 0 for t in terms))


HIT_COLUMNS = (E.kind, E.record_id, E.target_id, E.number, E.title, E.area, E.day, E.head)
_fts = Table(FTS_TABLE, MetaData(), Column("rowid", Integer), Column(FTS_TABLE, Text))


def _newest(terms: list[str], in_title: bool, dialect: str, fts: bool, limit: int) -> Select:
    """The newest `limit` entries whose text (and title) holds every word. With FTS5,
    the words of three letters or more are looked up in it, newest first; every word
    is then checked with `instr`, so the answer does not depend on the index."""
    conditions = [contains_all(E.body, terms, dialect)]
    if in_title:  # the short title first: most rows fail there
        conditions.insert(0, contains_all(E.head, terms, dialect))
    indexed = [t for t in terms if len(t) >= FTS_MIN_CHARS]
    if fts and indexed:
        column = "head" if in_title else "body"
        expression = " AND ".join(f"{column} : {fts_phrase(t)}" for t in indexed)
        match = _fts.c[FTS_TABLE].op("MATCH")(expression)
        query = (
            select(*HIT_COLUMNS)
            .select_from(_fts.join(search_entry, E.id == _fts.c.rowid))
            .where(match, *conditions)
            .order_by(_fts.c.rowid.desc())
        )
    else:
        query = select(*HIT_COLUMNS).where(*conditions).order_by(E.id.desc())
    inner = query.limit(limit).subquery()
    return select(*inner.c)


def hits_query(
    terms: list[str], numbers: list[str], limit: int, dialect: str, fts: bool
) -> CompoundSelect:
    """One statement for the candidates of a search: the records whose number is what was
    typed, the newest `limit` whose title holds every word, and the newest `limit`
    whose text does (the caller ranks them)."""
    by_number = select(*HIT_COLUMNS).where(
        func.lower(E.number).in_(numbers), contains_all(E.body, terms, dialect)
    )
    by_title = _newest(terms, True, dialect, fts, limit)
    by_text = _newest(terms, False, dialect, fts, limit)
    return union_all(by_number, by_title, by_text)


def find(conn: Connection, terms: list[str], numbers: list[str], limit: int) -> list[Any]:
    """Run the search's one statement. On SQLite it is first tried with FTS5; a database
    without the FTS5 table (an SQLite without the trigram tokenizer) is then searched
    without it, and the connection remembers."""
    dialect = conn.dialect.name
    if dialect == "sqlite" and conn.info.get(FTS_TABLE, True):
        try:
            return list(conn.execute(hits_query(terms, numbers, limit, dialect, True)))
        except OperationalError as error:
            if FTS_TABLE not in str(error):
                raise
            conn.info[FTS_TABLE] = False
    return list(conn.execute(hits_query(terms, numbers, limit, dialect, False)))


# -- the schema, for the migration -----------------------------------------------------


FTS_DDL = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "head, body, content='search_entry', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, head, body) VALUES (new.id, new.head, new.body); END",
    f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, head, body) "
    "VALUES ('delete', old.id, old.head, old.body); END",
    f"CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, head, body) "
    "VALUES ('delete', old.id, old.head, old.body); "
    f"INSERT INTO {FTS_TABLE}(rowid, head, body) VALUES (new.id, new.head, new.body); END",
]
FTS_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
PG_INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_search_entry_body_trgm "
    "ON search_entry USING gin (body gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS ix_search_entry_head_trgm "
    "ON search_entry USING gin (head gin_trgm_ops)",
]


def create_text_index(conn: Connection) -> bool:
    """The text index for this backend; False where the backend lacks the tool (then
    the search reads the table without it: the same answers, slower)."""
    if conn.dialect.name == "sqlite":
        try:
            with conn.begin_nested():
                for statement in FTS_DDL:
                    conn.exec_driver_sql(statement)
        except Exception:  # no FTS5 or no trigram tokenizer in this SQLite
            return False
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        conn.info.pop(FTS_TABLE, None)
        return True
    if conn.dialect.name == "postgresql":
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # not allowed to add the extension here
            return False
        for statement in PG_INDEXES:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("ANALYZE search_entry")
        return True
    return False


def drop_text_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for statement in FTS_DROP:
            conn.exec_driver_sql(statement)
        conn.info.pop(FTS_TABLE, None)
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_search_entry_head_trgm")
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_search_entry_body_trgm")

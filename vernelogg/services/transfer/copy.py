"""Copy every record of one Vernelogg database into another (SQLite ↔ PostgreSQL).

Records keep their UUIDs, running numbers, attachments (bytes as they are) and audit
trail: rows are copied column for column, table by table in foreign-key order, so the
copy is the same undertaking, not a re-entered one. The source is read in one
transaction (a consistent snapshot); the target is written in one transaction per batch
of rows, so a copy that stops half-way leaves whole batches and can be resumed with
`merge=True`. A target that already holds records is refused unless `merge` is given:
then records whose key is already there are left as they are in the target, running
number counters are raised to the higher of the two, and the rest is added. At the end
the rows of every table are counted on both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, func, insert, or_, select, true, tuple_, update
from sqlalchemy import exc as sa_exc

from vernelogg.i18n import _, ngettext
from vernelogg.services.errors import ServiceError
from vernelogg.store import search_index
from vernelogg.store.database import Database, describe_url
from vernelogg.store.migrations.runner import WRITTEN_BY_KEY
from vernelogg.store.models import Base

BATCH = 500  # rows per target transaction

# progress(table, rows done in that table, rows in that table)
Progress = Callable[[str, int, int], None]


class TargetNotEmptyError(ServiceError):
    pass


class CopyVerificationError(ServiceError):
    pass


@dataclass(frozen=True)
class TableCopy:
    table: str
    source_rows: int
    copied: int
    kept: int  # already in the target (merge), left as they were
    target_rows: int


@dataclass(frozen=True)
class CopyResult:
    source: str
    target: str
    merged: bool
    tables: list[TableCopy] = field(default_factory=list)

    @property
    def copied(self) -> int:
        return sum(t.copied for t in self.tables)

    @property
    def kept(self) -> int:
        return sum(t.kept for t in self.tables)


def tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    return list(Base.metadata.sorted_tables)


def _records(table: Table):
    """What of a table is the user's records: not the schema's own note of which app
    version migrated it, which every database has and keeps as it is."""
    if table.name == "setting":
        return table.c.key != WRITTEN_BY_KEY
    return true()


def _count(conn: Connection, table: Table) -> int:
    return conn.scalar(select(func.count()).select_from(table).where(_records(table))) or 0


def record_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t.name: _count(conn, t) for t in tables()}


def copy_database(
    source: Database,
    target: Database,
    *,
    merge: bool = False,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> CopyResult:
    if _same_database(source, target):
        raise ServiceError(_("Kilde og mål er samme database. Velg en annen database som mål."))
    before = record_counts(target)
    if not merge and any(before.values()):
        filled = sum(before.values())
        raise TargetNotEmptyError(
            ngettext(
                "Måldatabasen «{database}» har allerede {count} poster. Velg en tom "
                "database, eller slå dem sammen med --merge.",
                "Måldatabasen «{database}» har allerede {count} poster. Velg en tom "
                "database, eller slå dem sammen med --merge.",
                filled,
            ).format(database=_name(target), count=filled)
        )
    result = CopyResult(source=_name(source), target=_name(target), merged=merge)
    with source.engine.connect() as src, src.begin():
        for table in tables():
            total = _count(src, table)
            if progress:
                progress(table.name, 0, total)
            copied = kept = 0
            links = _self_links(table)
            for rows in _batches(src, table, batch):
                new, old = _write_batch(target, table, rows, merge, links)
                copied += new
                kept += old
                if progress:
                    progress(table.name, copied + kept, total)
            if links:
                _restore_links(src, target, table, links, merge, batch)
            with target.engine.connect() as dst:
                target_rows = _count(dst, table)
            result.tables.append(TableCopy(table.name, total, copied, kept, target_rows))
    _verify(result, before)
    return result


def _same_database(a: Database, b: Database) -> bool:
    if a.path is not None and b.path is not None:
        return a.path.resolve() == b.path.resolve()
    return a.engine.url == b.engine.url


def _name(db: Database) -> str:
    return str(db.path) if db.path is not None else describe_url(db.url)


def _key(table: Table) -> Sequence:
    return list(table.primary_key.columns)


def _batches(src: Connection, table: Table, size: int) -> Iterator[list[dict]]:
    stmt = select(table).where(_records(table)).order_by(*_key(table))
    rows = src.execution_options(stream_results=True, yield_per=size).execute(stmt)
    for part in rows.mappings().partitions(size):
        yield [dict(row) for row in part]


def _self_links(table: Table) -> list[str]:
    """Columns that point at another row of the same table (an area's parent)."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _restore_links(
    src: Connection, target: Database, table: Table, links: list[str], merge: bool, size: int
) -> None:
    """Rows go in with their links to rows of the same table empty (the row pointed at may
    come later); the links are set once every row is there."""
    key = _key(table)
    # Columns stamped on update (updated_at) keep the source's value.
    values = links + [c.name for c in table.columns if c.onupdate is not None]
    stmt = select(*key, *(table.c[name] for name in values)).where(
        or_(*(table.c[name].is_not(None) for name in links))
    )
    for part in src.execute(stmt).mappings().partitions(size):
        with target.engine.begin() as dst:
            for row in part:
                where = [c == row[c.name] for c in key]
                if merge:
                    where += [table.c[name].is_(None) for name in links]
                dst.execute(update(table).where(*where).values({n: row[n] for n in values}))


def _write_batch(
    target: Database, table: Table, rows: list[dict], merge: bool, links: list[str]
) -> tuple[int, int]:
    """Insert one batch in its own transaction; returns (copied, kept)."""
    key = _key(table)
    try:
        with target.engine.begin() as dst:
            present: set[tuple] = set()
            if merge:
                wanted = [tuple(row[c.name] for c in key) for row in rows]
                found = dst.execute(select(*key).where(tuple_(*key).in_(wanted)))
                present = {tuple(r) for r in found}
            new = [row for row in rows if tuple(row[c.name] for c in key) not in present]
            if new:
                dst.execute(insert(table), [{**row, **dict.fromkeys(links)} for row in new])
                if "id" in table.c:
                    search_index.refresh_rows(dst, table.name, [row["id"] for row in new])
            if merge and table.name == "counter":
                _raise_counters(dst, table, [r for r in rows if _row_key(r, key) in present])
            return len(new), len(rows) - len(new)
    except sa_exc.IntegrityError as error:
        detail = str(error.orig).strip().splitlines()[0]
        raise ServiceError(
            _(
                "Kunne ikke kopiere tabellen «{table}» ({detail}): posten strider mot en "
                "post som finnes i målet fra før. Kopier til en tom database i stedet."
            ).format(table=table.name, detail=detail)
        ) from error


def _row_key(row: dict, key: Sequence) -> tuple:
    return tuple(row[c.name] for c in key)


def _raise_counters(dst: Connection, table: Table, rows: list[dict]) -> None:
    """A running number never goes back: the target keeps the higher of the two."""
    for row in rows:
        dst.execute(
            update(table)
            .where(table.c.series == row["series"], table.c.year == row["year"])
            .where(table.c.value < row["value"])
            .values(value=row["value"])
        )


def _verify(result: CopyResult, before: dict[str, int]) -> None:
    wrong = [
        t.table
        for t in result.tables
        if t.copied + t.kept != t.source_rows or t.target_rows != before[t.table] + t.copied
    ]
    if wrong:
        raise CopyVerificationError(
            _(
                "Kopien stemmer ikke for {tables}: antall poster i kilde og mål er ulikt. "
                "Noen skrev til en av databasene under kopieringen; kjør kopieringen igjen "
                "med --merge."
            ).format(tables=", ".join(wrong))
        )

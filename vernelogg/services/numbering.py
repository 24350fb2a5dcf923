"""Running numbers per series and year, safe with several writers at once."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg.store.models import Counter


def next_number(session: Session, series: str, year: int) -> int:
    """Reserve the next number in `series` for `year` inside the caller's transaction.

    One atomic upsert: with two writers, one waits for the other's transaction to end
    (SQLite BEGIN IMMEDIATE, PostgreSQL row lock), so a number is never handed out twice.
    """
    # The dialect's own insert (for ON CONFLICT), imported when first used: the
    # PostgreSQL dialect is a twentieth of a second of start-up on SQLite.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        # The same API on the other dialect; mypy sees one name bound to two functions.
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    stmt = (
        insert(Counter)
        .values(series=series, year=year, value=1)
        .on_conflict_do_update(
            index_elements=[Counter.series, Counter.year], set_={"value": Counter.value + 1}
        )
        .returning(Counter.value)
    )
    return int(session.execute(stmt).scalar_one())


def peek_number(session: Session, series: str, year: int) -> int:
    """The number the next call to next_number would give (for display only)."""
    value = session.execute(
        select(Counter.value).where(Counter.series == series, Counter.year == year)
    ).scalar()
    return int(value or 0) + 1

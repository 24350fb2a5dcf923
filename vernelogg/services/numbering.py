"""Running numbers per series and year, safe with several writers at once."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg.store.models import Counter, Setting

# The note in a file checked out to a laptop (Ta med på laptop) of where its round came
# from (JSON); see services/transfer/checkout.py.
OFFLINE_CHECKOUT_KEY = "offline_checkout"
# Records made in such a file get a number that shows it is not final: «AV-foreløpig-1».
# The server gives the real number when the round is delivered (Lever runden).
PROVISIONAL = "foreløpig"


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


def is_offline_copy(session: Session) -> bool:
    """Whether the session's database is a round checked out to a laptop. Such a file is
    always SQLite, so a server database answers without a statement."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    return session.get(Setting, OFFLINE_CHECKOUT_KEY) is not None


def provisional_number(session: Session, series: str) -> tuple[str, int]:
    """A provisional number in an offline file, and its (negative) sequence: «AV-foreløpig-3»
    and -3. Negative, so it never meets a real number of the same year."""
    n = next_number(session, f"{series}-F", 0)
    return f"{series}-{PROVISIONAL}-{n}", -n


def is_provisional(number: str) -> bool:
    return PROVISIONAL in number

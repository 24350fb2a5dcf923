"""What the dataset generators share: a seeded random source, ids drawn from it, moments in
Oslo time, and bulk inserts (SQLAlchemy Core, many rows per statement).

Generated rows bypass the services (and so the audit log): they are test data, written a
hundred thousand at a time, not user actions.
"""

from __future__ import annotations

import random
import sys
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, insert

from vernelogg.domain.formatting import OSLO
from vernelogg.store.database import Database

CHUNK = 5000  # rows per executemany

Progress = Callable[[str], None]


def stderr_progress(text: str) -> None:
    print(f"vernelogg: {text}", file=sys.stderr, flush=True)


@dataclass
class Writer:
    db: Database
    rng: random.Random
    today: date
    start: date  # first day of the generated history
    progress: Progress = stderr_progress

    # --- ids and time ----------------------------------------------------------------

    def uid(self) -> uuid.UUID:
        """A version-4 UUID from the seeded source, so the same seed gives the same ids."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: date, hour: int | None = None, minute: int | None = None) -> datetime:
        """A time during working hours on `day` (Oslo), as an aware UTC datetime."""
        h = self.rng.randint(7, 15) if hour is None else hour
        m = self.rng.randrange(0, 60, 5) if minute is None else minute
        return datetime.combine(day, time(h, m), OSLO).astimezone(UTC)

    def day_between(self, first: date, last: date) -> date:
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, max(span, 0)))

    def days(self, n: int) -> timedelta:
        return timedelta(days=n)

    @property
    def now(self) -> datetime:
        """The end of the history: today at 16:00 Oslo time (nothing is later)."""
        return datetime.combine(self.today, time(16, 0), OSLO).astimezone(UTC)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[self.rng.randrange(len(seq))]

    def weighted(self, pairs: Sequence[tuple[Any, float]]) -> Any:
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    # --- writing ---------------------------------------------------------------------

    def insert(self, conn: Connection, table: Table | Any, rows: Iterable[dict]) -> int:
        """Insert `rows` in chunks of many rows per statement; returns how many."""
        table = getattr(table, "__table__", table)
        written = 0
        chunk: list[dict] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                conn.execute(insert(table), chunk)
                written += len(chunk)
                chunk = []
        if chunk:
            conn.execute(insert(table), chunk)
            written += len(chunk)
        return written

    def say(self, text: str) -> None:
        self.progress(text)


def stamps(at: datetime) -> dict[str, datetime]:
    """created_at and updated_at of a generated row."""
    return {"created_at": at, "updated_at": at}

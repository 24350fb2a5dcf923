"""Independent reads side by side, each once: the annual summary's parts, the overview's
cards.

The annual summary is made of independent reads: the avvik, the rounds, the stops, the
risk assessments, the training and the AMU, most of them for this year and the year
before; the overview of its figures and five cards. Over a network every statement waits
a full round trip, so on a database server these parts are read at the same time, each on
a connection of its own from the pool, and the slowest part sets the time instead of the
sum of all. On SQLite (a file on this machine, no round trip) they are read one after the
other.

Either way, a part asked for twice inside one `gathering()` (the rounds of the year for
their section and for the column of the per-area table) is read once: `once(fn, *args)`
shares the first call's result.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from vernelogg.store.database import Database

T = TypeVar("T")

# Connections the parts are read on at once from a server (the pool keeps five and opens up
# to ten more for a while).
SERVER_WORKERS = 6


class Gathering:
    def __init__(self, workers: int) -> None:
        self._lock = threading.Lock()
        self._results: dict[Hashable, Future[Any]] = {}
        self._executor = ThreadPoolExecutor(workers, "gather") if workers > 1 else None

    def once(self, fn: Callable[..., T], *args: Hashable) -> T:
        key = (fn, args)
        with self._lock:
            future = self._results.get(key)
            mine = future is None
            if mine:
                future = self._results[key] = Future()
        assert future is not None
        if not mine:
            return future.result()
        try:
            value = fn(*args)
        except BaseException as error:
            future.set_exception(error)
            raise
        future.set_result(value)
        return value

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run fn(*args) beside the caller (or now, on SQLite), with this thread's context:
        the language a document is written in, and this gathering."""
        if self._executor is None:
            done: Future[T] = Future()
            try:
                done.set_result(fn(*args))
            except Exception as error:
                done.set_exception(error)
            return done
        context = contextvars.copy_context()
        return self._executor.submit(context.run, fn, *args)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


_current: contextvars.ContextVar[Gathering | None] = contextvars.ContextVar(
    "gathering", default=None
)


def workers_for(db: Database) -> int:
    return 1 if db.is_sqlite else SERVER_WORKERS


@contextmanager
def gathering(db: Database) -> Iterator[Gathering]:
    gathered = Gathering(workers_for(db))
    token = _current.set(gathered)
    try:
        yield gathered
    finally:
        _current.reset(token)
        gathered.close()


def once(fn: Callable[..., T], *args: Hashable) -> T:
    """fn(*args), shared by everyone who asks inside one gathering."""
    gathered = _current.get()
    return fn(*args) if gathered is None else gathered.once(fn, *args)

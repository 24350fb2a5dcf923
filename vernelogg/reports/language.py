"""Documents are written in the undertaking's document language, whatever the GUI speaks.

`in_document_language` wraps a report function whose first argument is the database: the
whole document, the services' texts it gathers included, is written inside
`i18n.using(document_language(db))`. A document made from data gathered before (the
annual summary) is gathered inside `written_in(db)` by its caller.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from vernelogg import i18n
from vernelogg.services.document_language import document_language
from vernelogg.store.database import Database

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def written_in(db: Database) -> Iterator[str]:
    with i18n.using(document_language(db)) as language:
        yield language


def in_document_language(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        db = args[0] if args else kwargs.get("db")
        if not isinstance(db, Database):
            problem = "the first argument must be the database"  # for developers
            raise TypeError(f"{fn.__name__}: {problem}")
        with written_in(db):
            return fn(*args, **kwargs)

    return wrapper

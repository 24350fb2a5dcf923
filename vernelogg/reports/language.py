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
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from vernelogg import i18n
from vernelogg.services.document_language import document_language
from vernelogg.store.database import Database

P = ParamSpec("P")
R = TypeVar("R")


_writing: ContextVar[bool] = ContextVar("writing_a_document", default=False)


@contextmanager
def written_in(db: Database) -> Iterator[str]:
    """The document language for what is written inside; read once per document, not
    again by the report functions it calls."""
    if _writing.get():
        yield i18n.language()
        return
    token = _writing.set(True)
    try:
        with i18n.using(document_language(db)) as language:
            yield language
    finally:
        _writing.reset(token)


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

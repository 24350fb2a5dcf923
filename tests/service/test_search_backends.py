"""The same searches give the same hits on SQLite (FTS5) and PostgreSQL (pg_trgm), over
the same records (the demo undertaking on PostgreSQL, copied into SQLite). Runs where
VERNELOGG_TEST_POSTGRES names a server."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import POSTGRES
from vernelogg.services.search import search
from vernelogg.services.transfer.copy import copy_database
from vernelogg.store.database import Database
from vernelogg.store.search_index import search_entry

SEARCHES = [
    "truck",
    "Truck port",
    "st-2026-0004",
    "3/2026",
    "lars holm",
    "rv-2026",
    "støy",
    "å",
    "ø",
    "gå",
    "av-2026-00",
    "sak",
    "vernerunde",
    "a",
    "e i",
    "50%",
    "_",
    '"',
    "zzzyxq",
]


def _hits(db, text):
    return [(h.kind, h.number, h.title, h.area, h.date, h.score) for h in search(db, text)]


def _texts(db):
    names = ("id", "kind", "record_id", "number", "title", "area", "day", "head")
    columns = [search_entry.c[n] for n in names]
    with db.read() as s:
        rows = s.execute(select(*columns, search_entry.c.body)).all()
    return sorted(tuple(r) for r in rows)


@pytest.mark.skipif(not POSTGRES, reason="needs a PostgreSQL server (VERNELOGG_TEST_POSTGRES)")
def test_sqlite_and_postgresql_find_the_same(demo_db, tmp_path):
    assert demo_db.engine.dialect.name == "postgresql"
    lite = Database.open(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    try:
        copy_database(demo_db, lite)  # the same records, ids and all
        assert _texts(lite) == _texts(demo_db)
        for text in SEARCHES:
            assert _hits(lite, text) == _hits(demo_db, text), text
        assert any(_hits(lite, text) for text in SEARCHES)
    finally:
        lite.close()

"""PagedModel: pages from the source; with a deferred count, typing never waits for it."""

from __future__ import annotations

from vernelogg.ui.common.table import Column, ListQuery, PagedModel


class Source:
    """Rows are the numbers 0..size-1 that contain the search text."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.counts = 0
        self.fetches: list[tuple[int, int]] = []

    def rows(self, query: ListQuery) -> list[int]:
        return [n for n in range(self.size) if query.search in str(n)]

    def count(self, query: ListQuery) -> int:
        self.counts += 1
        return len(self.rows(query))

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[int]:
        self.fetches.append((offset, limit))
        return self.rows(query)[offset : offset + limit]


COLUMNS = [Column("Tall", lambda n: n)]


def test_plain_model_counts_every_query(qapp):
    source = Source(1000)
    model = PagedModel(COLUMNS, source, page_size=50)
    model.set_query(ListQuery(search="1"))
    assert model.rowCount() == len(source.rows(ListQuery(search="1")))
    assert source.counts == 1 and model.count_is_exact
    assert model.row_at(120) == source.rows(ListQuery(search="1"))[120]


def test_deferred_count_waits_for_a_pause_in_typing(qtbot, qapp):
    source = Source(5000)
    model = PagedModel(COLUMNS, source, page_size=50, defer_count_ms=100)
    seen = []
    model.count_changed.connect(lambda n: seen.append((n, model.count_is_exact)))
    for text in ("1", "12"):
        model.set_query(ListQuery(search=text))
    assert source.counts == 0  # typing: first pages only
    assert (model.rowCount(), model.count_is_exact) == (50, False)
    assert seen == [(50, False), (50, False)]
    qtbot.waitUntil(lambda: model.count_is_exact, timeout=2000)
    hits = source.rows(ListQuery(search="12"))
    assert len(hits) > 50
    assert source.counts == 1 and model.rowCount() == len(hits)
    assert seen[-1] == (len(hits), True)
    assert model.row_at(len(hits) - 1) == hits[-1]


def test_a_short_first_page_is_the_count_and_scrolling_counts_at_once(qtbot, qapp):
    source = Source(1000)
    model = PagedModel(COLUMNS, source, page_size=50, defer_count_ms=10_000)
    model.set_query(ListQuery(search="99"))
    assert model.count_is_exact and model.rowCount() == 19 and source.counts == 0
    model.set_query(ListQuery(search="5"))
    assert model.canFetchMore()
    model.fetchMore()  # the view reached the end of the first page
    assert model.count_is_exact and source.counts == 1
    assert model.rowCount() == len(source.rows(ListQuery(search="5")))
    model.set_query(ListQuery())  # no search: counted straight away
    assert model.count_is_exact and model.rowCount() == 1000 and source.counts == 2


def test_painted_cells_follow_the_query_and_pages_dropped(qapp):
    """A row's cells are worked out once for painting, and never outlive its page."""
    from PySide6.QtCore import Qt

    calls: list[int] = []

    def odd_red(n: int) -> str | None:
        calls.append(n)
        return "#b3261e" if n % 2 else None

    columns = [Column("Tall", lambda n: n, align_right=True, foreground=odd_red)]
    source = Source(1000)
    model = PagedModel(columns, source, page_size=10, keep_pages=2)
    model.set_query(ListQuery())
    first = model.index(1, 0)
    for _ in range(3):  # a view asks again on every paint
        assert model.data(first) == "1"
        assert model.data(first, Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
        assert model.data(first, Qt.ItemDataRole.TextAlignmentRole) is not None
    assert calls == [1]
    assert model.data(model.index(2, 0), Qt.ItemDataRole.ForegroundRole) is None

    model.set_query(ListQuery(search="7"))
    assert model.data(model.index(1, 0)) == "17"  # not the cell of the last query
    for row in (0, 15, 25, 35):  # three pages read: the first is dropped
        model.data(model.index(row, 0))
    calls.clear()
    assert model.data(model.index(1, 0)) == "17"
    assert calls == [17]  # worked out again with its page

"""The avvik list and the action plan read on a worker thread.

A tab asks for its list with `read_listing` inside its read function (on a worker thread,
with the filter choices it needs) and hands the answer to `LoadedPagedModel.show_loaded`
on the GUI thread. Until then the list keeps the rows it shows. Pages further down, the
deferred count of a search, and sorting by a header are read on a worker thread too:
rows not yet read are empty for the moment it takes, then fill in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTableView

from vernelogg.i18n import _
from vernelogg.ui.common.table import Column, ListQuery, PagedModel, PagedSource
from vernelogg.ui.common.worker import run_task

if TYPE_CHECKING:
    from vernelogg.ui.common.loader import PageLoader
    from vernelogg.ui.context import AppContext


@dataclass(frozen=True)
class Listing:
    """A list's query and what the database answered: the number of rows (exact, or
    at least a full first page while a search's count waits) and the first pages."""

    query: ListQuery
    count: int
    exact: bool = True
    pages: dict[int, list[Any]] = field(default_factory=dict)


def read_listing(
    source: PagedSource,
    query: ListQuery,
    page_size: int,
    pages: int = 1,
    defer_count: bool = False,
) -> Listing:
    """Count and read the first `pages` pages of `query` (on a worker thread), as
    `PagedModel.set_query` does: with `defer_count`, a search reads its first page and
    counts later (a page that is not full *is* the count)."""
    read: dict[int, list[Any]] = {}
    if defer_count and query.search.strip():
        read[0] = source.fetch(query, 0, page_size)
        count = len(read[0])
        exact = count < page_size
        if exact:
            return Listing(query, count, True, read)
        pages = 1  # the rest are read as the list is scrolled, once counted
    else:
        count, exact = source.count(query), True
    for number in range(pages):
        if number * page_size >= count:
            break
        if number not in read:
            read[number] = source.fetch(query, number * page_size, page_size)
    return Listing(query, count, exact, read)


class LoadedPagedModel(PagedModel):
    """A `PagedModel` that never reads on the GUI thread.

    `show_loaded(listing)` shows what a tab read on a worker thread. A page not read yet
    is read on a worker thread when the view first asks for one of its rows (its rows are
    empty until then), and so is the deferred count. A header click does not read either:
    it records the order in `sort_key`/`sort_descending` and emits `sort_requested`, and
    the tab loads the list in that order.
    """

    sort_requested = Signal()

    def __init__(
        self,
        columns: Sequence[Column],
        source: PagedSource,
        page_size: int = 100,
        keep_pages: int = 12,
        defer_count_ms: int | None = None,
    ) -> None:
        super().__init__(columns, source, page_size, keep_pages, defer_count_ms)
        self.sort_key: str | None = None
        self.sort_descending = False
        self._generation = 0  # which query the pages belong to
        self._asked: set[int] = set()  # pages being read
        self._counting: int | None = None  # the generation being counted
        self._pending = 0

    # --- what a tab read ------------------------------------------------------------

    def show_loaded(self, listing: Listing) -> None:
        self.beginResetModel()
        self._generation += 1
        self.query = listing.query
        self._pages.clear()
        self._painted.clear()
        self._asked.clear()
        self._counting = None
        for number in sorted(listing.pages):
            self._pages[number] = listing.pages[number]
        self._count, self._exact = listing.count, listing.exact
        if self._count_timer is not None:
            if self._exact:
                self._count_timer.stop()
            else:
                self._count_timer.start()
        self.endResetModel()
        self.count_changed.emit(self._count)

    def is_loading(self) -> bool:
        """Whether a page or a count is being read."""
        return self._pending > 0

    def loaded_rows(self, within: int) -> list[tuple[int, Any]]:
        """(row number, row) of the rows already read among the first `within`."""
        found = []
        for number, page in self._pages.items():
            start = number * self.page_size
            for offset, row in enumerate(page):
                if start + offset < min(within, self._count):
                    found.append((start + offset, row))
        return sorted(found, key=lambda pair: pair[0])

    # --- sorting by a header ----------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key is None:
            return
        self.sort_key = key
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit()

    # --- pages and the count, read when the view needs them ----------------------------

    def row_at(self, row: int) -> Any:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            self._read_page(number)
            return None
        self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> None:
        if number in self._asked:
            return
        self._asked.add(number)
        generation = self._generation
        self._start(
            generation,
            lambda rows: self._page_read(generation, number, rows),
            self.source.fetch,
            self.query,
            number * self.page_size,
            self.page_size,
        )

    def _page_read(self, generation: int, number: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._asked.discard(number)
        self._pages[number] = rows
        while len(self._pages) > self.keep_pages:
            self._pages.popitem(last=False)
            self._painted.clear()
        first = number * self.page_size
        last = min(first + self.page_size, self._count) - 1
        for row in range(first, last + 1):
            self._painted.pop(row, None)
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def finish_count(self) -> None:
        """Count the hits (the deferred count) on a worker thread; rows beyond the first
        page appear when the count is in."""
        if self._exact or self._counting == self._generation:
            return
        if self._count_timer is not None:
            self._count_timer.stop()
        generation = self._counting = self._generation
        self._start(
            generation,
            lambda total: self._counted(generation, total),
            self.source.count,
            self.query,
        )

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count, self._exact = total, True
            self.endInsertRows()
        elif total < self._count:  # someone deleted rows meanwhile: start over
            self.beginResetModel()
            self._generation += 1
            self._pages.clear()
            self._painted.clear()
            self._asked.clear()
            self._count, self._exact = total, True
            self.endResetModel()
        else:
            self._exact = True
        self.count_changed.emit(self._count)

    def _start(
        self, generation: int, then: Callable[[Any], None], fn: Callable[..., Any], *args: Any
    ) -> None:
        """Run `fn(*args)` on a worker thread, then `then(result)`; a failure for the
        query still shown is told as every other (ui/errors.py)."""
        self._pending += 1

        def done(result: Any) -> None:
            self._pending -= 1
            if shiboken6.isValid(self):
                then(result)

        def failed(error: BaseException) -> None:
            self._pending -= 1
            if shiboken6.isValid(self) and generation == self._generation:
                sys.excepthook(type(error), error, error.__traceback__)

        run_task(fn, *args, on_done=done, on_error=failed)


# Rows per page read, and how far down a refresh keeps the selected row (both tabs).
PAGE_SIZE = 100
KEEP_WITHIN = 300


class NewestList:
    """What the two tabs of «Avvik og tiltak» share in asking for their lists.

    Of the lists asked for (each typed key asks), only the newest is shown; an older one
    arriving late is dropped. A tab sets the attributes below and defines the hooks.
    """

    ctx: AppContext
    source: PagedSource
    loader: PageLoader  # the list, as search, filters and order change
    refresh_loader: PageLoader  # the list with the filter boxes' choices
    model: LoadedPagedModel
    view: QTableView
    count_label: QLabel
    _timer: QTimer  # waits for more keys before a search
    _asked: int
    _answered: int
    _filling: bool
    _loaded: bool
    _keep: str | None
    # The read of the list with the filter boxes' choices (on a worker thread), the extra
    # arguments of `read_listing`, and what the count says before the first rows are in.
    read_with_choices: Callable[..., Any]
    listing_args: tuple = ()
    fetching_text: str = ""

    def query(self) -> ListQuery:
        raise NotImplementedError

    def _show(self, listing: Listing) -> None:
        raise NotImplementedError

    def _fill_choices(self, choices: Any) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        """Read the list as the boxes and the search say, on a worker thread; the rows on
        screen stay until the new ones are in."""
        if self._filling:
            return
        self._timer.stop()
        self._ask(with_choices=False)

    def _ask(self, with_choices: bool) -> None:
        self._asked += 1
        asked = self._asked
        # A refresh that keeps the selection reads down to the selected row.
        index = self.view.currentIndex()
        selected = index.row() if self._keep is not None and index.isValid() else None
        pages = 1 + min(selected, KEEP_WITHIN - 1) // PAGE_SIZE if selected is not None else 1
        if with_choices:
            self.refresh_loader.load(
                type(self).read_with_choices,
                self.ctx.db,
                self.source,
                self.query(),
                pages,
                then=lambda data: self._arrived(asked, data.listing, data.choices),
                failed=lambda error: self._failed(asked, error),
            )
        else:
            self.loader.load(
                read_listing,
                self.source,
                self.query(),
                PAGE_SIZE,
                pages,
                *self.listing_args,
                then=lambda listing: self._arrived(asked, listing, None),
                failed=lambda error: self._failed(asked, error),
            )
        if not self._loaded:
            self.count_label.setText(_(self.fetching_text))

    def refresh(self) -> None:
        """Read the list and the boxes' choices again (on a worker thread), keeping the
        selection."""
        current = self.selected()
        if self._keep is None and current is not None:
            self._keep = current.id
        self._timer.stop()
        self._ask(with_choices=True)

    def selected(self) -> Any:
        """The row selected (an avvik or a tiltak), or None."""
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, row_id: str, within: int = KEEP_WITHIN) -> bool:
        """Select the row if it is among the first rows of the list as filtered (after
        saving a new one). While the list is being read, it is selected when it is in."""
        if self._waiting:
            self._keep = row_id
            return False
        for row, r in self.model.loaded_rows(within):
            if r.id == row_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    @property
    def _waiting(self) -> bool:
        """Whether the newest list asked for is not in yet."""
        return self._answered < self._asked

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self._answered = asked
        sys.excepthook(type(error), error, error.__traceback__)

    def _arrived(self, asked: int, listing: Listing, choices: Any | None) -> None:
        if choices is not None:
            self._fill_choices(choices)
        if asked == self._asked:  # else a newer list is on its way
            self._answered = asked
            self._show(listing)

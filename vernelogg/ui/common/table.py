"""Table models: a small in-memory one, and one that pages from SQL.

`RowsModel` shows a short list of dataclass rows. `PagedModel` asks a `PagedSource`
(a service object) for the row count and one page at a time, so a list of 100,000 avvik
holds only the pages on screen.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from vernelogg.i18n import _
from vernelogg.services.query import ListQuery

Index = QModelIndex | QPersistentModelIndex
# Qt's own signatures take `parent=QModelIndex()`; an invalid index is never changed, so
# the shared default is safe (the `noqa: B008` below).
__all__ = ["Column", "ListQuery", "PagedModel", "PagedSource", "RowsModel"]


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]
    sort_key: str | None = None
    align_right: bool = False
    foreground: Callable[[Any], str | None] | None = None
    background: Callable[[Any], str | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nei")
    return str(value)


# Besides the painted cells: the roles a column answers from its row on request.
_ROW_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# A view asks seven roles of each visible cell on every paint. The four that paint it
# come from the row's cells, worked out once per row (the role → its place in a cell);
# the rest are answered at once.
_CELL_SLOTS = {
    int(Qt.ItemDataRole.DisplayRole): 0,
    int(Qt.ItemDataRole.TextAlignmentRole): 1,
    int(Qt.ItemDataRole.ForegroundRole): 2,
    int(Qt.ItemDataRole.BackgroundRole): 3,
}


@cache
def _brush(color: str) -> QBrush:
    return QBrush(QColor(color))


Cells = tuple[tuple[Any, Any, Any, Any], ...]


class _ColumnsMixin:
    """`data`, columns and headers for a model of rows shown in `columns`. The model
    provides `row_at(n)` and empties `_painted` whenever its rows change."""

    columns: Sequence[Column]
    _painted: dict[int, Cells]
    row_at: Callable[[int], Any]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # A title may be marked only (N_) where its column is made at import.
            return _(self.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        slot = _CELL_SLOTS.get(role)
        if slot is not None:
            number = index.row()
            cells = self._painted.get(number)
            if cells is None:
                row = self.row_at(number)
                cells = self._painted[number] = self._cells(row) if row is not None else ()
            return cells[index.column()][slot] if cells else None
        if role not in _ROW_ROLES or not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row
        tooltip = self.columns[index.column()].tooltip
        return tooltip(row) if tooltip else None

    def _cells(self, row: Any) -> Cells:
        """A row's cells as a view paints them: (text, alignment, foreground,
        background) per column."""
        cells = []
        for col in self.columns:
            fg = col.foreground(row) if col.foreground else None
            bg = col.background(row) if col.background else None
            cells.append(
                (
                    _display(col.value(row)),
                    _RIGHT if col.align_right else None,
                    _brush(fg) if fg else None,
                    _brush(bg) if bg else None,
                )
            )
        return tuple(cells)


class RowsModel(_ColumnsMixin, QAbstractTableModel):
    """A short list of rows held in memory."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = ()) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[Any] = list(rows)
        self._painted: dict[int, Cells] = {}

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._painted.clear()
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)


class PagedSource(Protocol):
    def count(self, query: ListQuery) -> int: ...

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Any]: ...


class PagedModel(_ColumnsMixin, QAbstractTableModel):
    """Rows come from SQL a page at a time; only a few pages are kept.

    With `defer_count_ms`, a search does not count its hits on every keystroke: the
    first page is shown at once (when it is not full, its length *is* the count), and
    the exact count runs once typing has paused that long, or as soon as the view
    scrolls past the first page. `count_changed(count)` tells the label, which asks
    `count_is_exact` whether the number is final.
    """

    count_changed = Signal(int)

    def __init__(
        self,
        columns: Sequence[Column],
        source: PagedSource,
        page_size: int = 100,
        keep_pages: int = 12,
        defer_count_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self.source = source
        self.page_size = page_size
        self.keep_pages = keep_pages
        self.query = ListQuery()
        self._count = 0
        self._exact = True
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        # Painted cells of the rows on screen (see `data`); emptied with the pages.
        self._painted: dict[int, Cells] = {}
        self.defer_count_ms = defer_count_ms
        self._count_timer: QTimer | None = None
        if defer_count_ms is not None:
            self._count_timer = QTimer(self)
            self._count_timer.setSingleShot(True)
            self._count_timer.setInterval(defer_count_ms)
            self._count_timer.timeout.connect(self.finish_count)

    @property
    def count_is_exact(self) -> bool:
        return self._exact

    def set_query(self, query: ListQuery) -> None:
        self.beginResetModel()
        self.query = query
        self._pages.clear()
        self._painted.clear()
        if self._count_timer is not None and query.search.strip():
            first = self._page(0)
            self._count = len(first)
            self._exact = len(first) < self.page_size
            if self._exact:
                self._count_timer.stop()
            else:
                self._count_timer.start()
        else:
            if self._count_timer is not None:
                self._count_timer.stop()
            self._count = self.source.count(query)
            self._exact = True
            if self._count:
                self._page(0)
        self.endResetModel()
        self.count_changed.emit(self._count)

    def finish_count(self) -> None:
        """Count the hits now (the deferred count); rows beyond the first page appear."""
        if self._exact:
            return
        if self._count_timer is not None:
            self._count_timer.stop()
        total = self.source.count(self.query)
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count, self._exact = total, True
            self.endInsertRows()
        elif total < self._count:  # someone deleted rows meanwhile: start over
            self.beginResetModel()
            self._pages.clear()
            self._painted.clear()
            self._count, self._exact = total, True
            self.endResetModel()
        else:
            self._exact = True
        self.count_changed.emit(self._count)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exact

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self.finish_count()

    def refresh(self) -> None:
        self.set_query(self.query)

    def _page(self, number: int) -> list[Any]:
        page = self._pages.get(number)
        if page is None:
            page = self.source.fetch(self.query, number * self.page_size, self.page_size)
            self._pages[number] = page
            while len(self._pages) > self.keep_pages:
                self._pages.popitem(last=False)
                self._painted.clear()
        else:
            self._pages.move_to_end(number)
        return page

    def row_at(self, row: int) -> Any:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    @property
    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key is None:
            return
        self.set_query(
            ListQuery(
                search=self.query.search,
                filters=dict(self.query.filters),
                sort=key,
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )

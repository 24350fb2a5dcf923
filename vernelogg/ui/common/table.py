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

from vernelogg.services.query import ListQuery

Index = QModelIndex | QPersistentModelIndex
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
        return "Ja" if value else "Nei"
    return str(value)


# The roles a column answers. A view asks for a dozen roles per visible cell on every
# paint (font, decoration, check state, size hint …); the rest are answered at once,
# without looking the row up.
ANSWERED_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.UserRole,
    )
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# What a view asks of every visible cell on every paint, kept per row once worked out:
# the role → its place in a cell's tuple.
_CELL_SLOTS = {
    int(Qt.ItemDataRole.DisplayRole): 0,
    int(Qt.ItemDataRole.TextAlignmentRole): 1,
    int(Qt.ItemDataRole.ForegroundRole): 2,
    int(Qt.ItemDataRole.BackgroundRole): 3,
}


@cache
def _brush(color: str) -> QBrush:
    return QBrush(QColor(color))


class _ColumnsMixin:
    columns: Sequence[Column]

    def _column_data(self, row: Any, column: int, role: int) -> Any:
        col = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(col.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground:
            color = col.foreground(row)
            return _brush(color) if color else None
        if role == Qt.ItemDataRole.BackgroundRole and col.background:
            color = col.background(row)
            return _brush(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def _cells(self, row: Any) -> tuple[tuple[Any, Any, Any, Any], ...]:
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

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        return self._column_data(self.rows[index.row()], index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None


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
        self._painted: dict[int, tuple[tuple[Any, Any, Any, Any], ...]] = {}
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

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exact

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
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

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks seven roles of each visible cell on every paint: the four that
        # paint it come from the row's cells, worked out once per row.
        slot = _CELL_SLOTS.get(role)
        if slot is not None:
            number = index.row()
            cells = self._painted.get(number)
            if cells is None:
                row = self.row_at(number)
                cells = self._painted[number] = self._cells(row) if row is not None else ()
            return cells[index.column()][slot] if cells else None
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        return self._column_data(row, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

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

"""Table models: a small in-memory one, and one that pages from SQL.

`RowsModel` shows a short list of dataclass rows. `PagedModel` asks a `PagedSource`
(a service object) for the row count and one page at a time, so a list of 100,000 avvik
holds only the pages on screen.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
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


class _ColumnsMixin:
    columns: Sequence[Column]

    def _column_data(self, row: Any, column: int, role: int) -> Any:
        col = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(col.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground:
            color = col.foreground(row)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.BackgroundRole and col.background:
            color = col.background(row)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


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
        if not index.isValid():
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
    """Rows come from SQL a page at a time; only a few pages are kept."""

    def __init__(
        self,
        columns: Sequence[Column],
        source: PagedSource,
        page_size: int = 100,
        keep_pages: int = 12,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self.source = source
        self.page_size = page_size
        self.keep_pages = keep_pages
        self.query = ListQuery()
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()

    def set_query(self, query: ListQuery) -> None:
        self.beginResetModel()
        self.query = query
        self._pages.clear()
        self._count = self.source.count(query)
        if self._count:
            self._page(0)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    def _page(self, number: int) -> list[Any]:
        page = self._pages.get(number)
        if page is None:
            page = self.source.fetch(self.query, number * self.page_size, self.page_size)
            self._pages[number] = page
            while len(self._pages) > self.keep_pages:
                self._pages.popitem(last=False)
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
        if not index.isValid():
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

"""Small shared widgets: page headers, tables, badges, cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

STATUS_COLORS = {
    "ok": "#1e7d34",
    "due_soon": "#9a6700",
    "overdue": "#b3261e",
    "missing": "#b3261e",
    "info": "#1f5fa8",
}


class PageHeader(QWidget):
    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)  # parented first, so hiding never makes it a window
        self.subtitle.setVisible(bool(subtitle))

    def set_subtitle(self, text: str) -> None:
        self.subtitle.setText(text)
        self.subtitle.setVisible(bool(text))


def make_table(parent: QWidget | None = None, *, sortable: bool = False) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(sortable)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # Fitting a column to its contents measures the rows on screen and about a hundred
    # more, not each of a thousand rows.
    header.setResizeContentsPrecision(100)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    return view


def fit_columns(view: QTableView, max_width: int = 360) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for col in range(header.count() - 1):
        if header.sectionSize(col) > max_width:
            header.resizeSection(col, max_width)


class Badge(QLabel):
    """A coloured status word (OK, Forfalt, Mangler …)."""

    def __init__(self, text: str, status: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.set_status(text, status)

    def set_status(self, text: str, status: str) -> None:
        color = STATUS_COLORS.get(status, STATUS_COLORS["info"])
        self.setText(text)
        self.setStyleSheet(
            f"QLabel {{ color: white; background: {color}; border-radius: 8px; "
            "padding: 1px 8px; font-size: 11px; font-weight: 600; }"
        )


class Card(QFrame):
    """A framed box with a heading, used on the overview."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 12, 14, 12)
        self.body.setSpacing(6)
        self.title = QLabel(heading)
        self.title.setObjectName("cardTitle")
        self.body.addWidget(self.title)


def row(*widgets: QWidget, stretch_last: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    if stretch_last:
        layout.addStretch(1)
    return layout


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())

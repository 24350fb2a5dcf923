"""Small helpers for the AMU tables and tabs."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStackedWidget, QTableView, QTabWidget, QWidget

from vernelogg.ui.common.widgets import fit_columns

T = TypeVar("T")


def fit_and_stretch(view: QTableView, column: int, max_width: int = 360) -> None:
    """Columns fit their content; `column` (the long text) takes the rest of the width."""
    fit_columns(view, max_width)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for c in range(header.count()):
        mode = QHeaderView.ResizeMode.Stretch if c == column else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(c, mode)


def tab_parent(tabs: QTabWidget) -> QWidget:
    """Where a QTabWidget keeps its pages. A page built here (its parent given when it is
    made) is not moved when it is added with `addTab`: under the app's style sheet every
    move restyles all a widget holds, which for the AMU page's tabs takes milliseconds."""
    stack = tabs.findChild(QStackedWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return stack if stack is not None else tabs

"""Small helpers for the AMU tables."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

from vernelogg.ui.common.widgets import fit_columns


def fit_and_stretch(view: QTableView, column: int, max_width: int = 360) -> None:
    """Columns fit their content; `column` (the long text) takes the rest of the width."""
    fit_columns(view, max_width)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for c in range(header.count()):
        mode = QHeaderView.ResizeMode.Stretch if c == column else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(c, mode)

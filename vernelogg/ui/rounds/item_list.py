"""The round's points as a list: number, hazard group, text, answer, comment, photos and
follow-up. Moving in the list moves the current point; Enter opens it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from vernelogg.domain.rounds import Answer, ItemKind
from vernelogg.i18n import _
from vernelogg.services.rounds import ItemInfo
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import make_table
from vernelogg.ui.rounds.point_panel import ANSWER_COLORS


def _answer_text(item: ItemInfo) -> str:
    if item.kind is ItemKind.FINDING:
        return _("Fritt funn")
    return item.answer.label if item.answer else "—"


def _answer_color(item: ItemInfo) -> str | None:
    if item.kind is ItemKind.FINDING:
        return ANSWER_COLORS[Answer.NOT_OK]
    return ANSWER_COLORS.get(item.answer) if item.answer else "#9aa0a6"


def _follow_ups(item: ItemInfo) -> str:
    parts = []
    if item.deviation:
        parts.append(_("Avvik {number}").format(number=item.deviation.label))
    if item.action:
        parts.append(_("Tiltak"))
    return ", ".join(parts)


def item_columns() -> list[Column]:
    """The columns, with their headings in the current language."""
    return [
        Column(_("Nr"), lambda i: i.label, align_right=True),
        Column(_("Faregruppe"), lambda i: i.group_label.split(" (")[0]),
        Column(_("Sjekkpunkt"), lambda i: i.text, tooltip=lambda i: i.text),
        Column(_("Svar"), _answer_text, foreground=_answer_color),
        Column(_("Kommentar"), lambda i: i.comment, tooltip=lambda i: i.comment or None),
        Column(_("Bilder"), lambda i: len(i.photos) or "", align_right=True),
        Column(_("Oppfølging"), _follow_ups),
    ]


class ItemList(QWidget):
    current_changed = Signal(int)
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = RowsModel(item_columns())
        self.table = make_table()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((40, 170, 0, 90, 220, 50, 120)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_changed.emit(current.row())
        )
        self.table.activated.connect(lambda _index: self.open_requested.emit())
        layout.addWidget(self.table)

    def set_items(self, items: tuple[ItemInfo, ...], index: int) -> None:
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(items)
        self.table.selectionModel().blockSignals(False)
        self.select(index)

    def select(self, index: int) -> None:
        if not 0 <= index < self.model.rowCount():
            return
        model_index = self.model.index(index, 0)
        self.table.selectionModel().setCurrentIndex(
            model_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(model_index)

"""Search everywhere (Ctrl+F, and the field in the toolbar): one list of hits over every
kind of record, ranked, opened with Enter. The query runs on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deviations import SEARCH_MAX_CHARS
from vernelogg.domain.formatting import fmt_date
from vernelogg.services.search import SearchHit, search
from vernelogg.ui.common.worker import Requests, run_task
from vernelogg.ui.context import AppContext

DELAY_MS = 150  # typing pauses this long before the search runs


def _line(hit: SearchHit) -> str:
    parts = [hit.type, hit.number, hit.title]
    tail = " · ".join(x for x in (hit.area, fmt_date(hit.date) if hit.date else "") if x)
    return "  ".join(p for p in parts if p) + (f"   ({tail})" if tail else "")


class SearchDialog(QDialog):
    """Type, see the hits, Enter opens the one selected (the best, until you move)."""

    def __init__(self, ctx: AppContext, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hits: list[SearchHit] = []
        self.chosen: SearchHit | None = None
        self.setWindowTitle("Søk i alt")
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        self.field = QLineEdit(text)
        self.field.setMaxLength(SEARCH_MAX_CHARS)
        self.field.setPlaceholderText("Ord, nummer eller navn – avvik, tiltak, runder, risiko …")
        self.field.setClearButtonEnabled(True)
        layout.addWidget(self.field)
        self.status = QLabel()
        self.status.setObjectName("pageSubtitle")
        layout.addWidget(self.status)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.requests = Requests(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda *_: self._timer.start())
        self.field.returnPressed.connect(self.open_current)
        self.list.itemActivated.connect(lambda *_: self.open_current())
        for keys, step in (("Down", 1), ("Up", -1)):
            QShortcut(
                QKeySequence(keys),
                self.field,
                activated=lambda step=step: self._move(step),
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        if text:
            self.run_search()

    def is_loading(self) -> bool:
        return self.requests.loading or self._timer.isActive()

    def run_search(self) -> None:
        self._timer.stop()
        asked, text = self.requests.ask(), self.field.text()
        run_task(
            search,
            self.ctx.db,
            text,
            on_done=lambda hits: self._arrived(asked, hits),
            on_error=lambda error: self._failed(asked, error),
        )

    def _arrived(self, asked: int, hits: list[SearchHit]) -> None:
        if not self.requests.answer(asked):
            return
        self.hits = hits
        self.list.clear()
        for hit in hits:
            item = QListWidgetItem(_line(hit))
            item.setToolTip(hit.title)
            self.list.addItem(item)
        if hits:
            self.list.setCurrentRow(0)
        typed = bool(self.field.text().strip())
        self.status.setText(
            f"{len(hits)} treff – Enter åpner, ↑↓ velger"
            if hits
            else ("Ingen treff." if typed else "")
        )

    def _failed(self, asked: int, error: BaseException) -> None:
        if self.requests.answer(asked):
            self.status.setText(f"Søket kunne ikke gjøres: {error}")

    def _move(self, step: int) -> None:
        if self.hits:
            row = min(max(self.list.currentRow() + step, 0), len(self.hits) - 1)
            self.list.setCurrentRow(row)

    def open_current(self) -> None:
        if self._timer.isActive() or self.requests.loading:
            self.run_search()  # what was typed last counts; Enter again opens
            return
        row = self.list.currentRow()
        if 0 <= row < len(self.hits):
            self.chosen = self.hits[row]
            self.accept()


def open_hit(window: QWidget, hit: SearchHit) -> None:
    """Show the record a hit names, on its page."""
    show_page = window.show_page
    if hit.kind == "deviation":
        show_page("avvik").open_deviation(hit.id)
    elif hit.kind == "action":
        page = show_page("avvik")
        plan = page.show_actions(status="all")
        plan.select(hit.id)
    elif hit.kind in ("round", "finding"):
        page = show_page("vernerunder")
        if page.conducting:
            page.show_list()
        page.list.set_year(None)
        page.list.select_round(hit.id)
    elif hit.kind in ("risk", "hazard"):
        show_page("risiko").open(hit.id)
    elif hit.kind == "stoppage":
        from vernelogg.ui.stoppage.quick import show_stop

        show_stop(window, hit.id)
    elif hit.kind == "amu_case":
        page = show_page("amu")
        page.tabs.setCurrentWidget(page.meetings)
        page.meetings.year.setCurrentIndex(max(0, page.meetings.year.findData(hit.date.year)))
        page.meetings.refresh(select_id=hit.id)
    elif hit.kind == "person":
        show_page("verneomrader").show_assignment(hit.id, None)


def search_everywhere(window: QWidget, text: str = "") -> SearchHit | None:
    """Open the search; the hit chosen with Enter is opened on its page."""
    dialog = SearchDialog(window.ctx, text, window)
    if dialog.exec() and dialog.chosen is not None:
        open_hit(window, dialog.chosen)
        return dialog.chosen
    return None

"""Search everywhere (Ctrl+F, and the field in the toolbar): one list of hits over every
kind of record, ranked, opened with Enter. The query runs on a worker thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

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
from vernelogg.i18n import _, ngettext
from vernelogg.services.search import SearchHit, search
from vernelogg.ui.common.worker import Requests, run_task
from vernelogg.ui.context import AppContext

if TYPE_CHECKING:
    from vernelogg.ui.amu.page import AmuPage
    from vernelogg.ui.areas.page import AreasPage
    from vernelogg.ui.deviations.page import DeviationsPage
    from vernelogg.ui.main_window import MainWindow
    from vernelogg.ui.risk.page import RiskPage
    from vernelogg.ui.rounds.page import RoundsPage

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
        self.setWindowTitle(_("Søk i alt"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        self.field = QLineEdit(text)
        self.field.setMaxLength(SEARCH_MAX_CHARS)
        self.field.setPlaceholderText(_("Ord, nummer eller navn – avvik, tiltak, runder, risiko …"))
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
        self.field.textChanged.connect(lambda *_args: self._timer.start())
        self.field.returnPressed.connect(self.open_current)
        self.list.itemActivated.connect(lambda *_args: self.open_current())
        for keys, step in (("Down", 1), ("Up", -1)):
            QShortcut(
                QKeySequence(keys),
                self.field,
                context=Qt.ShortcutContext.WidgetShortcut,
            ).activated.connect(lambda step=step: self._move(step))
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
            ngettext(
                "{n} treff – Enter åpner, ↑↓ velger",
                "{n} treff – Enter åpner, ↑↓ velger",
                len(hits),
            ).format(n=len(hits))
            if hits
            else (_("Ingen treff.") if typed else "")
        )

    def _failed(self, asked: int, error: BaseException) -> None:
        if self.requests.answer(asked):
            self.status.setText(_("Søket kunne ikke gjøres: {error}").format(error=error))

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


def open_hit(window: MainWindow, hit: SearchHit) -> None:
    """Show the record a hit names, on its page (the key says which page class it is)."""
    show_page = window.show_page
    if hit.kind == "deviation":
        cast("DeviationsPage", show_page("avvik")).open_deviation(hit.id)
    elif hit.kind == "action":
        deviations = cast("DeviationsPage", show_page("avvik"))
        plan = deviations.show_actions(status="all")
        plan.select(hit.id)
    elif hit.kind in ("round", "finding"):
        rounds = cast("RoundsPage", show_page("vernerunder"))
        if rounds.conducting:
            rounds.show_list()
        rounds.list.set_year(None)
        rounds.list.select_round(hit.id)
    elif hit.kind in ("risk", "hazard"):
        cast("RiskPage", show_page("risiko")).open(hit.id)
    elif hit.kind == "stoppage":
        from vernelogg.ui.stoppage.quick import show_stop

        show_stop(window, hit.id)
    elif hit.kind == "amu_case":
        amu = cast("AmuPage", show_page("amu"))
        amu.tabs.setCurrentWidget(amu.meetings)
        if hit.date is not None:
            year = amu.meetings.year
            year.setCurrentIndex(max(0, year.findData(hit.date.year)))
        amu.meetings.refresh(select_id=hit.id)
    elif hit.kind == "person":
        cast("AreasPage", show_page("verneomrader")).show_assignment(hit.id, None)


def search_everywhere(window: MainWindow, text: str = "") -> SearchHit | None:
    """Open the search; the hit chosen with Enter is opened on its page."""
    dialog = SearchDialog(window.ctx, text, window)
    if dialog.exec() and dialog.chosen is not None:
        open_hit(window, dialog.chosen)
        return dialog.chosen
    return None

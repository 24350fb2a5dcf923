"""At start-up and after changes: how many deadlines are overdue or due this week.

`show_deadline_status(window)` puts a button in the status bar; clicking it opens
«Opplæring og frister». The count comes from the deadlines shared by the status bar,
the overview card (`training/overview_card.py`) and the deadline list
(`training/deadlines_tab.py`): `ctx.deadlines`, see `training/deadline_store.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QPushButton

from vernelogg.i18n import _
from vernelogg.ui.common.widgets import STATUS_COLORS
from vernelogg.ui.common.worker import alive
from vernelogg.ui.context import AppContext

if TYPE_CHECKING:
    from vernelogg.services.deadlines import DeadlineCounts, DeadlineEntry
    from vernelogg.ui.main_window import MainWindow
    from vernelogg.ui.training.page import TrainingPage


PAGE_KEY = "frister"


def status_text(counts: DeadlineCounts) -> tuple[str, str]:
    if counts.overdue:
        return "⚠ " + counts.summary, "overdue"
    if counts.due_this_week:
        return _("Frister: {summary}").format(summary=counts.summary), "due_soon"
    return _("Ingen frister forfalt"), "ok"


def show_deadline_status(window: MainWindow) -> None:
    """Start counting; the status bar button appears when the count is ready."""
    if window.deadline_status is None:
        button = QPushButton()
        button.setObjectName("deadlineStatus")
        button.setFlat(True)
        button.setToolTip(_("Åpne «Opplæring og frister»"))
        button.hide()
        button.clicked.connect(lambda: open_deadlines_page(window.ctx))
        window.statusBar().addPermanentWidget(button)
        window.deadline_status = button
        window.ctx.changed.connect(lambda _what: _recount(window))
    _recount(window)


def _recount(window: MainWindow) -> None:
    if not alive(window):
        return
    ctx = window.ctx
    today = ctx.today()

    def done(entries: list[DeadlineEntry]) -> None:
        button = window.deadline_status
        if not alive(window) or button is None:
            return
        from vernelogg.services.deadlines import count_deadlines

        counts = count_deadlines(entries, today)
        text, status = status_text(counts)
        button.setText(text)
        button.setStyleSheet(
            f"QPushButton {{ color: {STATUS_COLORS[status]}; font-weight: 600; "
            "border: none; padding: 0 8px; }"
        )
        button.show()
        window.deadline_counts = counts

    ctx.deadlines.get(done)


def open_deadlines_page(ctx: AppContext) -> None:
    page = cast("TrainingPage | None", ctx.show_page(PAGE_KEY))
    if page is not None:
        page.tabs.setCurrentIndex(0)

"""At start-up and after changes: how many deadlines are overdue or due this week.

`show_deadline_status(window)` puts a button in the status bar (counted on a worker
thread, so the window never waits); clicking it opens «Opplæring og frister».
`deadline_card(ctx)` is the overview's card with the most urgent items.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.services.deadlines import (
    DeadlineCounts,
    collect_deadlines,
    count_deadlines,
)
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import STATUS_COLORS, Card
from vernelogg.ui.common.worker import run_task
from vernelogg.ui.context import AppContext

PAGE_KEY = "frister"
CARD_ITEMS = 6
# Shown on the overview's own warnings card already.
_ON_OVERVIEW = {"legal_requirement", "term_end"}


def _count(db: Database, today: date) -> DeadlineCounts:
    return count_deadlines(collect_deadlines(db, today), today)


def _alive(widget: QWidget) -> bool:
    try:
        import shiboken6

        return shiboken6.isValid(widget)
    except ImportError:  # pragma: no cover - shiboken6 ships with PySide6
        return True


def status_text(counts: DeadlineCounts) -> tuple[str, str]:
    if counts.overdue:
        return "⚠ " + counts.summary, "overdue"
    if counts.due_this_week:
        return "Frister: " + counts.summary, "due_soon"
    return "Ingen frister forfalt", "ok"


def show_deadline_status(window: QWidget) -> None:
    """Start counting; the status bar button appears when the count is ready."""
    ctx: AppContext = window.ctx  # type: ignore[attr-defined]
    button = getattr(window, "deadline_status", None)
    if button is None:
        button = QPushButton()
        button.setObjectName("deadlineStatus")
        button.setFlat(True)
        button.setToolTip("Åpne «Opplæring og frister»")
        button.hide()
        button.clicked.connect(lambda: _open_page(window))
        window.statusBar().addPermanentWidget(button)  # type: ignore[attr-defined]
        window.deadline_status = button  # type: ignore[attr-defined]
        ctx.changed.connect(lambda _what: _recount(window))
    _recount(window)


def _recount(window: QWidget) -> None:
    if not _alive(window):
        return
    ctx: AppContext = window.ctx  # type: ignore[attr-defined]

    def done(counts: DeadlineCounts) -> None:
        if not _alive(window):
            return
        text, status = status_text(counts)
        button = window.deadline_status  # type: ignore[attr-defined]
        button.setText(text)
        button.setStyleSheet(
            f"QPushButton {{ color: {STATUS_COLORS[status]}; font-weight: 600; "
            "border: none; padding: 0 8px; }"
        )
        button.show()
        window.deadline_counts = counts  # type: ignore[attr-defined]

    run_task(_count, ctx.db, ctx.today(), on_done=done, on_error=lambda _error: None)


def _open_page(window: QWidget) -> None:
    show_page = getattr(window, "show_page", None)
    if callable(show_page):
        try:
            page = show_page(PAGE_KEY)
        except StopIteration:
            return
        page.tabs.setCurrentIndex(0)


def deadline_card(ctx: AppContext) -> QWidget | None:
    """«Frister og opplæring» on the overview: counts and the most urgent items."""
    today = ctx.today()
    entries = collect_deadlines(ctx.db, today)
    counts = count_deadlines(entries, today)
    card = Card("Frister og opplæring")
    summary = QLabel(
        f"<b style='color:{STATUS_COLORS['overdue']}'>{counts.overdue} forfalt</b> · "
        f"<b style='color:{STATUS_COLORS['due_soon']}'>{counts.due_this_week} innen en uke</b> · "
        f"{counts.due_soon} snart frist · {counts.missing} mangler"
    )
    card.body.addWidget(summary)
    urgent = [
        e for e in entries if e.item.status is not Status.OK and e.item.kind not in _ON_OVERVIEW
    ]
    urgent.sort(key=lambda e: (-e.item.status.severity, e.item.due or date.min))
    for e in urgent[:CARD_ITEMS]:
        i = e.item
        who = " · ".join(x for x in (i.person, i.area) if x and x not in i.title)
        when = f"{fmt_date(i.due)}  " if i.due else ""
        line = QLabel(
            f"<span style='color:{STATUS_COLORS[i.status.value]}'>■</span> "
            f"{when}<b>{e.kind_label}</b>{': ' + html.escape(who) if who else ''} – "
            f"{html.escape(i.title)}"
        )
        line.setWordWrap(True)
        card.body.addWidget(line)
    row = QHBoxLayout()
    more = QPushButton("Åpne Opplæring og frister")
    more.clicked.connect(lambda: _open_page(card.window()))
    row.addWidget(more)
    if len(urgent) > CARD_ITEMS:
        rest = QLabel(f"og {len(urgent) - CARD_ITEMS} til")
        rest.setStyleSheet("color: #5f6368;")
        row.addWidget(rest)
    row.addStretch(1)
    card.body.addLayout(row)
    return card

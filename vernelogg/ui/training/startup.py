"""At start-up and after changes: how many deadlines are overdue or due this week.

`show_deadline_status(window)` puts a button in the status bar; clicking it opens
«Opplæring og frister». The overview's card with the most urgent items
(`training/overview_card.py`) and the deadline list (`training/deadlines_tab.py`) share
the deadlines with it through `with_deadlines`:
gathered once on a worker thread (with ten years of records that takes a good part of a
second, which the window should not wait for), and gathered again after a change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from vernelogg.ui.common.widgets import STATUS_COLORS
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.context import AppContext

if TYPE_CHECKING:
    from vernelogg.services.deadlines import DeadlineCounts, DeadlineEntry


PAGE_KEY = "frister"


def _collect(db, today: date) -> list[DeadlineEntry]:
    """On the worker thread: the deadline rules (and the services they read) are loaded
    there too, not on the GUI thread before the window is painted."""
    from vernelogg.services.deadlines import collect_deadlines

    return collect_deadlines(db, today)


@dataclass
class _Shared:
    key: tuple[date, int] | None = None  # (today, ctx.generation) `entries` were gathered for
    entries: list[DeadlineEntry] | None = None
    running: tuple[date, int] | None = None
    waiting: list[tuple[Callable, Callable | None]] = field(default_factory=list)


def _shared(ctx: AppContext) -> _Shared:
    state = getattr(ctx, "_deadlines", None)
    if state is None:
        state = ctx._deadlines = _Shared()  # type: ignore[attr-defined]
    return state


def with_deadlines(
    ctx: AppContext,
    on_done: Callable[[list[DeadlineEntry]], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Call `on_done(entries)` with the deadlines as of today: at once if they are
    known, else when the worker that gathers them is done (one worker at a time)."""
    state = _shared(ctx)
    key = (ctx.today(), ctx.generation)
    if state.entries is not None and state.key == key:
        on_done(state.entries)
        return
    state.waiting.append((on_done, on_error))
    if state.running == key:
        return
    state.running = key

    def done(entries: list[DeadlineEntry], key=key) -> None:
        if state.running != key:
            return  # a newer count is on its way; the waiters get that one
        state.running, state.key, state.entries = None, key, entries
        waiting, state.waiting = state.waiting, []
        for callback, _ in waiting:
            callback(entries)

    def failed(error: BaseException, key=key) -> None:
        if state.running != key:
            return
        state.running = None
        waiting, state.waiting = state.waiting, []
        for _, callback in waiting:
            if callback is not None:
                callback(error)

    # Started from the event loop, not here: while the window (or a page) is being
    # built, a worker thread would only compete with it for the interpreter.
    QTimer.singleShot(0, lambda: run_task(_collect, ctx.db, key[0], on_done=done, on_error=failed))


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
        button.clicked.connect(lambda: open_deadlines_page(window))
        window.statusBar().addPermanentWidget(button)  # type: ignore[attr-defined]
        window.deadline_status = button  # type: ignore[attr-defined]
        ctx.changed.connect(lambda _what: _recount(window))
    _recount(window)


def _recount(window: QWidget) -> None:
    if not alive(window):
        return
    ctx: AppContext = window.ctx  # type: ignore[attr-defined]
    today = ctx.today()

    def done(entries: list[DeadlineEntry]) -> None:
        if not alive(window):
            return
        from vernelogg.services.deadlines import count_deadlines

        counts = count_deadlines(entries, today)
        text, status = status_text(counts)
        button = window.deadline_status  # type: ignore[attr-defined]
        button.setText(text)
        button.setStyleSheet(
            f"QPushButton {{ color: {STATUS_COLORS[status]}; font-weight: 600; "
            "border: none; padding: 0 8px; }"
        )
        button.show()
        window.deadline_counts = counts  # type: ignore[attr-defined]

    with_deadlines(ctx, done)


def open_deadlines_page(window: QWidget) -> None:
    show_page = getattr(window, "show_page", None)
    if callable(show_page):
        try:
            page = show_page(PAGE_KEY)
        except StopIteration:
            return
        page.tabs.setCurrentIndex(0)

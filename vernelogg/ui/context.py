"""What every page gets: the open database, today's date, a change signal, a way to the
status bar and to the other pages, and the deadlines shared between pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from vernelogg import clock
from vernelogg.store.database import Database

if TYPE_CHECKING:
    from vernelogg.ui.training.deadline_store import DeadlineStore


class AppContext(QObject):
    """Shared by all pages. `changed` tells other pages to refresh what they show;
    `status_message` (text, milliseconds) is shown in the main window's status bar."""

    changed = Signal(str)
    status_message = Signal(str, int)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        # Bumped before every change signal, so what is cached from the data (e.g. the
        # deadlines) can tell that it is out of date whichever slot runs first.
        self.generation = 0
        self._navigator: Callable[[str], QWidget] | None = None
        self._deadlines: DeadlineStore | None = None

    def today(self) -> date:
        """Today, from the app's one clock (vernelogg.clock)."""
        return clock.today()

    def day_changed(self) -> None:
        """The clock has passed into another day: what depends on today refreshes."""
        self.generation += 1
        self.changed.emit("today")

    def notify(self, what: str) -> None:
        self.generation += 1
        self.changed.emit(what)

    def tell(self, text: str, ms: int = 10_000) -> None:
        """A short message in the status bar (e.g. «Avvik AV-2026-0042 er registrert.»)."""
        self.status_message.emit(text, ms)

    def set_navigator(self, show_page: Callable[[str], QWidget]) -> None:
        """The main window's way to its pages (`MainWindow.show_page`)."""
        self._navigator = show_page

    def show_page(self, key: str) -> QWidget | None:
        """Page `key` of the main window, shown; None without a main window (a page on
        its own, as in some tests) or for a page the window does not have."""
        if self._navigator is None:
            return None
        try:
            return self._navigator(key)
        except StopIteration:
            return None

    @property
    def deadlines(self) -> DeadlineStore:
        """The deadlines as of today, gathered on a worker thread when first asked for."""
        if self._deadlines is None:
            from vernelogg.ui.training.deadline_store import DeadlineStore

            self._deadlines = DeadlineStore(self)
        return self._deadlines

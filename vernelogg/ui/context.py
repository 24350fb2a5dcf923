"""What every page gets: the open database, today's date, and a change signal."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal

from vernelogg import clock
from vernelogg.store.database import Database


class AppContext(QObject):
    """Shared by all pages. `changed` tells other pages to refresh what they show."""

    changed = Signal(str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        # Bumped before every change signal, so what is cached from the data (e.g. the
        # deadlines) can tell that it is out of date whichever slot runs first.
        self.generation = 0

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

"""What every page gets: the open database, today's date, and a change signal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from vernelogg.store.database import Database


class AppContext(QObject):
    """Shared by all pages. `changed` tells other pages to refresh what they show."""

    changed = Signal(str)

    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.db = db
        self._today = today
        # Bumped before every change signal, so what is cached from the data (e.g. the
        # deadlines) can tell that it is out of date whichever slot runs first.
        self.generation = 0

    def today(self) -> date:
        return self._today()

    def set_today(self, today: Callable[[], date]) -> None:
        self._today = today
        self.generation += 1
        self.changed.emit("today")

    def notify(self, what: str) -> None:
        self.generation += 1
        self.changed.emit(what)

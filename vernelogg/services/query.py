"""What a paged list shows: search text, filters, sort column and direction.

Shared by the UI's PagedModel (ui/common/table.py re-exports it) and by exports and
reports, which page through the same list sources without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vernelogg import clock


@dataclass
class ListQuery:
    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False


class DatedSource:
    """Base of a paged list source that knows today's date (a date, or the app's clock).

    `shared=True` is for what leaves the app (exports, reports): confidential text is
    replaced and search does not look into it.
    """

    def __init__(
        self,
        db: Any,
        today: Callable[[], date] | date | None = None,
        *,
        shared: bool = False,
    ) -> None:
        self.db = db
        self._today = today
        self.shared = shared

    def today(self) -> date:
        if callable(self._today):
            return self._today()
        return self._today or clock.today()

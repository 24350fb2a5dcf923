"""What a paged list shows: search text, filters, sort column and direction.

Shared by the UI's PagedModel (ui/common/table.py re-exports it) and by exports and
reports, which page through the same list sources without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ListQuery:
    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False

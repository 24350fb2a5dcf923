"""The last five database files opened, kept in the user's Qt settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEY = "databaser/nylige"
RECENT_COUNT = 5


def recent_databases() -> list[Path]:
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [Path(v) for v in (value if isinstance(value, list) else []) if v][:RECENT_COUNT]


def remember(path: Path) -> None:
    paths = [p for p in recent_databases() if p != path]
    QSettings().setValue(RECENT_KEY, [str(p) for p in [path, *paths][:RECENT_COUNT]])


def forget(path: Path) -> None:
    QSettings().setValue(RECENT_KEY, [str(p) for p in recent_databases() if p != path])

"""The pages of the main window, in navigation order. One line per feature."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from vernelogg.ui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str  # file name in screenshots, e.g. "oversikt"
    title: str  # text in the navigation bar
    factory: Callable[[AppContext], QWidget]


# Actions reachable from anywhere (toolbar and shortcut): each factory gets the main
# window and returns a QAction. One line per feature.
GLOBAL_ACTIONS: list[Callable[[QWidget], object]] = []

# Run once after the main window is shown, without blocking it (e.g. "3 frister forfalt").
STARTUP_HOOKS: list[Callable[[QWidget], None]] = []


def all_pages() -> list[PageSpec]:
    from vernelogg.ui.areas import PAGE as areas
    from vernelogg.ui.overview import PAGE as overview
    from vernelogg.ui.rounds import PAGE as rounds

    return [overview, areas, rounds]

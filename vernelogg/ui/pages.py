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
def _new_deviation_action(window: QWidget) -> object:
    from vernelogg.ui.deviations import new_deviation_action

    return new_deviation_action(window)


GLOBAL_ACTIONS: list[Callable[[QWidget], object]] = [_new_deviation_action]

# Run once after the main window is shown, without blocking it (e.g. "3 frister forfalt").
STARTUP_HOOKS: list[Callable[[QWidget], None]] = []


def all_pages() -> list[PageSpec]:
    from vernelogg.ui.areas import PAGE as areas
    from vernelogg.ui.deviations import PAGE as deviations
    from vernelogg.ui.overview import PAGE as overview

    return [overview, areas, deviations]

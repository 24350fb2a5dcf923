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


def all_pages() -> list[PageSpec]:
    from vernelogg.ui.areas import PAGE as areas
    from vernelogg.ui.overview import PAGE as overview

    return [overview, areas]

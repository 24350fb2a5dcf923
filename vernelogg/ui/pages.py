"""The pages of the main window, in navigation order. One line per feature."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from vernelogg.ui.context import AppContext

if TYPE_CHECKING:
    from vernelogg.ui.main_window import MainWindow


@dataclass(frozen=True)
class PageSpec:
    key: str  # file name in screenshots, e.g. "oversikt"
    title: str  # text in the navigation bar
    factory: Callable[[AppContext], QWidget]

    @property
    def module(self) -> str:
        """The module the page is built from (`ui/<feature>/page.py`), imported ahead on
        a worker thread a moment after start-up (ui/common/warm_up.py)."""
        return f"{self.factory.__module__}.page"


# Actions reachable from anywhere (toolbar and shortcut): each factory gets the main
# window and returns a QAction. One line per feature.
def _new_deviation_action(window: MainWindow) -> QAction:
    from vernelogg.ui.deviations import new_deviation_action

    return new_deviation_action(window)


def _stop_work_action(window: MainWindow) -> QAction:
    from vernelogg.ui.stoppage import stop_work_action

    return stop_work_action(window)


GLOBAL_ACTIONS: list[Callable[[MainWindow], QAction]] = [_stop_work_action, _new_deviation_action]


def _deadline_status(window: MainWindow) -> None:
    from vernelogg.ui.training.startup import show_deadline_status

    show_deadline_status(window)


def _database_check(window: MainWindow) -> None:
    from vernelogg.ui.integrity import check_database_file

    check_database_file(window)


def _daily_backup(window: MainWindow) -> None:
    from vernelogg.ui.files.backup import start_daily_backup

    start_daily_backup(window)


def _live_refresh(window: MainWindow) -> None:
    from vernelogg.ui.common.live_refresh import start_live_refresh

    start_live_refresh(window)


# Run once after the main window is shown, without blocking it (e.g. "3 frister forfalt").
STARTUP_HOOKS: list[Callable[[MainWindow], None]] = [
    _deadline_status,
    _database_check,
    _daily_backup,
    _live_refresh,
]


def all_pages() -> list[PageSpec]:
    from vernelogg.ui.amu import PAGE as amu
    from vernelogg.ui.annual import PAGE as annual
    from vernelogg.ui.areas import PAGE as areas
    from vernelogg.ui.deviations import PAGE as deviations
    from vernelogg.ui.overview import PAGE as overview
    from vernelogg.ui.risk import PAGE as risk
    from vernelogg.ui.rounds import PAGE as rounds
    from vernelogg.ui.stoppage import PAGE as stoppage
    from vernelogg.ui.training import PAGE as training

    return [overview, areas, rounds, deviations, risk, stoppage, training, amu, annual]

"""Vernerunder: the list of rounds per area, and the screen where a round is conducted.

Both read on worker threads: the list when the page is shown, a round when it is opened
(the list stays on screen until the round is in).
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from vernelogg.ui.context import AppContext
from vernelogg.ui.rounds.conduct import ConductView
from vernelogg.ui.rounds.list_view import RoundsListView


class RoundsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.list = RoundsListView(ctx)
        self.conduct = ConductView(ctx)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.conduct)
        self.list.open_requested.connect(self.open_round)
        self.conduct.back_requested.connect(self.show_list)

    @property
    def conducting(self) -> bool:
        return self.stack.currentWidget() is self.conduct

    def refresh(self) -> None:
        if self.conducting:
            self.conduct.refresh()
        else:
            self.list.refresh()

    def is_loading(self) -> bool:
        return self.list.is_loading() or self.conduct.is_loading()

    def open_round(self, round_id: str) -> ConductView:
        """Open a round to conduct it; the screen changes when the round is read."""
        self.conduct.load(round_id, then=self._conduct_shown)
        return self.conduct

    def _conduct_shown(self) -> None:
        self.stack.setCurrentWidget(self.conduct)
        self.conduct.focus_point()

    def show_list(self) -> None:
        info = self.conduct.info
        self.stack.setCurrentWidget(self.list)
        self.list.refresh()
        if info is not None:
            self.list.select_round(info.id)

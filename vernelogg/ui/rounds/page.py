"""Vernerunder: the list of rounds per area, and the screen where a round is conducted.

Both read on worker threads: the list when the page is shown, a round when it is opened
(the list stays on screen until the round is in). The round screen is built, and its
modules imported, when a round is first opened: showing the list does not wait for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from vernelogg.ui.context import AppContext
from vernelogg.ui.rounds.list_view import RoundsListView

if TYPE_CHECKING:
    from vernelogg.ui.rounds.conduct import ConductView


class RoundsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.list = RoundsListView(ctx)
        self.stack.addWidget(self.list)
        self._conduct: ConductView | None = None
        self.list.open_requested.connect(self.open_round)

    @property
    def conduct(self) -> ConductView:
        """The screen where a round is conducted (built when first asked for)."""
        if self._conduct is None:
            from vernelogg.ui.rounds.conduct import ConductView

            self._conduct = ConductView(self.ctx)
            self.stack.addWidget(self._conduct)
            self._conduct.back_requested.connect(self.show_list)
        return self._conduct

    @property
    def conducting(self) -> bool:
        return self._conduct is not None and self.stack.currentWidget() is self._conduct

    def refresh(self) -> None:
        if self.conducting:
            self.conduct.refresh()
        else:
            self.list.refresh()

    def is_loading(self) -> bool:
        conduct = self._conduct
        return self.list.is_loading() or (conduct is not None and conduct.is_loading())

    def open_round(self, round_id: str) -> ConductView:
        """Open a round to conduct it; the screen changes when the round is read."""
        self.conduct.load(round_id, then=self._conduct_shown)
        return self.conduct

    def _conduct_shown(self) -> None:
        self.stack.setCurrentWidget(self.conduct)
        self.conduct.focus_point()

    def show_list(self) -> None:
        info = self._conduct.info if self._conduct is not None else None
        self.stack.setCurrentWidget(self.list)
        self.list.refresh()
        if info is not None:
            self.list.select_round(info.id)

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from vernelogg.i18n import N_, _
from vernelogg.ui.pages import PageSpec

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from vernelogg.ui.deviations.page import DeviationsPage
    from vernelogg.ui.main_window import MainWindow


def _make(ctx):
    from vernelogg.ui.deviations.page import DeviationsPage

    return DeviationsPage(ctx)


def new_deviation_action(window: MainWindow) -> QAction:
    """Toolbar action «Meld avvik» (Ctrl+Shift+A), reachable from every page."""
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction(_("Meld avvik"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+A"))
    action.setToolTip(_("Meld et nytt avvik (Ctrl+Shift+A)"))

    def run() -> None:
        if window.current_key() == PAGE.key:  # on the list: the new avvik gets selected there
            cast("DeviationsPage", window.pages[PAGE.key]).new_deviation()
            return
        from vernelogg.ui.deviations.register_dialog import RegisterDialog

        dialog = RegisterDialog(window.ctx.db, parent=window)
        if dialog.exec():
            window.ctx.notify("deviations")
            window.ctx.tell(_("Avvik {number} er registrert.").format(number=dialog.saved().number))

    action.triggered.connect(run)
    return action


PAGE = PageSpec("avvik", N_("Avvik og tiltak"), _make)

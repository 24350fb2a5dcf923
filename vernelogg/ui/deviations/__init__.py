from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.deviations.page import DeviationsPage

    return DeviationsPage(ctx)


def new_deviation_action(window):
    """Toolbar action «Meld avvik» (Ctrl+Shift+A), reachable from every page."""
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction("Meld avvik", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+A"))
    action.setToolTip("Meld et nytt avvik (Ctrl+Shift+A)")

    def run() -> None:
        if window.current_key() == PAGE.key:  # on the list: the new avvik gets selected there
            window.pages[PAGE.key].new_deviation()
            return
        from vernelogg.ui.deviations.register_dialog import RegisterDialog

        dialog = RegisterDialog(window.ctx.db, parent=window)
        if dialog.exec():
            window.ctx.notify("deviations")
            window.statusBar().showMessage(
                f"Avvik {dialog.result_value.number} er registrert.", 10_000
            )

    action.triggered.connect(run)
    return action


PAGE = PageSpec("avvik", "Avvik og tiltak", _make)

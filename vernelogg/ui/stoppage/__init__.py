from vernelogg.i18n import N_, _
from vernelogg.ui.pages import PageSpec


def _make(ctx):
    from vernelogg.ui.stoppage.page import StoppagePage

    return StoppagePage(ctx)


PAGE = PageSpec("stansing", N_("Stansing"), _make)
SHORTCUT = "Ctrl+Shift+S"


def stop_work_action(window):
    """The toolbar action «Stans farlig arbeid» (Ctrl+Shift+S), available on every page.
    The dialog's code is loaded when the action is first used, not at start-up."""
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction(_("Stans farlig arbeid"), window)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setToolTip(
        _("Registrer stansing av farlig arbeid, aml. § 6-3 ({shortcut})").format(shortcut=SHORTCUT)
    )
    action.setObjectName("stopWorkAction")

    def run() -> None:
        from vernelogg.ui.stoppage.quick import show_stop, start_stop

        row = start_stop(window, window.ctx)
        if row is not None:
            show_stop(window, row.id)

    action.triggered.connect(run)
    return action

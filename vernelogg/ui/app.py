"""Starting the GUI: the application object, the first-run dialog and the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from vernelogg import APP_ID, APP_NAME, __version__
from vernelogg.i18n import _

EXIT_AFTER_PAINT_ENV = "VERNELOGG_EXIT_AFTER_PAINT"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    from vernelogg.ui.common.style import STYLESHEET

    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    from vernelogg.ui.language import apply_language, chosen_language

    language = apply_language(chosen_language())
    # Lets Linux desktops (Wayland in particular) match windows to
    # no.vernelogg.Vernelogg.desktop, and so show the right icon and name in the taskbar.
    app.setDesktopFileName(APP_ID)
    from vernelogg.ui.translations import install_translations

    install_translations(app, language)
    from vernelogg.ui.icon import app_icon

    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    app.setStyleSheet(STYLESHEET)
    from vernelogg.ui.common.garbage import collect_on_gui_thread

    collect_on_gui_thread(app)
    return app


def show_startup_error(message: str) -> None:
    """Tell the user why the app cannot open, when there is no terminal to read it in.

    The installed app is windowed (no console on Windows, started from a menu elsewhere), so
    a database that cannot be opened is shown in a dialog; from a terminal, the one line on
    stderr is enough.
    """
    if not (getattr(sys, "frozen", False) or sys.stderr is None):
        return
    create_application()
    from vernelogg.ui.common.messages import show_error

    text = _("{app} kan ikke åpne databasen.").format(app=APP_NAME)
    show_error(None, f"{text}\n\n{message}", title=APP_NAME)


def run_gui(db) -> int:
    """Show the first-run dialog if needed, then the main window. Returns the exit code."""
    app = create_application()
    from vernelogg.services.organisation import is_set_up
    from vernelogg.ui import errors

    errors.install()
    from vernelogg.ui.common.temp_files import sweep_stale

    sweep_stale()  # what an earlier run that did not quit left in the temporary folder
    from vernelogg.ui.context import AppContext
    from vernelogg.ui.main_window import MainWindow

    if not is_set_up(db):
        from vernelogg.ui.first_run import FirstRunDialog  # only the first time

        dialog = FirstRunDialog(db)
        if not dialog.exec():
            return 0
    window = MainWindow(AppContext(db))
    window.show()
    if os.environ.get(EXIT_AFTER_PAINT_ENV):
        _exit_after_paint(app, window)
    return app.exec()


def _exit_after_paint(app: QApplication, window) -> None:
    """For start-up measurements: paint the window once and say so («vernelogg:
    painted»), then wait until the first page has shown what it reads on a worker thread
    («vernelogg: filled»), and leave."""
    from PySide6.QtCore import QTimer

    def filled() -> None:
        loading = getattr(window.stack.currentWidget(), "is_loading", None)
        if callable(loading) and loading():
            QTimer.singleShot(5, filled)
            return
        window.repaint()
        print("vernelogg: filled", file=sys.stderr, flush=True)
        app.quit()

    def painted() -> None:
        window.repaint()
        print("vernelogg: painted", file=sys.stderr, flush=True)
        filled()

    QTimer.singleShot(0, painted)

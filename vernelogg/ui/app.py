"""Starting the GUI: the application object, the first-run dialog and the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLocale
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from vernelogg import APP_NAME, __version__
from vernelogg.config import resources_dir

EXIT_AFTER_PAINT_ENV = "VERNELOGG_EXIT_AFTER_PAINT"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    from vernelogg.ui.common.style import STYLESHEET

    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    icon = resources_dir() / "icons" / "vernelogg.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(STYLESHEET)
    return app


def run_gui(db) -> int:
    """Show the first-run dialog if needed, then the main window. Returns the exit code."""
    app = create_application()
    from vernelogg.services.organisation import is_set_up
    from vernelogg.ui.context import AppContext
    from vernelogg.ui.first_run import FirstRunDialog
    from vernelogg.ui.main_window import MainWindow

    if not is_set_up(db):
        dialog = FirstRunDialog(db)
        if not dialog.exec():
            return 0
    window = MainWindow(AppContext(db))
    window.show()
    if os.environ.get(EXIT_AFTER_PAINT_ENV):
        # For start-up measurements: paint everything once, say so, and leave.
        from PySide6.QtCore import QTimer

        def painted() -> None:
            window.repaint()
            print("vernelogg: painted", file=sys.stderr, flush=True)
            app.quit()

        QTimer.singleShot(0, painted)
    return app.exec()

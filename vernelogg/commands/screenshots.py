"""`vernelogg screenshots --out DIR`: every main page rendered offscreen to PNG.

Besides one PNG per page, it writes `fil-meny.png` (the main window with the Fil menu open:
backup and data folder) and `om-vernelogg.png` (the About dialog with icon and version).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vernelogg.commands.args import count
from vernelogg.commands.common import UsageError, open_database
from vernelogg.i18n import _, ngettext


def add_parser(sub) -> None:
    p = sub.add_parser("screenshots", help=_("lagre et skjermbilde av hver side (uten skjerm)"))
    p.add_argument("--out", required=True, type=Path, help=_("mappe for PNG-filene"))
    p.add_argument(
        "--width", type=count(400, 10000), default=1280, help=_("vinduets bredde i punkter (1280)")
    )
    p.add_argument(
        "--height", type=count(300, 10000), default=800, help=_("vinduets høyde i punkter (800)")
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from vernelogg.services.organisation import is_set_up

    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(
            _("Kan ikke opprette mappen «{folder}»: {reason}").format(
                folder=args.out, reason=error.strerror
            )
        ) from error
    db = open_database(args)
    try:
        if not is_set_up(db):
            raise UsageError(_("Databasen er tom. Kjør «vernelogg demo» eller start appen først."))
        files = take_screenshots(db, args.out, args.width, args.height)
    finally:
        db.close()
    for f in files:
        print(f)
    saved = ngettext(
        "{n} skjermbilder lagret i {folder}", "{n} skjermbilder lagret i {folder}", len(files)
    )
    print(saved.format(n=len(files), folder=args.out), file=sys.stderr)
    return 0


def take_screenshots(db, out: Path, width: int = 1280, height: int = 800) -> list[Path]:
    from vernelogg.ui.app import create_application
    from vernelogg.ui.common.worker import settle, wait_for_tasks
    from vernelogg.ui.context import AppContext
    from vernelogg.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(AppContext(db))
    window.resize(width, height)
    window.show()
    files = []
    for spec in window.specs:
        page = window.show_page(spec.key)
        settle(page)
        path = out / f"{spec.key}.png"
        window.grab().save(str(path))
        files.append(path)
    window.show_page(window.specs[0].key)
    files.append(grab_file_menu(window, out / "fil-meny.png"))
    files.append(grab_about(window, out / "om-vernelogg.png"))  # i18n-ignore
    window.close()
    wait_for_tasks()
    app.processEvents()
    return files


def grab_file_menu(window, path: Path) -> Path:
    """The window with its Fil menu open; the menu is a popup, so it is painted on top."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    bar = window.menuBar()
    action = bar.actions()[0]
    menu = action.menu()
    menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
    for _turn in range(3):
        QApplication.processEvents()
    image = window.grab()
    painter = QPainter(image)
    painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
    painter.end()
    menu.hide()
    image.save(str(path))
    return path


def grab_about(window, path: Path) -> Path:
    from PySide6.QtWidgets import QApplication

    from vernelogg.ui.about import AboutDialog

    dialog = AboutDialog(window.ctx.db, window)
    dialog.show()
    for _turn in range(3):
        QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.close()
    return path

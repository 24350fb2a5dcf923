"""`vernelogg screenshots --out DIR`: every main page rendered offscreen to PNG."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser("screenshots", help="lagre et skjermbilde av hver side (uten skjerm)")
    p.add_argument("--out", required=True, type=Path, help="mappe for PNG-filene")
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=800)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from vernelogg.cli import UsageError, open_database
    from vernelogg.services.organisation import is_set_up

    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"Kan ikke opprette mappen «{args.out}»: {error.strerror}") from error
    db = open_database(args)
    try:
        if not is_set_up(db):
            raise UsageError("Databasen er tom. Kjør «vernelogg demo» eller start appen først.")
        files = take_screenshots(db, args.out, args.width, args.height)
    finally:
        db.close()
    for f in files:
        print(f)
    print(f"{len(files)} skjermbilder lagret i {args.out}", file=sys.stderr)
    return 0


def take_screenshots(db, out: Path, width: int = 1280, height: int = 800) -> list[Path]:
    from vernelogg.ui.app import create_application
    from vernelogg.ui.common.worker import wait_for_tasks
    from vernelogg.ui.context import AppContext
    from vernelogg.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(AppContext(db))
    window.resize(width, height)
    window.show()
    files = []
    for spec in window.specs:
        page = window.show_page(spec.key)
        _settle(page)
        path = out / f"{spec.key}.png"
        window.grab().save(str(path))
        files.append(path)
    window.close()
    wait_for_tasks()
    app.processEvents()
    return files


def _settle(page, timeout_s: float = 60) -> None:
    """Let a page finish what it loads on worker threads before it is photographed."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    QApplication.processEvents()
    loading = getattr(page, "is_loading", None)
    while callable(loading) and loading() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(3):
        QApplication.processEvents()

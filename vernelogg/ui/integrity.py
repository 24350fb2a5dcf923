"""At start: SQLite's quick check of the database file, on a worker thread.

A damaged file is found when the app opens it, not weeks later in the middle of a save:
the person is told at once which backup to use (see store/integrity.py). A database on a
server is checked by the server, so only SQLite files are checked here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vernelogg.i18n import N_, _
from vernelogg.store.database import damaged_error
from vernelogg.store.integrity import quick_check
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.worker import alive, run_task

if TYPE_CHECKING:
    from vernelogg.ui.main_window import MainWindow

TITLE = N_("Databasen er skadet")


def check_database_file(window: MainWindow) -> None:
    path = window.ctx.db.path
    if path is None:
        return
    run_task(
        quick_check,
        path,
        on_done=lambda problems: _report(window, path, problems),
        on_error=lambda error: _report(window, path, [str(error)]),
    )


def _report(window: MainWindow, path: Path, problems: list[str]) -> None:
    if not problems or not alive(window):
        return
    title = _(TITLE)
    window.statusBar().showMessage(f"{title}: {path}")
    found = "; ".join(problems[:3])
    found_text = _("SQLite fant: {found}").format(found=found)
    show_error(window, f"{damaged_error(path)}\n\n{found_text}", title=_(TITLE))

"""Write a stop's PDF off the GUI thread, then open it in the system's viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QWidget

from vernelogg.i18n import _
from vernelogg.store.database import Database
from vernelogg.ui.common.files import PDF, ask_save_path
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.worker import run_task


def ask_pdf_path(parent: QWidget, suggested_name: str) -> Path | None:
    """Ask where to save the PDF (tests replace this)."""
    return ask_save_path(parent, _("Lagre PDF"), suggested_name, [PDF])


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _status(parent: QWidget, text: str) -> None:
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 8000)


def make_pdf(
    parent: QWidget,
    db: Database,
    stoppage_id: str,
    *,
    notice: bool,
    number: str,
    on_done: Callable[[Path], object] | None = None,
) -> bool:
    """The notice to the employer (`notice`) or the full record. False if cancelled."""
    from vernelogg.reports.stoppage import notice_pdf, record_pdf

    name = (
        _("Stansing-{number}-melding-til-arbeidsgiver.pdf")
        if notice
        else _("Stansing-{number}-rapport.pdf")
    )
    path = ask_pdf_path(parent, name.format(number=number))
    if path is None:
        return False
    _status(parent, _("Lager PDF for {number} …").format(number=number))

    def done(result: Path) -> None:
        _status(parent, _("PDF lagret: {path}").format(path=result))
        open_file(result)
        if on_done:
            on_done(result)

    def failed(error: BaseException) -> None:
        _status(parent, "")
        show_error(parent, _("Kunne ikke lage PDF-en: {error}").format(error=error))

    run_task(
        notice_pdf if notice else record_pdf, db, stoppage_id, path, on_done=done, on_error=failed
    )
    return True

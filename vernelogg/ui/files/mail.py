"""*Send til ansvarlig* / *Send innkalling*: write an `.eml` draft with the record's PDF on
a worker thread, then open it in the system's mail program. Tests replace `open_draft`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton, QWidget

from vernelogg.errors import UserError
from vernelogg.i18n import _
from vernelogg.services.mail import Draft, write_draft
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.temp_files import temp_folder
from vernelogg.ui.common.worker import alive, run_task


def open_draft(path: Path) -> bool:
    """Open the draft in the mail program the system uses for `.eml` files."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _write(build: Callable[[], Draft]) -> Path:
    return write_draft(build(), temp_folder())


def send_draft(button: QPushButton, build: Callable[[], Draft], parent: QWidget):
    """Build the draft off the GUI thread (the PDF takes a moment), then open it."""
    label = button.text()
    button.setEnabled(False)
    button.setText(_("Lager e-post …"))

    def finish() -> None:
        if alive(button):
            button.setEnabled(True)
            button.setText(label)

    def done(path: Path) -> None:
        finish()
        if not open_draft(path):
            show_error(
                parent,
                _(
                    "Fant ikke noe e-postprogram som åpner «{name}». Utkastet er lagret her: {path}"
                ).format(name=path.name, path=path),
            )

    def failed(error: BaseException) -> None:
        finish()
        text = (
            str(error)
            if isinstance(error, UserError)
            else _("E-posten kunne ikke lages: {error}").format(error=error)
        )
        show_error(parent, text)

    return run_task(_write, build, on_done=done, on_error=failed)

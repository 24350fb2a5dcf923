"""Make a PDF off the GUI thread, then open it in the system's viewer (or offer to save).

The PDF is written to a temporary folder and opened; «Lagre som …» writes it where the
user chooses. While it is made, the button is disabled and the status line says so.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QLabel, QMenu, QToolButton, QWidget

from vernelogg.i18n import _
from vernelogg.ui.common.files import PDF, ask_save_path
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.temp_files import temp_folder
from vernelogg.ui.common.worker import run_task


def open_file(path: Path) -> bool:
    """Open a file in the system's viewer; False when there is none (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PdfButton(QToolButton):
    """Click: make the PDF and open it. The arrow menu: «Lagre som …».

    `make()` returns (file name, writer) where writer(path) writes the PDF (it runs on a
    worker thread and must not touch widgets), or None when there is nothing to make.
    """

    def __init__(
        self,
        text: str,
        make: Callable[[], tuple[str, Callable[[Path], None]] | None],
        status: QLabel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setText(text)
        self.make = make
        self.status = status
        self.last_path: Path | None = None
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self)
        self.save_action = QAction(_("Lagre som …"), self)
        self.save_action.triggered.connect(self.save_as)
        menu.addAction(self.save_action)
        self.setMenu(menu)
        self.clicked.connect(self.open_pdf)

    def open_pdf(self) -> None:
        job = self.make()
        if job is None:
            return
        name, writer = job
        self._start(name, writer, temp_folder() / name, open_after=True)

    def save_as(self) -> None:
        job = self.make()
        if job is None:
            return
        name, writer = job
        path = ask_save_path(self, _("Lagre PDF"), name, [PDF])
        if path is not None:
            self._start(name, writer, path, open_after=False)

    def _start(self, name: str, writer, path: Path, *, open_after: bool) -> None:
        self.setEnabled(False)
        self.status.setText(_("Lager {name} …").format(name=name))
        run_task(
            writer,
            path,
            on_done=lambda _result: self._done(path, open_after),
            on_error=self._failed,
        )

    def _done(self, path: Path, open_after: bool) -> None:
        self.setEnabled(True)
        self.last_path = path
        if not open_after:
            self.status.setText(_("Lagret {path}").format(path=path))
            return
        if open_file(path):
            self.status.setText(_("Åpnet {name}").format(name=path.name))
            return
        target = ask_save_path(self, _("Lagre PDF"), path.name, [PDF])
        if target is None:
            self.status.setText(_("PDF-en ligger i {path}").format(path=path))
            return
        shutil.copyfile(path, target)
        self.status.setText(_("Lagret {path}").format(path=target))

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.status.setText("")
        show_error(self, _("Kunne ikke lage PDF-en: {error}").format(error=error))

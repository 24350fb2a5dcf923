"""What happens to an error nobody expected: it is logged and shown, and the app goes on.

`install()` is called once when the GUI starts. It writes to a rotating log file in the
data folder (`logs/vernelogg.log`) and replaces `sys.excepthook`, so an exception that
escapes a slot or an event handler opens a dialog in the app's language (what happened, that nothing
was saved, where the log is, a button that copies the details) instead of going to a
stderr that a windowed app does not have.

Errors a person can act on (vernelogg.errors.UserError) never get here: the dialog
that caused them shows them (ui/common/form_dialog.py).
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vernelogg import APP_NAME, __version__
from vernelogg.config import data_dir
from vernelogg.errors import UserError
from vernelogg.i18n import _

log = logging.getLogger("vernelogg")

LOG_NAME = "vernelogg.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 4

_state: dict[str, object] = {}


def log_path() -> Path:
    return data_dir() / "logs" / LOG_NAME


def start_logging(path: Path | None = None) -> Path | None:
    """Log to a rotating file (four old files of 1 MB kept). Returns its path, or None
    when the folder cannot be written (the app then runs without a log)."""
    path = path or log_path()
    previous = _state.get("handler")
    if isinstance(previous, logging.Handler):
        log.removeHandler(previous)
        previous.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        _state.pop("handler", None)
        _state.pop("path", None)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _state["handler"] = handler
    _state["path"] = path
    return path


def install(path: Path | None = None) -> Path | None:
    """Start the log and make `sys.excepthook` show unexpected errors. Returns the log path."""
    written = start_logging(path)
    sys.excepthook = excepthook
    log.info("%s %s startet", APP_NAME, __version__)
    return written


def excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    details = "".join(traceback.format_exception(kind, error, trace))
    log.error("Uventet feil: %s", details.rstrip())
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, trace)
        return
    try:
        report(error, details)
    except Exception:
        log.exception("Feilvinduet kunne ikke vises")


def report(error: BaseException, details: str) -> ErrorDialog:
    """Show the error dialog (one at a time: later errors are added to the open one)."""
    dialog = _state.get("dialog")
    if isinstance(dialog, ErrorDialog) and dialog.isVisible():
        dialog.add(details)
        return dialog
    path = _state.get("path")
    dialog = ErrorDialog(error, details, path if isinstance(path, Path) else None)
    _state["dialog"] = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def what_happened(error: BaseException) -> str:
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, MemoryError):
        return _("Maskinen gikk tom for minne.")
    if isinstance(error, OSError):
        return _("En fil eller mappe kunne ikke leses eller skrives ({reason}).").format(
            reason=error.strerror or error
        )
    return _("En feil i {app}: {kind}: {error}").format(
        app=APP_NAME, kind=type(error).__name__, error=error
    )


class ErrorDialog(QDialog):
    """«Noe gikk galt»: what happened, that nothing was saved, the log, copy details."""

    def __init__(
        self,
        error: BaseException,
        details: str,
        log_file: Path | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent or QApplication.activeWindow())
        self.setWindowTitle(_("{app}: noe gikk galt").format(app=APP_NAME))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        nothing_lost = _(
            "Det du holdt på med ble ikke lagret. Det som var lagret fra før, er i behold, "
            "og {app} kan brukes videre."
        ).format(app=APP_NAME)
        where = (
            _("Detaljene er skrevet til loggfilen<br>{path}").format(
                path=f"<code>{_escape(str(log_file))}</code>"
            )
            if log_file
            else _("Detaljene kunne ikke skrives til en loggfil.")
        )
        send = _("Send dem gjerne til den som har ansvaret for programmet.")
        message = (
            f"<b>{_escape(what_happened(error))}</b><br><br>{nothing_lost}<br><br>"
            f"{where}<br><br>{send}"
        )
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(140)
        self.details.setAccessibleName(_("Tekniske detaljer"))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(
            _("Kopier detaljer"), QDialogButtonBox.ButtonRole.ActionRole
        )
        close = buttons.addButton(_("Lukk"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def add(self, details: str) -> None:
        self.details.appendPlainText("\n" + details)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(f"{APP_NAME} {__version__}\n{self.details.toPlainText()}")
        self.copy_button.setText(_("Kopiert"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

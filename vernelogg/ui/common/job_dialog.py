"""A dialog that runs one job on a worker thread (copy a database, take a round along,
deliver it): its controls are locked while the job runs, a refusal is shown in its status
line, and anything unexpected goes to the app's error dialog."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from vernelogg.errors import UserError
from vernelogg.ui.common.worker import alive


class JobDialog(QDialog):
    """Subclasses set `self.status` and name in `job_controls` what is locked while the
    job runs."""

    status: QLabel

    def job_controls(self) -> tuple[QWidget, ...]:
        return ()

    def start_job(self, text: str) -> None:
        """Lock the controls and say what is under way."""
        for widget in self.job_controls():
            widget.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(text)

    def job_failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        for widget in self.job_controls():
            widget.setEnabled(True)
        if not isinstance(error, UserError):
            self.status.setText("")
            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.show_job_error(str(error))

    def show_job_error(self, text: str) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(text)

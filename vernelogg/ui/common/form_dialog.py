"""The dialog every record form sits in: a Form with Lagre/Avbryt that saves in one step.

`save()` raises a UserError (a rule of the service, a locked or unreachable database) to
stay open with the message shown in the form; nothing is lost of what was typed.

A dialog whose save talks to the database defines `writer()` instead of `save()`: it reads
the fields on the GUI thread and returns the write as a function that touches no widget
(`functools.partial(service.update_x, db, id, **values)`). Lagre then runs that function
on the worker thread, so the window stays alive over a slow network (a save to a team
server 20 ms away takes 150–300 ms); the dialog shows «Lagrer …», keeps its fields
locked until the answer comes, and closes, or shows the refusal in the form as before.
`save()` still saves in one call (tests, and code that saves without showing the dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from vernelogg.errors import UserError
from vernelogg.i18n import _
from vernelogg.ui.common.forms import Form

T = TypeVar("T")


class FormDialog(QDialog, Generic[T]):
    """A dialog with a Form and Lagre/Avbryt; `save()` raises UserError to stay open.
    `result_value` is what `save()` returned (a `T`), once the dialog is accepted."""

    def __init__(
        self, title: str, parent: QWidget | None = None, ok_text: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = Form()
        # The dialog's column: the form above the buttons (a subclass may add a note).
        layout = self.column = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text or _("Lagre"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.result_value: T | None = None
        self._saving = False
        self._sized = False
        self.setMinimumWidth(460)

    def showEvent(self, event) -> None:
        """A minimum width set by hand (above, or by a subclass) stops Qt from keeping the
        window as wide as its fields need, so a long check box or choice list was cut at
        the right edge; the first showing widens the minimum to what the fields need."""
        if not self._sized:
            self._sized = True
            layout = self.layout()
            needed = layout.totalMinimumSize().width() if layout is not None else 0
            if needed > self.minimumWidth():
                self.setMinimumWidth(needed)
                self.resize(max(self.width(), needed), self.height())
        super().showEvent(event)

    def writer(self) -> Callable[[], T] | None:
        """The save as a function for the worker thread, or None to save with `save()` on
        the GUI thread. Reads the fields; may raise UserError for a field left wrong."""
        return None

    def save(self) -> T:
        write = self.writer()
        if write is None:
            raise NotImplementedError(  # i18n-ignore
                f"{type(self).__name__} must define save() or writer()"  # i18n-ignore
            )
        return write()

    def is_saving(self) -> bool:
        return self._saving

    def saved(self) -> T:
        """What `save()` returned; for use once `exec()` says the dialog was accepted."""
        if self.result_value is None:
            raise RuntimeError(f"{type(self).__name__} has not been saved")  # i18n-ignore
        return self.result_value

    def _accept(self) -> None:
        if self._saving:
            return
        try:
            write = self.writer()
            if write is None:
                self.result_value = self.save()
        except UserError as error:
            self.form.show_error(error)
            return
        if write is None:
            self.accept()
            return
        from vernelogg.ui.common.worker import run_task

        self._set_saving(True)
        run_task(write, on_done=self._written, on_error=self._not_written)

    def _written(self, value: T) -> None:
        self._set_saving(False)
        self.result_value = value
        self.accept()

    def _not_written(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, UserError):
            self.form.show_error(error)
            return
        import sys

        sys.excepthook(type(error), error, error.__traceback__)

    def _set_saving(self, saving: bool) -> None:
        """While the worker saves: the fields and buttons locked, Lagre says «Lagrer …»."""
        self._saving = saving
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if saving:
            self._ok_text = ok.text()
            ok.setText(_("Lagrer …"))
        else:
            ok.setText(getattr(self, "_ok_text", ok.text()))
        for widget in (self.form, self.buttons):
            widget.setEnabled(not saving)

    def reject(self) -> None:
        if self._saving:  # the save is under way; its answer decides
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self._saving:
            event.ignore()
            return
        super().closeEvent(event)

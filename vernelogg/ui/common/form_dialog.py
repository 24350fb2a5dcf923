"""The dialog every record form sits in: a Form with Lagre/Avbryt that saves in one step.

`save()` raises a UserError (a rule of the service, a locked or unreachable database) to
stay open with the message shown in the form; nothing is lost of what was typed.
"""

from __future__ import annotations

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

    def save(self) -> T:
        raise NotImplementedError(f"{type(self).__name__} must define save()")  # i18n-ignore

    def saved(self) -> T:
        """What `save()` returned; for use once `exec()` says the dialog was accepted."""
        if self.result_value is None:
            raise RuntimeError(f"{type(self).__name__} has not been saved")  # i18n-ignore
        return self.result_value

    def _accept(self) -> None:
        try:
            self.result_value = self.save()
        except UserError as error:
            self.form.show_error(error)
            return
        self.accept()

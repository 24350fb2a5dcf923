"""Message boxes with buttons in the app's language: confirm before destructive actions, clear errors."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from vernelogg.i18n import _


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: str | None = None,
    no: str | None = None,
    *,
    default_yes: bool = True,
) -> bool:
    """Ask; True when the person chose `yes`. Enter picks `yes` unless `default_yes` is
    False (for a warning, where the safe answer is to go back); Esc always picks `no`."""
    box = QMessageBox(
        QMessageBox.Icon.Question if default_yes else QMessageBox.Icon.Warning,
        title,
        text,
        parent=parent,
    )
    yes_button = box.addButton(yes or _("Ja"), QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no or _("Avbryt"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title or _("Kunne ikke fullføre"), text, parent=parent
    )
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str = "Vernelogg") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()

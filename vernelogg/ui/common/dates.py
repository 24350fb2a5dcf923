"""Date fields shown as dd.mm.yyyy (dd/mm/yyyy in English), with conversion to and from
Python dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QWidget

from vernelogg import clock
from vernelogg.i18n import _, language

EMPTY = QDate(1900, 1, 1)


def to_qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else EMPTY


def from_qdate(value: QDate) -> date | None:
    if not value.isValid() or value == EMPTY:
        return None
    return date(value.year(), value.month(), value.day())


class DateField(QDateEdit):
    """A date edit with a calendar pop-up; optional fields show «Ingen dato» when empty."""

    def __init__(
        self, value: date | None = None, *, optional: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy" if language() == "en" else "dd.MM.yyyy")
        self.setCalendarPopup(True)
        self.optional = optional
        if optional:
            self.setMinimumDate(EMPTY)
            self.setSpecialValueText(_("Ingen dato"))
        self.set_date(value if value or optional else clock.today())

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab leave the field like in any other field; the arrow keys and
        the dots typed in the date move between day, month and year."""
        return QAbstractSpinBox.focusNextPrevChild(self, next)

    def set_date(self, value: date | None) -> None:
        self.setDate(
            to_qdate(value) if value else (EMPTY if self.optional else to_qdate(clock.today()))
        )

    def value(self) -> date | None:
        return from_qdate(self.date())

"""Input helpers for the stop dialogs: a date-and-time field (Oslo time) and Ctrl+Enter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QHBoxLayout, QSizePolicy, QWidget

from vernelogg import clock
from vernelogg.domain.formatting import OSLO


def now_oslo() -> datetime:
    return clock.local_now().replace(second=0, microsecond=0)


class DateTimeField(QDateTimeEdit):
    """Shows and returns an aware datetime in Europe/Oslo, to the minute."""

    def __init__(self, value: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.setCalendarPopup(True)
        self.set_value(value or now_oslo())

    def set_value(self, value: datetime) -> None:
        local = value.astimezone(OSLO)
        self.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    def value(self) -> datetime:
        d, t = self.date(), self.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=OSLO)


class _CtrlEnter(QObject):
    """Ctrl+Enter in a multi-line text box saves the dialog instead of adding a line."""

    def __init__(self, parent: QObject, callback: Callable[[], None]) -> None:
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.callback()
            return True
        return False


def ctrl_enter_saves(dialog: QWidget, callback: Callable[[], None]) -> None:
    """Ctrl+Enter saves from anywhere in `dialog`, text boxes included."""
    catcher = _CtrlEnter(dialog, callback)
    dialog.installEventFilter(catcher)
    for child in dialog.findChildren(QWidget):
        child.installEventFilter(catcher)


def wide(widget: QWidget) -> QWidget:
    """A short field (a date, a choice) in a row as wide as the form, so the hint and the
    error message under it wrap across the dialog instead of under the field alone."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    if isinstance(widget, QComboBox):  # a choice reads best across the whole row
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    else:
        layout.addStretch(1)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    box.setFocusProxy(widget)
    return box

"""Small widgets the avvik screens share: a date-and-time field, choice boxes, colours."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QStackedWidget, QTabWidget, QWidget

from vernelogg import clock
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.i18n import _
from vernelogg.ui.common.table import Column

STATUS_COLOURS = {
    DeviationStatus.REGISTERED: "#1f5fa8",
    DeviationStatus.UNDER_TREATMENT: "#9a6700",
    DeviationStatus.MEASURES_TAKEN: "#6f42c1",
    DeviationStatus.CLOSED: "#1e7d34",
}
SEVERITY_COLOURS = {
    Severity.LOW: None,
    Severity.MEDIUM: None,
    Severity.HIGH: "#9a6700",
    Severity.SERIOUS: "#b3261e",
}
ACTION_STATUS_COLOURS = {
    ActionStatus.OPEN: None,
    ActionStatus.IN_PROGRESS: "#1f5fa8",
    ActionStatus.DONE: "#1e7d34",
    ActionStatus.CANCELLED: "#5f6368",
}
OVERDUE_RED = "#b3261e"
OVERDUE_BACKGROUND = "#fdecea"
MUTED = "#5f6368"


class DateTimeField(QDateTimeEdit):
    """dd.mm.yyyy tt:mm in Oslo time; `value()` is an aware datetime."""

    def __init__(self, value: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.setCalendarPopup(True)
        self.set_value(value or clock.local_now())

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the field (arrow keys move between day, month, … as usual), so a
        # keyboard user gets from «Når» to «Type» in one key.
        return QWidget.focusNextPrevChild(self, next)

    def set_value(self, value: datetime) -> None:
        local = value.astimezone(OSLO)
        self.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    def value(self) -> datetime:
        qdt = self.dateTime()
        d, t = qdt.date(), qdt.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=OSLO)


class ChoiceBox(QComboBox):
    """A combo box of (label, value) with an optional «nothing chosen» first line."""

    def __init__(
        self,
        choices: Iterable[tuple[str, Any]] = (),
        *,
        empty: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.empty = empty
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[tuple[str, Any]], keep: bool = True) -> None:
        current = self.value() if keep else None
        self.blockSignals(True)
        self.clear()
        if self.empty is not None:
            self.addItem(self.empty, None)
        for label, value in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else -1
        if index < 0:
            index = 0 if self.empty is not None else -1
        self.setCurrentIndex(index)


def translated(columns: Iterable[Column]) -> list[Column]:
    """The columns with their titles (marked with N_) in the current language."""
    return [replace(c, title=_(c.title)) for c in columns]


def tab_parent(tabs: QTabWidget) -> QWidget:
    """Where a QTabWidget keeps its pages. A page built here (its parent given when it is
    made) is not moved when it is added with `addTab`: under the app's style sheet every
    move restyles all a widget holds."""
    stack = tabs.findChild(QStackedWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return stack if stack is not None else tabs


def elide(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def set_bold(widget: QWidget) -> None:
    font = widget.font()
    font.setBold(True)
    widget.setFont(font)


ALIGN_TOP = Qt.AlignmentFlag.AlignTop

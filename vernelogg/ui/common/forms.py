"""Forms with a clear message next to each field that is wrong."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_int
from vernelogg.errors import UserError
from vernelogg.i18n import _
from vernelogg.services.errors import ValidationError

_GROWING = (
    QSizePolicy.Policy.Expanding,
    QSizePolicy.Policy.MinimumExpanding,
    QSizePolicy.Policy.Ignored,
)
ERROR_STYLE = "color: #b3261e; font-size: 11px;"

W = TypeVar("W", bound=QWidget)


class LengthCounter(QLabel):
    """«3 812 av 4 000 tegn» under a text box once the text nears its limit (90 %);
    red and saying so when it is past it, so nobody learns the limit from a refusal."""

    def __init__(self, box: QPlainTextEdit | QTextEdit, limit: int) -> None:
        super().__init__()
        self.box, self.limit = box, limit
        self.setObjectName("lengthCounter")
        box.textChanged.connect(self.update_count)
        self.update_count()

    def update_count(self) -> None:
        # The line keeps its room while empty, so the form does not jump as one types.
        used = len(self.box.toPlainText())
        over = used > self.limit
        if over:
            text = _("{used} av {limit} tegn – for langt, kort ned teksten")
        else:
            text = _("{used} av {limit} tegn")
        text = text.format(used=fmt_int(used), limit=fmt_int(self.limit))
        self.setText(text if used >= self.limit * 0.9 else "")
        self.setStyleSheet(ERROR_STYLE if over else "color: #5f6368; font-size: 11px;")


class Form(QWidget):
    """A QFormLayout whose rows each carry an error label, keyed by field name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()

    def add_row(
        self, key: str, label: str, widget: W, hint: str = "", limit: int | None = None
    ) -> W:
        """A labelled field. `limit`, the most characters the service accepts: a line
        stops there; a text box counts down near the end and turns red past it."""
        box = QWidget()
        # The row takes the form's full width, so hints and errors wrap at that width
        # (not at the width of a narrow date or combo box, which clipped them).
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if widget.sizePolicy().horizontalPolicy() in _GROWING:
            column.addWidget(widget)
        else:
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setStyleSheet("color: #5f6368; font-size: 11px;")
            hint_label.setWordWrap(True)
            column.addWidget(hint_label)
        if limit is not None:
            if isinstance(widget, QLineEdit):
                widget.setMaxLength(limit)
            elif isinstance(widget, QPlainTextEdit | QTextEdit):
                column.addWidget(LengthCounter(widget, limit), 0, Qt.AlignmentFlag.AlignRight)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.layout_.addRow(label, box)
        self.fields[key] = widget
        self.errors[key] = error
        return widget

    def finish(self) -> None:
        self.layout_.addRow(self.general_error)

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.general_error.hide()

    def show_error(self, error: UserError) -> None:
        """Put each message next to its field; anything else above the buttons."""
        self.clear_errors()
        fields = error.fields if isinstance(error, ValidationError) else {"": str(error)}
        first: QWidget | None = None
        general = []
        for key, message in fields.items():
            label = self.errors.get(key)
            if label is None:
                general.append(message)
                continue
            label.setText(message)
            label.show()
            first = first or self.fields[key]
        if general:
            self.general_error.setText(" ".join(general))
            self.general_error.show()
        # Room for the messages: the window grows rather than squeeze them over the fields.
        # QFormLayout keeps the row heights it worked out for the old texts (a row with a
        # hint and a message got the height of its neighbour, and its field was cut) until
        # it is told they changed.
        self.layout_.invalidate()
        window = self.window()
        window_layout = window.layout()
        if window_layout is not None:
            window_layout.activate()
        window.resize(window.size().expandedTo(window.sizeHint()))
        if first is not None:
            first.setFocus()

    def error_text(self, key: str) -> str:
        label = self.errors.get(key)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

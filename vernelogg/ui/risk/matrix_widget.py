"""The risk matrix painted in the app, with each hazard placed before and after measures.

Probability runs up the left side (highest at the top), consequence along the bottom.
A hollow circle with a number is a hazard before new measures, a filled one after.
Click a cell, or move with the arrow keys and press Enter or Space, to pick it; in
editable mode (the matrix settings) that cycles the cell green → yellow → red.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from vernelogg.domain.risk_matrix import Acceptance, RiskMatrix
from vernelogg.i18n import _, ngettext, pgettext

NAVY = QColor("#17324d")
INK = QColor("#1b1f24")
CYCLE = {
    Acceptance.GREEN: Acceptance.YELLOW,
    Acceptance.YELLOW: Acceptance.RED,
    Acceptance.RED: Acceptance.GREEN,
}


@dataclass(frozen=True)
class MatrixMark:
    """Hazard `number` in cell (probability, consequence); `after` = after new measures."""

    number: int
    probability: int
    consequence: int
    after: bool
    hazard_id: str = ""
    description: str = ""


def wrap_elide(text: str, metrics: QFontMetrics, width: float, max_lines: int) -> list[str]:
    """Word-wrap `text` to `width`; words too long and lines past `max_lines` are elided."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    elide = Qt.TextElideMode.ElideRight
    return [metrics.elidedText(line, elide, int(width)) for line in lines]


def fitting_font(font: QFont, texts: list[str], width: float, smallest: float = 6.5) -> QFont:
    """`font`, made smaller (down to `smallest` pt) until the longest word fits `width`."""
    fitted = QFont(font)
    words = [w for t in texts for w in t.split()] or [""]
    while fitted.pointSizeF() > smallest:
        metrics = QFontMetrics(fitted)
        if max(metrics.horizontalAdvance(w) for w in words) <= width:
            break
        fitted.setPointSizeF(fitted.pointSizeF() - 0.5)
    return fitted


class RiskMatrixView(QWidget):
    cellActivated = Signal(int, int)
    currentCellChanged = Signal(int, int)
    cellsChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, editable: bool = False) -> None:
        super().__init__(parent)
        self.editable = editable
        self._matrix: RiskMatrix | None = None
        self._cells: list[list[Acceptance]] = []
        self._marks: list[MatrixMark] = []
        self._current = (1, 1)
        self.show_current = True
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Risikomatrise"))
        self._update_accessible()

    # --- data ------------------------------------------------------------------------

    def set_matrix(self, matrix: RiskMatrix | None, marks: list[MatrixMark] | None = None) -> None:
        self._matrix = matrix
        self._cells = [list(row) for row in matrix.cells] if matrix else []
        self._marks = list(marks or [])
        rows, cols = self.size_of()
        p, c = self._current
        self._current = (min(max(p, 1), max(rows, 1)), min(max(c, 1), max(cols, 1)))
        self._update_accessible()
        self.update()

    def set_marks(self, marks: list[MatrixMark]) -> None:
        self._marks = list(marks)
        self._update_accessible()
        self.update()

    def set_cells(self, cells: list[list[Acceptance]]) -> None:
        self._cells = [list(row) for row in cells]
        self._update_accessible()
        self.update()

    def cells(self) -> list[list[Acceptance]]:
        return [list(row) for row in self._cells]

    def matrix(self) -> RiskMatrix | None:
        return self._matrix

    def size_of(self) -> tuple[int, int]:
        if not self._cells:
            return (0, 0)
        return len(self._cells), len(self._cells[0])

    def acceptance(self, p: int, c: int) -> Acceptance:
        return self._cells[p - 1][c - 1]

    def hazards_in_cell(self, p: int, c: int) -> dict[str, list[int]]:
        """Hazard numbers placed in a cell, before and after new measures."""
        found: dict[str, list[int]] = {"before": [], "after": []}
        for m in self._marks:
            if (m.probability, m.consequence) == (p, c):
                found["after" if m.after else "before"].append(m.number)
        return {k: sorted(v) for k, v in found.items()}

    def cell_of(self, number: int, *, after: bool) -> tuple[int, int] | None:
        for m in self._marks:
            if m.number == number and m.after == after:
                return (m.probability, m.consequence)
        return None

    def marks_in_cell(self, p: int, c: int) -> list[MatrixMark]:
        return [m for m in self._marks if (m.probability, m.consequence) == (p, c)]

    def current_cell(self) -> tuple[int, int]:
        return self._current

    def set_current_cell(self, p: int, c: int) -> None:
        rows, cols = self.size_of()
        if not rows:
            return
        p, c = min(max(p, 1), rows), min(max(c, 1), cols)
        if (p, c) != self._current:
            self._current = (p, c)
            self._update_accessible()
            self.currentCellChanged.emit(p, c)
            self.update()

    def cell_description(self, p: int, c: int) -> str:
        """What a screen reader says for a cell: scale steps, acceptance, hazards."""
        if not self._cells:
            return _("Ingen risikomatrise")
        acceptance = self.acceptance(p, c)
        probability, consequence = str(p), str(c)
        if self._matrix and p <= len(self._matrix.probability):
            probability += f" {self._matrix.probability[p - 1].label}"
        if self._matrix and c <= len(self._matrix.consequence):
            consequence += f" {self._matrix.consequence[c - 1].label}"
        text = _(
            "Sannsynlighet {probability}, konsekvens {consequence}: risiko {score}, {acceptance}."
        ).format(
            probability=probability,
            consequence=consequence,
            score=p * c,
            acceptance=acceptance.label.lower(),
        )
        inside = self.hazards_in_cell(p, c)
        if inside["before"]:
            numbers = ", ".join(map(str, inside["before"]))
            text += " " + ngettext(
                "Før tiltak: fare {numbers}.", "Før tiltak: fare {numbers}.", len(inside["before"])
            ).format(numbers=numbers)
        if inside["after"]:
            numbers = ", ".join(map(str, inside["after"]))
            text += " " + ngettext(
                "Etter tiltak: fare {numbers}.",
                "Etter tiltak: fare {numbers}.",
                len(inside["after"]),
            ).format(numbers=numbers)
        if not self.editable and not inside["before"] and not inside["after"]:
            text += " " + _("Ingen farer.")
        return text

    def _update_accessible(self) -> None:
        self.setAccessibleDescription(self.cell_description(*self._current))

    # --- geometry --------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(440, 380)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 220)

    def _layout(self) -> tuple[float, float, float, float]:
        """(left, top, cell size, label width)."""
        rows, cols = self.size_of()
        w, h = self.width(), self.height()
        label_w = min(130.0, max(70.0, w * 0.28))
        bottom = 4.0 * QFontMetrics(self.font()).height() + 10
        top = 6.0
        cell = min((w - label_w - 26 - 8) / max(cols, 1), (h - top - bottom) / max(rows, 1))
        cell = max(cell, 18.0)
        return 26 + label_w, top, cell, label_w

    def cell_rect(self, p: int, c: int) -> QRectF:
        rows, _cols = self.size_of()
        left, top, cell, _label_w = self._layout()
        return QRectF(left + (c - 1) * cell, top + (rows - p) * cell, cell, cell)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        rows, cols = self.size_of()
        for p in range(1, rows + 1):
            for c in range(1, cols + 1):
                if self.cell_rect(p, c).contains(QPointF(x, y)):
                    return (p, c)
        return None

    # --- painting --------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rows, cols = self.size_of()
        if not rows:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("Ingen risikomatrise"))
            return
        left, top, cell, label_w = self._layout()
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.82))
        bold = QFont(base)
        bold.setBold(True)

        for p in range(1, rows + 1):
            for c in range(1, cols + 1):
                rect = self.cell_rect(p, c)
                painter.fillRect(rect, QColor(self.acceptance(p, c).color))
                painter.setPen(QPen(QColor("white"), 2))
                painter.drawRect(rect)
                painter.setFont(small)
                painter.setPen(QColor("#2f3439"))
                painter.drawText(
                    rect.adjusted(2, 2, -4, -2),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                    str(p * c),
                )
                self._paint_marks(painter, rect, self.marks_in_cell(p, c), bold)

        if self.show_current:
            rect = self.cell_rect(*self._current).adjusted(1.5, 1.5, -1.5, -1.5)
            pen = QPen(NAVY, 3.0 if self.hasFocus() else 2.0)
            if not self.hasFocus():
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)

        # Axis labels.
        painter.setFont(small)
        painter.setPen(INK)
        matrix = self._matrix
        for p in range(1, rows + 1):
            label = f"{p}"
            if matrix and p <= len(matrix.probability):
                label += f" {matrix.probability[p - 1].label}"
            r = self.cell_rect(p, 1)
            painter.drawText(
                QRectF(left - label_w - 4, r.top(), label_w, r.height()),
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap,
                label,
            )
        grid_bottom = top + rows * cell
        labels = [
            matrix.consequence[c - 1].label if matrix and c <= len(matrix.consequence) else ""
            for c in range(1, cols + 1)
        ]
        bottom_font = fitting_font(small, labels, cell - 3)
        painter.setFont(bottom_font)
        metrics = QFontMetrics(bottom_font)
        for c in range(1, cols + 1):
            label = (
                matrix.consequence[c - 1].label if matrix and c <= len(matrix.consequence) else ""
            )
            r = self.cell_rect(1, c)
            lines = [str(c), *wrap_elide(label, metrics, r.width() - 2, 2)]
            for i, line in enumerate(lines):
                painter.drawText(
                    QRectF(r.left() + 1, grid_bottom + 2 + i * metrics.height(), r.width() - 2, 20),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    line,
                )
        painter.setFont(bold)
        painter.setPen(NAVY)
        painter.drawText(
            QRectF(left, grid_bottom + 3 + 3 * metrics.height(), cols * cell, 20),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            _("Konsekvens"),
        )
        painter.save()
        painter.translate(12, top + rows * cell / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-rows * cell / 2, -10, rows * cell, 20),
            Qt.AlignmentFlag.AlignCenter,
            _("Sannsynlighet"),
        )
        painter.restore()
        painter.end()

    def _paint_marks(
        self, painter: QPainter, rect: QRectF, marks: list[MatrixMark], font: QFont
    ) -> None:
        if not marks:
            return
        marks = sorted(marks, key=lambda m: (m.after, m.number))
        r = max(6.0, min(12.0, rect.width() / 5.2))
        step = 2 * r + 3
        per_row = max(1, int((rect.width() - 4) // step))
        per_col = max(1, int((rect.height() - 14) // step))
        capacity = per_row * per_col
        shown = marks if len(marks) <= capacity else marks[: capacity - 1]
        f = QFont(font)
        f.setPixelSize(int(r * 1.15))
        painter.setFont(f)
        metrics = QFontMetrics(f)
        for i in range(len(shown) + (len(shown) < len(marks))):
            cx = rect.left() + 3 + r + (i % per_row) * step
            cy = rect.top() + 3 + r + (i // per_row) * step
            circle = QRectF(cx - r, cy - r, 2 * r, 2 * r)
            if i >= len(shown):
                painter.setPen(INK)
                painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, f"+{len(marks) - i}")
                break
            mark = shown[i]
            if mark.after:
                painter.setPen(QPen(NAVY, 1.5))
                painter.setBrush(NAVY)
                text_colour = QColor("white")
            else:
                painter.setPen(QPen(INK, 1.6))
                painter.setBrush(QColor("white"))
                text_colour = INK
            painter.drawEllipse(circle)
            painter.setPen(text_colour)
            text = str(mark.number)
            if metrics.horizontalAdvance(text) > 2 * r - 2:
                text = "…"
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, text)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    # --- input -----------------------------------------------------------------------

    def _activate(self) -> None:
        p, c = self._current
        if self.editable and self._cells:
            self._cells[p - 1][c - 1] = CYCLE[self._cells[p - 1][c - 1]]
            self.cellsChanged.emit()
            self._update_accessible()
            self.update()
        self.cellActivated.emit(p, c)

    def mousePressEvent(self, event) -> None:
        found = self.cell_at(event.position().x(), event.position().y())
        if found is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_current_cell(*found)
        self._activate()

    def keyPressEvent(self, event) -> None:
        p, c = self._current
        key = event.key()
        moves = {
            Qt.Key.Key_Up: (p + 1, c),
            Qt.Key.Key_Down: (p - 1, c),
            Qt.Key.Key_Left: (p, c - 1),
            Qt.Key.Key_Right: (p, c + 1),
        }
        if key in moves:
            self.set_current_cell(*moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def event(self, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip:
            found = self.cell_at(event.pos().x(), event.pos().y())
            if found:
                lines = [self.cell_description(*found)]
                for m in sorted(self.marks_in_cell(*found), key=lambda m: (m.after, m.number)):
                    if m.description:
                        when = pgettext("tiltak", "etter") if m.after else pgettext("tiltak", "før")
                        lines.append(f"{m.number} ({when}): {m.description}")
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

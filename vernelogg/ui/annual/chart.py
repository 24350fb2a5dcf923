"""A painted bar chart (stacked or grouped) for the Årsoversikt page."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from vernelogg.services.annual.model import BarChart

PALETTE = ["#1f5fa8", "#f2c12e", "#d9453b", "#4caf50", "#7e57c2", "#26a69a", "#ef6c00", "#8d6e63"]


class BarChartWidget(QWidget):
    def __init__(self, chart: BarChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setMinimumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        totals = self._totals()
        self.setAccessibleName(chart.title)
        self.setToolTip(
            "\n".join(f"{c}: {int(t)}" for c, t in zip(chart.categories, totals, strict=True))
        )

    def sizeHint(self) -> QSize:
        return QSize(640, 230)

    def _totals(self) -> list[float]:
        columns = list(zip(*[values for _, values in self.chart.series], strict=True)) or [
            (0,) for _ in self.chart.categories
        ]
        if self.chart.stacked:
            return [sum(c) for c in columns]
        return [max(c) for c in columns]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = self.chart
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, self.width(), 20), Qt.AlignmentFlag.AlignLeft, chart.title)
        painter.setFont(self.font())
        legend_w = 150 if len(chart.series) > 1 else 0
        left, top, bottom = 34, 28, 22
        plot = QRectF(left, top, self.width() - left - legend_w - 10, self.height() - top - bottom)
        top_value = max([4.0, *self._totals()]) * 1.1
        step = max(1, round(top_value / 5))
        pen = QPen(QColor("#d5dae0"))
        for value in range(0, int(top_value) + 1, step):
            y = plot.bottom() - value / top_value * plot.height()
            painter.setPen(pen)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QColor("#5f6368"))
            painter.drawText(
                QRectF(0, y - 8, left - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        n = max(1, len(chart.categories))
        slot = plot.width() / n
        groups = len(chart.series) if not chart.stacked else 1
        bar_w = max(3.0, slot * 0.7 / max(1, groups))
        for i, category in enumerate(chart.categories):
            x0 = plot.left() + i * slot + (slot - bar_w * groups) / 2
            base = plot.bottom()
            for s, (_, values) in enumerate(chart.series):
                h = values[i] / top_value * plot.height()
                x = x0 if chart.stacked else x0 + s * bar_w
                y = base - h if chart.stacked else plot.bottom() - h
                painter.fillRect(QRectF(x, y, bar_w, h), QColor(PALETTE[s % len(PALETTE)]))
                if chart.stacked:
                    base -= h
            painter.setPen(QColor("#3c4043"))
            painter.drawText(
                QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, bottom),
                Qt.AlignmentFlag.AlignHCenter,
                category,
            )
        for s, (name, _) in enumerate(chart.series if legend_w else ()):
            y = top + s * 18
            painter.fillRect(
                QRectF(self.width() - legend_w, y + 3, 10, 10), QColor(PALETTE[s % len(PALETTE)])
            )
            painter.setPen(QColor("#3c4043"))
            painter.drawText(
                QRectF(self.width() - legend_w + 16, y, legend_w - 16, 16),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        painter.end()

"""Bar charts as ReportLab vector graphics, legible in print."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from vernelogg.reports.common import FONT, FONT_BOLD, register_fonts
from vernelogg.services.annual.model import BarChart

PALETTE = [
    colors.HexColor(c)
    for c in (
        "#1f5fa8",
        "#f2c12e",
        "#d9453b",
        "#4caf50",
        "#7e57c2",
        "#26a69a",
        "#ef6c00",
        "#8d6e63",
        "#5c6bc0",
        "#9e9d24",
    )
]


LABEL_SIZE = 7.5
# Horizontal bars: the height of one category's row, and the most the chart may take.
ROW = 11
MAX_HEIGHT = 680


def _label_width(text: str) -> float:
    return stringWidth(text, FONT, LABEL_SIZE)


def _clip(text: str, room: float) -> str:
    """`text` shortened with «…» to fit `room` points."""
    if _label_width(text) <= room:
        return text
    while text and _label_width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def nice_step(top: float, ticks: int = 5) -> int:
    """A round step for the value axis (1, 2, 5, 10, 20, 25, 50 …) giving at most
    about `ticks` steps up to `top`, so the axis reads 0, 50, 100, 150 and not 0, 37, 74."""
    magnitude = 10 ** max(0, math.floor(math.log10(max(1.0, top / ticks))))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step == int(step) and top / step <= ticks:
            return int(step)
    return int(10 * magnitude)


def bar_chart(chart: BarChart, width: float, height: float = 190) -> Drawing:
    """Vertical bars while every category name fits under its bar; otherwise horizontal
    bars with the names on the left, one row each, so names never overlap."""
    register_fonts()
    legend_width = 120 if len(chart.series) > 1 else 0
    plot_width = width - 40 - legend_width
    n = max(1, len(chart.categories))
    fits = all(_label_width(c) <= plot_width / n - 4 for c in chart.categories)
    if not fits:
        height = min(MAX_HEIGHT, max(height, 55 + n * ROW))
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, chart.title, fontName=FONT_BOLD, fontSize=10))
    if fits:
        bars = VerticalBarChart()
        bars.x, bars.y = 30, 28
        bars.width = plot_width
        bars.height = height - 55
        names = list(chart.categories)
    else:
        room = min(max((_label_width(c) for c in chart.categories), default=0), width * 0.35)
        bars = HorizontalBarChart()
        bars.x, bars.y = room + 8, 20
        bars.width = width - room - 18 - legend_width
        bars.height = height - 45
        bars.categoryAxis.reverseDirection = 1  # the first category on top
        names = [_clip(c, room) for c in chart.categories]
    bars.data = [list(values) for _, values in chart.series] or [[0] * len(chart.categories)]
    bars.categoryAxis.categoryNames = names
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = LABEL_SIZE
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = LABEL_SIZE
    bars.valueAxis.valueMin = 0
    top = (
        max((sum(col) if chart.stacked else max(col)) for col in zip(*bars.data, strict=False))
        if bars.data[0]
        else 0
    )
    step = nice_step(max(4, top * 1.1))
    bars.valueAxis.valueStep = step
    bars.valueAxis.valueMax = step * math.ceil(max(4, top * 1.1) / step)
    bars.categoryAxis.style = "stacked" if chart.stacked else "parallel"
    bars.barSpacing = 1
    bars.groupSpacing = 6 if fits else 2
    bars.strokeColor = None
    for i in range(len(bars.data)):
        bars.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        bars.bars[i].strokeColor = None
    drawing.add(bars)
    if legend_width:
        legend = Legend()
        legend.x = width - legend_width + 8
        legend.y = height - 30
        legend.fontName = FONT
        legend.fontSize = 7.5
        legend.alignment = "right"
        legend.deltay = 10
        legend.columnMaximum = 12
        legend.colorNamePairs = [
            (PALETTE[i % len(PALETTE)], name) for i, (name, _) in enumerate(chart.series)
        ]
        drawing.add(legend)
    return drawing

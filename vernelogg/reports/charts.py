"""Bar charts as ReportLab vector graphics, legible in print."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

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


def bar_chart(chart: BarChart, width: float, height: float = 190) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, chart.title, fontName=FONT_BOLD, fontSize=10))
    legend_width = 120 if len(chart.series) > 1 else 0
    bars = VerticalBarChart()
    bars.x, bars.y = 30, 28
    bars.width = width - 40 - legend_width
    bars.height = height - 55
    bars.data = [list(values) for _, values in chart.series] or [[0] * len(chart.categories)]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = 7.5
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = 7.5
    bars.valueAxis.valueMin = 0
    top = (
        max((sum(col) if chart.stacked else max(col)) for col in zip(*bars.data, strict=False))
        if bars.data[0]
        else 0
    )
    bars.valueAxis.valueMax = max(4, top * 1.15)
    bars.valueAxis.valueStep = max(1, round(bars.valueAxis.valueMax / 5))
    bars.categoryAxis.style = "stacked" if chart.stacked else "parallel"
    bars.barSpacing = 1
    bars.groupSpacing = 6
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

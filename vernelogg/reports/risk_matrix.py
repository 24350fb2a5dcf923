"""The risk matrix as a vector drawing (ReportLab graphics), with hazards placed in it.

Probability runs up the left side (highest at the top), consequence along the bottom.
A hazard before measures is a hollow circle with its number; after measures a filled one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from vernelogg.domain.risk_matrix import Acceptance, RiskMatrix
from vernelogg.i18n import _
from vernelogg.reports.common import FONT, FONT_BOLD, NAVY, register_fonts

INK = colors.HexColor("#1b1f24")


@dataclass(frozen=True)
class Mark:
    """A hazard number in a cell; `after` is True for the risk after new measures."""

    number: int
    probability: int
    consequence: int
    after: bool


def _lines(text: str, font: str, size: float, width: float, max_lines: int = 2) -> list[str]:
    lines = simpleSplit(text, font, size, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip()[:-1] + "…"
    return lines


def _marker(x: float, y: float, r: float, mark: Mark) -> Group:
    g = Group()
    if mark.after:
        g.add(Circle(x, y, r, fillColor=NAVY, strokeColor=NAVY, strokeWidth=0.8))
        colour = colors.white
    else:
        g.add(Circle(x, y, r, fillColor=colors.white, strokeColor=INK, strokeWidth=0.9))
        colour = INK
    size = r * 1.15 if mark.number < 10 else r * 0.95
    g.add(
        String(
            x,
            y - size * 0.36,
            str(mark.number),
            fontName=FONT_BOLD,
            fontSize=size,
            fillColor=colour,
            textAnchor="middle",
        )
    )
    return g


def matrix_drawing(
    matrix: RiskMatrix, marks: Sequence[Mark], width: float = 170 * mm, cell: float = 17 * mm
) -> Drawing:
    """A drawing of `matrix` with `marks`; cells shrink to fit `width`."""
    register_fonts()
    rows, cols = matrix.size
    label_w = 36 * mm
    axis_w = 6 * mm
    cell = min(cell, (width - label_w - axis_w) / cols)
    bottom_h = 16 * mm
    legend_h = 9 * mm
    grid_w, grid_h = cols * cell, rows * cell
    total_w = axis_w + label_w + grid_w
    total_h = legend_h + bottom_h + grid_h + 2 * mm
    d = Drawing(total_w, total_h)
    x0, y0 = axis_w + label_w, legend_h + bottom_h

    for p in range(1, rows + 1):
        for c in range(1, cols + 1):
            acceptance = matrix.acceptance(p, c)
            d.add(
                Rect(
                    x0 + (c - 1) * cell,
                    y0 + (p - 1) * cell,
                    cell,
                    cell,
                    fillColor=colors.HexColor(acceptance.color),
                    strokeColor=colors.white,
                    strokeWidth=1.2,
                )
            )
            d.add(
                String(
                    x0 + c * cell - 1.2 * mm,
                    y0 + (p - 1) * cell + 1.2 * mm,
                    str(p * c),
                    fontName=FONT,
                    fontSize=6,
                    fillColor=colors.HexColor("#3a3f45"),
                    textAnchor="end",
                )
            )

    # Markers: before first, then after, flowing left to right, top to bottom in the cell.
    r = min(2.7 * mm, cell / 7.2)
    per_row = max(1, int((cell - 1 * mm) // (2 * r + 0.8 * mm)))
    by_cell: dict[tuple[int, int], list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: (m.after, m.number)):
        by_cell.setdefault((mark.probability, mark.consequence), []).append(mark)
    for (p, c), cell_marks in by_cell.items():
        capacity = per_row * max(1, int((cell - 3.5 * mm) // (2 * r + 0.8 * mm)))
        shown = cell_marks if len(cell_marks) <= capacity else cell_marks[: capacity - 1]
        left = x0 + (c - 1) * cell + r + 1 * mm
        top = y0 + p * cell - r - 1 * mm
        slots = len(shown) + (len(shown) < len(cell_marks))
        for i in range(slots):
            x = left + (i % per_row) * (2 * r + 0.8 * mm)
            y = top - (i // per_row) * (2 * r + 0.8 * mm)
            if i < len(shown):
                d.add(_marker(x, y, r, shown[i]))
            else:
                rest = len(cell_marks) - len(shown)
                d.add(String(x, y - 2, f"+{rest}", fontName=FONT_BOLD, fontSize=7, fillColor=INK))

    # Probability labels on the left, consequence labels along the bottom.
    for p in range(1, rows + 1):
        step = matrix.probability_step(p)
        lines = _lines(f"{p} {step.label}", FONT, 7, label_w - 2 * mm)
        mid = y0 + (p - 0.5) * cell
        start = mid + (len(lines) - 1) * 4.2 - 2.4
        for i, line in enumerate(lines):
            d.add(
                String(
                    x0 - 1.5 * mm,
                    start - i * 8.4,
                    line,
                    fontName=FONT,
                    fontSize=7,
                    fillColor=INK,
                    textAnchor="end",
                )
            )
    for c in range(1, cols + 1):
        step = matrix.consequence_step(c)
        lines = _lines(f"{c} {step.label}", FONT, 7, cell - 1 * mm)
        for i, line in enumerate(lines):
            d.add(
                String(
                    x0 + (c - 0.5) * cell,
                    y0 - 3.5 * mm - i * 8.4,
                    line,
                    fontName=FONT,
                    fontSize=7,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
    title_p = String(0, 0, _("Sannsynlighet"), fontName=FONT_BOLD, fontSize=8, fillColor=NAVY)
    title_p.textAnchor = "middle"
    rotated = Group(title_p)
    rotated.rotate(90)
    rotated.translate(y0 + grid_h / 2, -3 * mm)
    d.add(rotated)
    d.add(
        String(
            x0 + grid_w / 2,
            legend_h + 1.5 * mm,
            _("Konsekvens"),
            fontName=FONT_BOLD,
            fontSize=8,
            fillColor=NAVY,
            textAnchor="middle",
        )
    )

    # Legend: markers and colours.
    x = axis_w
    y = 3 * mm
    for mark, text in (
        (Mark(1, 0, 0, False), _("før tiltak")),
        (Mark(1, 0, 0, True), _("etter nye tiltak")),
    ):
        d.add(_marker(x + 2.2 * mm, y + 1 * mm, 2.2 * mm, mark))
        d.add(String(x + 5.5 * mm, y, text, fontName=FONT, fontSize=7, fillColor=INK))
        x += 30 * mm
    for acceptance in Acceptance:
        d.add(
            Rect(
                x,
                y - 0.6 * mm,
                4 * mm,
                3.4 * mm,
                fillColor=colors.HexColor(acceptance.color),
                strokeColor=None,
            )
        )
        d.add(String(x + 5.5 * mm, y, acceptance.label, fontName=FONT, fontSize=7, fillColor=INK))
        x += 30 * mm
    return d

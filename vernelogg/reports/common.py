"""What every PDF shares: fonts, styles, page template with header and numbered footer.

A report module builds a list of flowables ("story") from service data and hands it to
`write_pdf`. Text goes through `para()` so user input is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from vernelogg import __version__, clock
from vernelogg.config import resources_dir
from vernelogg.domain.formatting import OSLO

FONT = "VlSans"
FONT_BOLD = "VlSans-Bold"
FONT_ITALIC = "VlSans-Oblique"
NAVY = colors.HexColor("#17324d")
GREY = colors.HexColor("#5f6368")
LIGHT = colors.HexColor("#eef1f4")
ZEBRA = colors.HexColor("#f6f7f9")
LINE = colors.HexColor("#c9ced6")
CONFIDENTIAL_TEXT = "(Konfidensielt – teksten er utelatt, jf. OLM § 3-17)"

_fonts_ready = False


def register_fonts() -> None:
    """DejaVu Sans, shipped in resources/fonts, so æ, ø, å, §, « » and – always print."""
    global _fonts_ready
    if _fonts_ready:
        return
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(folder / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(
        TTFont("VlSans-BoldOblique", str(folder / "DejaVuSans-BoldOblique.ttf"))
    )
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic="VlSans-BoldOblique"
    )
    _fonts_ready = True


class Styles:
    """Paragraph styles, created after the fonts are registered."""

    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=GREY)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=FONT_BOLD)
        self.title = ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=24,
            textColor=NAVY,
            spaceAfter=4,
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=base, fontSize=11, leading=14, textColor=GREY, spaceAfter=10
        )
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=6,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=NAVY,
            spaceBefore=8,
            spaceAfter=4,
        )
        self.notice = ParagraphStyle(
            "notice",
            parent=base,
            backColor=colors.HexColor("#fff6d6"),
            borderPadding=5,
            borderColor=colors.HexColor("#f0dc9a"),
            borderWidth=0.5,
            spaceBefore=4,
            spaceAfter=8,
        )


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


def para(
    text: str | None, style: ParagraphStyle | None = None, *, markup: bool = False
) -> Paragraph:
    """A paragraph of user text (escaped, line breaks kept) unless `markup` is set."""
    value = text or ""
    if not markup:
        value = escape(value).replace("\n", "<br/>")
    return Paragraph(value, style or styles().body)


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] | None = None,
    *,
    header: bool = True,
    repeat_header: bool = True,
    align_right: Sequence[int] = (),
) -> Table:
    """A table of strings or flowables; strings are wrapped in cell paragraphs."""
    st = styles()
    data = []
    for r, row in enumerate(rows):
        cells = []
        for value in row:
            if isinstance(value, str | int | float) or value is None:
                style = st.cell_bold if header and r == 0 else st.cell
                cells.append(para("" if value is None else str(value), style))
            else:
                cells.append(value)
        data.append(cells)
    t = Table(data, colWidths=widths, repeatRows=1 if header and repeat_header else 0)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
        ]
    for r in range(1 if header else 0, len(data)):
        if (r % 2 == 0) == header:
            commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    for c in align_right:
        commands.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
    t.setStyle(TableStyle(commands))
    return t


def facts(pairs: Sequence[tuple[str, str]], width: float = 170 * mm) -> Table:
    """Label–value pairs as a two-column table without header."""
    st = styles()
    rows = [[para(k, st.cell_bold), para(v, st.cell)] for k, v in pairs]
    t = Table(rows, colWidths=[45 * mm, width - 45 * mm])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return t


def signature_block(roles: Sequence[str], place_date: bool = True) -> KeepTogether:
    """Lines to sign on: one per role, with «Sted og dato» above."""
    st = styles()
    cells = []
    for role in roles:
        cells.append([Spacer(1, 16 * mm), para("_" * 38, st.body), para(role, st.small)])
    columns = 2
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    for r in rows:
        while len(r) < columns:
            r.append("")
    t = Table(rows, colWidths=[85 * mm] * columns)
    t.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    )
    parts: list[Any] = [Spacer(1, 6 * mm)]
    if place_date:
        parts.append(para("Sted og dato: ______________________________", st.body))
    parts.append(t)
    return KeepTogether(parts)


@dataclass
class ReportMeta:
    title: str
    organisation: str = ""
    subtitle: str = ""
    generated_at: datetime = field(default_factory=lambda: clock.local_now())
    landscape: bool = False


class _NumberedCanvas(rl_canvas.Canvas):
    """Two passes so the footer can say «Side 2 av 5»."""

    meta: ReportMeta

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_frame(total)
            super().showPage()
        super().save()

    def _draw_frame(self, total: int) -> None:
        meta = self.meta
        width, height = self._pagesize
        self.saveState()
        self.setStrokeColor(LINE)
        self.setLineWidth(0.5)
        self.line(18 * mm, height - 14 * mm, width - 18 * mm, height - 14 * mm)
        self.setFont(FONT, 8)
        self.setFillColor(GREY)
        self.drawString(18 * mm, height - 12 * mm, meta.organisation)
        self.drawRightString(width - 18 * mm, height - 12 * mm, meta.title)
        self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
        stamp = meta.generated_at.astimezone(OSLO).strftime("%d.%m.%Y %H:%M")
        self.drawString(18 * mm, 10 * mm, f"Vernelogg {__version__} · utskrevet {stamp}")
        self.drawRightString(width - 18 * mm, 10 * mm, f"Side {self._pageNumber} av {total}")
        self.restoreState()


def write_pdf(target: Path | str | IO[bytes], meta: ReportMeta, story: list[Any]) -> None:
    """Lay out `story` on A4 pages with the shared header and footer."""
    register_fonts()
    pagesize = landscape(A4) if meta.landscape else A4
    doc = SimpleDocTemplate(
        str(target) if isinstance(target, Path | str) else target,
        pagesize=pagesize,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=meta.title,
        author=meta.organisation or "Vernelogg",
        creator=f"Vernelogg {__version__}",
        subject=meta.subtitle,
    )

    class _Canvas(_NumberedCanvas):
        pass

    _Canvas.meta = meta
    doc.build(list(story), canvasmaker=_Canvas)


def content_width(meta: ReportMeta) -> float:
    """Width a flowable may use: the page less margins and the frame's 6 pt padding."""
    pagesize = landscape(A4) if meta.landscape else A4
    return pagesize[0] - 36 * mm - 12

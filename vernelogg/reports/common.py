"""What every PDF shares: fonts, styles, page template with header and numbered footer.

A report module builds a list of flowables ("story") from service data and hands it to
`write_pdf`. Text goes through `para()` so user input is escaped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, unescape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from vernelogg import __version__, clock
from vernelogg.config import resources_dir
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import _

FONT = "VlSans"
FONT_BOLD = "VlSans-Bold"
FONT_ITALIC = "VlSans-Oblique"
NAVY = colors.HexColor("#17324d")
GREY = colors.HexColor("#5f6368")
LIGHT = colors.HexColor("#eef1f4")
ZEBRA = colors.HexColor("#f6f7f9")
LINE = colors.HexColor("#c9ced6")

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
        # Tables whose whole words alone fill most of the page: a size smaller.
        self.cell_small = ParagraphStyle("cells", parent=base, fontSize=7.5, leading=9.3)
        self.cell_small_bold = ParagraphStyle("cellsb", parent=self.cell_small, fontName=FONT_BOLD)
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
        self.letterhead = ParagraphStyle(
            "letterhead", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16, textColor=NAVY
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


CELL_PADDING = 4
# A short cell with a number in it («Sak 20/2026», «21 av 28») is kept on one line.
SHORT_CELL = 12
_TAG = re.compile(r"<[^>]+>")


def _cell_text(value: Any) -> str:
    """The text a cell shows, for measuring; flowables other than paragraphs count as none."""
    if isinstance(value, Paragraph):
        return unescape(_TAG.sub(" ", value.text))
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def _cell_font(value: Any, bold: bool) -> tuple[str, float]:
    if isinstance(value, Paragraph):
        return value.style.fontName, value.style.fontSize
    st = styles()
    style = st.cell_bold if bold else st.cell
    return style.fontName, style.fontSize


def _measure(value: Any, bold: bool) -> tuple[float, float]:
    """(width of the longest word, width of the longest line) of one cell, padding included."""
    if not isinstance(value, Paragraph | str | int | float):
        try:
            w, _height = value.wrap(0, 0)
        except Exception:
            w = 0
        w = w + 2 * CELL_PADDING
        return w, w
    font, size = _cell_font(value, bold)
    text = _cell_text(value)
    words = text.split()
    if len(text) <= SHORT_CELL and any(ch.isdigit() for ch in text):
        words = [" ".join(words)]  # «Sak 20/2026», «2 × 4 = 12»: one line
    longest_word = max((pdfmetrics.stringWidth(w, font, size) for w in words), default=0.0)
    longest_line = max(
        (pdfmetrics.stringWidth(line.strip(), font, size) for line in text.splitlines()),
        default=0.0,
    )
    pad = 2 * CELL_PADDING + 1
    return longest_word + pad, longest_line + pad


def fit_widths(rows: Sequence[Sequence[Any]], total: float, *, header: bool = True) -> list[float]:
    """Column widths from the content, summing to `total`.

    Every column gets at least its longest word (a date, number or record number is one
    word), header words included; what is left goes to the columns whose text is longer
    than their share, in proportion to what they lack. Columns of short values
    (dates, numbers) get no more than they need.
    """
    columns = max((len(r) for r in rows), default=0)
    if not columns:
        return []
    least = [0.0] * columns
    most = [0.0] * columns
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            word, line = _measure(value, header and r == 0)
            least[c] = max(least[c], word)
            most[c] = max(most[c], line if not (header and r == 0) else word)
    most = [max(m, lo) for m, lo in zip(most, least, strict=True)]
    if sum(most) <= total:
        spare = total - sum(most)
        # Text columns take the spare room; number columns stay as they are.
        wide = [c for c in range(columns) if most[c] > least[c] + 1] or list(range(columns))
        share = sum(most[c] for c in wide)
        return [most[c] + (spare * most[c] / share if c in wide else 0) for c in range(columns)]
    if sum(least) >= total:
        scale = total / sum(least)
        return [w * scale for w in least]
    spare = total - sum(least)
    lack = [m - lo for m, lo in zip(most, least, strict=True)]
    return [lo + spare * la / sum(lack) for lo, la in zip(least, lack, strict=True)]


# When the longest words alone take more than this share of the width, the text column
# would be squeezed to a word a line: the table is set a size smaller.
CROWDED = 0.75


def _crowded(rows: Sequence[Sequence[Any]], total: float, header: bool) -> bool:
    least = [0.0] * max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            least[c] = max(least[c], _measure(value, header and r == 0)[0])
    return sum(least) > CROWDED * total


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] | float | None = None,
    *,
    header: bool = True,
    repeat_header: bool = True,
    align_right: Sequence[int] = (),
    fixed: Sequence[float] = (),
) -> Table:
    """A table of strings or flowables in the one table style of every document.

    Strings are wrapped in cell paragraphs. Column widths come from the content
    (`fit_widths`); `widths` gives only the total (a number, or the old list of widths,
    whose sum is used). Rows taller than a page split across pages.
    """
    st = styles()
    if widths is None:
        total = A4[0] - 36 * mm - 12
    elif isinstance(widths, int | float):
        total = float(widths)
    else:
        total = float(sum(widths))
    plain, bold = st.cell, st.cell_bold
    if not fixed and _crowded(rows, total, header):
        plain, bold = st.cell_small, st.cell_small_bold
    data = []
    for r, row in enumerate(rows):
        cells = []
        for value in row:
            if isinstance(value, str | int | float) or value is None:
                style = bold if header and r == 0 else plain
                cells.append(para("" if value is None else str(value), style))
            else:
                cells.append(value)
        data.append(cells)
    col_widths = list(fixed) if fixed else fit_widths(data, total, header=header)
    t = Table(
        data,
        colWidths=col_widths,
        repeatRows=1 if header and repeat_header else 0,
        splitInRow=1,
    )
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
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
    t.vl_source = _TableSource(rows, col_widths, header, repeat_header, tuple(align_right))
    return t


@dataclass
class _TableSource:
    rows: Sequence[Sequence[Any]]
    widths: list[float]
    header: bool
    repeat_header: bool
    align_right: tuple[int, ...]


# Signature lines take the last rows of a table before them along to a new page.
SIGN_WITH_ROWS = 3


def _split_last_rows(t: Table) -> tuple[Table, Table] | None:
    """The table without its last rows, and those rows in the same widths."""
    src: _TableSource | None = getattr(t, "vl_source", None)
    first_data = 1 if src and src.header else 0
    if src is None or len(src.rows) - first_data < 2:
        return None
    keep = min(SIGN_WITH_ROWS, len(src.rows) - first_data - 1)
    before = table(
        list(src.rows[:-keep]),
        header=src.header,
        repeat_header=src.repeat_header,
        align_right=src.align_right,
        fixed=src.widths,
    )
    last = table(
        list(src.rows[-keep:]), header=False, align_right=src.align_right, fixed=src.widths
    )
    before.hAlign = last.hAlign = t.hAlign
    return before, last


def facts(pairs: Sequence[tuple[str, str]], width: float = 170 * mm) -> Table:
    """Label–value pairs as a two-column table without header."""
    st = styles()
    rows = [[para(k, st.cell_bold), para(v, st.cell)] for k, v in pairs]
    t = Table(rows, colWidths=[45 * mm, width - 45 * mm], splitInRow=1)
    t.vl_source = _TableSource(list(pairs), [45 * mm, width - 45 * mm], False, False, ())
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


# The line to write the place and date on, above the signature lines.
PLACE_DATE_LINE = "_" * 30


def place_and_date() -> str:
    """«Sted og dato: ____…», in the document's language."""
    return _("Sted og dato: {line}").format(line=PLACE_DATE_LINE)


class SignatureBlock(KeepTogether):
    """Signature lines; `write_pdf` keeps them on the page of the text they sign."""


@dataclass(frozen=True)
class Signed:
    """A signature given in the app: who, in which role, and when."""

    name: str
    role: str
    on: date | datetime | None = None


def signature_block(
    roles: Sequence[str], place_date: bool = True, signed: Sequence[Signed | None] = ()
) -> KeepTogether:
    """One place per role: who signed, in which role and when for what is signed in the
    app (`signed`, in the order of `roles`); a line to sign on, with «Sted og dato» above
    the lines, for what is not."""
    st = styles()
    given = list(signed) + [None] * (len(roles) - len(signed))
    cells: list[list[Any]] = []
    for role, sign in zip(roles, given, strict=False):
        if sign is None:
            cells.append([Spacer(1, 16 * mm), para("_" * 38, st.body), para(role, st.small)])
            continue
        when = fmt_datetime(sign.on) if isinstance(sign.on, datetime) else fmt_date(sign.on)
        cells.append(
            [
                Spacer(1, 6 * mm),
                para(_("Signert {when}").format(when=when).strip(), st.small),
                para(sign.name, st.cell_bold),
                para(sign.role, st.small),
            ]
        )
    place_date = place_date and any(sign is None for sign in given[: len(roles)])
    columns = 2
    rows: list[list[Any]] = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    for r in rows:
        while len(r) < columns:
            r.append("")
    t = Table(rows, colWidths=[85 * mm] * columns)
    t.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    )
    parts: list[Any] = [Spacer(1, 6 * mm)]
    if place_date:
        parts.append(para(place_and_date(), st.body))
    parts.append(t)
    block = SignatureBlock(parts)
    block.vl_signatures = (list(roles), given[: len(roles)], place_date)
    return block


@dataclass
class ReportMeta:
    title: str
    organisation: str = ""
    subtitle: str = ""
    generated_at: datetime = field(default_factory=lambda: clock.local_now())
    landscape: bool = False
    # The undertaking's logo (PNG or JPEG bytes), printed with its name on page 1.
    logo: bytes | None = None


LOGO_HEIGHT = 12 * mm
LOGO_MAX_WIDTH = 40 * mm


def logo_image(data: bytes) -> Image:
    """The logo scaled to the letterhead: at most LOGO_HEIGHT high and LOGO_MAX_WIDTH wide."""
    w, h = ImageReader(io.BytesIO(data)).getSize()
    scale = min(LOGO_HEIGHT / h, LOGO_MAX_WIDTH / w)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale)


class Letterhead(Table):
    """The undertaking's logo and name at the top of the first page."""

    vl_letterhead: tuple[str, bytes | None]


def letterhead(meta: ReportMeta, width: float) -> list[Any]:
    """Logo (when there is one) and the undertaking's name, with a rule below."""
    if not meta.organisation and not meta.logo:
        return []
    st = styles()
    name = para(meta.organisation, st.letterhead)
    if meta.logo:
        img = logo_image(meta.logo)
        gap = 5 * mm
        row = [img, name]
        widths = [img.drawWidth + gap, width - img.drawWidth - gap]
    else:
        row, widths = [name], [width]
    t = Letterhead([row], colWidths=widths)
    t.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, NAVY),
            ]
        )
    )
    t.vl_letterhead = (meta.organisation, meta.logo)
    return [t, Spacer(1, 3 * mm)]


class _NumberedCanvas(rl_canvas.Canvas):
    """Two passes so the footer can say «Side 2 av 5»."""

    meta: ReportMeta

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
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
        stamp = fmt_datetime(meta.generated_at)
        self.drawString(
            18 * mm,
            10 * mm,
            _("Vernelogg {version} · utskrevet {stamp}").format(version=__version__, stamp=stamp),
        )
        self.drawRightString(
            width - 18 * mm,
            10 * mm,
            _("Side {page} av {total}").format(page=self._pageNumber, total=total),
        )
        self.restoreState()


def write_pdf(target: Path | str | IO[bytes], meta: ReportMeta, story: list[Any]) -> None:
    """Lay out `story` on A4 pages with the shared header and footer. A target named
    *.docx gets an editable Word copy of the same story instead."""
    if isinstance(target, Path | str) and str(target).lower().endswith(".docx"):
        from vernelogg.reports.docx_copy import write_docx

        write_docx(Path(target), meta, story)
        return
    story = [*letterhead(meta, content_width(meta)), *story]
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
    doc.build(arrange(story, doc.width - 12, doc.height - 12), canvasmaker=_Canvas)


HEADING_STYLES = ("h1", "h2")
# Signature lines take this much of what they sign with them to a new page.
_SIGN_WITH = 30 * mm


def _is_heading(f: Any) -> bool:
    return isinstance(f, Paragraph) and f.style.name in HEADING_STYLES


_scratch: rl_canvas.Canvas | None = None


def _height(f: Flowable, width: float, height: float) -> float:
    """Height of `f` laid out in `width`, measured on a scratch canvas before the build."""
    global _scratch
    if _scratch is None:
        _scratch = rl_canvas.Canvas(io.BytesIO())
    _width, h = f.wrapOn(_scratch, width, height)
    return h + f.getSpaceBefore() + f.getSpaceAfter()


def _first_part(f: Flowable, width: float, height: float) -> float:
    """Height of the least of `f` that may follow a heading on its page."""
    h = _height(f, width, height)
    if isinstance(f, Table):
        rows = getattr(f, "_rowHeights", None) or [h]
        return sum(rows[:2])
    if isinstance(f, Paragraph):
        return min(h, 3 * f.style.leading + f.getSpaceBefore())
    return min(h, height / 2)


def arrange(story: Sequence[Any], width: float, height: float) -> list[Any]:
    """Keep every heading with the start of what follows it, and signature lines with the
    end of what they sign: a heading never ends a page, signatures never stand alone."""
    out: list[Any] = []
    for f in story:
        if isinstance(f, SignatureBlock):
            out = _with_signature(out, f, width, height)
        else:
            out.append(f)
    arranged: list[Any] = []
    need_after = 0.0
    for f in reversed(out):
        if _is_heading(f):
            need = _height(f, width, height) + need_after
            arranged.append(f)
            arranged.append(CondPageBreak(min(need, height / 2)))
            need_after = need
            continue
        arranged.append(f)
        if isinstance(f, Spacer | CondPageBreak):
            need_after += _height(f, width, height) if isinstance(f, Spacer) else 0
        else:
            need_after = _first_part(f, width, height)
    arranged.reverse()
    return arranged


def _with_signature(out: list[Any], sign: SignatureBlock, width: float, height: float) -> list:
    """Move the end of `out` into one group with the signature lines."""
    group: list[Any] = [sign]
    taken = 0.0
    while out and taken < _SIGN_WITH:
        prev = out[-1]
        if isinstance(prev, Table):
            parts = _split_last_rows(prev)
            if parts is None:
                if _height(prev, width, height) > height / 3:
                    break
                group.insert(0, out.pop())
                taken += _height(prev, width, height)
                continue
            out[-1] = parts[0]
            group.insert(0, parts[1])
            break
        h = _height(prev, width, height)
        if h > height / 2:
            break
        group.insert(0, out.pop())
        if not isinstance(prev, Spacer):
            taken += h
    flat: list[Any] = []
    for f in group:
        flat.extend(f._content if isinstance(f, KeepTogether) else [f])
    return [*out, KeepTogether(flat)]


def content_width(meta: ReportMeta) -> float:
    """Width a flowable may use: the page less margins and the frame's 6 pt padding."""
    pagesize = landscape(A4) if meta.landscape else A4
    return pagesize[0] - 36 * mm - 12

"""An editable Word copy (.docx) of a report: the same story the PDF is laid out from,
in the same order — headings, text, tables, facts and signature places. Charts and
pictures are left to the PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import unescape

from docx import Document
from docx.shared import Mm, Pt, RGBColor
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Table

from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import _

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_HEADINGS = {"title": 0, "h1": 1, "h2": 2}
GREY = RGBColor(0x5F, 0x63, 0x68)
NAVY = RGBColor(0x17, 0x32, 0x4D)


def plain(value: Any) -> str:
    """The text of a cell or paragraph without markup."""
    if isinstance(value, Paragraph):
        return unescape(_TAG.sub("", _BREAK.sub("\n", value.text))).strip()
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def write_docx(target: Path, meta, story: list[Any]) -> None:
    doc = Document()
    doc.core_properties.title = meta.title
    doc.core_properties.author = meta.organisation or "Vernelogg"
    if meta.organisation:
        doc.sections[0].header.paragraphs[0].text = f"{meta.organisation} · {meta.title}"
    _letterhead(doc, meta.organisation, getattr(meta, "logo", None))
    for flowable in story:
        _add(doc, flowable)
    doc.save(str(target))


def _letterhead(doc, name: str, logo: bytes | None) -> None:
    """The undertaking's logo and name at the top of the first page."""
    if not name and not logo:
        return
    par = doc.add_paragraph()
    if logo:
        par.add_run().add_picture(io.BytesIO(logo), height=Mm(15))
        par.add_run("   ")
    run = par.add_run(name)
    run.bold = True
    run.font.size = Pt(13)
    run.font.color.rgb = NAVY


def _add(doc, f: Any) -> None:
    signatures = getattr(f, "vl_signatures", None)
    if signatures is not None:
        _signatures(doc, *signatures)
    elif isinstance(f, PageBreak):
        doc.add_page_break()
    elif isinstance(f, KeepTogether):
        for part in f._content:
            _add(doc, part)
    elif isinstance(f, Paragraph):
        _paragraph(doc, f)
    elif isinstance(f, Table):
        _table(doc, f)


def _paragraph(doc, p: Paragraph) -> None:
    text = plain(p)
    if not text:
        return
    level = _HEADINGS.get(p.style.name)
    if level is not None:
        doc.add_heading(text, level)
        return
    par = doc.add_paragraph(text)
    if p.style.name in ("small", "subtitle"):
        for run in par.runs:
            run.font.size = Pt(8 if p.style.name == "small" else 11)
            run.font.color.rgb = GREY


def _table(doc, t: Table) -> None:
    source = getattr(t, "vl_source", None)
    if source is not None:
        rows = [[plain(c) if not isinstance(c, Table) else "" for c in r] for r in source.rows]
        header = source.header
    else:  # a layout table (side by side tables): each inner table on its own
        for row in t._cellvalues:
            for cell in row:
                for part in cell if isinstance(cell, list | tuple) else [cell]:
                    _add(doc, part)
        return
    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid" if header else None
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            if (header and r == 0) or (not header and c == 0):
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    doc.add_paragraph()


def _signatures(doc, roles, signed, place_date: bool) -> None:
    if place_date:
        from vernelogg.reports.common import place_and_date

        doc.add_paragraph(place_and_date())
    for role, sign in zip(roles, signed, strict=False):
        if sign is None:
            doc.add_paragraph("\n______________________________________")
            doc.add_paragraph(role)
            continue
        when = fmt_datetime(sign.on) if hasattr(sign.on, "hour") else fmt_date(sign.on)
        doc.add_paragraph(
            _("Signert {when}: {name} ({role})").format(when=when, name=sign.name, role=sign.role)
        )

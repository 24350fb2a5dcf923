"""Editable Word copies of the AMU invitation, minutes, AMU annual report and annual HMS
summary: the same text and tables as the PDF, in the same order."""

from __future__ import annotations

import argparse
import re

import pytest
from docx import Document
from pypdf import PdfReader

from vernelogg.commands.report import DOCX_KINDS, REPORT_KINDS


def _docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.parametrize("kind", sorted(DOCX_KINDS))
def test_word_copy_holds_the_pdfs_headings_in_the_same_order(demo_db, tmp_path, kind):
    args = argparse.Namespace(id="latest", meeting="latest", year=2026)
    REPORT_KINDS[kind].write(demo_db, args, tmp_path / "a.pdf")
    REPORT_KINDS[kind].write(demo_db, args, tmp_path / "a.docx")
    doc = Document(str(tmp_path / "a.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert len(headings) >= 3
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "a.pdf").pages)
    at = 0
    for heading in headings:
        found = pdf.find(" ".join(heading.split()), at)
        assert found >= 0, heading
        at = found
    text = _docx_text(tmp_path / "a.docx")
    assert len(_words(text)) > 0.6 * len(_words(pdf))

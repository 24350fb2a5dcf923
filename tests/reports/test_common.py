"""The shared page template: Norwegian text prints, pages are numbered."""

from __future__ import annotations

from pypdf import PdfReader
from reportlab.platypus import PageBreak

from vernelogg import __version__
from vernelogg.reports.common import ReportMeta, para, signature_block, table, write_pdf


def test_pdf_has_header_footer_page_numbers_and_norwegian_text(tmp_path):
    path = tmp_path / "r.pdf"
    meta = ReportMeta(title="Testrapport", organisation="Fjordheim Drift AS")
    story = [
        para("Ærlig talt: «Sjøkanten» – § 6-3 & <ikke markup>"),
        table([["Område", "Antall"], ["Lager", "3"]]),
        PageBreak(),
        signature_block(["Verneombud", "Leder"]),
    ]
    write_pdf(path, meta, story)
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    first = reader.pages[0].extract_text()
    assert "Ærlig talt: «Sjøkanten» – § 6-3 & <ikke markup>" in first
    assert "Side 1 av 2" in first and "Fjordheim Drift AS" in first
    assert f"Vernelogg {__version__}" in first
    assert "Side 2 av 2" in reader.pages[1].extract_text()

"""Every PDF the app writes, read back from its own text positions: dates, record numbers
and words stay whole, text stays inside the margins, no heading ends a page, and long
(but allowed) texts in table cells split over pages instead of failing."""

from __future__ import annotations

import argparse
import re

import pytest
from reportlab.lib.units import mm
from sqlalchemy import select, update

from tests.reports.layout_check import problems
from vernelogg.commands.report import REPORT_KINDS
from vernelogg.reports.common import (
    ReportMeta,
    facts,
    fit_widths,
    para,
    signature_block,
    styles,
    table,
    write_pdf,
)
from vernelogg.services.stoppage.records import MAX_DANGER
from vernelogg.store.models.deviations import DeviationEvent
from vernelogg.store.models.risk import Hazard
from vernelogg.store.models.rounds import CheckItem
from vernelogg.store.models.stoppage import WorkStoppage

KINDS = [
    (kind, year)
    for kind, spec in REPORT_KINDS.items()
    for year in ((2026, 2025) if spec.selector == "year" else (None,))
]


def _write(db, kind: str, year: int | None, path):
    args = argparse.Namespace(id="latest", meeting="latest", year=year)
    REPORT_KINDS[kind].write(db, args, path)
    return path


@pytest.mark.parametrize(("kind", "year"), KINDS)
def test_every_demo_pdf_keeps_dates_numbers_and_words_whole(demo_db, tmp_path, kind, year):
    path = _write(demo_db, kind, year, tmp_path / f"{kind}.pdf")
    assert problems(path) == []


def _long(n: int, seed: str) -> str:
    words = f"{seed} Lakkeringshall AV-2026-0042 15.09.2026 stillas rekkverk gangbane".split()
    out: list[str] = []
    while len(" ".join(out)) < n:
        out.append(words[len(out) % len(words)])
    return " ".join(out)[:n]


def test_long_allowed_texts_split_over_pages_in_every_pdf(demo_db, tmp_path):
    with demo_db.write() as s:
        # Each at the longest its form and service accept.
        s.execute(update(DeviationEvent).values(text=_long(4000, "Kommentar")))
        s.execute(update(CheckItem).values(comment=_long(4000, "Merknad")))
        s.execute(update(Hazard).values(description=_long(2000, "Fare")))
        s.execute(update(WorkStoppage).values(danger=_long(MAX_DANGER, "Faren")))
        assert s.scalar(select(CheckItem.id).limit(1)) is not None
    for kind in ("deviation", "round", "risk", "stoppage", "stoppage-notice"):
        path = _write(demo_db, kind, None, tmp_path / f"{kind}.pdf")
        assert problems(path) == [], kind


def test_a_cell_longer_than_a_page_splits_and_dates_keep_their_width(tmp_path):
    st = styles()
    rows = [["Dato", "Nummer", "Tekst"]]
    rows += [["15.09.2026", "AV-2026-0042", _long(4000, "Tekst")] for _ in range(3)]
    story = [
        para("Tabell", st.h1),
        table(rows),
        facts([("Fare", _long(5000, "Fare"))]),
        signature_block(["Verneombud", "Leder"]),
    ]
    path = tmp_path / "lang.pdf"
    write_pdf(path, ReportMeta(title="Lang"), story)
    assert problems(path) == []
    widths = fit_widths(rows, 170 * mm)
    assert widths[2] > 100 * mm  # the text column takes the room, the date column does not


def test_number_columns_get_only_what_they_need():
    rows = [
        ["Verneområde", "Avvik", "Runder utført/planlagt", "Merknad"],
        ["Lakkeringshall", "8", "4/4", "Rekkverk mangler ved trappen til mesaninen"],
    ]
    widths = fit_widths(rows, 170 * mm)
    assert widths[1] < 15 * mm and widths[2] < 35 * mm
    assert widths[3] > 80 * mm


def test_demo_invitation_is_two_pages_before_its_numbered_vedlegg(demo_db, tmp_path):
    from pypdf import PdfReader

    path = _write(demo_db, "amu-invitation", None, tmp_path / "innkalling.pdf")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]
    first = next(n for n, text in enumerate(pages) if "Vedlegg 1: Saksframlegg" in text)
    assert first <= 2
    agenda = " ".join(pages[:first])
    assert "Sak og sammendrag Forslag til vedtak Vedlegg" in agenda
    assert "Vel møtt!" in agenda
    numbers = [int(n) for n in re.findall(r"Vedlegg (\d+): ", " ".join(pages))]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3
    text = " ".join(pages)
    assert "Vernerunde Vernerunde" not in text and "(er)" not in text

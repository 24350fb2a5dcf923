"""Each year's «N av M» in the annual summary comes from that year's own data."""

from __future__ import annotations

import uuid
from datetime import date

from pypdf import PdfReader

from vernelogg.domain.rounds import RoundStatus
from vernelogg.reports.annual import write_annual_pdf
from vernelogg.services import annual, areas
from vernelogg.store.models.rounds import SafetyRound


def _round(s, area_id: str, year: int, seq: int, planned: date, closed: date | None) -> None:
    s.add(
        SafetyRound(
            number=f"VR-{year}-{seq:04d}",
            year=year,
            seq=seq,
            area_id=uuid.UUID(area_id),
            planned_date=planned,
            status=(RoundStatus.CLOSED if closed else RoundStatus.PLANNED).value,
            template_ref="builtin:kontor",
            checklist_name="Kontor",
            closed_on=closed,
        )
    )


def test_last_years_rounds_are_counted_against_last_years_plan(org_db, tmp_path):
    lager = areas.create_area(org_db, name="Lager").id
    with org_db.write() as s:
        # 2025: 3 planned, all 3 done. 2026: 4 planned, 1 done.
        for seq, month in enumerate((2, 5, 9), start=1):
            _round(s, lager, 2025, seq, date(2025, month, 1), date(2025, month, 3))
        _round(s, lager, 2026, 1, date(2026, 3, 1), date(2026, 3, 2))
        for seq, month in enumerate((6, 9, 12), start=2):
            _round(s, lager, 2026, seq, date(2026, month, 1), None)
    summary = annual.build_summary(org_db, 2026)
    figure = next(f for f in summary.key_figures if f.label == "Vernerunder gjennomført")
    assert (figure.text(), figure.previous_text) == ("1 av 4", "3 av 3")
    key_sheet = summary.tables()[0]
    row = next(r for r in key_sheet.rows if r[0] == "Vernerunder gjennomført")
    assert row[1:3] == ("1 av 4", "3 av 3")
    write_annual_pdf(summary, tmp_path / "aar.pdf")
    pages = PdfReader(tmp_path / "aar.pdf").pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Vernerunder gjennomført 1 av 4 3 av 3" in text
    assert "(året før: 3 av 3)" in text

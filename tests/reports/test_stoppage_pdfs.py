"""The stop's PDFs read back: the notice to the employer and the full record."""

from __future__ import annotations

from pypdf import PdfReader

from vernelogg.domain.stoppage import LEGAL_BASIS, NOT_INFORMED, NOTICE_INTRO, WHY_MISSING
from vernelogg.reports.stoppage import notice_pdf, record_pdf
from vernelogg.services import stoppage as svc


def _text(path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _by_number(db, number: str) -> str:
    return next(r.id for r in svc.list_stoppages(db) if r.number == number)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_notice_to_the_employer_fits_one_page_with_the_legal_basis(demo_db, tmp_path):
    stop = svc.get_stoppage(demo_db, svc.latest_stoppage_id(demo_db))
    pages, text = _text(notice_pdf(demo_db, stop.id, tmp_path / "varsel.pdf"))
    flat = _flat(text)
    assert pages == 1
    assert "Melding om stansing av farlig arbeid" in flat
    assert f"arbeidsmiljøloven § 6-3 · {stop.number}" in flat
    assert "Fatima Ali (verneombud for Renhold og kantine)" in flat
    assert _flat(stop.row.work) in flat and _flat(stop.danger) in flat
    assert _flat(NOTICE_INTRO) in flat
    for text in LEGAL_BASIS:
        assert f"• {_flat(text)}" in flat
    assert "med mindre faren er fjernet" not in flat
    assert "Hvorfor faren ikke kunne avverges på annen måte" in flat
    assert _flat(stop.why_not_averted) in flat
    assert "Arbeidsgivers representant" in flat and "Mottatt dato og klokkeslett" in flat


def test_record_has_the_whole_timeline_links_and_legal_basis(demo_db, tmp_path):
    lakk = _by_number(demo_db, "ST-2026-0001")
    pages, text = _text(record_pdf(demo_db, lakk, tmp_path / "rapport.pdf"))
    flat = _flat(text)
    assert pages >= 1
    assert (
        "Stansing av farlig arbeid" in flat and "ST-2026-0001 · Lakkeringshall · Avsluttet" in flat
    )
    for label in (
        "Arbeidet stanset",
        "Arbeidsgiver varslet",
        "Arbeidsgivers svar",
        "Arbeidstilsynet kontaktet",
        "Arbeidstilsynets avgjørelse",
        "Arbeidet gjenopptatt",
    ):
        assert label in flat
    assert "Avgjort av Arbeidstilsynet" in flat and "2026/31877" in flat
    from vernelogg.services.stoppage import get_stoppage

    (linked,) = get_stoppage(demo_db, lakk).deviations
    assert linked.number.startswith("AV-") and linked.number in flat
    assert "Alarm ved stans i avsuget" in flat
    assert "6-3" in flat and "Arbeidstilsynet" in flat
    assert "Det er ikke registrert at arbeidsgiver er varslet" not in flat
    assert _flat(WHY_MISSING) not in flat


def test_record_flags_a_stop_where_the_employer_was_not_informed(demo_db, tmp_path):
    truck = _by_number(demo_db, "ST-2026-0002")
    _pages, text = _text(record_pdf(demo_db, truck, tmp_path / "truck.pdf"))
    assert _flat(NOT_INFORMED) in _flat(text)
    assert "Løst på stedet" in _flat(text)


def test_a_stop_without_why_prints_lines_to_fill_on_the_notice_and_a_flag_on_the_record(
    org_db, tmp_path
):
    from datetime import date, datetime

    from vernelogg.domain.formatting import OSLO
    from vernelogg.domain.roles import Role
    from vernelogg.services import areas, people

    area = areas.create_area(org_db, name="Verksted")
    per = people.create_person(org_db, name="Per Johansen")
    people.assign_role(
        org_db,
        person_id=per.id,
        role=Role.SAFETY_DELEGATE,
        area_id=area.id,
        start_date=date(2025, 1, 1),
    )
    row = svc.start_stoppage(
        org_db,
        area_id=area.id,
        work="Dreiebenk 3",
        danger="Vernedekselet mangler.",
        stopped_by_id=per.id,
        stopped_at=datetime(2026, 11, 20, 9, 15, tzinfo=OSLO),
    )
    assert row.why_not_averted == "" and row.flags == [WHY_MISSING, NOT_INFORMED]
    _pages, notice = _text(notice_pdf(org_db, row.id, tmp_path / "melding.pdf"))
    assert "Hvorfor faren ikke kunne avverges på annen måte" in _flat(notice)
    assert "_" * 40 in notice  # lines to fill in by hand
    _pages, record = _text(record_pdf(org_db, row.id, tmp_path / "rapport.pdf"))
    assert _flat(WHY_MISSING) in _flat(record) and _flat(NOT_INFORMED) in _flat(record)

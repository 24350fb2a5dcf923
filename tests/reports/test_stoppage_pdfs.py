"""The stop's PDFs read back: the notice to the employer and the full record."""

from __future__ import annotations

from pypdf import PdfReader

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
    assert "umiddelbar fare for arbeidstakernes liv eller helse" in flat
    assert "ikke straks kan avverges på annen måte" in flat
    assert "skal varsles om stansingen med en gang" in flat
    assert "til Arbeidstilsynet har tatt stilling til om det kan fortsette" in flat
    assert "med mindre faren er fjernet" in flat
    assert "Verneombudet er ikke ansvarlig for tap" in flat
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


def test_record_flags_a_stop_where_the_employer_was_not_informed(demo_db, tmp_path):
    truck = _by_number(demo_db, "ST-2026-0002")
    _pages, text = _text(record_pdf(demo_db, truck, tmp_path / "truck.pdf"))
    assert "Det er ikke registrert at arbeidsgiver er varslet" in _flat(text)
    assert "Løst på stedet" in _flat(text)

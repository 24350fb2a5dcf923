"""Every `report … --id/--meeting` takes what a person sees: the number (AV-, VR-, RV-,
ST-), a case of the AMU meeting («3/2026», «Sak 3/2026»), the id, or `latest`."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from vernelogg.cli import main
from vernelogg.services.errors import NotFoundError
from vernelogg.services.references import resolve_reference
from vernelogg.store.models import (
    AmuAgendaItem,
    Deviation,
    RiskAssessment,
    SafetyRound,
    WorkStoppage,
)

# report kind → (reference kind, model); rounds only report when signed
REPORTS = {
    "deviation": ("deviation", Deviation),
    "round": ("round", SafetyRound),
    "risk": ("risk", RiskAssessment),
    "stoppage": ("stoppage", WorkStoppage),
}


def _record(db, model):
    with db.read() as s:
        query = select(model.id, model.number).order_by(model.number)
        if model is SafetyRound:
            query = query.where(SafetyRound.status == "closed")
        row_id, number = s.execute(query.limit(1)).one()
    return str(row_id), number


def _pdf_text(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_report_takes_the_visible_number(demo_db, tmp_path, capsys, report):
    kind, model = REPORTS[report]
    record_id, number = _record(demo_db, model)
    out = tmp_path / f"{report}.pdf"
    args = ["--db", demo_db.url, "report", report, "--id", number, "-o", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    assert number in _pdf_text(out)
    # The same record by its id, in lower case, and with spaces around.
    assert resolve_reference(demo_db, kind, record_id) == record_id
    assert resolve_reference(demo_db, kind, f"  {number.lower()} ") == record_id


def test_amu_meeting_by_a_case_on_its_agenda(demo_db, tmp_path, capsys):
    with demo_db.read() as s:
        item = s.scalars(select(AmuAgendaItem).order_by(AmuAgendaItem.number).limit(1)).one()
        meeting_id, seq, year = str(item.meeting_id), item.seq, item.year
    assert resolve_reference(demo_db, "meeting", f"Sak {seq}/{year}") == meeting_id
    assert resolve_reference(demo_db, "meeting", f"sak {seq} / {year}") == meeting_id
    out = tmp_path / "innkalling.pdf"
    args = ["--db", demo_db.url, "report", "amu-invitation", "--meeting", f"{seq}/{year}"]
    assert main([*args, "-o", str(out)]) == 0, capsys.readouterr().err
    assert f"Sak {seq}/{year}" in _pdf_text(out)


def test_latest_is_the_newest(demo_db):
    from vernelogg.services.risk import latest_assessment_id

    latest = latest_assessment_id(demo_db)
    assert resolve_reference(demo_db, "risk", "latest", lambda: latest) == latest
    assert resolve_reference(demo_db, "risk", "LATEST", lambda: latest) == latest


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("risk", "RV-2031-0001", "Fant ikke risikovurdering RV-2031-0001."),
        ("round", "vr-2031-7", "Fant ikke vernerunde VR-2031-0007."),
        ("stoppage", "00000000-0000-0000-0000-000000000000", "Fant ikke stansingen."),
        ("meeting", "99/2031", "Fant ikke Sak 99/2031 i noe AMU-møte."),
        (
            "risk",
            "AV-2026-0001",
            "«AV-2026-0001» er ikke en gyldig ID for risikovurdering; bruk nummer som "
            "«RV-2026-0001», ID eller «latest».",
        ),
    ],
)
def test_what_names_nothing_says_what_to_write(demo_db, kind, value, message):
    with pytest.raises(NotFoundError) as error:
        resolve_reference(demo_db, kind, value, lambda: None)
    assert str(error.value) == message


def test_risk_assessments_are_numbered_in_the_list(demo_db):
    from vernelogg.services import risk

    numbers = [r.number for r in risk.list_assessments(demo_db)]
    assert numbers and all(n.startswith("RV-") for n in numbers)
    assert len(set(numbers)) == len(numbers)

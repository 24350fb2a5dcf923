"""The risk assessment PDF, read back as text."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from vernelogg.domain.risk import AssessmentKind, HazardCategory
from vernelogg.reports.risk import write_risk_report
from vernelogg.services import areas, people
from vernelogg.services import risk as risk_service


def _text(path) -> str:
    """All pages' text with line breaks inside table cells made into spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_pdf_has_matrix_hazards_before_after_actions_and_signoff(org_db, tmp_path):
    area = areas.create_area(org_db, name="Lakkeringshall")
    owner = people.create_person(org_db, name="Sigrid Larsen")
    info = risk_service.create_assessment(
        org_db,
        title="Kjemikalier i lakkeringshallen",
        area_id=area.id,
        kind=AssessmentKind.ACTIVITY,
        assessed_on=date(2026, 2, 10),
        participants="Ahmed Rahimi, Sigrid Larsen",
        responsible_id=owner.id,
        vo_participated=False,
        vo_informed_on=date(2026, 2, 20),
        decided_on=date(2026, 2, 12),
        review_on=date(2027, 2, 10),
    )
    hazards = [
        ("Innånding av løsemiddeldamp", HazardCategory.CHEMICAL, (4, 4), (2, 4)),
        ("Brann ved lagring av løsemidler", HazardCategory.FIRE, (2, 5), (1, 5)),
        ("Arbeid over skulderhøyde", HazardCategory.ERGONOMIC, (3, 2), (3, 2)),
    ]
    for description, category, (p, c), (rp, rc) in hazards:
        risk_service.save_hazard(
            org_db,
            info.id,
            description=description,
            category=category,
            probability=p,
            consequence=c,
            residual_probability=rp,
            residual_consequence=rc,
            new_actions=[
                risk_service.NewAction(
                    f"Tiltak mot {description.lower()}", owner.id, date(2026, 4, 1)
                )
            ]
            if (p, c) != (rp, rc)
            else [],
        )
    risk_service.approve_assessment(
        org_db, info.id, approved_by="Sigrid Larsen", approved_on=date(2026, 2, 14)
    )
    path = tmp_path / "risiko.pdf"
    write_risk_report(org_db, info.id, path)
    text = _text(path)
    for expected in (
        "Risikovurdering",
        "Kjemikalier i lakkeringshallen",
        "Sannsynlighet",
        "Konsekvens",
        "Innånding av løsemiddeldamp",
        "Brann ved lagring av løsemidler",
        "Arbeid over skulderhøyde",
        "4 × 4 = 16",  # before, red
        "2 × 4 = 8",  # after, yellow
        "Ikke akseptabel",
        "Tiltak mot innånding av løsemiddeldamp",
        "01.04.2026",
        "Sigrid Larsen",
        "Godkjent 14.02.2026 av Sigrid Larsen",
        "Ahmed Rahimi",
        "8 dager etter at beslutningen ble tatt 12.02.2026",
        "Verneombud",
        "Versjon 1 (5×5)",
    ):
        assert expected in text, expected
    assert text.count("Tiltak mot") == 4  # twice in the hazard table, twice in the tiltak table


def test_pdf_of_a_draft_without_hazards_says_so(org_db, tmp_path):
    area = areas.create_area(org_db, name="Kontor")
    info = risk_service.create_assessment(
        org_db,
        title="Hjemmekontor",
        area_id=area.id,
        kind=AssessmentKind.ACTIVITY,
        assessed_on=date(2026, 5, 1),
    )
    path = tmp_path / "tom.pdf"
    write_risk_report(org_db, info.id, path)
    text = _text(path)
    assert "Utkast – ikke godkjent" in text
    assert "Ingen farer er registrert." in text
    assert "Ingen nye tiltak er registrert." in text

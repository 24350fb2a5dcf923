"""Training records: validation, files, the 40-hour rule with the written agreement."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from vernelogg.domain.deadlines import Status
from vernelogg.domain.roles import Role
from vernelogg.domain.training import CourseKind
from vernelogg.services import areas, people, training, training_status
from vernelogg.services.attachments import attachment_data
from vernelogg.services.deadlines import collect_deadlines
from vernelogg.services.errors import ValidationError
from vernelogg.services.training import Upload

TODAY = date(2026, 11, 22)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def vo(org_db):
    area = areas.create_area(org_db, name="Verksted")
    person = people.create_person(org_db, name="Per Johansen")
    people.assign_role(
        org_db,
        person_id=person.id,
        role=Role.SAFETY_DELEGATE,
        area_id=area.id,
        start_date=date(2026, 7, 1),
    )
    return person


def basic_item(db, person_name: str, today: date = TODAY):
    return next(
        e.item
        for e in collect_deadlines(db, today)
        if e.item.kind == "training" and e.item.ref == "basic" and e.item.person == person_name
    )


def test_new_vo_without_course_gets_the_deadline(org_db, vo):
    item = basic_item(org_db, "Per Johansen")
    # Not started: due at the 6-month start target (main agreements), within the window.
    assert (item.status, item.due) == (Status.DUE_SOON, date(2027, 1, 1))
    assert item.role is Role.SAFETY_DELEGATE and item.area == "Verksted"


def test_short_course_counts_only_with_the_agreement_and_its_document(org_db, vo):
    record = training.save_training(
        org_db,
        today=TODAY,
        person_id=vo.id,
        kind=CourseKind.BASIC,
        completed_date=date(2026, 10, 1),
        hours=32,
        provider="AOF",
    )
    item = basic_item(org_db, "Per Johansen")
    assert (item.status, item.due) == (Status.MISSING, None)
    assert item.title == (
        "Grunnopplæring i HMS (40 timer): kurset har under 40 timer, og det er ikke "
        "registrert at partene har avtalt kortere opplæring (OLM § 3-19)"
    )
    assert record.state_text(TODAY) == "Teller ikke: mangler avtale"

    # The date alone is not enough: the document must be attached.
    with pytest.raises(ValidationError) as error:
        training.save_training(
            org_db,
            today=TODAY,
            record_id=record.id,
            person_id=vo.id,
            kind=CourseKind.BASIC,
            completed_date=date(2026, 10, 1),
            hours=32,
            agreement_date=date(2026, 9, 1),
        )
    assert error.value.fields == {
        "agreement_file": "Legg ved den skriftlige avtalen (PDF eller bilde)."
    }
    assert training.get_training(org_db, record.id).agreement_date is None

    saved = training.save_training(
        org_db,
        today=TODAY,
        record_id=record.id,
        person_id=vo.id,
        kind=CourseKind.BASIC,
        completed_date=date(2026, 10, 1),
        hours=32,
        agreement_date=date(2026, 9, 1),
        agreement_documents=[Upload("avtale.pdf", PDF)],
    )
    assert [a.filename for a in saved.agreements] == ["avtale.pdf"]
    assert saved.state_text(TODAY) == "Fullført etter avtale"
    item = basic_item(org_db, "Per Johansen")
    assert item.status is Status.OK
    assert item.title == "Grunnopplæring i HMS (40 timer): fullført 01.10.2026"


def test_document_without_date_is_refused(org_db, vo):
    with pytest.raises(ValidationError) as error:
        training.save_training(
            org_db,
            today=TODAY,
            person_id=vo.id,
            kind=CourseKind.BASIC,
            completed_date=date(2026, 10, 1),
            hours=24,
            agreement_documents=[Upload("avtale.pdf", PDF)],
        )
    assert error.value.fields == {"agreement_date": "Oppgi datoen avtalen ble inngått."}
    assert training.list_training(org_db) == []


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"kind": None}, "kind", "Velg hvilket kurs det gjelder."),
        ({"kind": "other"}, "title", "Kursnavn må fylles ut."),
        ({"completed_date": None}, "start_date", "Fyll inn når kurset startet eller ble fullført."),
        (
            {"start_date": date(2026, 10, 2)},
            "completed_date",
            "Fullført-datoen kan ikke være før startdatoen.",
        ),
        ({"completed_date": date(2026, 11, 23)}, "completed_date", "kan ikke være fram i tid"),
        ({"hours": 0.0}, "hours", "Timer må være mellom 0 og 1000."),
        ({"hours": 1200}, "hours", "Timer må være mellom 0 og 1000."),
        ({"agreement_date": date(2026, 12, 1)}, "agreement_date", "fram i tid"),
        ({"topics": ["a", "x"]}, "topics", "Ukjent tema: x."),
        ({"person_id": None}, "person_id", "Velg hvem som har tatt kurset."),
    ],
)
def test_bad_input_is_refused_next_to_the_field(org_db, vo, kwargs, field, message):
    values = dict(
        today=TODAY,
        person_id=vo.id,
        kind=CourseKind.BASIC,
        completed_date=date(2026, 10, 1),
        hours=40,
    )
    values.update(kwargs)
    with pytest.raises(ValidationError) as error:
        training.save_training(org_db, **values)
    assert message in error.value.fields[field]
    assert training.list_training(org_db, include_archived=True) == []


def test_certificate_must_be_pdf_or_image_and_nothing_is_saved_otherwise(org_db, vo):
    with pytest.raises(ValidationError) as error:
        training.save_training(
            org_db,
            today=TODAY,
            person_id=vo.id,
            kind=CourseKind.BASIC,
            completed_date=date(2026, 10, 1),
            hours=40,
            certificates=[Upload("kursbevis.docx", b"PK\x03\x04word")],
        )
    assert "kursbevis.docx" in error.value.fields["certificate_file"]
    assert training.list_training(org_db, include_archived=True) == []


def test_certificate_image_is_stored_and_can_be_removed(org_db, vo):
    record = training.save_training(
        org_db,
        today=TODAY,
        person_id=vo.id,
        kind=CourseKind.BASIC,
        completed_date=date(2026, 10, 1),
        hours=40,
        topics=["f", "a", "c"],
        topics_other="Vold og trusler",
        course_format="mixed",
        certificates=[Upload("bevis.png", png_bytes()), Upload("bevis.pdf", PDF)],
    )
    assert record.topics == ("a", "c", "f")
    assert record.topics_other == "Vold og trusler"
    assert record.format_label == "Kombinert"
    # A photo is stored as JPEG (scaled); the PDF as it is.
    assert [c.filename for c in record.certificates] == ["bevis.jpg", "bevis.pdf"]
    assert attachment_data(org_db, record.certificates[1].id) == PDF
    updated = training.save_training(
        org_db,
        today=TODAY,
        record_id=record.id,
        person_id=vo.id,
        kind=CourseKind.BASIC,
        completed_date=date(2026, 10, 1),
        hours=40,
        remove_attachment_ids=[record.certificates[0].id],
    )
    assert [c.filename for c in updated.certificates] == ["bevis.pdf"]


def test_archived_course_no_longer_counts(org_db, vo):
    record = training.save_training(
        org_db,
        today=TODAY,
        person_id=vo.id,
        kind=CourseKind.BASIC,
        completed_date=date(2026, 10, 1),
        hours=40,
    )
    assert basic_item(org_db, "Per Johansen").status is Status.OK
    training.archive_training(org_db, record.id)
    assert basic_item(org_db, "Per Johansen").status is Status.DUE_SOON
    assert training.list_training(org_db) == []
    assert [r.id for r in training.list_training(org_db, include_archived=True)] == [record.id]


def test_training_overview_lists_role_holders_with_their_items(org_db, vo):
    people.create_person(org_db, name="Ola Uten Verv")
    overview = {p.name: p for p in training_status.training_overview(org_db, TODAY)}
    per = overview["Per Johansen"]
    assert per.roles == (Role.SAFETY_DELEGATE,)
    assert [(i.kind, i.ref, i.status) for i in per.requirements] == [
        ("training", "basic", Status.DUE_SOON)
    ]
    assert per.worst is Status.DUE_SOON
    assert overview["Ola Uten Verv"].requirements == ()
    assert overview["Ola Uten Verv"].worst is None


def test_list_training_newest_first(org_db, vo):
    for completed in (date(2024, 1, 10), date(2026, 2, 1)):
        training.save_training(
            org_db,
            today=TODAY,
            person_id=vo.id,
            kind=CourseKind.OTHER,
            title=f"Kurs {completed.year}",
            completed_date=completed,
        )
    training.save_training(
        org_db,
        today=TODAY,
        person_id=vo.id,
        kind=CourseKind.REFRESHER,
        start_date=date(2027, 1, 5),
    )
    titles = [r.display_title for r in training.list_training(org_db, person_id=vo.id)]
    assert titles == ["Oppfriskningskurs i HMS", "Kurs 2026", "Kurs 2024"]

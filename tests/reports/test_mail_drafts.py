"""E-mail drafts: an `.eml` that any mail program opens, with the record's PDF attached."""

from __future__ import annotations

from email import message_from_bytes, policy

from sqlalchemy import select

from vernelogg.reports import drafts
from vernelogg.services import mail, people
from vernelogg.services.deviations import get_deviation
from vernelogg.store.models import Action, AmuMeeting, Deviation


def parse(path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


def pdf_of(message) -> bytes:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(parts) == 1
    return parts[0].get_content()


def first(db, column, *where):
    with db.read() as s:
        return str(s.scalars(select(column).where(*where).limit(1)).one())


def test_an_avvik_draft_goes_to_the_responsible_leader_with_the_pdf(demo_db, tmp_path):
    deviation_id = first(demo_db, Deviation.id, Deviation.responsible_id.is_not(None))
    draft = drafts.deviation_draft(demo_db, deviation_id)
    message = parse(mail.write_draft(draft, tmp_path))
    assert message["X-Unsent"] == "1"
    assert message["Subject"].startswith("Avvik AV-")
    assert message["Subject"].endswith("til oppfølging")
    assert "@" in message["To"] and message["To"] == draft.to[0]
    assert "ansvarlig for å følge opp" in message.get_body(("plain",)).get_content()
    assert pdf_of(message).startswith(b"%PDF")


def test_without_an_address_the_draft_has_an_empty_recipient(demo_db, tmp_path):
    deviation_id = first(demo_db, Deviation.id, Deviation.responsible_id.is_not(None))
    person_id = get_deviation(demo_db, deviation_id).responsible_id
    person = people.get_person(demo_db, person_id)
    people.update_person(
        demo_db, person_id, name=person.name, title=person.title, email="", phone=person.phone
    )
    message = parse(mail.write_draft(drafts.deviation_draft(demo_db, deviation_id), tmp_path))
    assert message["To"] in (None, "")
    assert pdf_of(message).startswith(b"%PDF")


def test_a_tiltak_draft_goes_to_its_owner(demo_db, tmp_path):
    action_id = first(demo_db, Action.id, Action.owner_id.is_not(None))
    message = parse(mail.write_draft(drafts.action_draft(demo_db, action_id), tmp_path))
    assert message["Subject"].startswith("Tiltak til oppfølging: ")
    assert "@" in message["To"]
    assert pdf_of(message).startswith(b"%PDF")


def test_an_amu_invitation_goes_to_the_committee(demo_db, tmp_path):
    meeting_id = first(demo_db, AmuMeeting.id)
    path = mail.write_draft(drafts.meeting_draft(demo_db, meeting_id), tmp_path)
    message = parse(path)
    assert message["Subject"].startswith("Innkalling til AMU-møte ")
    assert path.suffix == ".eml"
    assert pdf_of(message).startswith(b"%PDF")

"""Vernerunder through the services: plan, start, answer, photos, findings, close, follow-up."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from PIL import Image

from tests.conftest import TODAY
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.services import actions, areas, attachments, people, rounds
from vernelogg.services.errors import NotFoundError, ServiceError, ValidationError


@pytest.fixture
def area(org_db):
    area = areas.create_area(org_db, name="Verksted")
    per = people.create_person(org_db, name="Per Johansen")
    sigrid = people.create_person(org_db, name="Sigrid Larsen")
    people.assign_role(
        org_db, person_id=per.id, role=Role.SAFETY_DELEGATE, area_id=area.id,
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    people.assign_role(
        org_db, person_id=sigrid.id, role=Role.LEADER, area_id=area.id,
        start_date=date(2020, 1, 1),
    )  # fmt: skip
    return area


def _png(width: int = 40, height: int = 30, color=(200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def _started(db, area, ref="builtin:kontor", planned=date(2026, 11, 20), held_on=None):
    delegate, leader = rounds.default_participants(db, area.id, TODAY)
    plan = rounds.plan_round(
        db,
        area_id=area.id,
        planned_date=planned,
        template_ref=ref,
        delegate_id=delegate,
        leader_id=leader,
        today=TODAY,
    )
    return rounds.start_round(db, plan.id, held_on=held_on, today=TODAY)


def _answer_all(db, detail, answer=Answer.OK):
    for item in detail.check_items:
        rounds.answer_item(db, item.id, answer)


# --------------------------------------------------------------------------- planning


def test_plan_fills_participants_from_the_roster_and_numbers_the_round(org_db, area):
    delegate, leader = rounds.default_participants(org_db, area.id, TODAY)
    first = rounds.plan_round(
        org_db,
        area_id=area.id,
        planned_date=date(2026, 12, 1),
        template_ref="builtin:industri",
        delegate_id=delegate,
        leader_id=leader,
        other_participants="Eva Lund (BHT)",
        today=TODAY,
    )
    second = rounds.plan_round(
        org_db,
        area_id=area.id,
        planned_date=date(2026, 12, 15),
        template_ref="builtin:industri",
        today=TODAY,
    )
    assert (first.number, second.number) == ("VR-2026-0001", "VR-2026-0002")
    assert first.status is RoundStatus.PLANNED
    assert first.checklist_name == "Industri og verksted"
    assert first.participants_text == (
        "Per Johansen (verneombud), Sigrid Larsen (leder), Eva Lund (BHT)"
    )
    assert rounds.suggested_template(org_db, area.id) == "builtin:industri"


def test_plan_refuses_missing_and_unreasonable_input_and_saves_nothing(org_db, area):
    with pytest.raises(ValidationError) as error:
        rounds.plan_round(org_db, area_id=None, planned_date=None, template_ref=None, today=TODAY)
    assert error.value.fields == {"planned_date": "Velg dato for runden."}
    with pytest.raises(ValidationError) as error:
        rounds.plan_round(
            org_db,
            area_id=area.id,
            planned_date=date(2031, 1, 1),
            template_ref="builtin:kontor",
            today=TODAY,
        )
    assert error.value.fields["planned_date"] == "Datoen kan ikke være mer enn 3 år fram i tid."
    with pytest.raises(ValidationError) as error:
        rounds.plan_round(
            org_db, area_id=None, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
        )
    assert error.value.fields == {"area_id": "Velg verneområde."}
    with pytest.raises(ValidationError) as error:
        rounds.plan_round(org_db, area_id=area.id, planned_date=TODAY, template_ref="", today=TODAY)
    assert error.value.fields == {"template_ref": "Velg sjekkliste."}
    assert rounds.list_rounds(org_db) == []


def test_suggested_template_follows_the_branch_when_the_area_has_no_rounds(org_db, area):
    from vernelogg.services.organisation import get_organisation, save_organisation

    assert rounds.suggested_template(org_db, area.id) == "builtin:generell"
    org = get_organisation(org_db)
    save_organisation(
        org_db,
        name=org.name,
        org_number=org.org_number,
        employees=org.employees,
        branch="Barnehage",
    )
    assert rounds.suggested_template(org_db, area.id) == "builtin:barnehage"


def test_only_planned_rounds_can_be_cancelled(org_db, area):
    plan = rounds.plan_round(
        org_db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    rounds.cancel_round(org_db, plan.id)
    assert rounds.list_rounds(org_db) == []
    assert rounds.list_rounds(org_db, include_archived=True)[0].archived
    started = _started(org_db, area)
    with pytest.raises(ServiceError, match="Bare planlagte runder kan avlyses"):
        rounds.cancel_round(org_db, started.info.id)


def test_started_round_keeps_area_date_and_checklist(org_db, area):
    detail = _started(org_db, area)
    info = detail.info
    with pytest.raises(ValidationError, match="kan ikke endres lenger"):
        rounds.update_round(
            org_db,
            info.id,
            area_id=info.area_id,
            planned_date=date(2026, 12, 24),
            template_ref=info.template_ref,
            today=TODAY,
        )
    changed = rounds.update_round(
        org_db,
        info.id,
        area_id=info.area_id,
        planned_date=info.planned_date,
        template_ref=info.template_ref,
        delegate_id=info.delegate_id,
        leader_id=info.leader_id,
        other_participants="Lars Holm",
        today=TODAY,
    )
    assert changed.other_participants == "Lars Holm"


# --------------------------------------------------------------------------- conducting


def test_start_copies_every_point_and_reopening_continues_at_the_first_gap(org_db, area):
    detail = _started(org_db, area)
    spec = next(t for t in rounds.builtin_templates() if t.key == "kontor")
    assert detail.info.status is RoundStatus.IN_PROGRESS
    assert detail.info.held_on == TODAY
    assert [i.text for i in detail.items] == [i.text for i in spec.items]
    assert [i.label for i in detail.items[:3]] == ["1", "2", "3"]
    for item in detail.items[:4]:
        rounds.answer_item(org_db, item.id, Answer.OK)
    rounds.answer_item(org_db, detail.items[5].id, Answer.NOT_RELEVANT)
    again = rounds.get_round_detail(org_db, detail.info.id)
    assert again.resume_index == 4
    assert again.info.counts.answered == 5
    assert again.info.counts.ok == 4 and again.info.counts.not_relevant == 1
    # starting again changes nothing
    same = rounds.start_round(org_db, detail.info.id, today=TODAY)
    assert [i.id for i in same.items] == [i.id for i in detail.items]


def test_an_answer_shown_before_it_is_stored_matches_the_round_as_stored(org_db, area):
    """The round screen shows an answer at once (`with_answer`) and reads the stored round
    after: the points and the tally are the same both ways, findings included."""
    detail = _started(org_db, area)
    rounds.add_finding(org_db, detail.info.id, text="Løs kabel")
    shown = rounds.get_round_detail(org_db, detail.info.id)
    at = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    for item, answer in zip(
        shown.check_items[:4],
        (Answer.OK, Answer.NOT_OK, Answer.NOT_RELEVANT, None),
        strict=True,
    ):
        shown = shown.with_answer(item.id, answer, at)
        rounds.answer_item(org_db, item.id, answer)
    shown = shown.with_answer(shown.check_items[0].id, Answer.NOT_RELEVANT, at)
    rounds.answer_item(org_db, shown.check_items[0].id, Answer.NOT_RELEVANT)
    stored = rounds.get_round_detail(org_db, detail.info.id)
    assert shown.info.counts == stored.info.counts
    assert shown.info.counts.free_findings == 1 and shown.info.counts.answered == 3
    assert [i.answer for i in shown.items] == [i.answer for i in stored.items]
    assert shown.check_items[0].answered_at == at and shown.check_items[3].answered_at is None


def test_a_round_cannot_be_held_in_the_future(org_db, area):
    plan = rounds.plan_round(
        org_db,
        area_id=area.id,
        planned_date=date(2026, 12, 1),
        template_ref="builtin:kontor",
        today=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        rounds.start_round(org_db, plan.id, held_on=date(2026, 12, 1), today=TODAY)
    assert error.value.fields == {"held_on": "En runde kan ikke gjennomføres fram i tid."}
    assert rounds.get_round_info(org_db, plan.id).status is RoundStatus.PLANNED


def test_answers_are_refused_before_start_and_for_free_findings(org_db, area):
    plan = rounds.plan_round(
        org_db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    detail = rounds.get_round_detail(org_db, plan.id)
    assert detail.items == ()
    with pytest.raises(ServiceError, match="ikke startet"):
        rounds.add_finding(org_db, plan.id, text="Løs kabel")
    detail = rounds.start_round(org_db, plan.id, today=TODAY)
    finding = rounds.add_finding(org_db, plan.id, text="Løs kabel over gangvei", group="mechanical")
    assert (finding.label, finding.answer, finding.is_finding) == ("F1", Answer.NOT_OK, True)
    with pytest.raises(ValidationError) as error:
        rounds.answer_item(org_db, finding.id, Answer.OK)
    assert "alltid et funn" in error.value.fields["answer"]
    with pytest.raises(ValidationError):
        rounds.answer_item(org_db, detail.items[0].id, "kanskje")
    with pytest.raises(ValidationError) as error:
        rounds.add_finding(org_db, plan.id, text="  ")
    assert error.value.fields == {"text": "Hva som ble funnet må fylles ut."}


def test_photos_are_scaled_down_and_only_images_are_accepted(org_db, area):
    detail = _started(org_db, area)
    item = detail.items[2]
    photo = rounds.add_photo(org_db, item.id, filename="lys.png", data=_png(3200, 2400))
    assert max(photo.width, photo.height) == attachments.MAX_IMAGE_SIDE
    with pytest.raises(ValidationError, match="Bare bilder"):
        rounds.add_photo(org_db, item.id, filename="notat.pdf", data=b"%PDF-1.4 x")
    with pytest.raises(ValidationError, match="ikke et bilde"):
        rounds.add_photo(org_db, item.id, filename="falsk.png", data=b"not a png")
    (stored,) = rounds.get_round_detail(org_db, detail.info.id).items[2].photos
    assert stored.id == photo.id
    rounds.remove_photo(org_db, item.id, photo.id)
    assert rounds.get_round_detail(org_db, detail.info.id).items[2].photos == ()
    with pytest.raises(NotFoundError):
        rounds.remove_photo(org_db, detail.items[3].id, photo.id)


def test_close_lists_what_is_missing_and_changes_nothing(org_db, area):
    detail = _started(org_db, area)
    rid = detail.info.id
    rounds.answer_item(org_db, detail.items[0].id, Answer.NOT_OK)
    with pytest.raises(ValidationError) as error:
        rounds.close_round(
            org_db,
            rid,
            signed_delegate="",
            signed_leader="Sigrid Larsen",
            closed_on=date(2026, 11, 23),
            today=TODAY,
        )
    fields = error.value.fields
    assert fields["signed_delegate"] == "Navnet på verneombudet må fylles ut."
    assert fields["closed_on"] == "Datoen for signering kan ikke være fram i tid."
    assert fields["items"].startswith("30 av 31 punkter er ikke besvart (punkt 2, 3, 4")
    assert "mangler på punkt 1" in fields["comments"]
    assert rounds.get_round_info(org_db, rid).status is RoundStatus.IN_PROGRESS


def test_closed_round_is_read_only_but_takes_dated_addenda(org_db, area):
    detail = _started(org_db, area)
    rid = detail.info.id
    _answer_all(org_db, detail)
    with pytest.raises(ServiceError, match="etter at runden er avsluttet"):
        rounds.add_addendum(org_db, rid, "For tidlig")
    closed = rounds.close_round(
        org_db,
        rid,
        signed_delegate="Per Johansen",
        signed_leader=" Sigrid  Larsen ",
        closed_on=TODAY,
        notes="God orden.",
        today=TODAY,
    )
    assert (closed.status, closed.closed_on, closed.signed_leader) == (
        RoundStatus.CLOSED,
        TODAY,
        "Sigrid Larsen",
    )
    item = detail.items[0]
    for attempt in (
        lambda: rounds.answer_item(org_db, item.id, Answer.NOT_OK),
        lambda: rounds.set_comment(org_db, item.id, "Endret etterpå"),
        lambda: rounds.add_photo(org_db, item.id, filename="a.png", data=_png()),
        lambda: rounds.add_finding(org_db, rid, text="Etterpå"),
        lambda: rounds.set_notes(org_db, rid, "Ny tekst"),
    ):
        with pytest.raises(ServiceError, match="avsluttet og signert"):
            attempt()
    with pytest.raises(ServiceError, match="allerede avsluttet"):
        rounds.close_round(
            org_db, rid, signed_delegate="x", signed_leader="y", closed_on=TODAY, today=TODAY
        )
    when = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    rounds.add_addendum(org_db, rid, "Lyset i gangen er skiftet.", written_by="Per", at=when)
    after = rounds.get_round_detail(org_db, rid)
    assert [(a.text, a.written_by, a.written_at) for a in after.addenda] == [
        ("Lyset i gangen er skiftet.", "Per", when)
    ]
    assert after.items[0].answer is Answer.OK
    assert after.info.notes == "God orden."


# --------------------------------------------------------------------------- follow-up


def test_finding_becomes_deviation_and_action_with_photos_and_links(org_db, area):
    detail = _started(org_db, area)
    item = detail.items[6]
    rounds.answer_item(org_db, item.id, Answer.NOT_OK)
    rounds.set_comment(org_db, item.id, "Tom såpedispenser på kjøkkenet.")
    rounds.add_photo(org_db, item.id, filename="kjokken.png", data=_png())
    defaults = rounds.finding_defaults(org_db, item.id)
    assert defaults.area_name == "Verksted"
    assert defaults.title == "Tom såpedispenser på kjøkkenet."
    assert defaults.reporter_name == "Per Johansen"
    assert defaults.photo_count == 1
    assert "punkt 7" in defaults.description and item.text in defaults.description

    avvik = rounds.create_deviation_from_item(
        org_db,
        item.id,
        description=defaults.description,
        kind=DeviationKind.DANGEROUS_CONDITION,
        severity=Severity.LOW,
        reporter_name=defaults.reporter_name,
    )
    assert avvik.label == "AV-2026-0001"
    tiltak = rounds.create_action_from_item(
        org_db,
        item.id,
        title="Fyll på såpe og sett opp påfyllingsrutine",
        owner_id=defaults.owner_id,
        deadline=date(2026, 12, 15),
        today=TODAY,
    )
    assert (tiltak.owner_name, tiltak.deadline) == ("Sigrid Larsen", date(2026, 12, 15))
    again = rounds.get_round_detail(org_db, detail.info.id).items[6]
    assert again.deviation.label == "AV-2026-0001"
    assert again.action.id == tiltak.id
    assert len(attachments.list_attachments(org_db, "deviation", avvik.id)) == 1
    assert len(attachments.list_attachments(org_db, "action", tiltak.id)) == 1
    (from_round,) = actions.actions_for_source(org_db, ActionSource.ROUND, detail.info.id)
    assert from_round.source_label == f"Vernerunde {detail.info.number} – Verksted"

    with pytest.raises(ValidationError, match="allerede laget et avvik"):
        rounds.create_deviation_from_item(org_db, item.id, description="x", reporter_name=None)
    with pytest.raises(ValidationError, match="må stå som «Ikke OK»"):
        rounds.answer_item(org_db, item.id, Answer.OK)


def test_follow_up_needs_a_finding_and_valid_input(org_db, area):
    detail = _started(org_db, area)
    ok_item = detail.items[0]
    rounds.answer_item(org_db, ok_item.id, Answer.OK)
    with pytest.raises(ValidationError, match="«Ikke OK»"):
        rounds.create_action_from_item(org_db, ok_item.id, title="Noe")
    bad = detail.items[1]
    rounds.answer_item(org_db, bad.id, Answer.NOT_OK)
    with pytest.raises(ValidationError) as error:
        rounds.create_action_from_item(org_db, bad.id, title=" ")
    assert error.value.fields == {"title": "Hva som skal gjøres må fylles ut."}
    with pytest.raises(ValidationError) as error:
        rounds.create_action_from_item(
            org_db, bad.id, title="Fiks", deadline=date(2026, 1, 1), today=TODAY
        )
    assert error.value.fields == {"deadline": "Fristen kan ikke være før i dag."}
    with pytest.raises(ValidationError) as error:
        rounds.create_deviation_from_item(org_db, bad.id, description="", reporter_name=None)
    assert "description" in error.value.fields
    assert rounds.get_round_detail(org_db, detail.info.id).items[1].action is None
    assert actions.actions_for_source(org_db, ActionSource.ROUND, detail.info.id) == []


# --------------------------------------------------------------------------- figures


def _close(db, detail, on, not_ok=0):
    for n, item in enumerate(detail.check_items):
        answer = Answer.NOT_OK if n < not_ok else Answer.OK
        rounds.answer_item(db, item.id, answer)
        if answer is Answer.NOT_OK:
            rounds.set_comment(db, item.id, "Må følges opp")
    return rounds.close_round(
        db, detail.info.id, signed_delegate="Per", signed_leader="Sigrid", closed_on=on, today=TODAY
    )


def test_completed_rounds_and_the_year_summary(org_db, area):
    office = areas.create_area(org_db, name="Administrasjon")
    a = _started(org_db, area, planned=date(2025, 12, 10), held_on=date(2025, 12, 10))
    _close(org_db, a, date(2026, 1, 5), not_ok=2)
    b = _started(org_db, area, planned=date(2026, 6, 1), held_on=date(2026, 6, 1))
    _close(org_db, b, date(2026, 6, 2), not_ok=1)
    _started(org_db, office, planned=date(2026, 3, 1))  # running, not done
    rounds.plan_round(
        org_db, area_id=office.id, planned_date=date(2026, 12, 1), template_ref="builtin:kontor",
        today=TODAY,
    )  # fmt: skip
    cancelled = rounds.plan_round(
        org_db, area_id=area.id, planned_date=date(2026, 9, 1), template_ref="builtin:kontor",
        today=TODAY,
    )  # fmt: skip
    rounds.cancel_round(org_db, cancelled.id)

    assert rounds.completed_rounds(org_db, area.id, date(2026, 1, 1), date(2026, 12, 31)) == 2
    assert rounds.completed_rounds(org_db, area.id, date(2026, 1, 6), date(2026, 6, 2)) == 1
    assert rounds.completed_rounds(org_db, office.id, date(2026, 1, 1), date(2026, 12, 31)) == 0

    year = rounds.rounds_summary(org_db, 2026)
    assert [(r.area_name, r.planned, r.done, r.findings) for r in year.areas] == [
        ("Administrasjon", 2, 0, 0),
        ("Verksted", 1, 2, 3),
    ]
    assert (year.planned, year.done, year.findings) == (3, 2, 3)
    last = rounds.rounds_summary(org_db, 2025)
    assert [(r.area_name, r.planned, r.done) for r in last.areas] == [("Verksted", 1, 0)]


def test_answers_from_paper_are_saved_together_or_not_at_all(org_db, area):
    detail = _started(org_db, area)
    first, second = detail.items[0], detail.items[1]
    with pytest.raises(ValidationError, match="Ukjent svar «kanskje»"):
        rounds.answer_items(
            org_db,
            detail.info.id,
            {first.id: (Answer.OK, ""), second.id: ("kanskje", "")},
        )
    assert rounds.get_round_detail(org_db, detail.info.id).info.counts.answered == 0
    counts = rounds.answer_items(
        org_db,
        detail.info.id,
        {first.id: (Answer.OK, ""), second.id: (Answer.NOT_OK, " Mangler skilt ")},
    )
    assert (counts.answered, counts.ok, counts.not_ok) == (2, 1, 1)
    assert rounds.get_round_detail(org_db, detail.info.id).items[1].comment == "Mangler skilt"


def test_free_findings_are_edited_or_taken_back_until_they_have_follow_up(org_db, area):
    detail = _started(org_db, area)
    rid = detail.info.id
    finding = rounds.add_finding(org_db, rid, text="Løs kabel", comment="Ved port 2")
    changed = rounds.update_finding(org_db, finding.id, text="Løs kabel over gangen", group="fire")
    assert (changed.text, changed.group.value, changed.comment) == (
        "Løs kabel over gangen",
        "fire",
        "Ved port 2",
    )
    with pytest.raises(ValidationError, match="slik runden ble startet med"):
        rounds.update_finding(org_db, detail.items[0].id, text="Ny tekst")
    rounds.archive_finding(org_db, finding.id)
    assert rounds.get_round_detail(org_db, rid).info.counts.free_findings == 0
    kept = rounds.add_finding(org_db, rid, text="Glatt rampe")
    rounds.create_action_from_item(org_db, kept.id, title="Strø rampen")
    with pytest.raises(ValidationError, match="det beholdes"):
        rounds.archive_finding(org_db, kept.id)

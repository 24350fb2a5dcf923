"""Ta med på laptop: a planned round checked out of the team database into a local file,
walked there, and refused on the server meanwhile."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.conftest import TODAY
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.services import areas, people, rounds
from vernelogg.services import deviations as dev
from vernelogg.services.errors import ServiceError
from vernelogg.services.transfer.checkout import checkout_note, checkout_round, release_round
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation


@pytest.fixture
def planned(org_db):
    area = areas.create_area(org_db, name="Verksted")
    other = areas.create_area(org_db, name="Kontor")
    per = people.create_person(org_db, name="Per Johansen")
    people.assign_role(
        org_db, person_id=per.id, role=Role.SAFETY_DELEGATE, area_id=area.id,
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    for area_id, text in ((area.id, "Løs rekkverk ved trappen"), (other.id, "Kaffemaskin")):
        dev.register_deviation(
            org_db,
            area_id=area_id,
            description=text,
            occurred_at=datetime(2026, 11, 1, 9, tzinfo=UTC),
            kind=DeviationKind.DANGEROUS_CONDITION,
            severity=Severity.MEDIUM,
            reporter_name="Per Johansen",
        )
    plan = rounds.plan_round(
        org_db,
        area_id=area.id,
        planned_date=TODAY,
        template_ref="builtin:kontor",
        delegate_id=per.id,
        today=TODAY,
    )
    return plan


def test_checkout_makes_a_local_file_with_the_round_and_its_area_only(org_db, planned, tmp_path):
    target = tmp_path / "laptop" / "runde.sqlite"
    info = checkout_round(org_db, planned.id, target)
    assert info.number == planned.number
    assert info.deviations == 1  # the open avvik of Verksted, not Kontor's
    server_round = rounds.get_round_info(org_db, planned.id)
    assert server_round.is_checked_out
    assert server_round.checked_out_to == str(target.resolve())

    local = Database.open(f"sqlite:///{target}")
    try:
        note = checkout_note(local)
        assert note["round_id"] == planned.id and note["checkout_id"] == info.checkout_id
        assert [a.name for a in areas.list_areas(local)] == ["Verksted"]
        with local.read() as s:
            texts = list(s.scalars(select(Deviation.description)))
        assert texts == ["Løs rekkverk ved trappen"]
        # The round is walked in the file as usual.
        detail = rounds.start_round(local, planned.id, today=TODAY)
        assert detail.info.status is RoundStatus.IN_PROGRESS
        rounds.answer_item(local, detail.items[0].id, Answer.OK)
        assert rounds.get_round_info(local, planned.id).counts.answered == 1
    finally:
        local.close()


def test_a_checked_out_round_cannot_be_conducted_or_changed_on_the_server(
    org_db, planned, tmp_path
):
    checkout_round(org_db, planned.id, tmp_path / "runde.sqlite")
    with pytest.raises(ServiceError, match="tatt med på laptop"):
        rounds.start_round(org_db, planned.id, today=TODAY)
    with pytest.raises(ServiceError, match="tatt med på laptop"):
        rounds.cancel_round(org_db, planned.id)
    with pytest.raises(ServiceError, match="tatt med på laptop"):
        rounds.update_round(
            org_db,
            planned.id,
            area_id=planned.area_id,
            planned_date=planned.planned_date,
            template_ref=planned.template_ref,
            today=TODAY,
        )
    with pytest.raises(ServiceError, match="tatt med på laptop"):
        checkout_round(org_db, planned.id, tmp_path / "igjen.sqlite")
    assert not (tmp_path / "igjen.sqlite").exists()


def test_release_frees_the_round_and_an_existing_file_is_never_overwritten(
    org_db, planned, tmp_path
):
    target = tmp_path / "runde.sqlite"
    checkout_round(org_db, planned.id, target)
    release_round(org_db, planned.id)
    assert not rounds.get_round_info(org_db, planned.id).is_checked_out
    with pytest.raises(ServiceError, match="finnes allerede"):
        checkout_round(org_db, planned.id, target)
    detail = rounds.start_round(org_db, planned.id, today=TODAY)
    assert detail.info.status is RoundStatus.IN_PROGRESS
    with pytest.raises(ServiceError, match="Bare planlagte runder"):
        checkout_round(org_db, planned.id, tmp_path / "startet.sqlite")

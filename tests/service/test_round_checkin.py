"""Lever runden: a round checked out to a laptop file, walked there without the server,
and delivered back: answers, photos, the avvik made on the way with a real number, the
round signed, and what changed on the server meanwhile listed, not overwritten."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from tests.conftest import TODAY
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.services import actions, areas, people, rounds
from vernelogg.services import deviations as dev
from vernelogg.services.errors import ServiceError
from vernelogg.services.transfer.checkin import check_in_round, round_delivery
from vernelogg.services.transfer.checkout import (
    checkout_note,
    checkout_round,
    offline_copy_info,
    release_round,
)
from vernelogg.store.database import Database
from vernelogg.store.models import Action, Attachment, CheckItem, Deviation, DeviationEvent


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def server(org_db):
    """A team database with an area, its VO, an open avvik and an open tiltak there, and
    a planned round of the area."""
    area = areas.create_area(org_db, name="Verksted")
    per = people.create_person(org_db, name="Per Johansen")
    people.assign_role(
        org_db, person_id=per.id, role=Role.SAFETY_DELEGATE, area_id=area.id,
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    old = dev.register_deviation(
        org_db,
        area_id=area.id,
        description="Løs rekkverk ved trappen",
        occurred_at=datetime(2026, 11, 1, 9, tzinfo=UTC),
        kind=DeviationKind.DANGEROUS_CONDITION,
        severity=Severity.MEDIUM,
        reporter_name="Per Johansen",
    )
    other = dev.register_deviation(
        org_db,
        area_id=area.id,
        description="Glatt gulv ved inngangen",
        occurred_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        kind=DeviationKind.DANGEROUS_CONDITION,
        severity=Severity.LOW,
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
    return {"db": org_db, "plan": plan, "old": old, "other": other, "area": area, "per": per}


def _walk(local: Database, round_id: str) -> str:
    """Conduct the whole round in the laptop file: every point answered, one not OK with
    a photo, an avvik and a tiltak from it, then closed and signed. Answers the item id."""
    detail = rounds.start_round(local, round_id, today=TODAY)
    items = detail.items
    bad = items[0]
    rounds.answer_item(local, bad.id, Answer.NOT_OK)
    rounds.set_comment(local, bad.id, "Nødutgangen er blokkert av paller")
    rounds.add_photo(local, bad.id, filename="utgang.png", data=_png())
    for item in items[1:]:
        rounds.answer_item(local, item.id, Answer.OK)
    made = rounds.create_deviation_from_item(
        local, bad.id, description="Nødutgang blokkert av paller", reporter_name="Per Johansen"
    )
    assert made.label == "AV-foreløpig-1"
    rounds.create_action_from_item(
        local, bad.id, title="Flytt pallene og merk gulvet", deadline=TODAY + timedelta(days=7)
    )
    # A tiltak for the new avvik, made from the avvik itself: its label names the avvik.
    dev.add_deviation_action(local, made.id, title="Kontroller nødutgangen ukentlig")
    rounds.close_round(
        local,
        round_id,
        signed_delegate="Per Johansen",
        signed_leader="Lise Berg",
        closed_on=TODAY,
        today=TODAY,
    )
    return bad.id


def test_check_a_round_out_walk_it_offline_and_deliver_it(server, tmp_path, frozen_clock):
    db, plan = server["db"], server["plan"]
    target = tmp_path / "laptop.sqlite"
    checkout_round(db, plan.id, target)

    # On the laptop, without the server: the round walked, an avvik taken along edited.
    local = Database.open(f"sqlite:///{target}")
    try:
        frozen_clock.advance(timedelta(hours=1))
        bad_id = _walk(local, plan.id)
        dev.treat_deviation(
            local, server["old"].id, responsible_id=None, deadline=None, cause="Skrue mangler"
        )
        dev.add_comment(local, server["other"].id, "Sett på stedet: fortsatt glatt")
        listed = rounds.get_round_detail(local, plan.id)
        assert listed.items[0].deviation.label == "AV-foreløpig-1"
    finally:
        local.close()

    # On the server meanwhile: the avvik the laptop also edited is closed.
    frozen_clock.advance(timedelta(hours=1))
    old_id = server["old"].id
    dev.advance(db, old_id, changes={"responsible_id": server["per"].id})
    dev.advance(db, old_id, changes={"immediate_action": "Rekkverket er festet"})
    dev.close_deviation(db, old_id, effective=True, note="Rekkverket holder")
    frozen_clock.advance(timedelta(hours=1))

    result = check_in_round(db, target)

    info = rounds.get_round_info(db, plan.id)
    assert info.status is RoundStatus.CLOSED
    assert not info.is_checked_out
    assert (info.signed_delegate, info.signed_leader) == ("Per Johansen", "Lise Berg")
    assert info.counts.answered == info.counts.points > 0
    assert info.counts.not_ok == 1
    assert result.status is RoundStatus.CLOSED
    assert result.photos == 1

    # The new avvik has a real number, linked from the point, with the photo.
    assert [(n.provisional, n.number) for n in result.numbers] == [
        ("AV-foreløpig-1", "AV-2026-0003")
    ]
    detail = rounds.get_round_detail(db, plan.id)
    item = next(i for i in detail.items if i.id == bad_id)
    assert item.answer is Answer.NOT_OK and item.comment == "Nødutgangen er blokkert av paller"
    assert len(item.photos) == 1
    assert item.deviation.label == "AV-2026-0003"
    assert item.action.label == "Flytt pallene og merk gulvet"
    with db.read() as s:
        new = s.scalars(select(Deviation).where(Deviation.number == "AV-2026-0003")).one()
        assert new.year == 2026 and new.seq == 3
        assert new.description == "Nødutgang blokkert av paller"
        assert "av-2026-0003" in new.search_text
        photos = s.scalar(select(func.count(Attachment.id)).where(Attachment.owner_id == new.id))
        assert photos == 1
        labels = set(s.scalars(select(Action.source_label).where(Action.source_id == new.id)))
        assert labels == {"AV-2026-0003"}
        assert s.scalar(select(func.count(Action.id)).where(Action.source_kind == "round")) == 1
        old = s.get(Deviation, uuid.UUID(server["old"].id))
        # Server wins for what existed before the checkout: closed, the cause not taken.
        assert old.status == DeviationStatus.CLOSED.value
        assert old.cause == ""
        comments = list(
            s.scalars(
                select(DeviationEvent.text).where(
                    DeviationEvent.deviation_id == uuid.UUID(server["other"].id),
                    DeviationEvent.kind == "comment",
                )
            )
        )
        assert comments == ["Sett på stedet: fortsatt glatt"]
    assert result.new_actions == 2
    # The numbering goes on from there on the server.
    nxt = dev.register_deviation(
        db,
        area_id=server["area"].id,
        description="Neste",
        occurred_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.LOW,
        reporter_name=None,
    )
    assert nxt.number == "AV-2026-0004"

    # The conflict is listed: closed on the server, the laptop's cause not taken in.
    old_number = server["old"].number
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.startswith(f"{old_number} ble lukket på serveren 22.11.2026 av ")
    assert "endringen på laptopen (årsak «Skrue mangler»" in conflict
    assert "ble ikke tatt inn" in conflict
    lines = result.report_lines()
    assert any("AV-foreløpig-1 → AV-2026-0003" in line for line in lines)

    # The file knows it is delivered.
    local = Database.open(f"sqlite:///{target}")
    try:
        note = checkout_note(local)
        assert note["numbers"] == {"AV-foreløpig-1": "AV-2026-0003"}
        told = offline_copy_info(local)
        assert told.delivered and told.delivered_by == result.delivered_by
        assert told.numbers == (("AV-foreløpig-1", "AV-2026-0003"),)
    finally:
        local.close()
    delivery = round_delivery(db, plan.id)
    assert delivery.conflicts == result.conflicts
    assert delivery.numbers == (("AV-foreløpig-1", "AV-2026-0003"),)
    assert offline_copy_info(db) is None  # the server is no laptop file
    local = Database.open(f"sqlite:///{target}")
    try:
        # A laptop file is not a server: nothing in it is delivered again.
        assert offline_copy_info(local).round_id == plan.id
    finally:
        local.close()


def test_checking_in_twice_is_refused_and_nothing_is_duplicated(server, tmp_path):
    db, plan = server["db"], server["plan"]
    target = tmp_path / "laptop.sqlite"
    checkout_round(db, plan.id, target)
    local = Database.open(f"sqlite:///{target}")
    try:
        _walk(local, plan.id)
    finally:
        local.close()
    check_in_round(db, target)

    def counts():
        with db.read() as s:
            return tuple(
                s.scalar(select(func.count()).select_from(m))
                for m in (Deviation, Action, CheckItem, Attachment, DeviationEvent)
            )

    before = counts()
    with pytest.raises(ServiceError, match="allerede levert .* Ingenting er levert på nytt"):
        check_in_round(db, target)
    assert counts() == before


def test_a_released_checkout_or_another_checkout_of_the_round_is_refused(server, tmp_path):
    db, plan = server["db"], server["plan"]
    first = tmp_path / "forste.sqlite"
    checkout_round(db, plan.id, first)
    release_round(db, plan.id)
    with pytest.raises(ServiceError, match="ble angret på serveren"):
        check_in_round(db, first)
    second = tmp_path / "andre.sqlite"
    checkout_round(db, plan.id, second)
    # A copy of the first file made before the release carries the first checkout's id;
    # the same id is refused as undone. A file of another round is refused as foreign.
    with pytest.raises(ServiceError, match="ble angret"):
        check_in_round(db, first)
    assert rounds.get_round_info(db, plan.id).is_checked_out


def test_a_file_that_is_not_the_current_checkout_is_refused(server, tmp_path):
    """The round taken out again elsewhere: the id in this file is not the current one."""
    db, plan = server["db"], server["plan"]
    target = tmp_path / "laptop.sqlite"
    checkout_round(db, plan.id, target)
    local = Database.open(f"sqlite:///{target}")
    try:
        from vernelogg.services.numbering import OFFLINE_CHECKOUT_KEY
        from vernelogg.store.models import Setting

        with local.write() as s:
            setting = s.get(Setting, OFFLINE_CHECKOUT_KEY)
            setting.value = setting.value.replace(
                checkout_note(local)["checkout_id"], "00000000-0000-4000-8000-000000000001"
            )
    finally:
        local.close()
    with pytest.raises(ServiceError, match="ikke den gjeldende utsjekken"):
        check_in_round(db, target)
    assert rounds.get_round_info(db, plan.id).is_checked_out


def test_a_foreign_or_damaged_file_is_refused_with_nothing_changed(server, tmp_path):
    db, plan = server["db"], server["plan"]
    with pytest.raises(ServiceError, match="Fant ikke filen"):
        check_in_round(db, tmp_path / "finnes-ikke.sqlite")
    text = tmp_path / "notat.sqlite"
    text.write_text("ikke en database " * 100)
    with pytest.raises(ServiceError, match="ikke en Vernelogg-fil"):
        check_in_round(db, text)
    plain = tmp_path / "vanlig.sqlite"
    Database.open(f"sqlite:///{plain}").close()
    with pytest.raises(ServiceError, match="er ikke en vernerunde tatt med på laptop"):
        check_in_round(db, plain)

    target = tmp_path / "laptop.sqlite"
    checkout_round(db, plan.id, target)
    data = bytearray(target.read_bytes())
    page = 4096
    for at in range(page * 2, len(data), page):  # every page after the schema scrambled
        data[at + 8 : at + 200] = b"\xff" * 192
    target.write_bytes(bytes(data))
    with pytest.raises(ServiceError, match="er skadet og kan ikke leveres"):
        check_in_round(db, target)
    assert rounds.get_round_info(db, plan.id).is_checked_out
    assert rounds.get_round_info(db, plan.id).status is RoundStatus.PLANNED


def test_a_new_round_cannot_be_planned_in_a_laptop_file(server, tmp_path):
    db, plan = server["db"], server["plan"]
    target = tmp_path / "laptop.sqlite"
    checkout_round(db, plan.id, target)
    local = Database.open(f"sqlite:///{target}")
    try:
        with pytest.raises(ServiceError, match="Runder tas med fra teamdatabasen"):
            checkout_round(local, plan.id, tmp_path / "videre.sqlite")
        assert not (tmp_path / "videre.sqlite").exists()
        with pytest.raises(ServiceError, match="Nye runder planlegges på serveren"):
            rounds.plan_round(
                local,
                area_id=server["area"].id,
                planned_date=TODAY,
                template_ref="builtin:kontor",
                today=TODAY,
            )
        # The leader met on the spot, added as a person and to the round in the file.
        lise = people.create_person(local, name="Lise Berg")
        rounds.update_round(
            local,
            plan.id,
            area_id=server["area"].id,
            planned_date=TODAY,
            template_ref="builtin:kontor",
            delegate_id=server["per"].id,
            leader_id=lise.id,
            other_participants="Verneombud fra lageret",
            today=TODAY,
        )
        # A tiltak made alone in the file is an offline record: delivered too.
        actions.add_action(
            local, title="Bytt lyspære i lageret", area_id=server["area"].id,
            source_kind=ActionSource.STANDALONE,
        )  # fmt: skip
    finally:
        local.close()
    result = check_in_round(db, target)
    assert result.new_actions == 1
    assert result.status is RoundStatus.PLANNED
    assert result.conflicts == ()
    info = rounds.get_round_info(db, plan.id)
    assert info.leader_name == "Lise Berg"
    assert info.other_participants == "Verneombud fra lageret"
    assert "Lise Berg" in [p.name for p in people.list_people(db)]

"""The user's own checklists: copy, rename, add/edit/reorder/archive points, and the
snapshot that keeps a finished round's text when the checklist changes later."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import TODAY
from vernelogg.domain.checklists import HazardGroup
from vernelogg.domain.rounds import Answer
from vernelogg.services import areas, rounds
from vernelogg.services.errors import ValidationError


def test_copy_of_a_shipped_template_has_its_points_and_a_free_name(org_db):
    first = rounds.copy_template(org_db, "builtin:kontor")
    second = rounds.copy_template(org_db, "builtin:kontor")
    assert first.name == "Kopi av Kontor og administrasjon"
    assert second.name == "Kopi av Kontor og administrasjon (2)"
    assert "innebygd «kontor», versjon 1" in first.copied_from
    detail = rounds.get_template(org_db, first.ref)
    spec = next(t for t in rounds.builtin_templates() if t.key == "kontor")
    assert [i.text for i in detail.items] == [i.text for i in spec.items]
    assert [i.position for i in detail.items] == list(range(1, len(spec.items) + 1))
    refs = [t.ref for t in rounds.list_templates(org_db)]
    assert refs[0] == "builtin:generell" and first.ref in refs


def test_template_names_are_required_and_unique(org_db):
    mine = rounds.copy_template(org_db, "builtin:bygg", "Sjøkanten")
    with pytest.raises(ValidationError) as error:
        rounds.copy_template(org_db, "builtin:bygg", "sjøkanten")
    assert error.value.fields == {
        "name": "Det finnes allerede en sjekkliste som heter «sjøkanten»."
    }
    with pytest.raises(ValidationError) as error:
        rounds.update_template(org_db, mine.ref, name="Kontor og administrasjon")
    assert "finnes allerede" in error.value.fields["name"]
    with pytest.raises(ValidationError) as error:
        rounds.update_template(org_db, mine.ref, name="   ")
    assert error.value.fields == {"name": "Navnet på sjekklisten må fylles ut."}
    renamed = rounds.update_template(
        org_db, mine.ref, name="Bygg – Sjøkanten", description="Med kai"
    )
    assert (renamed.name, renamed.description) == ("Bygg – Sjøkanten", "Med kai")


def test_shipped_templates_cannot_be_edited(org_db):
    with pytest.raises(ValidationError, match="Lag en kopi"):
        rounds.add_template_item(org_db, "builtin:kontor", group=HazardGroup.FIRE, text="Ny")


def test_points_are_added_edited_moved_and_archived(org_db):
    mine = rounds.copy_template(org_db, "builtin:renhold", "Renhold Fjordheim")
    items = rounds.get_template(org_db, mine.ref).items
    added = rounds.add_template_item(
        org_db,
        mine.ref,
        group="chemical",
        text="  Doseringsanlegget   for såpe er merket. ",
        after_item_id=items[0].id,
    )
    assert (added.position, added.text, added.key) == (
        2,
        "Doseringsanlegget for såpe er merket.",
        f"egen-{len(items) + 1:02d}",
    )
    with pytest.raises(ValidationError) as error:
        rounds.add_template_item(org_db, mine.ref, group=None, text="")
    assert error.value.fields == {
        "group": "Velg faregruppe.",
        "text": "Teksten i sjekkpunktet må fylles ut.",
    }
    rounds.move_template_item(org_db, added.id, -5)
    rounds.update_template_item(
        org_db, added.id, group="chemical", text="Doseringsanlegget er merket og låst."
    )
    rounds.archive_template_item(org_db, items[1].id)
    detail = rounds.get_template(org_db, mine.ref)
    assert detail.items[0].text == "Doseringsanlegget er merket og låst."
    assert [i.position for i in detail.items] == list(range(1, len(items) + 2))
    assert detail.info.item_count == len(items)
    assert items[1].id not in [i.id for i in detail.active_items]
    rounds.restore_template_item(org_db, items[1].id)
    assert rounds.get_template(org_db, mine.ref).info.item_count == len(items) + 1


def test_the_last_point_cannot_be_archived(org_db):
    mine = rounds.copy_template(org_db, "builtin:kontor", "Lite")
    items = rounds.get_template(org_db, mine.ref).items
    for item in items[:-1]:
        rounds.archive_template_item(org_db, item.id)
    with pytest.raises(ValidationError, match="minst ett punkt"):
        rounds.archive_template_item(org_db, items[-1].id)


def test_archived_template_cannot_be_used_for_a_new_round(org_db):
    area = areas.create_area(org_db, name="Kontor")
    mine = rounds.copy_template(org_db, "builtin:kontor", "Gammel liste")
    plan = rounds.plan_round(
        org_db, area_id=area.id, planned_date=TODAY, template_ref=mine.ref, today=TODAY
    )
    rounds.archive_template(org_db, mine.ref)
    assert mine.ref not in [t.ref for t in rounds.list_templates(org_db)]
    with pytest.raises(ValidationError) as error:
        rounds.start_round(org_db, plan.id, today=TODAY)
    assert error.value.fields == {
        "template_ref": "Sjekklisten «Gammel liste» er arkivert. Velg en annen."
    }
    started = rounds.start_round(org_db, plan.id, template_ref="builtin:kontor", today=TODAY)
    assert started.info.checklist_name == "Kontor og administrasjon"


def test_editing_the_template_later_does_not_change_a_finished_round(org_db):
    area = areas.create_area(org_db, name="Administrasjon")
    mine = rounds.copy_template(org_db, "builtin:kontor", "Kontor Fjordheim")
    original = rounds.get_template(org_db, mine.ref).active_items
    plan = rounds.plan_round(
        org_db, area_id=area.id, planned_date=TODAY, template_ref=mine.ref, today=TODAY
    )
    detail = rounds.start_round(org_db, plan.id, today=TODAY)
    for item in detail.items:
        rounds.answer_item(org_db, item.id, Answer.OK)
    rounds.close_round(
        org_db, plan.id, signed_delegate="Ingrid Berg", signed_leader="Ola Hansen",
        closed_on=TODAY, today=TODAY,
    )  # fmt: skip
    before = rounds.get_round_detail(org_db, plan.id)

    # Afterwards the checklist is renamed, a point reworded, one archived, one moved,
    # and a new one added.
    rounds.update_template(org_db, mine.ref, name="Kontor Fjordheim 2027")
    rounds.update_template_item(
        org_db, original[0].id, group="physical", text="Helt ny tekst om lys."
    )
    rounds.archive_template_item(org_db, original[1].id)
    rounds.move_template_item(org_db, original[5].id, -3)
    rounds.add_template_item(org_db, mine.ref, group="violence", text="Alarm ved skranken.")

    after = rounds.get_round_detail(org_db, plan.id)
    assert after.info.checklist_name == "Kontor Fjordheim"
    assert [(i.label, i.group, i.text, i.answer) for i in after.items] == [
        (i.label, i.group, i.text, i.answer) for i in before.items
    ]
    assert [i.text for i in after.items] == [i.text for i in original]

    # A new round gets the edited checklist.
    later = rounds.plan_round(
        org_db,
        area_id=area.id,
        planned_date=date(2026, 11, 22),
        template_ref=mine.ref,
        today=TODAY,
    )
    new = rounds.start_round(org_db, later.id, today=TODAY)
    texts = [i.text for i in new.items]
    assert texts[0] == "Helt ny tekst om lys."
    assert original[1].text not in texts
    assert texts[-1] == "Alarm ved skranken."
    assert new.info.checklist_name == "Kontor Fjordheim 2027"

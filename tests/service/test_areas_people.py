"""Areas, persons and roles through the services, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.deadlines import Status
from vernelogg.domain.roles import Role
from vernelogg.services import areas, people
from vernelogg.services.errors import ValidationError
from vernelogg.services.organisation import get_organisation, save_organisation
from vernelogg.services.overview import build_overview


def test_area_rename_nest_merge_archive_keeps_history(db):
    unit = areas.create_area(db, name="Produksjon")
    hall = areas.create_area(db, name="Hall A", kind="site", parent_id=unit.id)
    other = areas.create_area(db, name="Hall B", kind="site")
    areas.rename_area(db, hall.id, "Hall A – montering")
    areas.move_area(db, other.id, unit.id)
    with pytest.raises(ValidationError, match="under seg selv"):
        areas.move_area(db, unit.id, hall.id)
    areas.merge_areas(db, other.id, hall.id, on=date(2026, 5, 1))
    merged = areas.get_area(db, other.id)
    assert merged.archived and merged.merged_into_id == hall.id
    assert [a.name for a in areas.list_areas(db)] == ["Hall A – montering", "Produksjon"]
    assert len(areas.list_areas(db, include_archived=True)) == 3
    details = [e.detail for e in areas.area_history(db, hall.id)]
    assert "Nytt navn: «Hall A» → «Hall A – montering»" in details
    assert any("Hall B" in d for d in details)
    areas.archive_area(db, unit.id)
    areas.restore_area(db, unit.id)
    kinds = [e.kind for e in areas.area_history(db, unit.id)]
    assert kinds == ["created", "archived", "restored"]


def test_duplicate_and_empty_area_names_are_refused(db):
    areas.create_area(db, name="Lager")
    with pytest.raises(ValidationError) as error:
        areas.create_area(db, name="  Lager ")
    assert "finnes allerede" in error.value.fields["name"]
    with pytest.raises(ValidationError) as error:
        areas.create_area(db, name="   ")
    assert error.value.fields["name"] == "Navn må fylles ut."
    assert len(areas.list_areas(db)) == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 1), date(2028, 2, 29)),
        (date(2026, 1, 1), date(2027, 12, 31)),
        (date(2024, 2, 29), date(2026, 2, 28)),
        (date(2025, 8, 31), date(2027, 8, 30)),
    ],
)
def test_vo_term_defaults_to_exactly_two_years(db, start, end):
    area = areas.create_area(db, name="Verksted")
    person = people.create_person(db, name="Per Johansen")
    vo = people.assign_role(
        db, person_id=person.id, role=Role.SAFETY_DELEGATE, area_id=area.id, start_date=start
    )
    assert vo.end_date == end


def test_second_vo_in_same_period_is_refused(db):
    area = areas.create_area(db, name="Verksted")
    a = people.create_person(db, name="Per Johansen")
    b = people.create_person(db, name="Nils Dahl")
    people.assign_role(
        db, person_id=a.id, role=Role.SAFETY_DELEGATE, area_id=area.id, start_date=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError, match="Per Johansen er allerede verneombud"):
        people.assign_role(
            db,
            person_id=b.id,
            role=Role.SAFETY_DELEGATE,
            area_id=area.id,
            start_date=date(2026, 6, 1),
        )


def test_area_role_needs_an_area_and_end_after_start(db):
    person = people.create_person(db, name="Per Johansen")
    with pytest.raises(ValidationError) as error:
        people.assign_role(
            db,
            person_id=person.id,
            role=Role.SAFETY_DELEGATE,
            start_date=date(2026, 5, 1),
            end_date=date(2026, 4, 1),
        )
    assert set(error.value.fields) == {"area_id", "end_date"}


def test_deputy_completes_the_vacated_term(db):
    area = areas.create_area(db, name="Lager")
    vo = people.create_person(db, name="Lise Andersen")
    deputy = people.create_person(db, name="Thomas Strand")
    held = people.assign_role(
        db, person_id=vo.id, role=Role.SAFETY_DELEGATE, area_id=area.id, start_date=date(2025, 1, 1)
    )
    people.assign_role(
        db,
        person_id=deputy.id,
        role=Role.DEPUTY_DELEGATE,
        area_id=area.id,
        start_date=date(2025, 1, 1),
    )
    new = people.end_role(
        db, held.id, end_date=date(2026, 3, 31), reason="Sluttet", successor_id=deputy.id
    )
    assert new is not None
    assert (new.person_name, new.start_date, new.end_date) == (
        "Thomas Strand",
        date(2026, 4, 1),
        date(2026, 12, 31),
    )
    current = people.list_assignments(db, on=date(2026, 5, 1), area_id=area.id)
    assert [(a.role, a.person_name) for a in current] == [(Role.SAFETY_DELEGATE, "Thomas Strand")]


def test_organisation_form_errors_save_nothing(db):
    with pytest.raises(ValidationError) as error:
        save_organisation(db, name="", org_number="123", employees=-4, branch=None)
    assert set(error.value.fields) == {"name", "org_number", "employees"}
    assert get_organisation(db) is None
    save_organisation(db, name="Fjordheim AS", org_number="923 609 016", employees=12, branch=None)
    assert get_organisation(db).org_number == "923609016"


def test_overview_warns_where_the_law_asks(org_db):
    today = date(2026, 11, 22)
    a = areas.create_area(org_db, name="Lager")
    b = areas.create_area(org_db, name="Verksted")
    p = people.create_person(org_db, name="Per Johansen")
    q = people.create_person(org_db, name="Jonas Nilsen")
    people.assign_role(
        org_db,
        person_id=p.id,
        role=Role.SAFETY_DELEGATE,
        area_id=a.id,
        start_date=date(2025, 6, 10),
    )
    people.assign_role(
        org_db,
        person_id=q.id,
        role=Role.SAFETY_DELEGATE,
        area_id=b.id,
        start_date=date(2024, 11, 1),
        end_date=date(2026, 10, 31),
    )
    overview = build_overview(org_db, today)
    titles = [w.title for w in overview.warnings]
    assert any("«Verksted» mangler verneombud" in t for t in titles)
    assert any("ikke hovedverneombud" in t for t in titles)
    assert any("ikke arbeidsmiljøutvalg" in t for t in titles)
    assert any("Funksjonstiden til Jonas Nilsen gikk ut 31.10.2026" in t for t in titles)
    rows = {r.name: r for r in overview.areas}
    assert rows["Lager"].status is Status.OK and rows["Verksted"].status is Status.MISSING


def test_overview_without_warnings_when_everything_is_in_place(db):
    save_organisation(db, name="Lite AS", org_number=None, employees=8, branch=None)
    a = areas.create_area(db, name="Butikk")
    p = people.create_person(db, name="Eva Lund")
    people.assign_role(
        db, person_id=p.id, role=Role.SAFETY_DELEGATE, area_id=a.id, start_date=date(2026, 1, 1)
    )
    assert build_overview(db, date(2026, 11, 22)).warnings == []

"""Control characters typed or pasted into a name or a search: PostgreSQL refuses a NUL
in any text, SQLite keeps it, so the services clean such text before it reaches a query,
not only before it is stored. Runs on both databases."""

from __future__ import annotations

import pytest

from vernelogg.services import areas, people
from vernelogg.services.errors import ValidationError
from vernelogg.services.rounds.templates import copy_template, list_templates
from vernelogg.services.search import search

pytestmark = pytest.mark.faults


def test_a_name_of_control_characters_only_is_refused(org_db):
    with pytest.raises(ValidationError) as refused:
        areas.create_area(org_db, name="\x00")
    assert refused.value.fields == {"name": "Navn må fylles ut."}
    with pytest.raises(ValidationError):
        people.create_person(org_db, name="\x00\x07")


def test_a_name_with_a_nul_is_stored_without_it_and_found_as_a_duplicate(org_db):
    made = areas.create_area(org_db, name="Lag\x00er")
    assert made.name == "Lager"
    with pytest.raises(ValidationError) as refused:
        areas.create_area(org_db, name="Lager\x00")
    assert "allerede" in refused.value.fields["name"]


def test_a_checklist_copy_named_with_a_nul(org_db):
    source = list_templates(org_db)[0]
    copy = copy_template(org_db, source.ref, name="Min\x00 liste")
    assert copy.name == "Min liste"


def test_searches_with_control_characters(org_db):
    people.create_person(org_db, name="Kari Nordmann")
    assert [p.name for p in people.list_people(org_db, search="Ka\x00ri")] == ["Kari Nordmann"]
    assert search(org_db, "\x00") == []
    assert search(org_db, "kari\x00") is not None

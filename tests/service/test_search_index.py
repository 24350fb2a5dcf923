"""The search index follows every change in the same transaction: records made, edited,
archived, made confidential; areas and people renamed; and it holds exactly what a
rebuild from the records would (so nothing the services write is missed)."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import select

from tests.conftest import TODAY
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import actions, areas, people
from vernelogg.services import deviations as dev
from vernelogg.services.search import search
from vernelogg.store import search_index
from vernelogg.store.search_index import search_entry


def _register(db, area_id, description, *, confidential=False):
    return dev.register_deviation(
        db,
        area_id=area_id,
        description=description,
        occurred_at=datetime(2026, 11, 20, 9, 0, tzinfo=OSLO),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.MEDIUM,
        reporter_name=None,
        confidential=confidential,
    )


def _found(db, text, kind=None):
    return [(h.kind, h.number, h.title) for h in search(db, text) if kind in (None, h.kind)]


def _entries(db) -> set[tuple]:
    with db.read() as s:
        rows = s.execute(select(search_entry).order_by(search_entry.c.id)).mappings().all()
    return {tuple(sorted(dict(r).items())) for r in rows}


@pytest.fixture
def area(org_db):
    return areas.create_area(org_db, name="Lager nord")


def test_avvik_is_found_once_registered_and_follows_each_edit(org_db, area):
    ref = _register(org_db, area.id, "Gaffeltrucken rygget inn i reolen")
    assert _found(org_db, "truck reol") == [
        ("deviation", ref.number, "Gaffeltrucken rygget inn i reolen")
    ]
    dev.update_deviation(org_db, ref.id, description="Palleløfter veltet ved porten")
    assert _found(org_db, "truck") == []
    assert [n for _, n, _ in _found(org_db, "pallel")] == [ref.number]
    # A text only the lower-case search column carries (filled as the row is written).
    dev.update_deviation(org_db, ref.id, cause="Bremsene var slitt, sa Qwertyvik")
    assert [n for _, n, _ in _found(org_db, "qwertyvik")] == [ref.number]
    dev.archive_deviation(org_db, ref.id, "Registrert to ganger")
    assert _found(org_db, "palleløfter") == []
    assert _found(org_db, ref.number) == []


def test_avvik_made_confidential_is_found_by_its_number_only(org_db, area):
    ref = _register(org_db, area.id, "Trakassering fra kollega Xylofonsen")
    assert [n for _, n, _ in _found(org_db, "xylofonsen")] == [ref.number]
    dev.update_deviation(org_db, ref.id, confidential=True)
    assert _found(org_db, "Xylofonsen") == []
    assert _found(org_db, "trakassering") == []
    assert _found(org_db, ref.number) == [("deviation", ref.number, "Konfidensielt")]
    dev.update_deviation(org_db, ref.id, confidential=False)
    assert [n for _, n, _ in _found(org_db, "xylofonsen")] == [ref.number]


def test_renamed_area_and_person_are_found_by_their_new_names(org_db, area):
    owner = people.create_person(org_db, name="Kari Nordmann", title="Lagerleder")
    made = actions.add_action(
        org_db, title="Merk gangvei ved rampe", area_id=area.id, owner_id=owner.id
    )
    assert _found(org_db, "nordmann", "action") == [("action", "", "Merk gangvei ved rampe")]
    people.update_person(
        org_db, owner.id, name="Kari Solberg", title="Lagerleder", email="", phone=""
    )
    assert _found(org_db, "nordmann") == []
    assert ("action", "", "Merk gangvei ved rampe") in _found(org_db, "solberg")
    assert ("person", "", "Kari Solberg (Lagerleder)") in _found(org_db, "solberg")
    actions.archive_action(org_db, made.id)
    assert _found(org_db, "solberg", "action") == []

    ref = _register(org_db, area.id, "Lekkasje fra taket")
    areas.rename_area(org_db, area.id, "Lager sør")
    (hit,) = [h for h in search(org_db, "lekkasje") if h.number == ref.number]
    assert hit.area == "Lager sør"


def test_norwegian_letters_and_case(org_db, area):
    ref = _register(org_db, area.id, "ÅPEN KUM I GÅRDSPLASSEN")
    assert [n for _, n, _ in _found(org_db, "gårdsplass")] == [ref.number]
    assert [n for _, n, _ in _found(org_db, "Åpen kum")] == [ref.number]
    assert _found(org_db, "gardsplass") == []  # å is not a


def test_index_holds_what_a_rebuild_from_the_records_would(demo_db):
    """Everything the demo made through the services reached the index as it was
    written: rebuilding it from the records changes nothing."""
    before = _entries(demo_db)
    assert len(before) > 100
    with demo_db.write() as s:
        search_index.rebuild(s.connection())
    assert _entries(demo_db) == before


def test_a_failed_save_leaves_the_index_as_it_was(org_db, area):
    ref = _register(org_db, area.id, "Støy fra kompressoren")
    before = _entries(org_db)
    with pytest.raises(RuntimeError), org_db.write() as s:
        from vernelogg.store.models import Deviation

        s.get(Deviation, uuid.UUID(str(ref.id))).description = "Noe helt annet"
        s.flush()
        raise RuntimeError("avbrutt")
    assert _entries(org_db) == before
    assert [n for _, n, _ in _found(org_db, "kompressor")] == [ref.number]


def test_every_word_must_occur_and_typed_syntax_is_plain_text(org_db, area):
    ref = _register(org_db, area.id, 'Kabel "AND" (løs) - NOT festet* OR: høyde')
    for typed in ['"and"', "(løs)", "- not", "festet*", "or:", "kabel AND", 'høyde "']:
        assert [n for _, n, _ in _found(org_db, typed)] == [ref.number], typed
    assert _found(org_db, "kabel zzzyxq") == []


def test_number_first_then_title_then_text_newest_first(org_db, area):
    older = dev.register_deviation(
        org_db,
        area_id=area.id,
        description="Sklisikring mangler i trapp",
        occurred_at=datetime(2026, 3, 2, 9, 0, tzinfo=OSLO),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.LOW,
        reporter_name=None,
    )
    newer = _register(org_db, area.id, "Sklisikring mangler ved inngang")
    in_text = actions.add_action(
        org_db, title="Kjøp matter", description="Sklisikring ved trapp", area_id=area.id
    )
    hits = search(org_db, "sklisikring")
    assert [(h.kind, h.number) for h in hits] == [
        ("deviation", newer.number),
        ("deviation", older.number),
        ("action", ""),
    ]
    assert hits[2].id == str(in_text.id) and hits[2].score < hits[1].score
    assert search(org_db, older.number.lower())[0].number == older.number
    assert search(org_db, "sklisikring", limit=1)[0].number == newer.number
    assert TODAY.year == 2026


def test_only_changes_to_what_entries_show_touch_the_index():
    from vernelogg.store.models import Deviation, Person, SafetyRound

    columns = search_index.searched_columns()
    assert {"description", "confidential", "archived_at", "area_id"} <= columns[Deviation]
    assert "status" not in columns[Deviation] and "updated_at" not in columns[Deviation]
    assert {"name", "title", "email"} <= columns[Person]
    assert {"delegate_id", "leader_id", "held_on", "number"} <= columns[SafetyRound]


def test_a_copy_to_another_database_is_searchable_there(org_db, area, tmp_path):
    from vernelogg.services.transfer.copy import copy_database
    from vernelogg.store.database import Database

    ref = _register(org_db, area.id, "Stillaset mangler rekkverk mot kaia")
    people.create_person(org_db, name="Oddny Rekkedal", title="Stillasbygger")
    target = Database.open(f"sqlite:///{tmp_path / 'kopi.sqlite'}")
    try:
        copy_database(org_db, target, batch=1)
        assert _found(target, "rekk") == _found(org_db, "rekk")
        assert [n for _, n, _ in _found(target, "rekkverk kaia")] == [ref.number]
        assert _entries(target) == _entries(org_db)  # ids too: made from record and date
    finally:
        target.close()

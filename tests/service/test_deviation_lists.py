"""The avvik list and the action plan: filters, search, sort and paging in SQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import actions, areas, people
from vernelogg.services import deviations as dev
from vernelogg.services.action_plan import ActionPlan, overdue_count
from vernelogg.services.query import ListQuery

TODAY = date(2026, 11, 22)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=OSLO)


@pytest.fixture
def world(org_db):
    db = org_db
    lager = areas.create_area(db, name="Lager")
    kontor = areas.create_area(db, name="Kontor")
    tor = people.create_person(db, name="Tor Kristiansen")
    ada = people.create_person(db, name="Åse Dahl")

    def reg(area, text, day, kind="near_miss", severity="low", **kw):
        return dev.register_deviation(
            db,
            area_id=area.id,
            description=text,
            occurred_at=at(day),
            kind=kind,
            severity=severity,
            reporter_name=kw.pop("reporter_name", "Lise"),
            **kw,
        )

    a = reg(lager, "Truck rygget uten varsellyd ved port 3", date(2025, 3, 1), severity="high")
    b = reg(kontor, "Ødelagt stol i møterom Fjorden", date(2026, 2, 1), kind="dangerous_condition")
    c = reg(
        kontor,
        "Kollega kom med uønskede kommentarer om Ola",
        date(2026, 5, 1),
        kind="harassment",
        severity="medium",
        confidential=True,
    )
    d = reg(
        lager,
        "Kuttet seg på kniv i ØSTRE hall",
        date(2026, 9, 1),
        kind="personal_injury",
        severity="serious",
    )
    dev.treat_deviation(db, b.id, responsible_id=ada.id, deadline=date(2026, 3, 1))
    dev.advance(db, b.id)
    dev.treat_deviation(db, d.id, responsible_id=tor.id, deadline=date(2026, 12, 1))
    return db, dict(lager=lager, kontor=kontor, tor=tor, ada=ada, a=a, b=b, c=c, d=d)


def numbers(source, query, offset=0, limit=100):
    return [r.number for r in source.fetch(query, offset, limit)]


def test_newest_first_and_filters(world):
    db, w = world
    src = dev.DeviationList(db, TODAY)
    everything = ListQuery()
    assert src.count(everything) == 4
    assert numbers(src, everything) == [w["d"].number, w["c"].number, w["b"].number, "AV-2025-0001"]
    assert numbers(src, ListQuery(filters={"area_id": w["lager"].id})) == [
        w["d"].number,
        w["a"].number,
    ]
    assert numbers(src, ListQuery(filters={"year": 2025})) == ["AV-2025-0001"]
    assert numbers(src, ListQuery(filters={"kind": "harassment"})) == [w["c"].number]
    assert numbers(src, ListQuery(filters={"severity": ["serious", "high"]})) == [
        w["d"].number,
        w["a"].number,
    ]
    assert numbers(src, ListQuery(filters={"status": "under_treatment"})) == [w["b"].number]
    assert numbers(src, ListQuery(filters={"responsible_id": w["tor"].id})) == [w["d"].number]
    assert numbers(src, ListQuery(filters={"status": "overdue"})) == [w["b"].number]
    assert numbers(
        src,
        ListQuery(filters={"deadline_from": date(2026, 2, 1), "deadline_to": date(2026, 3, 31)}),
    ) == [w["b"].number]
    (row,) = src.fetch(ListQuery(filters={"status": "overdue"}), 0, 10)
    assert row.overdue and row.responsible_name == "Åse Dahl" and row.area_name == "Kontor"


def test_search_finds_every_word_in_any_case_also_norwegian_letters(world):
    db, w = world
    src = dev.DeviationList(db, TODAY)
    assert numbers(src, ListQuery(search="østre")) == [w["d"].number]
    assert numbers(src, ListQuery(search="KNIV hall")) == [w["d"].number]
    assert numbers(src, ListQuery(search="kniv kontor")) == []
    assert numbers(src, ListQuery(search=w["b"].number.lower())) == [w["b"].number]
    assert numbers(src, ListQuery(search="100%")) == []
    assert src.count(ListQuery(search="port 3")) == 1


def test_confidential_text_is_hidden_and_unsearchable_in_shared_lists(world):
    db, w = world
    own = dev.DeviationList(db, TODAY)
    shared = dev.DeviationList(db, TODAY, shared=True)
    assert numbers(own, ListQuery(search="ola")) == [w["c"].number]
    assert numbers(shared, ListQuery(search="ola")) == []
    assert numbers(shared, ListQuery(search=w["c"].number)) == [w["c"].number]
    (row,) = shared.fetch(ListQuery(filters={"kind": "harassment"}), 0, 10)
    assert row.summary == "Konfidensielt" and row.confidential


def test_sorting_is_stable_and_pages_do_not_overlap(world):
    db, w = world
    src = dev.DeviationList(db, TODAY)
    by_severity = ListQuery(sort="severity", descending=True)
    assert [r.severity for r in src.fetch(by_severity, 0, 10)] == [
        Severity.SERIOUS,
        Severity.HIGH,
        Severity.MEDIUM,
        Severity.LOW,
    ]
    by_area = ListQuery(sort="area")
    pages = numbers(src, by_area, 0, 2) + numbers(src, by_area, 2, 2)
    assert sorted(pages) == sorted(numbers(src, by_area))
    assert [r.area_name for r in src.fetch(by_area, 0, 10)] == [
        "Kontor",
        "Kontor",
        "Lager",
        "Lager",
    ]
    by_status = ListQuery(sort="status", descending=True)
    assert src.fetch(by_status, 0, 1)[0].status is DeviationStatus.UNDER_TREATMENT
    assert numbers(src, ListQuery(sort="number")) == [
        "AV-2025-0001",
        w["b"].number,
        w["c"].number,
        w["d"].number,
    ]


def test_action_plan_lists_open_actions_overdue_first(world):
    db, w = world
    late = dev.add_deviation_action(
        db, w["b"].id, title="Bytt stoler", owner_id=w["ada"].id, deadline=date(2026, 4, 1)
    )
    soon = actions.add_action(
        db,
        title="Gå vernerunde på lageret",
        area_id=w["lager"].id,
        owner_id=w["tor"].id,
        deadline=date(2026, 12, 10),
    )
    later = dev.add_deviation_action(db, w["d"].id, title="Kjøp kuttsikre hansker")
    secret = dev.add_deviation_action(
        db, w["c"].id, title="Samtale med Ola", deadline=date(2026, 12, 24)
    )
    done = dev.add_deviation_action(db, w["a"].id, title="Montere ryggealarm")
    actions.set_action_status(db, done.id, ActionStatus.DONE, today=TODAY)

    plan = ActionPlan(db, TODAY)
    rows = plan.fetch(ListQuery(), 0, 50)
    assert [r.title for r in rows] == [
        "Bytt stoler",
        "Gå vernerunde på lageret",
        "Samtale med Ola",
        "Kjøp kuttsikre hansker",
    ]
    assert [r.overdue for r in rows] == [True, False, False, False]
    assert rows[0].days_overdue == (TODAY - date(2026, 4, 1)).days
    assert rows[0].source_text == f"Avvik {w['b'].number}" and rows[0].area_name == "Kontor"
    assert plan.count(ListQuery()) == 4
    assert overdue_count(db, TODAY) == 1
    assert [r.title for r in plan.fetch(ListQuery(filters={"status": "overdue"}), 0, 9)] == [
        "Bytt stoler"
    ]
    assert [r.id for r in plan.fetch(ListQuery(filters={"status": "done"}), 0, 9)] == [done.id]
    assert plan.count(ListQuery(filters={"status": "all"})) == 5
    assert [r.id for r in plan.fetch(ListQuery(filters={"owner_id": w["tor"].id}), 0, 9)] == [
        soon.id
    ]
    assert [r.id for r in plan.fetch(ListQuery(filters={"owner_id": "none"}), 0, 9)] == [
        secret.id,
        later.id,
    ]
    assert [
        r.id for r in plan.fetch(ListQuery(filters={"source_kind": ActionSource.STANDALONE}), 0, 9)
    ] == [soon.id]
    assert [r.id for r in plan.fetch(ListQuery(filters={"area_id": w["kontor"].id}), 0, 9)] == [
        late.id,
        secret.id,
    ]
    assert [
        r.id
        for r in plan.fetch(
            ListQuery(
                filters={"deadline_from": date(2026, 12, 1), "deadline_to": date(2026, 12, 31)}
            ),
            0,
            9,
        )
    ] == [soon.id, secret.id]
    assert [r.id for r in plan.fetch(ListQuery(search="STOLER"), 0, 9)] == [late.id]
    assert [r.id for r in plan.fetch(ListQuery(search=w["d"].number), 0, 9)] == [later.id]
    assert [r.title for r in plan.fetch(ListQuery(sort="owner"), 0, 9)][:2] == [
        "Gå vernerunde på lageret",
        "Bytt stoler",
    ]
    # Shared: the action of the confidential avvik keeps its deadline but not its text.
    shared = ActionPlan(db, TODAY, shared=True)
    titles = [r.title for r in shared.fetch(ListQuery(), 0, 9)]
    assert "Samtale med Ola" not in titles and "Tiltak for konfidensielt avvik" in titles
    assert shared.count(ListQuery(search="ola")) == 0


def test_a_plan_row_shows_the_action_as_the_action_service_does(world):
    from dataclasses import asdict

    db, w = world
    mine = dev.add_deviation_action(
        db,
        w["b"].id,
        title="Bytt stoler",
        owner_id=w["ada"].id,
        deadline=date(2026, 4, 1),
        description="Fire stoler med knekt rygg",
    )
    secret = dev.add_deviation_action(db, w["c"].id, title="Samtale med Ola")
    rows = {r.id: r for r in ActionPlan(db, TODAY).fetch(ListQuery(), 0, 9)}
    for info in (mine, secret):
        row = rows[info.id]
        assert isinstance(row, actions.ActionInfo)
        assert {k: v for k, v in asdict(row).items() if k in asdict(info)} == asdict(info)
        assert row.source_text == info.source_text
    assert (rows[mine.id].overdue, rows[mine.id].confidential) == (True, False)
    assert rows[secret.id].confidential
    shared_rows = ActionPlan(db, TODAY, shared=True).fetch(ListQuery(), 0, 9)
    (shared,) = [r for r in shared_rows if r.confidential]
    assert (shared.id, shared.title, shared.description) == (
        secret.id,
        "Tiltak for konfidensielt avvik",
        "",
    )


def test_action_updates_validate_and_note_the_avvik(world):
    from vernelogg.services.errors import ValidationError

    db, w = world
    action = dev.add_deviation_action(db, w["b"].id, title="Bytt stoler")
    with pytest.raises(ValidationError) as error:
        actions.update_action(
            db, action.id, title=" ", status="done", done_date=TODAY + timedelta(1), today=TODAY
        )
    assert error.value.fields == {
        "title": "Hva som skal gjøres må fylles ut.",
        "done_date": "Utført-datoen kan ikke være fram i tid.",
    }
    info = actions.update_action(
        db,
        action.id,
        owner_id=w["tor"].id,
        deadline=date(2026, 12, 1),
        status="in_progress",
        today=TODAY,
    )
    assert (info.owner_name, info.deadline, info.status) == (
        "Tor Kristiansen",
        date(2026, 12, 1),
        ActionStatus.IN_PROGRESS,
    )
    info = actions.set_action_status(db, action.id, "done", today=TODAY)
    assert info.done_date == TODAY and not info.is_overdue(TODAY + timedelta(days=30))
    info = actions.set_action_status(db, action.id, "open", today=TODAY)
    assert info.done_date is None
    timeline = [e.text for e in dev.get_deviation(db, w["b"].id).timeline]
    assert "«Bytt stoler»: utført 22.11.2026" in timeline
    assert "«Bytt stoler»: ikke startet" in timeline

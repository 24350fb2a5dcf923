"""The stop-work register: start, timeline in order, outcome, links, filters, summary."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from vernelogg.domain.actions import ActionSource
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.roles import Role
from vernelogg.domain.stoppage import NOT_INFORMED, WHY_MISSING, EventKind, StoppageOutcome
from vernelogg.services import areas, people
from vernelogg.services import stoppage as svc
from vernelogg.services.actions import actions_for_source
from vernelogg.services.errors import ValidationError
from vernelogg.store.models import AuditEntry, Deviation, StoppageEvent, WorkStoppage

STOP = datetime(2026, 11, 20, 9, 15, 42, tzinfo=OSLO)


@pytest.fixture
def site(org_db):
    """An area with a VO and a leader; a second area without a VO."""
    verksted = areas.create_area(org_db, name="Verksted")
    lager = areas.create_area(org_db, name="Lager")
    per = people.create_person(org_db, name="Per Johansen")
    sigrid = people.create_person(org_db, name="Sigrid Larsen")
    ole = people.create_person(org_db, name="Ole Vik")
    start = date(2025, 1, 1)
    people.assign_role(
        org_db, person_id=per.id, role=Role.SAFETY_DELEGATE, area_id=verksted.id, start_date=start
    )
    people.assign_role(
        org_db, person_id=sigrid.id, role=Role.LEADER, area_id=verksted.id, start_date=start
    )
    return dict(db=org_db, verksted=verksted.id, lager=lager.id, per=per.id, ole=ole.id)


def start(site, **kw):
    values = dict(
        area_id=site["verksted"],
        work="Dreiebenk 3",
        danger="Vernedekselet mangler; roterende chuck kan gripe klær og hender.",
        stopped_by_id=site["per"],
        stopped_at=STOP,
    )
    values.update(kw)
    return svc.start_stoppage(site["db"], **values)


def test_start_numbers_the_stop_and_keeps_the_time_to_the_minute(site):
    row = start(site)
    assert row.number == "ST-2026-0001"
    assert row.stopped_at == STOP.replace(second=0)
    assert (row.area_name, row.stopped_by_name, row.work) == (
        "Verksted",
        "Per Johansen",
        "Dreiebenk 3",
    )
    assert row.is_open and not row.employer_informed and row.status_label == "Stanset"
    assert row.flags == [WHY_MISSING, NOT_INFORMED]
    detail = svc.get_stoppage(site["db"], row.id)
    assert detail.stopped_by_role == "Verneombud for Verksted"
    assert detail.area_leader == "Sigrid Larsen"
    assert [e.kind for e in detail.timeline] == [EventKind.STOPPED]
    assert start(site).number == "ST-2026-0002"
    with site["db"].read() as s:
        assert (
            s.scalar(select(AuditEntry).where(AuditEntry.entity == "work_stoppage").limit(1))
            is not None
        )


def test_start_asks_for_the_essentials_next_to_each_field(site):
    with pytest.raises(ValidationError) as info:
        svc.start_stoppage(
            site["db"], area_id=None, work=" ", danger="", stopped_by_id=None, stopped_at=None
        )
    assert info.value.fields == {
        "area_id": "Velg verneområdet der arbeidet ble stanset.",
        "work": "Hvilket arbeid eller utstyr må fylles ut.",
        "danger": "Den umiddelbare faren må fylles ut.",
        "stopped_by_id": "Velg hvem som stanset arbeidet.",
        "stopped_at": "Fyll inn tidspunkt.",
    }


def test_only_a_safety_delegate_may_stop_and_not_in_the_future(site):
    with pytest.raises(ValidationError) as info:
        start(site, stopped_by_id=site["ole"])
    assert "Ole Vik hadde ikke verv som verneombud" in info.value.fields["stopped_by_id"]
    with pytest.raises(ValidationError) as info:
        start(site, stopped_at=STOP + timedelta(days=1), now=STOP)
    assert info.value.fields == {"stopped_at": "Tidspunktet kan ikke være fram i tid."}
    with site["db"].read() as s:
        assert s.scalars(select(WorkStoppage)).first() is None


def test_stoppers_and_defaults(site):
    options = svc.eligible_stoppers(site["db"], date(2026, 11, 20), site["verksted"])
    assert [(o.name, o.role_label) for o in options] == [
        ("Per Johansen", "Verneombud for Verksted")
    ]
    assert svc.default_stopper(site["db"], site["verksted"], date(2026, 11, 20)) == site["per"]
    assert svc.default_stopper(site["db"], site["lager"], date(2026, 11, 20)) is None
    assert svc.eligible_stoppers(site["db"], date(2024, 12, 31)) == []


def test_timeline_to_resolution_closes_the_stop(site):
    db, row = site["db"], start(site)
    at = STOP.replace(second=0)
    svc.add_event(
        db,
        row.id,
        EventKind.EMPLOYER_INFORMED,
        at=at + timedelta(minutes=2),
        person="Sigrid Larsen",
        channel="Muntlig på stedet",
    )
    svc.add_event(
        db,
        row.id,
        EventKind.EMPLOYER_RESPONSE,
        at=at + timedelta(minutes=20),
        person="Sigrid Larsen",
        text="Enig. Dekselet monteres av vedlikehold i dag.",
    )
    svc.add_event(db, row.id, EventKind.NOTE, at=at + timedelta(minutes=30), text="Foto tatt.")
    assert svc.get_stoppage(db, row.id).row.is_open
    svc.add_event(
        db,
        row.id,
        EventKind.RESUMED,
        at=at + timedelta(hours=3),
        outcome=StoppageOutcome.SOLVED_WITH_EMPLOYER,
    )
    detail = svc.get_stoppage(db, row.id)
    assert not detail.row.is_open and detail.row.employer_informed
    assert detail.row.outcome is StoppageOutcome.SOLVED_WITH_EMPLOYER
    assert detail.row.resumed_at == at + timedelta(hours=3)
    assert detail.row.status_label == "Løst med arbeidsgiver"
    assert [e.kind for e in detail.timeline] == [
        EventKind.STOPPED,
        EventKind.EMPLOYER_INFORMED,
        EventKind.EMPLOYER_RESPONSE,
        EventKind.NOTE,
        EventKind.RESUMED,
    ]
    assert detail.informed.details == "Varslet: Sigrid Larsen, hvordan: muntlig på stedet"
    assert svc.open_stoppages(db) == []


def test_events_out_of_order_are_refused_and_nothing_is_saved(site):
    db, row = site["db"], start(site)
    with pytest.raises(ValidationError) as info:
        svc.add_event(
            db,
            row.id,
            EventKind.RESUMED,
            at=STOP - timedelta(hours=1),
            outcome=StoppageOutcome.SOLVED_ON_SPOT,
        )
    assert info.value.fields == {
        "at": "Arbeidet kan ikke være gjenopptatt før det ble stanset (20.11.2026 09:15)."
    }
    with pytest.raises(ValidationError) as info:
        svc.add_event(
            db,
            row.id,
            EventKind.EMPLOYER_INFORMED,
            at=STOP - timedelta(minutes=5),
            person="Sigrid",
            channel="Telefon",
        )
    assert "Arbeidsgiver kan ikke være varslet før arbeidet ble stanset" in info.value.fields["at"]
    with pytest.raises(ValidationError) as info:
        svc.add_event(db, row.id, EventKind.EMPLOYER_RESPONSE, at=STOP, text="Nei")
    assert "Registrer først når arbeidsgiver ble varslet" in info.value.fields["at"]
    with db.read() as s:
        assert s.scalars(select(StoppageEvent)).first() is None
        assert s.get(WorkStoppage, __import__("uuid").UUID(row.id)).resumed_at is None


def test_each_event_asks_for_what_it_needs(site):
    db, row = site["db"], start(site)
    with pytest.raises(ValidationError) as info:
        svc.add_event(db, row.id, EventKind.EMPLOYER_INFORMED, at=STOP)
    assert set(info.value.fields) == {"person", "channel"}
    with pytest.raises(ValidationError) as info:
        svc.add_event(db, row.id, EventKind.RESUMED, at=STOP + timedelta(hours=1))
    assert info.value.fields == {"outcome": "Velg hvordan stansen endte."}
    with pytest.raises(ValidationError) as info:
        svc.add_event(
            db,
            row.id,
            EventKind.RESUMED,
            at=STOP + timedelta(hours=1),
            outcome=StoppageOutcome.DECIDED_BY_AUTHORITY,
        )
    assert "Arbeidstilsynets avgjørelse" in info.value.fields["outcome"]
    assert svc.get_stoppage(db, row.id).row.resumed_at is None


def test_arbeidstilsynet_reference_is_kept_on_the_stop(site):
    db, row = site["db"], start(site)
    svc.add_event(
        db,
        row.id,
        EventKind.AUTHORITY_CONTACTED,
        at=STOP + timedelta(hours=1),
        channel="Telefon",
        reference="2026/48213",
    )
    svc.add_event(
        db,
        row.id,
        EventKind.AUTHORITY_DECISION,
        at=STOP + timedelta(days=1),
        text="Arbeidet kan ikke fortsette før avsuget er reparert.",
    )
    detail = svc.get_stoppage(db, row.id)
    assert detail.authority_reference == "2026/48213"
    assert detail.row.is_open and not detail.row.employer_informed


def test_correcting_and_removing_events_keeps_the_order_true(site):
    db, row = site["db"], start(site)
    informed = svc.add_event(
        db,
        row.id,
        EventKind.EMPLOYER_INFORMED,
        at=STOP + timedelta(minutes=5),
        person="Sigrid Larsen",
        channel="Telefon",
    )
    svc.add_event(
        db, row.id, EventKind.EMPLOYER_RESPONSE, at=STOP + timedelta(minutes=30), text="Ok"
    )
    with pytest.raises(ValidationError) as info:
        svc.update_event(
            db, informed.id, at=STOP + timedelta(hours=2), person="Sigrid Larsen", channel="SMS"
        )
    assert (
        "Arbeidsgivers svar kan ikke komme før arbeidsgiver ble varslet" in info.value.fields["at"]
    )
    with pytest.raises(ValidationError) as info:
        svc.remove_event(db, informed.id)
    assert "Kan ikke fjerne «Arbeidsgiver varslet»" in str(info.value)
    svc.update_event(
        db, informed.id, at=STOP + timedelta(minutes=1), person="Sigrid Larsen", channel="SMS"
    )
    resumed = svc.add_event(
        db,
        row.id,
        EventKind.RESUMED,
        at=STOP + timedelta(hours=1),
        outcome=StoppageOutcome.SOLVED_ON_SPOT,
    )
    assert not svc.get_stoppage(db, row.id).row.is_open
    svc.remove_event(db, resumed.id)
    detail = svc.get_stoppage(db, row.id)
    assert detail.row.is_open and detail.row.resumed_at is None
    assert detail.events_of(EventKind.EMPLOYER_INFORMED)[0].channel == "SMS"
    with db.read() as s:  # removed means archived, not deleted
        assert len(list(s.scalars(select(StoppageEvent)))) == 3


def test_editing_the_stop_cannot_move_it_past_its_timeline(site):
    db, row = site["db"], start(site)
    svc.add_event(db, row.id, EventKind.NOTE, at=STOP + timedelta(minutes=10), text="Notat")
    values = dict(
        area_id=site["verksted"],
        work="Dreiebenk 3",
        danger="Mangler deksel",
        stopped_by_id=site["per"],
        why_not_averted="Ingen annen maskin ledig.",
        outcome=None,
        authority_reference="",
    )
    with pytest.raises(ValidationError) as info:
        svc.update_stoppage(db, row.id, stopped_at=STOP + timedelta(hours=1), **values)
    assert info.value.fields["stopped_at"].startswith(
        "Stanstidspunktet kan ikke være etter hendelser i tidslinjen (Notat 20.11.2026 09:25)"
    )
    updated = svc.update_stoppage(db, row.id, stopped_at=STOP - timedelta(minutes=5), **values)
    assert updated.stopped_at == STOP.replace(second=0) - timedelta(minutes=5)
    assert svc.get_stoppage(db, row.id).why_not_averted == "Ingen annen maskin ledig."


def test_avvik_and_tiltak_follow_from_the_stop(site):
    db, row = site["db"], start(site)
    link = svc.create_deviation_for_stoppage(
        db, row.id, description=svc.get_stoppage(db, row.id).deviation_draft
    )
    assert link.number == "AV-2026-0001" and link.status_label == "Registrert"
    with db.read() as s:
        deviation = s.scalar(select(Deviation))
        assert deviation.reporter_name == "Per Johansen"
        assert deviation.occurred_at == STOP.replace(second=0)
        assert "ST-2026-0001" in deviation.immediate_action
    action = svc.create_action_for_stoppage(
        db, row.id, title="Monter fast vern på alle dreiebenker", deadline=date(2026, 12, 15)
    )
    assert action.source_label == "Stansing ST-2026-0001"
    assert [a.id for a in actions_for_source(db, ActionSource.STOPPAGE, row.id)] == [action.id]
    with pytest.raises(ValidationError) as info:
        svc.link_deviation(db, row.id, "av-2026-0001")
    assert info.value.fields == {"number": "AV-2026-0001 er allerede knyttet til ST-2026-0001."}
    with pytest.raises(ValidationError) as info:
        svc.link_deviation(db, row.id, "AV-2026-0099")
    assert info.value.fields == {"number": "Fant ikke avvik AV-2026-0099."}
    other = start(site)
    assert svc.link_deviation(db, other.id, "av-2026-0001").number == "AV-2026-0001"
    detail = svc.get_stoppage(db, row.id)
    assert [d.number for d in detail.deviations] == ["AV-2026-0001"]
    assert [a.title for a in detail.actions] == ["Monter fast vern på alle dreiebenker"]


def test_register_filters_by_area_year_and_outcome(site):
    db = site["db"]
    old = start(site, stopped_at=datetime(2025, 3, 4, 10, 0, tzinfo=OSLO))
    svc.add_event(
        db,
        old.id,
        EventKind.RESUMED,
        at=datetime(2025, 3, 4, 11, 0, tzinfo=OSLO),
        outcome=StoppageOutcome.SOLVED_ON_SPOT,
    )
    new = start(site)
    # New Year's night in Oslo is still the old year in UTC: the year follows Oslo time.
    eve = start(site, stopped_at=datetime(2026, 1, 1, 0, 30, tzinfo=OSLO))
    assert eve.number == "ST-2026-0002"
    f = svc.StoppageFilter
    assert [r.id for r in svc.list_stoppages(db)] == [new.id, eve.id, old.id]
    assert [r.id for r in svc.list_stoppages(db, f(year=2025))] == [old.id]
    assert [r.id for r in svc.list_stoppages(db, f(outcome="open"))] == [new.id, eve.id]
    assert [r.id for r in svc.list_stoppages(db, f(outcome="solved_on_spot"))] == [old.id]
    assert svc.list_stoppages(db, f(area_id=site["lager"])) == []
    assert svc.stoppage_years(db) == [2026, 2025]
    svc.archive_stoppage(db, eve.id)
    assert [r.id for r in svc.list_stoppages(db)] == [new.id, old.id]
    assert len(svc.list_stoppages(db, f(include_archived=True))) == 3
    svc.restore_stoppage(db, eve.id)
    assert svc.count_stoppages(db, f(year=2026)) == 2
    assert svc.latest_stoppage_id(db) == new.id


def test_summary_for_the_year(site):
    db = site["db"]
    closed = start(site, stopped_at=datetime(2026, 2, 1, 8, 0, tzinfo=OSLO))
    svc.add_event(
        db,
        closed.id,
        EventKind.EMPLOYER_INFORMED,
        at=datetime(2026, 2, 1, 8, 5, tzinfo=OSLO),
        person="Sigrid Larsen",
        channel="Telefon",
    )
    svc.add_event(
        db,
        closed.id,
        EventKind.RESUMED,
        at=datetime(2026, 2, 1, 9, 0, tzinfo=OSLO),
        outcome=StoppageOutcome.SOLVED_WITH_EMPLOYER,
    )
    start(site)
    start(site, stopped_at=datetime(2025, 6, 1, 8, 0, tzinfo=OSLO))  # another year
    summary = svc.stoppage_summary(db, 2026)
    assert summary.count == 2 and summary.open == 1
    assert summary.by_outcome == {
        StoppageOutcome.SOLVED_ON_SPOT: 0,
        StoppageOutcome.SOLVED_WITH_EMPLOYER: 1,
        StoppageOutcome.DECIDED_BY_AUTHORITY: 0,
    }
    assert summary.without_outcome == 1
    assert summary.by_area == {"Verksted": 2}
    assert summary.employer_not_informed == 1
    assert svc.stoppage_summary(db, 2024).count == 0


def test_why_it_could_not_be_averted_otherwise_is_kept_from_the_start(site):
    row = start(site, why_not_averted="  Ingen annen benk ledig; kunne ikke sperres.  ")
    assert row.why_not_averted == "Ingen annen benk ledig; kunne ikke sperres."
    assert row.flags == [NOT_INFORMED]
    svc.add_event(
        site["db"],
        row.id,
        EventKind.EMPLOYER_INFORMED,
        at=STOP,
        person="Sigrid Larsen",
        channel="E-post",
    )
    (listed,) = svc.list_stoppages(site["db"])
    assert listed.flags == []

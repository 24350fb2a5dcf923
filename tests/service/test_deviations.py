"""Avvik from registration to closing: validation, workflow, timeline, notification."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta

import pytest

from vernelogg import clock
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO, fmt_datetime
from vernelogg.services import areas, people
from vernelogg.services import deviations as dev
from vernelogg.services.deviations.summary import deviation_summary
from vernelogg.services.errors import ServiceError, ValidationError
from vernelogg.store.database import Database


@pytest.fixture
def setup(org_db):
    lager = areas.create_area(org_db, name="Lager")
    kontor = areas.create_area(org_db, name="Kontor")
    leader = people.create_person(org_db, name="Tor Kristiansen")
    return org_db, lager, kontor, leader


def moment(days_ago: int = 1, hour: int = 10) -> datetime:
    day = clock.today() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour, 15, tzinfo=OSLO)


def register(db, area, **kw):
    fields = dict(
        area_id=area.id,
        description="Pall falt ned fra reol ved port 3",
        occurred_at=moment(),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.MEDIUM,
        reporter_name="Lise Andersen",
    )
    fields.update(kw)
    return dev.register_deviation(db, **fields)


def test_register_checks_the_six_required_things_together_and_saves_nothing(setup):
    db, *_ = setup
    with pytest.raises(ValidationError) as error:
        dev.register_deviation(
            db,
            area_id=None,
            description="  ",
            occurred_at=None,
            kind=None,
            severity="kjempeilla",
            reporter_name="",
            anonymous=False,
        )
    assert error.value.fields == {
        "area_id": "Velg verneområde.",
        "description": "Hva som skjedde må fylles ut.",
        "occurred_at": "Når skjedde det? Fyll inn tidspunkt.",
        "kind": "Velg type avvik.",
        "severity": "Velg alvorlighetsgrad.",
        "reporter_name": "Skriv hvem som melder avviket, eller kryss av for «Anonym».",
    }
    assert dev.latest_deviation_id(db) is None


def test_future_time_is_refused(setup):
    db, lager, *_ = setup
    with pytest.raises(ValidationError) as error:
        register(db, lager, occurred_at=clock.now() + timedelta(hours=2))
    assert error.value.fields == {"occurred_at": "Tidspunktet kan ikke være fram i tid."}


def test_numbers_run_per_year_of_the_event_and_anonymous_hides_the_name(setup):
    db, lager, *_ = setup
    first = register(db, lager)
    second = register(db, lager, reporter_name="Ola", anonymous=True)
    old = register(db, lager, occurred_at=datetime(2024, 12, 31, 23, 30, tzinfo=OSLO))
    year = moment().year
    assert (first.number, second.number) == (f"AV-{year}-0001", f"AV-{year}-0002")
    assert old.number == "AV-2024-0001"
    detail = dev.get_deviation(db, second.id)
    assert detail.anonymous and detail.reporter == "Anonym"
    assert [e.headline for e in detail.timeline] == ["Registrert"]
    assert detail.timeline[0].text == "Meldt anonymt"


def _register_many(url: str, area_id: str, count: int, queue) -> None:
    db = Database.open(url)
    numbers = []
    for i in range(count):
        ref = dev.register_deviation(
            db,
            area_id=area_id,
            description=f"Avvik {i}",
            occurred_at=datetime(2026, 3, 1, 12, 0, tzinfo=OSLO),
            kind="near_miss",
            severity="low",
            reporter_name=None,
        )
        numbers.append(ref.number)
    db.close()
    queue.put(numbers)


def test_two_processes_registering_at_once_never_share_a_number(setup):
    db, lager, *_ = setup
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [
        ctx.Process(target=_register_many, args=(db.url, lager.id, 40, queue)) for _ in range(2)
    ]
    for w in workers:
        w.start()
    results = [queue.get(timeout=180) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    numbers = results[0] + results[1]
    assert len(set(numbers)) == 80
    assert sorted(numbers) == [f"AV-2026-{n:04d}" for n in range(1, 81)]
    source = dev.DeviationList(db, clock.today())
    from vernelogg.services.query import ListQuery

    assert source.count(ListQuery(filters={"year": 2026})) == 80


def test_workflow_every_step_has_its_rule_and_leaves_a_timeline(setup):
    db, lager, _, leader = setup
    ref = register(db, lager)
    # Under treatment needs a responsible leader.
    with pytest.raises(ValidationError) as error:
        dev.advance(db, ref.id)
    assert error.value.fields == {
        "responsible_id": "Velg ansvarlig leder før avviket settes under behandling."
    }
    dev.treat_deviation(
        db,
        ref.id,
        responsible_id=leader.id,
        deadline=clock.today() + timedelta(days=14),
        cause="Reolen var overlastet",
        immediate_action="",
    )
    assert dev.advance(db, ref.id) is DeviationStatus.UNDER_TREATMENT
    # Measures taken needs a measure.
    with pytest.raises(ValidationError) as error:
        dev.advance(db, ref.id)
    assert "actions" in error.value.fields
    action = dev.add_deviation_action(
        db, ref.id, title="Merk maks last på reolene", owner_id=leader.id
    )
    assert dev.advance(db, ref.id) is DeviationStatus.MEASURES_TAKEN
    # Closing asks whether the measures worked, and warns about open actions.
    with pytest.raises(ValidationError) as error:
        dev.close_deviation(db, ref.id, effective=None)
    assert error.value.fields["effective"] == "Svar på om tiltakene virket."
    assert "1 tiltak er ikke utført ennå" in error.value.fields["open_actions"]
    with pytest.raises(ValidationError) as error:
        dev.close_deviation(db, ref.id, effective=False, allow_open_actions=True)
    assert error.value.fields == {
        "note": "Hva som gjøres videre når tiltakene ikke virket må fylles ut."
    }
    from vernelogg.services.actions import set_action_status

    set_action_status(db, action.id, ActionStatus.DONE, today=clock.today())
    dev.close_deviation(db, ref.id, effective=True, note="Ingen nye hendelser")
    detail = dev.get_deviation(db, ref.id)
    assert detail.status is DeviationStatus.CLOSED and detail.measures_effective is True
    with pytest.raises(ServiceError, match="er lukket"):
        dev.update_deviation(db, ref.id, cause="Ny årsak")
    # Reopening needs a reason and goes back to treatment.
    with pytest.raises(ValidationError) as error:
        dev.reopen_deviation(db, ref.id, reason="")
    assert error.value.fields == {"reason": "Begrunnelsen må fylles ut."}
    dev.reopen_deviation(db, ref.id, reason="Ny pall falt ned")
    dev.add_comment(db, ref.id, "Snakket med lagersjefen")
    detail = dev.get_deviation(db, ref.id)
    assert detail.status is DeviationStatus.UNDER_TREATMENT
    assert detail.closed_at is None and detail.measures_effective is None
    headlines = [e.headline for e in detail.timeline]
    assert headlines == [
        "Registrert",
        "Endret",
        "Status: Registrert → Under behandling",
        "Tiltak",
        "Status: Under behandling → Tiltak iverksatt",
        "Tiltak",
        "Status: Tiltak iverksatt → Lukket",
        "Gjenåpnet: Lukket → Under behandling",
        "Kommentar",
    ]
    texts = [e.text for e in detail.timeline]
    assert texts[1].startswith("Ansvarlig leder: Tor Kristiansen; frist: ")
    assert texts[3] == "Merk maks last på reolene (Tor Kristiansen)"
    assert texts[5].startswith("«Merk maks last på reolene»: utført")
    assert texts[6] == "Tiltakene virket. Ingen nye hendelser"
    assert texts[7] == "Ny pall falt ned"
    assert all(e.by for e in detail.timeline)


def test_status_cannot_jump(setup):
    db, lager, *_ = setup
    ref = register(db, lager)
    with pytest.raises(ServiceError, match="kan ikke gå fra «Registrert» til «Lukket»"):
        dev.change_status(db, ref.id, DeviationStatus.CLOSED, effective=True)


def test_deadline_before_the_event_is_refused(setup):
    db, lager, _, leader = setup
    ref = register(db, lager, occurred_at=moment(10))
    with pytest.raises(ValidationError) as error:
        dev.treat_deviation(
            db,
            ref.id,
            responsible_id=leader.id,
            deadline=clock.today() - timedelta(days=30),
        )
    assert error.value.fields == {"deadline": "Fristen kan ikke være før avviket skjedde."}


def test_serious_injury_asks_for_notification_and_records_it(setup):
    db, lager, *_ = setup
    ref = register(
        db,
        lager,
        kind=DeviationKind.PERSONAL_INJURY,
        severity=Severity.SERIOUS,
        description="Klemt av truck, brudd i foten",
    )
    detail = dev.get_deviation(db, ref.id)
    assert detail.requires_notification
    assert detail.notification_missing == [
        "Arbeidstilsynet",
        "politiet",
        "skriftlig bekreftelse",
        "kopi av bekreftelsen til verneombudet",
    ]
    notified = moment(1) + timedelta(hours=1)
    dev.record_notification(
        db,
        ref.id,
        authority_notified_at=notified,
        police_notified_at=notified,
        delegate_copy_at=None,
        note="Meldt på telefon",
    )
    detail = dev.get_deviation(db, ref.id)
    assert detail.notification_missing == [
        "skriftlig bekreftelse",
        "kopi av bekreftelsen til verneombudet",
    ]
    assert detail.timeline[-1].label == "Varsling etter § 5-2"
    assert detail.timeline[-1].text == (
        f"Arbeidstilsynet varslet {fmt_datetime(notified)}; "
        f"politiet varslet {fmt_datetime(notified)}; Meldt på telefon"
    )
    with pytest.raises(ValidationError) as error:
        dev.record_notification(
            db,
            ref.id,
            authority_notified_at=moment(3),
            police_notified_at=None,
            delegate_copy_at=None,
        )
    assert error.value.fields == {"authority_notified_at": "Kan ikke være før avviket skjedde."}
    confirmed = notified + timedelta(hours=20)
    dev.record_notification(
        db,
        ref.id,
        authority_notified_at=notified,
        police_notified_at=notified,
        written_confirmation_at=confirmed,
        delegate_copy_at=confirmed,
        note="Meldt på telefon",
    )
    detail = dev.get_deviation(db, ref.id)
    assert detail.notification_missing == []
    assert detail.timeline[-1].text == (
        f"Skriftlig bekreftelse sendt {fmt_datetime(confirmed)}; "
        f"verneombudet fikk kopi av bekreftelsen {fmt_datetime(confirmed)}"
    )


@pytest.mark.parametrize(
    ("kind", "severity", "asks"),
    [
        (DeviationKind.PERSONAL_INJURY, Severity.SERIOUS, True),
        (DeviationKind.VIOLENCE, Severity.SERIOUS, True),
        (DeviationKind.THREATS, Severity.SERIOUS, True),
        (DeviationKind.VIOLENCE, Severity.HIGH, False),
        (DeviationKind.HARASSMENT, Severity.SERIOUS, False),
        (DeviationKind.NEAR_MISS, Severity.SERIOUS, False),
    ],
)
def test_violence_and_threats_with_serious_injury_are_notified_too(setup, kind, severity, asks):
    db, lager, *_ = setup
    ref = register(db, lager, kind=kind, severity=severity, description="Slått ned i resepsjonen")
    assert dev.get_deviation(db, ref.id).requires_notification is asks
    missing = deviation_summary(db, clock.today()).notification_missing
    assert (ref.number in missing) is asks


def test_notification_can_be_recorded_when_registering(setup):
    db, lager, *_ = setup
    now = clock.now()
    ref = register(
        db,
        lager,
        kind=DeviationKind.PERSONAL_INJURY,
        severity=Severity.SERIOUS,
        occurred_at=now - timedelta(hours=1),
        authority_notified_at=now,
        police_notified_at=now,
        written_confirmation_at=now,
        delegate_copy_at=now,
    )
    detail = dev.get_deviation(db, ref.id)
    assert detail.notification_missing == []
    assert [e.label for e in detail.timeline] == ["Registrert", "Varsling etter § 5-2"]


def test_archived_avvik_leaves_the_list_but_is_kept(setup):
    from vernelogg.services.query import ListQuery

    db, lager, *_ = setup
    ref = register(db, lager)
    source = dev.DeviationList(db, clock.today())
    assert source.count(ListQuery()) == 1
    with pytest.raises(ValidationError):
        dev.archive_deviation(db, ref.id, "")
    dev.archive_deviation(db, ref.id, "Registrert to ganger")
    assert source.count(ListQuery()) == 0
    assert source.count(ListQuery(filters={"include_archived": True})) == 1
    assert dev.get_deviation(db, ref.id).archived

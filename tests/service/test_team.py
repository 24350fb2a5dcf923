"""Two clients on one database (two engines, as two machines would have): no save
overwrites a change the saver has not seen."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from vernelogg import __version__, clock
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.roles import Role
from vernelogg.errors import UserError
from vernelogg.services import areas, people
from vernelogg.services import deviations as dev
from vernelogg.store.audit import set_current_user
from vernelogg.store.database import Database
from vernelogg.store.errors import (
    ConflictError,
    ConnectionLostError,
    DuplicateError,
    NewerSchemaError,
)
from vernelogg.store.migrations import runner
from vernelogg.store.models import AuditEntry, Deviation, SafetyArea


@pytest.fixture
def two_clients(org_db):
    """Kari's client and Ola's client: two engines on the same database."""
    other = Database.open(org_db.url)
    yield org_db, other
    other.close()
    set_current_user(None)


def _avvik(db) -> str:
    area = areas.create_area(db, name="Lager")
    day = clock.today() - timedelta(days=1)
    ref = dev.register_deviation(
        db,
        area_id=area.id,
        description="Pall falt ned fra reol ved port 3",
        occurred_at=datetime(day.year, day.month, day.day, 10, 15, tzinfo=OSLO),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.MEDIUM,
        reporter_name="Lise Andersen",
    )
    return ref.id


def test_a_save_over_a_change_not_seen_is_refused_naming_who_changed_what(two_clients):
    kari_db, ola_db = two_clients
    deviation_id = _avvik(kari_db)
    kari_sees = dev.get_deviation(kari_db, deviation_id)
    ola_sees = dev.get_deviation(ola_db, deviation_id)

    set_current_user("Kari")
    dev.update_deviation(kari_db, deviation_id, seen=kari_sees, cause="Reolen var overfylt")

    set_current_user("Ola")
    with pytest.raises(ConflictError) as refused:
        dev.update_deviation(ola_db, deviation_id, seen=ola_sees, location="Port 3")
    message = str(refused.value)
    assert "endret av Kari etter at du åpnet det" in message
    assert "årsak: «Reolen var overfylt»" in message
    assert refused.value.changes == [("Kari", "årsak: «Reolen var overfylt»")]
    now = dev.get_deviation(ola_db, deviation_id)
    assert (now.cause, now.location) == ("Reolen var overfylt", "")

    # Ola puts his change on top of what is there now: both are kept.
    dev.update_deviation(ola_db, deviation_id, seen=now, location="Port 3")
    both = dev.get_deviation(kari_db, deviation_id)
    assert (both.cause, both.location) == ("Reolen var overfylt", "Port 3")
    assert both.version == kari_sees.version + 2


def test_a_status_change_over_a_change_not_seen_is_refused(two_clients):
    kari_db, ola_db = two_clients
    deviation_id = _avvik(kari_db)
    ola_sees = dev.get_deviation(ola_db, deviation_id)
    set_current_user("Kari")
    dev.update_deviation(kari_db, deviation_id, severity=Severity.HIGH.value)
    set_current_user("Ola")
    with pytest.raises(ConflictError, match="alvorlighetsgrad"):
        dev.change_status(ola_db, deviation_id, DeviationStatus.UNDER_TREATMENT, seen=ola_sees)
    assert dev.get_deviation(kari_db, deviation_id).status is DeviationStatus.REGISTERED


def test_an_update_racing_another_between_read_and_write_is_refused(two_clients):
    """The row version is checked by the UPDATE itself: a write that read the row before
    another client's commit fails instead of overwriting it."""
    kari_db, ola_db = two_clients
    deviation_id = _avvik(kari_db)
    with kari_db.read() as s:
        stale = s.get(Deviation, dev.details.load(s, deviation_id).id)
        s.expunge(stale)
    dev.update_deviation(ola_db, deviation_id, cause="Ola var først")
    refused = pytest.raises(ConflictError, match="Noen andre lagret det samme")
    with refused, kari_db.write() as s:
        row = s.merge(stale, load=False)
        row.cause = "Kari kom etter"
    assert dev.get_deviation(kari_db, deviation_id).cause == "Ola var først"


def _race(clients, action) -> list[BaseException | object]:
    """Run `action(db)` in every client at the same moment; what each got back or raised."""
    barrier = threading.Barrier(len(clients))
    results: list[BaseException | object] = [None] * len(clients)

    def run(i: int, db: Database) -> None:
        barrier.wait()
        try:
            results[i] = action(db)
        except BaseException as error:  # noqa: BLE001 - the test looks at what was raised
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, db)) for i, db in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_two_clients_creating_the_same_area_at_once_get_one_area(two_clients):
    for attempt in range(5):
        name = f"Lager {attempt}"
        results = _race(two_clients, lambda db, name=name: areas.create_area(db, name=name))
        refused = [r for r in results if isinstance(r, BaseException)]
        assert len(refused) == 1, results
        assert isinstance(refused[0], UserError)
        assert "allerede et aktivt verneområde" in str(refused[0])
        names = [a.name for a in areas.list_areas(two_clients[0])]
        assert names.count(name) == 1


def test_the_database_itself_refuses_a_second_active_area_with_the_same_name(org_db):
    areas.create_area(org_db, name="Lager")
    refused = pytest.raises(DuplicateError, match="allerede et aktivt verneområde")
    with refused, org_db.write() as s:
        s.add(SafetyArea(name="Lager"))
    old = areas.create_area(org_db, name="Verksted")
    areas.archive_area(org_db, old.id)
    assert areas.create_area(org_db, name="Verksted").name == "Verksted"  # archived: free


def test_two_clients_electing_a_safety_delegate_for_one_area_at_once_get_one(two_clients):
    kari_db, _ = two_clients
    lager = areas.create_area(kari_db, name="Lager")
    first = people.create_person(kari_db, name="Kari Nilsen")
    second = people.create_person(kari_db, name="Ola Hansen")
    pairs = iter([first, second])
    chosen = {id(db): next(pairs) for db in two_clients}
    results = _race(
        two_clients,
        lambda db: people.assign_role(
            db,
            person_id=chosen[id(db)].id,
            role=Role.SAFETY_DELEGATE,
            area_id=lager.id,
            start_date=clock.today(),
        ),
    )
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 1 and "er allerede verneombud i Lager" in str(refused[0]), results
    holders = people.list_assignments(kari_db, role=Role.SAFETY_DELEGATE)
    assert len(holders) == 1


def test_clients_opening_an_empty_database_at_once_all_get_it_migrated_once(empty_db_url):
    results = _race([empty_db_url] * 3, lambda url: Database.open(url))
    opened = [r for r in results if isinstance(r, Database)]
    assert len(opened) == 3, results
    for database in opened:
        assert runner.schema_state(database.engine).up_to_date
    with opened[0].read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert s.scalar(text("SELECT COUNT(*) FROM alembic_version")) == 1
        written_by = s.scalar(
            text("SELECT value FROM setting WHERE key = :k"), {"k": runner.WRITTEN_BY_KEY}
        )
    assert json.loads(written_by) == __version__
    for database in opened:
        database.close()


def test_an_older_client_is_told_which_version_it_needs(db):
    with db.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
        s.execute(
            text("UPDATE setting SET value = :v WHERE key = :k"),
            {"v": json.dumps("9.4.0"), "k": runner.WRITTEN_BY_KEY},
        )
    with pytest.raises(NewerSchemaError) as refused:
        Database.open(db.url)
    assert "Installer Vernelogg 9.4.0 eller nyere; databasen er ikke endret." in str(refused.value)


def test_a_lost_connection_during_a_write_saves_nothing_and_the_next_write_works(org_db):
    if org_db.is_sqlite:
        pytest.skip("a connection to a server: PostgreSQL only")
    areas.create_area(org_db, name="Kontor")
    admin = Database.open(org_db.url)
    try:
        with pytest.raises(ConnectionLostError, match="Mistet forbindelsen til databasen"):  # noqa: SIM117
            with org_db.write() as s:
                s.add(SafetyArea(name="Lager"))
                s.flush()
                pid = s.scalar(text("SELECT pg_backend_pid()"))
                with admin.engine.connect() as conn:  # the network drops
                    conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                s.add(SafetyArea(name="Verksted"))
                s.flush()
    finally:
        admin.close()
    assert [a.name for a in areas.list_areas(org_db)] == ["Kontor"]  # nothing half-written
    areas.create_area(org_db, name="Lager")  # connected again
    assert [a.name for a in areas.list_areas(org_db)] == ["Kontor", "Lager"]


def test_a_tiltak_saved_over_a_change_not_seen_is_refused(two_clients):
    from vernelogg.services import actions

    kari_db, ola_db = two_clients
    made = actions.add_action(kari_db, title="Rydde reolen ved port 3")
    kari_sees = actions.get_action(kari_db, made.id)
    ola_sees = actions.get_action(ola_db, made.id)
    set_current_user("Kari")
    actions.update_action(kari_db, made.id, seen=kari_sees, deadline=clock.today())
    set_current_user("Ola")
    with pytest.raises(ConflictError) as refused:
        actions.update_action(ola_db, made.id, seen=ola_sees, status="in_progress")
    assert "ble endret av Kari etter at du åpnet det (frist)" in str(refused.value)
    now = actions.get_action(ola_db, made.id)
    assert now.deadline == clock.today() and now.status.value == "open"
    actions.update_action(ola_db, made.id, seen=now, status="in_progress")
    assert actions.get_action(kari_db, made.id).status.value == "in_progress"

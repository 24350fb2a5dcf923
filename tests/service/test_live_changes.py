"""Two clients on one PostgreSQL database: the second hears what the first committed,
and only that (LISTEN/NOTIFY, sent in the writing transaction)."""

from __future__ import annotations

import queue
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from vernelogg import clock
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.store.database import Database
from vernelogg.store.live import Change, parse_payload, payload
from vernelogg.store.models import SafetyArea

WAIT = 10.0  # seconds a notice may take to arrive before the test fails


@pytest.fixture
def listening(org_db):
    """Kari's client writes; Ola's client (another engine) listens. Yields (kari, heard)."""
    if org_db.is_sqlite:
        assert org_db.listen(lambda _change: None) is None  # one person, one file
        pytest.skip("notifications between clients: PostgreSQL only")
    ola = Database.open(org_db.url)
    heard: queue.Queue[Change] = queue.Queue()
    listener = ola.listen(heard.put)
    assert listener is not None
    assert listener.listening.wait(WAIT), "the listener did not start"
    yield org_db, heard, ola
    listener.stop()
    assert not listener.running
    ola.close()


def _register(db, area_id: str) -> str:
    day = clock.today() - timedelta(days=1)
    ref = dev.register_deviation(
        db,
        area_id=area_id,
        description="Pall falt ned fra reol ved port 3",
        occurred_at=datetime(day.year, day.month, day.day, 10, 15, tzinfo=OSLO),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.MEDIUM,
        reporter_name="Lise Andersen",
    )
    return ref.id


def test_the_other_client_hears_a_committed_avvik_with_its_tables(listening):
    kari, heard, _ola = listening
    area = areas.create_area(kari, name="Lager")
    first = heard.get(timeout=WAIT)
    assert first.client == kari.client_id
    assert "safety_area" in first.tables
    _register(kari, area.id)
    change = heard.get(timeout=WAIT)
    assert {"deviation", "deviation_event", "audit_log"} <= change.tables
    assert "meeting" not in change.tables
    assert heard.empty()


def test_a_rolled_back_write_tells_no_one(listening):
    kari, heard, _ola = listening
    with pytest.raises(RuntimeError), kari.write() as s:
        s.add(SafetyArea(name="Lager"))
        s.flush()
        raise RuntimeError("the person cancelled")
    # An uncommitted change is not heard either: the notice is sent at commit only.
    with kari.write() as s:
        s.add(SafetyArea(name="Verksted"))
        s.flush()
        with pytest.raises(queue.Empty):
            heard.get(timeout=1.0)
    # ... and the first notice to arrive is the committed one, not the rolled-back one.
    assert "safety_area" in heard.get(timeout=WAIT).tables
    with pytest.raises(queue.Empty):
        heard.get(timeout=1.0)
    assert [a.name for a in areas.list_areas(kari)] == ["Verksted"]


def test_a_client_does_not_hear_itself(listening):
    _kari, heard, ola = listening
    areas.create_area(ola, name="Lager")
    with pytest.raises(queue.Empty):
        heard.get(timeout=1.0)


def test_a_read_sends_nothing(listening):
    kari, heard, _ola = listening
    areas.list_areas(kari)
    with kari.write() as s:
        s.execute(text("SELECT 1"))
    with pytest.raises(queue.Empty):
        heard.get(timeout=1.0)


def test_the_listener_reconnects_and_says_it_may_have_missed_something(listening):
    kari, heard, _ola = listening
    with kari.write() as s:  # the listener's connection is cut, as by a network drop
        s.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query = 'LISTEN vernelogg' AND pid <> pg_backend_pid()"
            )
        )
    resync = heard.get(timeout=WAIT)
    assert resync.tables is None
    areas.create_area(kari, name="Lager")
    assert "safety_area" in heard.get(timeout=WAIT).tables


def test_the_payload_reads_back_and_a_damaged_one_means_anything_changed():
    back = parse_payload(payload("abc", {"deviation", "action"}))
    assert back == Change(client="abc", tables=frozenset({"deviation", "action"}))
    assert parse_payload("not json").tables is None
    assert parse_payload(payload("abc", {f"t{i}" for i in range(2000)})).tables is None


def test_on_a_file_the_watcher_sees_another_programs_commit_and_not_its_own(org_db):
    if not org_db.is_sqlite:
        assert org_db.watch_file() is None  # a server: the listener hears the others
        return
    watcher = org_db.watch_file()
    other = Database.open(org_db.url)  # a second Vernelogg on the same file
    try:
        assert not watcher.changed()
        areas.create_area(org_db, name="Lager")  # this client's own save
        assert not watcher.changed()
        areas.create_area(other, name="Verksted")
        assert watcher.changed()
        assert not watcher.changed()  # told once
        areas.list_areas(other)  # reading changes nothing
        assert not watcher.changed()
    finally:
        other.close()
    org_db.close()
    assert not watcher.changed()  # closed with its database

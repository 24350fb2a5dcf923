"""Two clients on one database (two engines, as two machines would have): no save
overwrites a change the saver has not seen."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from vernelogg import clock
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.store.audit import set_current_user
from vernelogg.store.database import Database
from vernelogg.store.errors import ConflictError
from vernelogg.store.models import Deviation


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

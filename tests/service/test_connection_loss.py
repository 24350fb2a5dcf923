"""The network to the database server goes away in the middle of a session (the delaying
proxy of tests/perf is cut): the write gives a Norwegian message, nothing is half
written, and once the network is back the next write works without a restart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event

from tests.network_cut import client_over_network
from tests.perf.latency_proxy import ProxyThread
from vernelogg.services import areas
from vernelogg.store.database import Database
from vernelogg.store.errors import ConnectionLostError
from vernelogg.store.models import SafetyArea


@pytest.fixture
def over_network(org_db) -> Iterator[tuple[Database, ProxyThread]]:
    if org_db.is_sqlite:
        pytest.skip("a network between client and server: PostgreSQL only")
    with client_over_network(org_db.url) as (client, proxy):
        yield client, proxy


def _names(db: Database) -> list[str]:
    return [a.name for a in areas.list_areas(db)]


def test_a_write_cut_off_half_way_saves_nothing_and_the_next_one_reconnects(org_db, over_network):
    client, proxy = over_network
    areas.create_area(client, name="Kontor")
    refused = pytest.raises(ConnectionLostError, match="Mistet forbindelsen til databasen")
    with refused, client.write() as s:
        s.add(SafetyArea(name="Lager"))
        s.flush()  # the first half is on the server, in the open transaction
        proxy.cut()
        s.add(SafetyArea(name="Verksted"))
        s.flush()
    assert "er ikke lagret" in str(refused.excinfo.value)
    assert _names(org_db) == ["Kontor"]  # seen by another connection: nothing half-written

    # While the network is away, every action says so, in Norwegian.
    with pytest.raises(ConnectionLostError, match="Får ikke kontakt med databasen"):
        areas.create_area(client, name="Lager")
    with pytest.raises(ConnectionLostError, match="Får ikke kontakt med databasen"):
        areas.list_areas(client)

    proxy.restore()
    areas.create_area(client, name="Lager")  # the same client, connected again
    assert _names(org_db) == ["Kontor", "Lager"]
    assert _names(client) == ["Kontor", "Lager"]


def test_a_connection_lost_while_committing_says_the_save_is_uncertain(org_db, over_network):
    client, proxy = over_network

    def network_drops(_session) -> None:
        proxy.cut()

    event.listen(client._write_factory, "before_commit", network_drops)
    try:
        with pytest.raises(ConnectionLostError) as refused:
            areas.create_area(client, name="Lager")
    finally:
        event.remove(client._write_factory, "before_commit", network_drops)
    assert "vet ikke om den kom med" in str(refused.value)
    assert "Se etter om den er der før du prøver igjen" in str(refused.value)
    assert _names(org_db) == []  # here the COMMIT never reached the server
    proxy.restore()
    areas.create_area(client, name="Lager")
    assert _names(org_db) == ["Lager"]

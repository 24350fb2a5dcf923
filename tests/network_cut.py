"""A client that reaches the test's PostgreSQL database through the delaying proxy of
tests/perf, so that a test can cut the network in the middle of a session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from tests.perf.latency_proxy import Delay, ProxyThread
from vernelogg.store.database import Database


@contextmanager
def client_over_network(url: str) -> Iterator[tuple[Database, ProxyThread]]:
    """Another client of the database at `url`, its every connection through a proxy
    (1 ms each way) that `cut()` and `restore()` take away and give back."""
    address = make_url(url)
    host = address.query.get("host") or address.host or "127.0.0.1"
    port = int(address.query.get("port") or address.port or 5432)
    with ProxyThread(host, port, Delay(0.001, 0.001)) as proxy:
        query = {k: v for k, v in address.query.items() if k not in ("host", "port")}
        proxied = address.set(host="127.0.0.1", port=proxy.port, query=query)
        client = Database.open(proxied.render_as_string(hide_password=False))
        try:
            yield client, proxy
        finally:
            client.close()

"""Opening a database by URL (a shared server): clear one-line errors, no password shown."""

from __future__ import annotations

import socket

import pytest

from vernelogg.store.database import Database, describe_url
from vernelogg.store.errors import StoreError


def closed_local_port() -> int:
    """A port on this machine that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_describe_url_hides_the_password():
    assert (
        describe_url("postgresql+psycopg://vo:hemmelig@db.internal:5432/vernelogg")
        == "postgresql+psycopg://vo:***@db.internal:5432/vernelogg"
    )
    assert describe_url("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"


def test_unreachable_server_gives_one_clear_sentence_without_the_password():
    pytest.importorskip("psycopg", reason="the PostgreSQL driver is installed with .[package]")
    port = closed_local_port()
    url = f"postgresql+psycopg://vo:hemmelig@127.0.0.1:{port}/vernelogg"
    with pytest.raises(StoreError) as caught:
        Database.open(url)
    message = str(caught.value)
    assert message.startswith("Får ikke kontakt med databasen «postgresql+psycopg://vo:***@")
    assert "hemmelig" not in message
    assert "\n" not in message


def test_missing_driver_and_bad_urls_are_named():
    with pytest.raises(StoreError) as caught:
        Database.open("mysql://vo:hemmelig@db.internal/vernelogg")
    assert "mangler databasedriveren «MySQLdb»" in str(caught.value)
    assert "hemmelig" not in str(caught.value)
    with pytest.raises(StoreError, match="Ugyldig databaseadresse"):
        Database.open("postgresql+nosuchdriver://vo@db.internal/vernelogg")

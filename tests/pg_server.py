"""A PostgreSQL server for tests that need one next to SQLite (copying between the two).

VERNELOGG_TEST_POSTGRES names a running server; otherwise, where PostgreSQL's binaries
are installed (and the tests do not run as root, which initdb refuses), a throw-away
cluster is started in a temporary folder. Without either, the test is skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BIN_DIRS = [Path("/usr/lib/postgresql") / v / "bin" for v in ("17", "16", "15", "14")]


def _binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    return next((d for d in BIN_DIRS if (d / "initdb").exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server(folder: Path) -> Iterator[str]:
    """The URL of a server: VERNELOGG_TEST_POSTGRES, or a cluster of our own in `folder`."""
    url = os.environ.get("VERNELOGG_TEST_POSTGRES")
    if url:
        yield url
        return
    bin_dir = _binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL er ikke installert (initdb mangler)")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("initdb kan ikke kjøres som root; sett VERNELOGG_TEST_POSTGRES")
    data, port = folder / "data", _free_port()
    subprocess.run(
        [bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off"
    subprocess.run(
        [bin_dir / "pg_ctl", "-D", data, "-o", options, "-l", folder / "log", "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(
            [bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "stop"], capture_output=True
        )


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new, empty database on the server; dropped afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"vl_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()

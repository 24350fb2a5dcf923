"""Shared fixtures: a fresh SQLite database per test, offscreen Qt."""

from __future__ import annotations

import os
from datetime import date, time

import pytest

# Every test runs on the same day at the same time, whatever the real date: the app's one
# clock (vernelogg.clock) is frozen for each test, and VERNELOGG_NOW freezes it in the
# commands and apps that tests start in another process.
TODAY = date(2026, 11, 22)
NOON = time(12, 0)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VERNELOGG_DATA_DIR", "/tmp/vernelogg-test-data-should-not-be-used")
os.environ["VERNELOGG_NOW"] = f"{TODAY.isoformat()}T{NOON.isoformat(timespec='minutes')}"

from vernelogg import clock  # noqa: E402
from vernelogg.store.database import Database  # noqa: E402


@pytest.fixture(autouse=True)
def frozen_clock():
    """The clock every test runs on: TODAY at noon, Oslo time. `advance()` moves it."""
    with clock.using(clock.frozen_at(TODAY, NOON)) as frozen:
        yield frozen


@pytest.fixture(scope="session", autouse=True)
def _own_qt_settings(tmp_path_factory):
    """What the app keeps in the user's Qt settings (the last save folder) goes to a
    folder of the test run, never to the settings of whoever runs the tests."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qt-settings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    return folder


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "vernelogg.sqlite"


# Set VERNELOGG_TEST_POSTGRES to a server URL (e.g.
# "postgresql+psycopg://postgres@/?host=/tmp/pg&port=5433") to run every test that uses
# the `db` fixture on a fresh PostgreSQL database instead of an SQLite file.
POSTGRES = os.environ.get("VERNELOGG_TEST_POSTGRES")


@pytest.fixture
def db(db_path):
    if POSTGRES:
        yield from _postgres_db()
        return
    database = Database.open(f"sqlite:///{db_path}")
    yield database
    database.close()


def _postgres_db():
    import uuid

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"vl_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    database = Database.open(url)
    try:
        yield database
    finally:
        database.close()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}"')
        admin.dispose()


@pytest.fixture
def org_db(db):
    from vernelogg.services.organisation import save_organisation

    save_organisation(
        db, name="Testbedrift AS", org_number="923609016", employees=40, branch="Annet"
    )
    return db


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo undertaking as of TODAY, built once; each test gets its own copy."""
    from vernelogg.demo import fill_demo

    path = tmp_path_factory.mktemp("demo") / "demo-template.sqlite"
    database = Database.open(f"sqlite:///{path}")
    fill_demo(database, seed=7, today=TODAY)
    database.close()
    return path


@pytest.fixture
def demo_file(demo_template, tmp_path):
    """A demo database file of the test's own, for commands run in a subprocess."""
    path = tmp_path / "demo.sqlite"
    source = Database.open(f"sqlite:///{demo_template}")
    source.backup_to(path)
    source.close()
    return path


@pytest.fixture
def demo_db(request, db_path):
    if POSTGRES:
        from vernelogg.demo import fill_demo

        database = request.getfixturevalue("db")
        fill_demo(database, seed=7, today=TODAY)
        yield database
        return
    template = request.getfixturevalue("demo_template")
    source = Database.open(f"sqlite:///{template}")
    source.backup_to(db_path)
    source.close()
    database = Database.open(f"sqlite:///{db_path}")
    yield database
    database.close()


@pytest.fixture
def ctx(qapp, org_db):
    from vernelogg.ui.app import create_application
    from vernelogg.ui.context import AppContext

    create_application()
    return AppContext(org_db)


@pytest.fixture
def demo_ctx(qapp, demo_db):
    from vernelogg.ui.app import create_application
    from vernelogg.ui.context import AppContext

    create_application()
    return AppContext(demo_db)

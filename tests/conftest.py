"""Shared fixtures: a fresh SQLite database per test, offscreen Qt."""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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
# Every test runs in bokmål, the source language, whatever the machine's locale, unless it
# asks for another language (i18n.using, or --lang in a command it starts).
os.environ["VERNELOGG_LANG"] = "nb"

from sqlalchemy.engine import make_url  # noqa: E402

from vernelogg import clock, i18n  # noqa: E402
from vernelogg.store.database import Database  # noqa: E402


@pytest.fixture(autouse=True)
def frozen_clock():
    """The clock every test runs on: TODAY at noon, Oslo time. `advance()` moves it."""
    with clock.using(clock.frozen_at(TODAY, NOON)) as frozen:
        yield frozen


@pytest.fixture(autouse=True)
def bokmal():
    """The process language is bokmål in every test, and back to it after one that
    changed it (a command run in the test with --lang sets it, and VERNELOGG_LANG, and
    the documents' language for the run)."""
    os.environ[i18n.LANG_ENV] = "nb"
    i18n.set_language("nb")
    i18n.set_documents_language(None)
    yield
    os.environ[i18n.LANG_ENV] = "nb"
    i18n.set_language("nb")
    i18n.set_documents_language(None)


@pytest.fixture(autouse=True)
def _gc_on_gui_thread(request):
    """As in the app (ui/common/garbage.py): widgets are never collected on a worker."""
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from vernelogg.ui.common.garbage import collect_on_gui_thread

        collect_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    if not gc.isenabled():  # tests without an event loop still collect, between tests
        from vernelogg.ui.common.garbage import collect_if_due

        collect_if_due()


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
# "postgresql+psycopg://postgres@/?host=/tmp/pg&port=5433") to run every test that touches
# the database (the `db`, `org_db`, `demo_db` fixtures) on a fresh PostgreSQL database of
# its own instead of an SQLite file; the other tests are left out of that run, and tests
# about SQLite itself are marked `sqlite_only`. `make test` runs both when it is set.
POSTGRES = os.environ.get("VERNELOGG_TEST_POSTGRES")
DB_FIXTURES = {"db", "org_db", "demo_db", "empty_db_url"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: about SQLite itself (files, backups, locking); not on PostgreSQL"
    )


def pytest_collection_modifyitems(config, items):
    if not POSTGRES:
        return
    keep, drop = [], []
    for item in items:
        touches_db = DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        if touches_db and item.get_closest_marker("sqlite_only") is None:
            keep.append(item)
        else:
            drop.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def db(request, db_path):
    if POSTGRES:
        with postgres_database(request.getfixturevalue("postgres_schema_template")) as url:
            database = Database.open(url)
            yield database
            finish_worker_reads()
            database.close()
        return
    database = Database.open(f"sqlite:///{db_path}")
    yield database
    finish_worker_reads()
    database.close()


@pytest.fixture
def empty_db_url(db_path):
    """The address of an empty database, no schema yet, on the backend under test."""
    if POSTGRES:
        with postgres_database() as url:
            yield url
        return
    yield f"sqlite:///{db_path}"


def finish_worker_reads() -> None:
    """Pages read on worker threads: a read a test left running ends before its database
    is dropped (on PostgreSQL the drop would cut it off, and it would fail in the event
    loop) or its file is closed."""
    import sys

    if "PySide6.QtCore" in sys.modules:
        from vernelogg.ui.common.worker import wait_for_tasks

        wait_for_tasks(30_000)


@contextmanager
def postgres_database(template: str | None = None) -> Iterator[str]:
    """A fresh database on the test server (a copy of `template` if given), dropped after
    the test even if a connection is still open; yields its URL."""
    from sqlalchemy import create_engine

    assert POSTGRES
    name = f"vl_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        finish_worker_reads()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
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
    finish_worker_reads()
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


@pytest.fixture(scope="session")
def postgres_schema_template():
    """On PostgreSQL, the migrated empty schema, built once; each `db` is a copy of it."""
    with postgres_database() as url:
        Database.open(url).close()
        yield make_url(url).database


@pytest.fixture(scope="session")
def postgres_demo_template(postgres_schema_template):
    """On PostgreSQL, the demo built once in a template database; tests get copies."""
    from vernelogg.demo import fill_demo

    with postgres_database(postgres_schema_template) as url:
        database = Database.open(url)
        fill_demo(database, seed=7, today=TODAY)
        finish_worker_reads()
        database.close()
        yield make_url(url).database


@pytest.fixture
def demo_db(request, db_path):
    if POSTGRES:
        template = request.getfixturevalue("postgres_demo_template")
        with postgres_database(template) as url:
            database = Database.open(url)
            yield database
            finish_worker_reads()
            database.close()
        return
    template = request.getfixturevalue("demo_template")
    source = Database.open(f"sqlite:///{template}")
    source.backup_to(db_path)
    source.close()
    database = Database.open(f"sqlite:///{db_path}")
    yield database
    finish_worker_reads()
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

"""Shared fixtures: a fresh SQLite database per test, offscreen Qt."""

from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VERNELOGG_DATA_DIR", "/tmp/vernelogg-test-data-should-not-be-used")

from vernelogg.store.database import Database  # noqa: E402

TODAY = date(2026, 11, 22)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "vernelogg.sqlite"


@pytest.fixture
def db(db_path):
    database = Database.open(f"sqlite:///{db_path}")
    yield database
    database.close()


@pytest.fixture
def org_db(db):
    from vernelogg.services.organisation import save_organisation

    save_organisation(
        db, name="Testbedrift AS", org_number="923609016", employees=40, branch="Annet"
    )
    return db


@pytest.fixture
def demo_db(db):
    from vernelogg.demo import fill_demo

    fill_demo(db, seed=7, today=TODAY)
    return db


@pytest.fixture
def ctx(qapp, org_db):
    from vernelogg.ui.app import create_application
    from vernelogg.ui.context import AppContext

    create_application()
    return AppContext(org_db, today=lambda: TODAY)


@pytest.fixture
def demo_ctx(qapp, demo_db):
    from vernelogg.ui.app import create_application
    from vernelogg.ui.context import AppContext

    create_application()
    return AppContext(demo_db, today=lambda: TODAY)

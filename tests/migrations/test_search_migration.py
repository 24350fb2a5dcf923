"""Migration 0016_search builds the search index and fills it from the records already
there; downgrading takes it away again."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import inspect

from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import areas, people
from vernelogg.services import deviations as dev
from vernelogg.services.search import search
from vernelogg.store.database import Database
from vernelogg.store.migrations.runner import alembic_config, schema_state


def _down_to(engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_upgrade_fills_the_index_from_existing_records(org_db):
    area = areas.create_area(org_db, name="Sveisehall")
    people.create_person(org_db, name="Ingrid Fjellstad", title="Sveiser")
    ref = dev.register_deviation(
        org_db,
        area_id=area.id,
        description="Avtrekket over sveisebordet virker ikke",
        occurred_at=datetime(2026, 10, 1, 7, 30, tzinfo=OSLO),
        kind=DeviationKind.DANGEROUS_CONDITION,
        severity=Severity.HIGH,
        reporter_name=None,
    )
    url = org_db.url
    _down_to(org_db.engine, "0015_rights")
    assert "search_entry" not in inspect(org_db.engine).get_table_names()
    org_db.close()

    # upgrades, as when an older database is opened (on a server: after its pg_dump)
    db = Database.open(url, backup_confirmed=True)
    try:
        assert schema_state(db.engine).up_to_date
        assert [h.number for h in search(db, "avtrekk sveise")] == [ref.number]
        assert [h.title for h in search(db, "fjellstad")] == ["Ingrid Fjellstad (Sveiser)"]
    finally:
        db.close()

"""0002_deviations on a database with avvik and tiltak from before: search text filled."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text

from vernelogg import clock
from vernelogg.services.query import ListQuery
from vernelogg.store.database import Database
from vernelogg.store.migrations.runner import upgrade


def test_existing_rows_become_searchable(tmp_path):
    path = tmp_path / "gammel.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0001_foundation")
    area, deviation, action = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4().hex
    now = clock.now().replace(tzinfo=None)
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO safety_area (id, name, kind, description, chemical_biological, "
                "complex_conditions, created_at, updated_at) "
                "VALUES (:id, 'Lager', 'unit', '', 0, 0, :now, :now)"
            ),
            {"id": area, "now": now},
        )
        c.execute(
            text(
                "INSERT INTO deviation (id, number, year, seq, area_id, occurred_at, "
                "reported_at, reporter_name, kind, severity, description, immediate_action, "
                "cause, status, confidential, closing_note, created_at, updated_at) VALUES "
                "(:id, 'AV-2026-0001', 2026, 1, :area, :now, :now, 'Åse', 'near_miss', 'low',"
                " 'ØDELAGT stige i Lagerhall', '', '', 'registered', 0, '', :now, :now)"
            ),
            {"id": deviation, "area": area, "now": now},
        )
        c.execute(
            text(
                "INSERT INTO action (id, title, description, status, source_kind, "
                "source_label, created_at, updated_at) VALUES "
                "(:id, 'Kjøp NY stige', '', 'open', 'deviation', 'AV-2026-0001', :now, :now)"
            ),
            {"id": action, "now": now},
        )
    engine.dispose()
    db = Database.open(f"sqlite:///{path}")
    try:
        from vernelogg.services.action_plan import ActionPlan
        from vernelogg.services.deviations import DeviationList

        rows = DeviationList(db).fetch(ListQuery(search="ødelagt åse"), 0, 5)
        assert [r.number for r in rows] == ["AV-2026-0001"]
        assert [r.title for r in ActionPlan(db).fetch(ListQuery(search="ny stige"), 0, 5)] == [
            "Kjøp NY stige"
        ]
    finally:
        db.close()

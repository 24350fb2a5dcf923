"""0010_everyday on a database with risk assessments from before: each gets an RV number,
oldest first per year, and the next one made in the app follows on."""

from __future__ import annotations

import json
import uuid
from datetime import date

from sqlalchemy import create_engine, text

from vernelogg import clock
from vernelogg.domain.risk import AssessmentKind
from vernelogg.domain.risk_matrix import default_matrix
from vernelogg.services import risk
from vernelogg.store.database import Database
from vernelogg.store.migrations.runner import upgrade


def test_existing_assessments_get_numbers(tmp_path):
    path = tmp_path / "gammel.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0008_bench")
    area, matrix = uuid.uuid4().hex, uuid.uuid4().hex
    now = clock.now().replace(tzinfo=None)
    ids = {}
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
                "INSERT INTO risk_matrix_version (id, number, matrix_json, note, created_at, "
                "created_by) VALUES (:id, 1, :json, '', :now, '')"
            ),
            {"id": matrix, "json": json.dumps(default_matrix().to_dict()), "now": now},
        )
        for title, day in (
            ("Truck", "2026-03-01"),
            ("Støy", "2025-06-01"),
            ("Stige", "2026-01-15"),
        ):
            ids[title] = uuid.uuid4().hex
            c.execute(
                text(
                    "INSERT INTO risk_assessment (id, title, area_id, kind, description, "
                    "assessed_on, participants, vo_participated, review_note, status, "
                    "approved_by, matrix_version_id, created_at, updated_at) VALUES "
                    "(:id, :title, :area, 'activity', '', :day, '', 0, '', 'draft', '', "
                    ":matrix, :now, :now)"
                ),
                {
                    "id": ids[title],
                    "title": title,
                    "area": area,
                    "day": day,
                    "matrix": matrix,
                    "now": now,
                },
            )
        # A hazard points to the table, as in every real database.
        c.execute(
            text(
                "INSERT INTO risk_hazard (id, assessment_id, position, description, category, "
                "probability, consequence, existing_measures, residual_probability, "
                "residual_consequence, created_at, updated_at) VALUES "
                "(:id, :assessment, 1, 'Klemfare', 'mechanical', 3, 3, '', 2, 2, :now, :now)"
            ),
            {"id": uuid.uuid4().hex, "assessment": ids["Truck"], "now": now},
        )
    engine.dispose()
    db = Database.open(f"sqlite:///{path}")
    try:
        numbers = {r.title: r.number for r in risk.list_assessments(db)}
        assert numbers == {
            "Støy": "RV-2025-0001",
            "Stige": "RV-2026-0001",
            "Truck": "RV-2026-0002",
        }
        new = risk.create_assessment(
            db,
            title="Kjemikalier",
            area_id=str(uuid.UUID(area)),
            kind=AssessmentKind.ACTIVITY,
            assessed_on=date(2026, 11, 1),
        )
        assert new.number == "RV-2026-0003"
    finally:
        db.close()

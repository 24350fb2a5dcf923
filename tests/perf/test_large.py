"""The large-data generator the benchmarks use: realistic, consistent, numbered right."""

from __future__ import annotations

from datetime import date, datetime

from vernelogg.demo.large import bulk_deviations
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.domain.formatting import OSLO
from vernelogg.services import deviations as dev
from vernelogg.services.action_plan import ActionPlan
from vernelogg.services.query import ListQuery

TODAY = date(2026, 11, 22)


def test_bulk_deviations_are_listable_searchable_and_numbering_continues(db):
    written = bulk_deviations(db, 1500, seed=3, today=TODAY)
    assert written == 1500
    source = dev.DeviationList(db, TODAY)
    assert source.count(ListQuery()) == 1500
    years = dev.deviation_years(db)
    assert years == sorted(years, reverse=True) and len(years) in (3, 4)
    # Numbers are unique and run without gaps per year.
    numbers = [r.number for r in source.all_rows(ListQuery(sort="number"))]
    assert len(set(numbers)) == 1500
    for year in years:
        in_year = [n for n in numbers if n.startswith(f"AV-{year}-")]
        assert in_year == [f"AV-{year}-{i:04d}" for i in range(1, len(in_year) + 1)]
    # Every status is there; old ones mostly closed.
    for status in DeviationStatus:
        assert source.count(ListQuery(filters={"status": status.value})) > 0
    # Search works on the generated text, in lower case, with Norwegian letters.
    hits = source.fetch(ListQuery(search="KJØLEROMMET"), 0, 5)
    assert hits and all("kjølerommet" in dev.get_deviation(db, h.id).description for h in hits)
    # Actions hang off their avvik and show in the plan.
    assert ActionPlan(db, TODAY).count(ListQuery(filters={"status": "all"})) > 0
    # The next registered avvik takes the next free number of its year.
    last = max(int(n.rsplit("-", 1)[1]) for n in numbers if n.startswith("AV-2026-"))
    (area,) = {r.area_id for r in source.fetch(ListQuery(), 0, 1)}
    ref = dev.register_deviation(
        db,
        area_id=area,
        description="Ny",
        occurred_at=datetime(2026, 6, 1, 12, tzinfo=OSLO),
        kind="near_miss",
        severity="low",
        reporter_name=None,
    )
    assert ref.number == f"AV-2026-{last + 1:04d}"

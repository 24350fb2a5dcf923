"""The demo avvik look like two years of real follow-up."""

from __future__ import annotations

from tests.conftest import TODAY
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.services import deviations as dev
from vernelogg.services.action_plan import ActionPlan, overdue_count
from vernelogg.services.deviations.summary import deviation_summary
from vernelogg.services.query import ListQuery


def test_demo_has_avvik_in_every_status_area_and_some_confidential(demo_db):
    source = dev.DeviationList(demo_db, TODAY)
    total = source.count(ListQuery())
    assert 120 <= total <= 180
    for status in DeviationStatus:
        assert source.count(ListQuery(filters={"status": status.value})) > 0
    assert source.count(ListQuery(filters={"confidential": True})) > 0
    areas = {r.area_name for r in source.all_rows(ListQuery())}
    assert len(areas) == 8
    years = dev.deviation_years(demo_db)
    assert years[0] == TODAY.year and len(years) >= 2
    # Timelines run forward in time, every line with who did it.
    for row in source.fetch(ListQuery(filters={"status": "closed"}), 0, 20):
        timeline = dev.get_deviation(demo_db, row.id).timeline
        assert [e.at for e in timeline] == sorted(e.at for e in timeline)
        assert timeline[0].label == "Registrert" and all(e.by for e in timeline)
        assert timeline[-1].headline == "Status: Tiltak iverksatt → Lukket"


def test_demo_serious_injury_was_notified_and_actions_are_overdue(demo_db):
    source = dev.DeviationList(demo_db, TODAY)
    (serious,) = source.fetch(
        ListQuery(filters={"kind": "personal_injury", "severity": "serious"}), 0, 5
    )
    detail = dev.get_deviation(demo_db, serious.id)
    assert detail.requires_notification and detail.notification_missing == []
    assert [e.label for e in detail.timeline].count("Varsling etter § 5-2") == 2
    assert any(a.is_overdue(TODAY) for a in detail.actions)
    plan = ActionPlan(demo_db, TODAY)
    assert overdue_count(demo_db, TODAY) >= 5
    assert plan.count(ListQuery(filters={"status": "done"})) > 50
    summary = deviation_summary(demo_db, TODAY)
    assert summary.notification_missing == [] and summary.overdue_actions >= 5


def test_demo_tiltak_under_way_carry_the_timeline_line_real_use_writes(demo_db):
    """Every tiltak of an avvik that is in progress has ««title»: pågår» in the avvik's
    timeline, as `services.actions` writes it when a user sets the status."""
    from sqlalchemy import select

    from vernelogg.store.models import Action, DeviationEvent

    with demo_db.read() as s:
        started = s.execute(
            select(Action.title, Action.source_id).where(
                Action.source_kind == "deviation", Action.status == "in_progress"
            )
        ).all()
        lines = {
            (e.deviation_id, e.text)
            for e in s.scalars(select(DeviationEvent).where(DeviationEvent.kind == "action"))
        }
    assert started
    for title, deviation_id in started:
        assert (deviation_id, f"«{title}»: pågår") in lines, title

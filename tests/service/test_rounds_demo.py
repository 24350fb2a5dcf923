"""The demo's rounds: two years per area with the branch's checklist, and follow-up."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from tests.conftest import TODAY
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.rounds import RoundStatus
from vernelogg.services import actions, rounds


def test_demo_has_rounds_in_every_state_with_the_branch_checklists(demo_db):
    all_rounds = rounds.list_rounds(demo_db)
    by_area = {}
    for r in all_rounds:
        by_area.setdefault(r.area_name, set()).add(r.checklist_name)
    assert by_area["Administrasjon"] == {"Kontor – Fjordheim"}  # the user's own copy
    assert by_area["Verksted"] == {"Industri og verksted"}
    assert by_area["Fjordheim bedriftsbarnehage"] == {"Barnehage"}
    assert by_area["Byggeprosjekt Sjøkanten"] == {"Bygg og anlegg"}
    assert by_area["Renhold og kantine"] == {"Renhold"}
    assert len(by_area) == 8

    statuses = Counter(r.status for r in all_rounds)
    assert statuses[RoundStatus.IN_PROGRESS] == 1
    assert statuses[RoundStatus.CLOSED] > 40
    assert any(r.planned_date > TODAY for r in all_rounds)
    (overdue,) = [r for r in all_rounds if r.is_overdue(TODAY)]
    assert overdue.area_name == "Kveldsskift produksjon"
    closed = [r for r in all_rounds if r.status is RoundStatus.CLOSED]
    assert min(r.held_on for r in closed) <= TODAY - timedelta(days=700)
    assert all(r.counts.is_complete and r.signed_delegate and r.signed_leader for r in closed)
    assert sum(r.counts.findings for r in closed) >= len(closed)


def test_demo_findings_became_tiltak_and_avvik_with_links_back(demo_db):
    closed = [r for r in rounds.list_rounds(demo_db) if r.status is RoundStatus.CLOSED]
    linked_actions = linked_deviations = photos = 0
    for r in closed[:20]:
        detail = rounds.get_round_detail(demo_db, r.id)
        from_round = {a.id for a in actions.actions_for_source(demo_db, ActionSource.ROUND, r.id)}
        for item in detail.findings:
            photos += len(item.photos)
            if item.action:
                assert item.action.id in from_round
                linked_actions += 1
            if item.deviation:
                assert item.deviation.label.startswith("AV-")
                linked_deviations += 1
    assert linked_actions >= 10 and linked_deviations >= 2 and photos >= 1
    template = next(t for t in rounds.list_templates(demo_db) if t.name == "Kontor – Fjordheim")
    assert template.item_count == 32 and not template.builtin

"""The demo is dated as a real year: tiltak decided when their source was handled, avvik
registered near their event, minutes approved by people who were at the meeting."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy import select

from tests.conftest import TODAY
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.amu import Presence
from vernelogg.services import amu
from vernelogg.store.models import Action, Deviation
from vernelogg.store.models.risk import RiskAssessment
from vernelogg.store.models.rounds import SafetyRound
from vernelogg.store.models.stoppage import WorkStoppage


def _utc(value):
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def test_tiltak_are_dated_when_their_source_was_handled(demo_db):
    with demo_db.read() as s:
        checked = 0
        for a in s.scalars(select(Action).where(Action.source_id.is_not(None))):
            created = _utc(a.created_at)
            if a.source_kind == ActionSource.ROUND.value:
                r = s.get(SafetyRound, a.source_id)
                day = r.closed_on or r.held_on or r.planned_date
                assert created.date() == day, a.title
            elif a.source_kind == ActionSource.RISK.value:
                assert created.date() == s.get(RiskAssessment, a.source_id).assessed_on
            elif a.source_kind == ActionSource.STOPPAGE.value:
                stopped = _utc(s.get(WorkStoppage, a.source_id).stopped_at)
                assert timedelta(0) <= created - stopped <= timedelta(days=1)
            else:
                continue
            checked += 1
        assert checked > 50
        by_month = {_utc(a.created_at).strftime("%Y-%m") for a in s.scalars(select(Action))}
        assert len(by_month) > 12  # spread over the two years, not all on the day of loading


def test_avvik_are_registered_near_their_event(demo_db):
    with demo_db.read() as s:
        for d in s.scalars(select(Deviation)):
            reported, occurred = _utc(d.reported_at), _utc(d.occurred_at)
            assert timedelta(0) <= reported - occurred <= timedelta(days=3), d.number
            assert _utc(d.created_at) - reported <= timedelta(hours=1), d.number
            assert reported.date() <= TODAY


def test_minutes_are_approved_by_people_who_were_there(demo_db):
    approved = [m for m in amu.list_meetings(demo_db) if m.approved_on]
    assert approved
    for m in approved:
        present = {
            a.name for a in amu.list_attendance(demo_db, m.id) if a.presence is Presence.PRESENT
        }
        info = amu.get_meeting(demo_db, m.id)
        assert info.chair_name in present and info.secretary_name in present, m.title

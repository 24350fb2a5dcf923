"""The last demo step: every record dated as a real year would have it. Services stamp a
record with the moment it is written; a demo written in one go back-dates them here.

- A tiltak from a round, a risk assessment or a stop was decided when its source was
  handled: the round's day, the assessment's day, the stop's moment.
- A tiltak from an avvik, written with its story, was decided the day after the report.
- An avvik was registered when it was reported, near its event.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from vernelogg.demo.context import DemoContext
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.rounds import RoundStatus
from vernelogg.services.timeline import EventKind
from vernelogg.store.models import Action, Deviation, DeviationEvent
from vernelogg.store.models.risk import RiskAssessment
from vernelogg.store.models.rounds import SafetyRound
from vernelogg.store.models.stoppage import WorkStoppage

# An avvik reported later than this after its event was written by a later demo step.
LATE = timedelta(days=3)


def date_as_lived(ctx: DemoContext) -> None:
    with ctx.db.write() as s:
        for action in s.scalars(select(Action).where(Action.source_id.is_not(None))):
            decided = _decided(s, ctx, action)
            if decided is not None:
                action.created_at = decided
        for d in s.scalars(select(Deviation)):
            if _utc(d.reported_at) - _utc(d.occurred_at) > LATE:
                # Written with a stop or a round long after: reported the same day instead.
                d.reported_at = _utc(d.occurred_at) + timedelta(hours=2)
                for event in s.scalars(
                    select(DeviationEvent).where(
                        DeviationEvent.deviation_id == d.id,
                        DeviationEvent.kind == EventKind.REGISTERED,
                    )
                ):
                    event.at = d.reported_at
            if _utc(d.created_at) - _utc(d.reported_at) > timedelta(hours=1):
                d.created_at = d.reported_at


def _decided(s, ctx: DemoContext, action: Action) -> datetime | None:
    kind = action.source_kind
    if kind == ActionSource.ROUND.value:
        r = s.get(SafetyRound, action.source_id)
        if r is None:
            return None
        day = r.closed_on if r.status == RoundStatus.CLOSED.value and r.closed_on else None
        return ctx.moment(day or r.held_on or r.planned_date, 14)
    if kind == ActionSource.RISK.value:
        a = s.get(RiskAssessment, action.source_id)
        return ctx.moment(a.assessed_on, 15) if a is not None else None
    if kind == ActionSource.DEVIATION.value:
        d = s.get(Deviation, action.source_id)
        stamped_at_load = _utc(action.created_at).date() >= ctx.today
        if d is None or not stamped_at_load or _utc(d.reported_at).date() >= ctx.today:
            return None  # dated by its story already, or decided today
        return _utc(d.reported_at) + timedelta(days=1)
    if kind == ActionSource.STOPPAGE.value:
        w = s.get(WorkStoppage, action.source_id)
        return w.stopped_at + timedelta(hours=2) if w is not None else None
    return None


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive UTC datetimes, PostgreSQL aware ones."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

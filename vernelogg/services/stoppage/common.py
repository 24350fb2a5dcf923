"""Small pieces the stop-work services share: ids, times to the minute, lookups."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.stoppage import EventKind
from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.services.stoppage.info import EventInfo
from vernelogg.store.models import StoppageEvent, WorkStoppage

# Times typed a minute ahead of the clock are fine; the future is not.
CLOCK_SLACK = timedelta(minutes=5)


def minute(value: datetime) -> datetime:
    """Times are kept to the minute, as people read and type them."""
    return value.replace(second=0, microsecond=0)


def check_time(v: Validator, field: str, at: datetime | None, now: datetime | None) -> None:
    v.check(field, at is not None, _("Fyll inn tidspunkt."))
    if at is None:
        return
    v.check(field, at.tzinfo is not None, _("Tidspunktet mangler tidssone."))
    if at.tzinfo is not None:
        v.check(
            field,
            at <= (now or clock.now()) + CLOCK_SLACK,
            _("Tidspunktet kan ikke være fram i tid."),
        )


def get_row(s: Session, stoppage_id: str | uuid.UUID) -> WorkStoppage:
    stop = s.get(WorkStoppage, parse_id(stoppage_id, _("stansingen")))
    if stop is None:
        raise NotFoundError(_("Fant ikke stansingen."))
    return stop


def live_events(s: Session, stoppage_id: uuid.UUID) -> list[StoppageEvent]:
    return list(
        s.scalars(
            select(StoppageEvent)
            .where(StoppageEvent.stoppage_id == stoppage_id, StoppageEvent.archived_at.is_(None))
            .order_by(StoppageEvent.at, StoppageEvent.created_at)
        )
    )


def event_info(e: StoppageEvent) -> EventInfo:
    return EventInfo(
        id=str(e.id),
        kind=EventKind(e.kind),
        at=e.at,
        person=e.person,
        channel=e.channel,
        reference=e.reference,
        text=e.text,
    )

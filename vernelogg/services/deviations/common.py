"""What the avvik services share: ids, loading a row, writing a timeline line."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.services.errors import NotFoundError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.store.audit import current_user
from vernelogg.store.models import Deviation, DeviationEvent

# A laptop clock a little ahead of the database's should not refuse «nå».
CLOCK_SLACK = timedelta(minutes=5)
OWNER_KIND = "deviation"  # attachments and actions point at an avvik with this kind


class EventKind:
    REGISTERED = "registered"
    STATUS = "status"
    REOPENED = "reopened"
    COMMENT = "comment"
    CHANGED = "changed"
    NOTIFICATION = "notification"
    ACTION = "action"
    ATTACHMENT = "attachment"
    ARCHIVED = "archived"
    RESTORED = "restored"


def load(session: Session, deviation_id: str | uuid.UUID) -> Deviation:
    deviation = session.get(Deviation, parse_id(deviation_id, "avviket"))
    if deviation is None:
        raise NotFoundError("Fant ikke avviket.")
    return deviation


def record_event(
    session: Session,
    deviation: Deviation | uuid.UUID,
    kind: str,
    text: str = "",
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    by: str | None = None,
) -> DeviationEvent:
    """Add one line to the avvik's timeline, with who and when."""
    deviation_id = deviation.id if isinstance(deviation, Deviation) else deviation
    event = DeviationEvent(
        deviation_id=deviation_id,
        at=clock.now(),
        by=by or current_user(session),
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        text=text.strip(),
    )
    session.add(event)
    return event


def validate_moment(v: Validator, field: str, moment: datetime | None, label: str) -> None:
    """A moment must carry its time zone and not lie in the future."""
    if moment is None:
        return
    if moment.tzinfo is None:
        v.check(field, False, f"{label} mangler tidssone.")
        return
    v.check(field, moment <= clock.now() + CLOCK_SLACK, f"{label} kan ikke være fram i tid.")

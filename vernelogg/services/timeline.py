"""The avvik's timeline: one line per event, with who and when. Written by the avvik's
own services (services/deviations/) and by its tiltak (services/actions.py), so it lives
beside both: neither has to import the other to write it."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.store.audit import current_user
from vernelogg.store.models import Deviation, DeviationEvent


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

"""Helpers shared by the AMU service modules."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from vernelogg.domain.amu import MeetingStatus
from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError, ServiceError, ValidationError
from vernelogg.services.ids import optional_id
from vernelogg.store.models import AmuAgendaItem, AmuDecision, AmuMeeting

ITEM_OWNER_KIND = "amu_item"  # attachments of a case


class MinutesLockedError(ServiceError):
    """The minutes are approved: a change must be entered as a dated correction."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Protokollen er godkjent og låst. Endringer må føres som rettelse med begrunnelse."
            )
        )


def load_meeting(s: Session, meeting_id: str | uuid.UUID) -> AmuMeeting:
    meeting = s.get(AmuMeeting, optional_id(meeting_id))
    if meeting is None or meeting.archived_at is not None:
        raise NotFoundError(_("Fant ikke AMU-møtet."))
    return meeting


def load_item(s: Session, item_id: str | uuid.UUID) -> AmuAgendaItem:
    item = s.get(AmuAgendaItem, optional_id(item_id))
    if item is None or item.archived_at is not None:
        raise NotFoundError(_("Fant ikke saken."))
    return item


def load_decision(s: Session, decision_id: str | uuid.UUID) -> AmuDecision:
    decision = s.get(AmuDecision, optional_id(decision_id))
    if decision is None or decision.archived_at is not None:
        raise NotFoundError(_("Fant ikke vedtaket."))
    return decision


def is_locked(meeting: AmuMeeting) -> bool:
    return meeting.status == MeetingStatus.APPROVED.value


def check_editable(meeting: AmuMeeting, reason: str | None) -> bool:
    """Whether a change to this meeting must be recorded as a correction.

    An open meeting is edited freely. Approved minutes refuse a change without a reason
    (no silent edits); with a reason the change is made and recorded as a correction.
    """
    if not is_locked(meeting):
        return False
    if reason is None:
        raise MinutesLockedError()
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor den godkjente protokollen rettes.")})
    return True

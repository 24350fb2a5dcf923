"""Dated corrections to approved minutes: who, when, what changed (old → new) and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.services.amu._common import load_meeting
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database
from vernelogg.store.models import AmuCorrection, AmuMeeting


@dataclass(frozen=True)
class CorrectionInfo:
    id: str
    at: datetime
    by: str
    target: str
    old: str
    new: str
    reason: str


def record_correction(
    s: Session, meeting: AmuMeeting, target: str, old: str, new: str, reason: str
) -> None:
    s.add(
        AmuCorrection(
            meeting_id=meeting.id,
            at=clock.now(),
            by=current_user(s),
            target=target[:200],
            old=old or "",
            new=new or "",
            reason=reason.strip(),
        )
    )


def corrections_for(s: Session, meeting: AmuMeeting) -> list[CorrectionInfo]:
    rows = s.scalars(
        select(AmuCorrection)
        .where(AmuCorrection.meeting_id == meeting.id)
        .order_by(AmuCorrection.at, AmuCorrection.target)
    )
    return [CorrectionInfo(str(c.id), c.at, c.by, c.target, c.old, c.new, c.reason) for c in rows]


def list_corrections(db: Database, meeting_id: str) -> list[CorrectionInfo]:
    with db.read() as s:
        return corrections_for(s, load_meeting(s, meeting_id))

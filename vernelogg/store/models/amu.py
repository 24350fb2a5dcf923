"""Arbeidsmiljøutvalget: chair side per year, meetings, numbered cases, decisions,
attendance and dated corrections to approved minutes.

Committee membership itself is held as role assignments (RoleAssignment with the AMU
roles), so it has periods and history like every other role.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg import clock
from vernelogg.store.models.actions import Action
from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin, VersionMixin
from vernelogg.store.models.organisation import Person, SafetyArea
from vernelogg.store.types import UTCDateTime


class AmuChairYear(IdMixin, TimestampMixin, Base):
    """Which side (employer/employee) chairs the committee in a year."""

    __tablename__ = "amu_chair_year"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    side: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class AmuMeeting(IdMixin, VersionMixin, TimestampMixin, ArchiveMixin, Base):
    """One meeting: planned → held → minutes approved (then locked)."""

    __tablename__ = "amu_meeting"

    meeting_date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[str] = mapped_column(String(5), default="")
    end_time: Mapped[str] = mapped_column(String(5), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    chair_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    secretary_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    invitation_note: Mapped[str] = mapped_column(Text, default="")
    approved_on: Mapped[date | None] = mapped_column(Date, default=None)
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # The follow-up table as it stood when the minutes were approved (JSON).
    follow_up_snapshot: Mapped[str | None] = mapped_column(Text, default=None)

    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[Person | None] = relationship(foreign_keys=[secretary_id])


class AmuAgendaItem(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """A case (sak), numbered per year: Sak 12/2026. The number is never reused."""

    __tablename__ = "amu_agenda_item"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_amu_agenda_item_year_seq"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("amu_meeting.id"), index=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    standing_key: Mapped[str | None] = mapped_column(String(40), default=None)
    # What a standing item showed when it was pulled from the data (JSON).
    standing_snapshot: Mapped[str | None] = mapped_column(Text, default=None)
    presenter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    background: Mapped[str] = mapped_column(Text, default="")
    discussion: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[AmuMeeting] = relationship()
    presenter: Mapped[Person | None] = relationship()


class AmuDecision(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """A decision (vedtak) in a case; with an owner it becomes an action (tiltak)."""

    __tablename__ = "amu_decision"

    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("amu_agenda_item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    area_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("safety_area.id"), default=None)
    action_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("action.id"), default=None, index=True
    )

    item: Mapped[AmuAgendaItem] = relationship()
    owner: Mapped[Person | None] = relationship()
    area: Mapped[SafetyArea | None] = relationship()
    action: Mapped[Action | None] = relationship()


class AmuAttendance(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """Who was called to a meeting, in what capacity, and whether they came."""

    __tablename__ = "amu_attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id", name="uq_amu_attendance_meeting_person"),
    )

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("amu_meeting.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    capacity: Mapped[str] = mapped_column(String(30))
    presence: Mapped[str] = mapped_column(String(20), default="invited")
    stands_in_for_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id"), default=None
    )
    note: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    stands_in_for: Mapped[Person | None] = relationship(foreign_keys=[stands_in_for_id])


class AmuCorrection(IdMixin, Base):
    """A dated change to approved minutes: who, when, what, old → new, and why."""

    __tablename__ = "amu_correction"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("amu_meeting.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    by: Mapped[str] = mapped_column(String(200), default="")
    target: Mapped[str] = mapped_column(String(200))
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")

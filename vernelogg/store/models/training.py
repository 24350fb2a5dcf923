"""Opplæring and årshjul: training records per person, planned activities, completions."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg import clock
from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin
from vernelogg.store.models.organisation import Person, SafetyArea
from vernelogg.store.types import UTCDateTime


class TrainingRecord(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """A course a person booked, started or completed (OLM §§ 3-18 to 3-20, aml. § 3-5).

    The certificate (kursbevis) and the written agreement on a shorter course are
    attachments with owner kinds ``training_certificate`` and ``training_agreement``.
    """

    __tablename__ = "training_record"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # CourseKind value
    title: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    completed_date: Mapped[date | None] = mapped_column(Date, default=None)
    hours: Mapped[float | None] = mapped_column(Float, default=None)
    provider: Mapped[str] = mapped_column(String(200), default="")
    course_format: Mapped[str | None] = mapped_column(String(20), default=None)
    topics: Mapped[str] = mapped_column(String(20), default="")  # OLM § 3-18 letters, "abcf"
    topics_other: Mapped[str] = mapped_column(Text, default="")
    agreement_date: Mapped[date | None] = mapped_column(Date, default=None)
    agreement_note: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()


class PlannedActivity(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """Årshjul: a recurring (RRULE) or one-off activity, e.g. quarterly rounds per area."""

    __tablename__ = "planned_activity"

    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))  # ActivityKind value
    area_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("safety_area.id"), default=None, index=True
    )
    rrule: Mapped[str | None] = mapped_column(String(200), default=None)  # None = one-off
    start_date: Mapped[date] = mapped_column(Date)
    remind_days: Mapped[int] = mapped_column(Integer, default=7)
    note: Mapped[str] = mapped_column(Text, default="")

    area: Mapped[SafetyArea | None] = relationship()


class PlannedCompletion(IdMixin, ArchiveMixin, Base):
    """A planned date ticked as done (archived when the tick is taken back)."""

    __tablename__ = "planned_completion"
    __table_args__ = (
        UniqueConstraint("activity_id", "planned_date", name="uq_planned_completion_date"),
    )

    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("planned_activity.id"), index=True)
    planned_date: Mapped[date] = mapped_column(Date)
    done_date: Mapped[date] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

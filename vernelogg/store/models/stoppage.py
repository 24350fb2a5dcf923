"""Stansing av farlig arbeid (aml. § 6-3): the stop, its timeline and the avvik it led to."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg import clock
from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin, VersionMixin
from vernelogg.store.models.deviations import Deviation
from vernelogg.store.models.organisation import Person, SafetyArea
from vernelogg.store.types import UTCDateTime


class WorkStoppage(IdMixin, VersionMixin, TimestampMixin, ArchiveMixin, Base):
    """One stop of dangerous work, numbered ST-YYYY-NNNN per year.

    It is open until it has an outcome and a resume time. `resumed_at` mirrors the
    timeline's «Arbeidet gjenopptatt» event so open stops can be found in SQL.
    """

    __tablename__ = "work_stoppage"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_work_stoppage_year_seq"),
        Index("ix_work_stoppage_stopped", "stopped_at"),
    )

    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_area.id"), index=True)
    stopped_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    # The role that gave the right to stop, as it was that day ("Verneombud for Verksted").
    stopped_by_role: Mapped[str] = mapped_column(String(200), default="")
    stopped_at: Mapped[datetime] = mapped_column(UTCDateTime)
    work: Mapped[str] = mapped_column(String(300))
    danger: Mapped[str] = mapped_column(Text)
    why_not_averted: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(30), default=None)
    resumed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    authority_reference: Mapped[str] = mapped_column(String(100), default="")

    area: Mapped[SafetyArea] = relationship()
    stopped_by: Mapped[Person] = relationship()


class StoppageEvent(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """One event in a stop's timeline, each with its time."""

    __tablename__ = "work_stoppage_event"

    stoppage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("work_stoppage.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    person: Mapped[str] = mapped_column(String(200), default="")  # who was told / answered
    channel: Mapped[str] = mapped_column(String(100), default="")  # how
    reference: Mapped[str] = mapped_column(String(100), default="")  # Arbeidstilsynet's ref
    text: Mapped[str] = mapped_column(Text, default="")  # response, decision or note


class StoppageDeviation(IdMixin, Base):
    """An avvik that follows from a stop."""

    __tablename__ = "work_stoppage_deviation"
    __table_args__ = (
        UniqueConstraint("stoppage_id", "deviation_id", name="uq_work_stoppage_deviation_pair"),
    )

    stoppage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("work_stoppage.id"), index=True)
    deviation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deviation.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    deviation: Mapped[Deviation] = relationship()

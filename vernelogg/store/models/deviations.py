"""Avvik: deviations, numbered AV-YYYY-NNNN per year."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin
from vernelogg.store.models.organisation import Person, SafetyArea
from vernelogg.store.types import UTCDateTime


class Deviation(IdMixin, TimestampMixin, ArchiveMixin, Base):
    __tablename__ = "deviation"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_deviation_year_seq"),
        Index("ix_deviation_status", "status"),
        Index("ix_deviation_occurred", "occurred_at"),
    )

    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_area.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reporter_name: Mapped[str | None] = mapped_column(String(200), default=None)
    kind: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    immediate_action: Mapped[str] = mapped_column(Text, default="")
    cause: Mapped[str] = mapped_column(Text, default="")
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="registered")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    measures_effective: Mapped[bool | None] = mapped_column(Boolean, default=None)
    closing_note: Mapped[str] = mapped_column(Text, default="")

    area: Mapped[SafetyArea] = relationship()
    responsible: Mapped[Person | None] = relationship()

    @property
    def anonymous(self) -> bool:
        return not self.reporter_name

"""Avvik: deviations, numbered AV-YYYY-NNNN per year, and their timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg import clock
from vernelogg.domain.deviations import normalise_search
from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin, VersionMixin
from vernelogg.store.models.organisation import Person, SafetyArea
from vernelogg.store.types import UTCDateTime


class Deviation(IdMixin, VersionMixin, TimestampMixin, ArchiveMixin, Base):
    __tablename__ = "deviation"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_deviation_year_seq"),
        Index("ix_deviation_status", "status"),
        Index("ix_deviation_occurred", "occurred_at"),
        # The list: newest first within an area or a status, without sorting 100,000 rows.
        Index("ix_deviation_area_occurred", "area_id", "occurred_at"),
        Index("ix_deviation_status_occurred", "status", "occurred_at"),
        Index("ix_deviation_responsible", "responsible_id", "deadline"),
        # Open avvik, and those past their deadline (the overview): counted over the few
        # open ones in this index alone, not over every row with a deadline.
        Index("ix_deviation_status_deadline", "status", "archived_at", "deadline"),
        # Serious injuries without their § 5-2 notifications (the overview).
        Index("ix_deviation_kind_severity", "kind", "severity"),
        # Search as you type on SQLite: the LIKE runs over this index alone (a third of
        # the table's size) in list order, so neither the count nor the first page
        # reads the table. Not on PostgreSQL, where a b-tree cannot hold long texts (a
        # pg_trgm GIN index is the tool there).
        Index("ix_deviation_search", "archived_at", "occurred_at", "status", "search_text").ddl_if(
            dialect="sqlite"
        ),
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
    # Where it happened (room, machine, address), optional.
    location: Mapped[str] = mapped_column(String(200), default="")
    # aml. § 5-2: serious injuries are reported at once to Arbeidstilsynet and the
    # police, then confirmed in writing, and the VO gets a copy of the confirmation.
    # Each is a moment, or None when not (yet) done.
    authority_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    police_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    delegate_copy_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # The employer's written confirmation of the notice; the VO's copy is of this.
    written_confirmation_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    notification_note: Mapped[str] = mapped_column(Text, default="")
    # The texts above in lower case in one column, kept up to date on every write, so
    # a search is one LIKE on one column (also for Æ, Ø and Å, on SQLite and PostgreSQL).
    search_text: Mapped[str] = mapped_column(Text, default="")

    area: Mapped[SafetyArea] = relationship()
    responsible: Mapped[Person | None] = relationship()

    @property
    def anonymous(self) -> bool:
        return not self.reporter_name


def deviation_search_text(
    number: str,
    description: str,
    immediate_action: str = "",
    cause: str = "",
    location: str = "",
    reporter_name: str | None = None,
    closing_note: str = "",
) -> str:
    parts = [number, description, immediate_action, cause, location, reporter_name, closing_note]
    return normalise_search(" \n".join(p for p in parts if p))


@event.listens_for(Deviation, "before_insert")
@event.listens_for(Deviation, "before_update")
def _fill_search_text(_mapper, _connection, target: Deviation) -> None:
    target.search_text = deviation_search_text(
        target.number,
        target.description,
        target.immediate_action or "",
        target.cause or "",
        target.location or "",
        target.reporter_name,
        target.closing_note or "",
    )


class DeviationEvent(IdMixin, Base):
    """One line of an avvik's timeline: registered, a status change, a comment, a
    notification, an action added or done. Who and when are always kept."""

    __tablename__ = "deviation_event"
    __table_args__ = (Index("ix_deviation_event_deviation_at", "deviation_id", "at"),)

    deviation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deviation.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    by: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20), default=None)
    to_status: Mapped[str | None] = mapped_column(String(20), default=None)
    text: Mapped[str] = mapped_column(Text, default="")

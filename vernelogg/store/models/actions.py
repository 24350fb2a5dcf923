"""Tiltak: the action plan. An action hangs off a source record or stands alone."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, Uuid, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg.domain.deviations import normalise_search
from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin, VersionMixin
from vernelogg.store.models.organisation import Person, SafetyArea


class Action(IdMixin, VersionMixin, TimestampMixin, ArchiveMixin, Base):
    __tablename__ = "action"
    __table_args__ = (
        Index("ix_action_status_deadline", "status", "deadline"),
        Index("ix_action_source", "source_kind", "source_id"),
        Index("ix_action_deadline", "deadline"),
    )

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    area_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("safety_area.id"), default=None, index=True
    )
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id"), default=None, index=True
    )
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="open")
    done_date: Mapped[date | None] = mapped_column(Date, default=None)
    # Where the action came from: ActionSource value and the id of that record.
    source_kind: Mapped[str] = mapped_column(String(20), default="standalone")
    source_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    source_label: Mapped[str] = mapped_column(String(200), default="")
    # Title, description and source in lower case, kept up to date on every write.
    search_text: Mapped[str] = mapped_column(Text, default="")

    area: Mapped[SafetyArea | None] = relationship()
    owner: Mapped[Person | None] = relationship()


def action_search_text(title: str, description: str = "", source_label: str = "") -> str:
    return normalise_search(" \n".join(p for p in (title, description, source_label) if p))


@event.listens_for(Action, "before_insert")
@event.listens_for(Action, "before_update")
def _fill_search_text(_mapper, _connection, target: Action) -> None:
    target.search_text = action_search_text(
        target.title, target.description or "", target.source_label or ""
    )

"""Vernerunder: the user's own checklist templates, rounds, their points and addenda.

A round copies the text of every check point when it starts (`CheckItem`), so later
edits to a template never change a round that was run with it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin
from vernelogg.store.models.organisation import Person, SafetyArea
from vernelogg.store.types import UTCDateTime


class ChecklistTemplate(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """A checklist the user made, usually by copying a shipped one and editing it."""

    __tablename__ = "checklist_template"

    name: Mapped[str] = mapped_column(String(200))
    branch: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # The shipped template (key and version) or user template it was copied from.
    copied_from: Mapped[str] = mapped_column(String(200), default="")

    items: Mapped[list[ChecklistTemplateItem]] = relationship(
        back_populates="template", order_by="ChecklistTemplateItem.position"
    )


class ChecklistTemplateItem(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """One check point in a user template. Archived points are left out of new rounds."""

    __tablename__ = "checklist_template_item"
    __table_args__ = (Index("ix_checklist_template_item_order", "template_id", "position"),)

    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checklist_template.id"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(60))
    hazard_group: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    guidance: Mapped[str] = mapped_column(Text, default="")

    template: Mapped[ChecklistTemplate] = relationship(back_populates="items")


class SafetyRound(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """Vernerunde: planned for an area and date, conducted, closed and signed off."""

    __tablename__ = "safety_round"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_safety_round_year_seq"),
        Index("ix_safety_round_area_planned", "area_id", "planned_date"),
        Index("ix_safety_round_status", "status"),
    )

    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_area.id"))
    planned_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    # The checklist: a shipped template ("builtin:kontor") or a user template's id.
    template_ref: Mapped[str] = mapped_column(String(80))
    checklist_name: Mapped[str] = mapped_column(String(200))
    delegate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    leader_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    other_participants: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[date | None] = mapped_column(Date, default=None)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    signed_delegate: Mapped[str] = mapped_column(String(200), default="")
    signed_leader: Mapped[str] = mapped_column(String(200), default="")
    # Taken to a laptop (Ta med på laptop): by whom, when, to which file, and the id of
    # that checkout (kept in the file too). Empty when the round is on the server.
    checked_out_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    checked_out_to: Mapped[str] = mapped_column(String(500), default="", server_default="")
    checkout_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)

    area: Mapped[SafetyArea] = relationship()
    delegate: Mapped[Person | None] = relationship(foreign_keys=[delegate_id])
    leader: Mapped[Person | None] = relationship(foreign_keys=[leader_id])
    items: Mapped[list[CheckItem]] = relationship(
        back_populates="round", order_by="CheckItem.position"
    )
    addenda: Mapped[list[RoundAddendum]] = relationship(
        back_populates="round", order_by="RoundAddendum.written_at"
    )


class CheckItem(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """A check point as the round ran it (text copied at start), or a free finding.

    The answer, comment and links to the avvik and tiltak made from it live here; its
    photos are attachments with owner_kind "round_item".
    """

    __tablename__ = "round_item"
    __table_args__ = (Index("ix_round_item_order", "round_id", "position"),)

    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_round.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="check")
    key: Mapped[str] = mapped_column(String(60), default="")
    hazard_group: Mapped[str | None] = mapped_column(String(30), default=None)
    text: Mapped[str] = mapped_column(Text)
    guidance: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str | None] = mapped_column(String(20), default=None)
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    deviation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deviation.id"), default=None)
    action_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("action.id"), default=None)

    round: Mapped[SafetyRound] = relationship(back_populates="items")


class RoundAddendum(IdMixin, TimestampMixin, Base):
    """A dated note added to a closed round (the round itself stays as signed)."""

    __tablename__ = "round_addendum"

    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_round.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(200), default="")
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)

    round: Mapped[SafetyRound] = relationship(back_populates="addenda")


class RoundCheckin(IdMixin, Base):
    """How a checkout of a round to a laptop ended: delivered (Lever runden) or undone.
    One row per checkout, so a file delivered or undone once is refused the next time;
    `report` keeps the numbers given and the conflicts shown at delivery."""

    __tablename__ = "round_checkin"

    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_round.id"), index=True)
    checkout_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    outcome: Mapped[str] = mapped_column(String(20))  # "delivered" or "released"
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(200), default="")
    file: Mapped[str] = mapped_column(String(500), default="")
    report: Mapped[str] = mapped_column(Text, default="")

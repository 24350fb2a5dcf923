"""The undertaking, its safety areas, persons and the roles they hold."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg import clock
from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin, VersionMixin
from vernelogg.store.types import UTCDateTime


class Organisation(IdMixin, TimestampMixin, Base):
    """Virksomhet: one per database."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str | None] = mapped_column(String(20), default=None)
    employees: Mapped[int] = mapped_column(Integer, default=0)
    branch: Mapped[str | None] = mapped_column(String(100), default=None)
    # aml. § 7-1: from 10 employees, an AMU when either side demands it (when, by whom).
    amu_demanded_on: Mapped[date | None] = mapped_column(Date, default=None)
    amu_demanded_by: Mapped[str] = mapped_column(String(200), default="")
    # aml. § 6-1: under 5 employees the parties may agree in writing on another
    # arrangement than a safety delegate (when, and what was agreed).
    vo_agreement_on: Mapped[date | None] = mapped_column(Date, default=None)
    vo_agreement_note: Mapped[str] = mapped_column(Text, default="")


class SafetyArea(IdMixin, VersionMixin, TimestampMixin, ArchiveMixin, Base):
    """Verneområde. Nested under a parent (a unit); merged and renamed, never deleted."""

    __tablename__ = "safety_area"
    __table_args__ = (
        # One active area per name, kept by the database itself (two clients creating
        # «Lager» at the same moment get one area, not two).
        Index(
            "uq_safety_area_active_name",
            "name",
            unique=True,
            sqlite_where=text("archived_at IS NULL"),
            postgresql_where=text("archived_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30), default="unit")
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("safety_area.id"), default=None, index=True
    )
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("safety_area.id"), default=None
    )
    chemical_biological: Mapped[bool] = mapped_column(Boolean, default=False)
    complex_conditions: Mapped[bool] = mapped_column(Boolean, default=False)

    parent: Mapped[SafetyArea | None] = relationship(
        remote_side="SafetyArea.id", foreign_keys=[parent_id]
    )


class AreaEvent(IdMixin, Base):
    """What happened to an area over time: created, renamed, moved, merged, archived."""

    __tablename__ = "area_event"

    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_area.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    by: Mapped[str] = mapped_column(String(200), default="")


class Person(IdMixin, VersionMixin, TimestampMixin, ArchiveMixin, Base):
    __tablename__ = "person"
    __table_args__ = (
        # One person per database login (team mode); any number without one.
        Index("uq_person_db_login", "db_login", unique=True),
    )

    name: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    # The PostgreSQL login that signs in as this person (team mode); PostgreSQL's rights
    # and the audit log follow it. None on SQLite and for people who never sign in.
    db_login: Mapped[str | None] = mapped_column(String(63), default=None)


class RoleAssignment(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """Verv: a person holds a role, maybe for an area, for a period."""

    __tablename__ = "role_assignment"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(40), index=True)
    area_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("safety_area.id"), default=None, index=True
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    elected: Mapped[bool] = mapped_column(Boolean, default=True)
    chosen_by: Mapped[str] = mapped_column(String(200), default="")
    end_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()
    area: Mapped[SafetyArea | None] = relationship()

    def is_active(self, on: date) -> bool:
        return (
            self.archived_at is None
            and self.start_date <= on
            and (self.end_date is None or self.end_date >= on)
        )


class Setting(Base):
    """Undertaking-wide settings as JSON text (rule settings, risk matrix, user name)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """Running numbers per series and year (AV-2026-0042, Sak 12/2026)."""

    __tablename__ = "counter"

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """One changed field (or a created record): who, when, what, old → new."""

    __tablename__ = "audit_log"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    who: Mapped[str] = mapped_column(String(200), default="")
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str | None] = mapped_column(String(60), default=None)
    old: Mapped[str | None] = mapped_column(Text, default=None)
    new: Mapped[str | None] = mapped_column(Text, default=None)


class Attachment(IdMixin, ArchiveMixin, Base):
    """A photo or document stored in the database, so one file is the whole record."""

    __tablename__ = "attachment"

    owner_kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer, default=None)
    height: Mapped[int | None] = mapped_column(Integer, default=None)
    caption: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

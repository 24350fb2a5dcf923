"""Risikovurderinger: matrix versions, assessments, hazards and their tiltak.

A matrix version is never changed once stored: each assessment points to the version it
was made with, so a new matrix never recolours an old assessment.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vernelogg import clock
from vernelogg.store.models.actions import Action
from vernelogg.store.models.base import ArchiveMixin, Base, IdMixin, TimestampMixin, VersionMixin
from vernelogg.store.models.organisation import Person, SafetyArea
from vernelogg.store.types import UTCDateTime


class RiskMatrixVersion(IdMixin, Base):
    """One stored risk matrix (scales and acceptance per cell) as JSON; never edited."""

    __tablename__ = "risk_matrix_version"

    number: Mapped[int] = mapped_column(Integer, unique=True)
    matrix_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    created_by: Mapped[str] = mapped_column(String(200), default="")


class RiskAssessment(IdMixin, VersionMixin, TimestampMixin, ArchiveMixin, Base):
    """A risk assessment, numbered RV-YYYY-NNNN per year of the assessment date.

    The number came after the first assessments (migration 0010 numbers them); its
    columns are added without rebuilding the table, so they are nullable in the schema,
    but every assessment has one."""

    __tablename__ = "risk_assessment"
    __table_args__ = (
        Index("ix_risk_assessment_review", "review_on"),
        Index("ix_risk_assessment_number", "number", unique=True),
        Index("ix_risk_assessment_year_seq", "year", "seq", unique=True),
    )

    number: Mapped[str | None] = mapped_column(String(20), default=None)
    year: Mapped[int | None] = mapped_column(Integer, default=None)
    seq: Mapped[int | None] = mapped_column(Integer, default=None)
    title: Mapped[str] = mapped_column(String(200))
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("safety_area.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="")
    assessed_on: Mapped[date] = mapped_column(Date, index=True)
    participants: Mapped[str] = mapped_column(Text, default="")
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), default=None)
    vo_participated: Mapped[bool] = mapped_column(Boolean, default=False)
    vo_informed_on: Mapped[date | None] = mapped_column(Date, default=None)
    decided_on: Mapped[date | None] = mapped_column(Date, default=None)
    review_on: Mapped[date | None] = mapped_column(Date, default=None)
    last_reviewed_on: Mapped[date | None] = mapped_column(Date, default=None)
    review_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approved_on: Mapped[date | None] = mapped_column(Date, default=None)
    matrix_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("risk_matrix_version.id"))

    area: Mapped[SafetyArea] = relationship()
    responsible: Mapped[Person | None] = relationship()
    matrix_version: Mapped[RiskMatrixVersion] = relationship()


class Hazard(IdMixin, TimestampMixin, ArchiveMixin, Base):
    """Uønsket hendelse: risk before (probability, consequence) and after new measures."""

    __tablename__ = "risk_hazard"

    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("risk_assessment.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(30))
    probability: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[int] = mapped_column(Integer)
    existing_measures: Mapped[str] = mapped_column(Text, default="")
    residual_probability: Mapped[int] = mapped_column(Integer)
    residual_consequence: Mapped[int] = mapped_column(Integer)

    assessment: Mapped[RiskAssessment] = relationship()


class HazardAction(Base):
    """Which hazard a tiltak of an assessment answers (the action's source is the assessment)."""

    __tablename__ = "risk_hazard_action"

    hazard_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("risk_hazard.id"), primary_key=True)
    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("action.id"), primary_key=True)

    hazard: Mapped[Hazard] = relationship()
    action: Mapped[Action] = relationship()

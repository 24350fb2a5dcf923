"""Avvik: register a deviation (numbered AV-YYYY-NNNN per year, never twice)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity, number_text
from vernelogg.domain.formatting import OSLO
from vernelogg.services.errors import ValidationError, Validator
from vernelogg.services.numbering import next_number
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation, SafetyArea
from vernelogg.store.types import utcnow


@dataclass(frozen=True)
class DeviationRef:
    id: str
    number: str


def _uuid(value: str | uuid.UUID) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def create_deviation(
    session: Session,
    *,
    area_id: str | uuid.UUID | None,
    description: str,
    occurred_at: datetime | None,
    kind: DeviationKind | str | None,
    severity: Severity | str | None,
    reporter_name: str | None,
    confidential: bool = False,
    immediate_action: str = "",
) -> Deviation:
    """Register an avvik in the caller's transaction. The six required things are checked
    together; `reporter_name` None or empty means anonymous."""
    v = Validator()
    v.check("area_id", bool(area_id), "Velg verneområde.")
    v.require("description", description, "Hva som skjedde")
    v.check("occurred_at", occurred_at is not None, "Når skjedde det? Fyll inn tidspunkt.")
    v.check(
        "kind",
        kind in DeviationKind._value2member_map_ or isinstance(kind, DeviationKind),
        "Velg type avvik.",
    )
    v.check(
        "severity",
        severity in Severity._value2member_map_ or isinstance(severity, Severity),
        "Velg alvorlighetsgrad.",
    )
    if occurred_at is not None:
        v.check("occurred_at", occurred_at.tzinfo is not None, "Tidspunktet mangler tidssone.")
        if occurred_at.tzinfo is not None:
            v.check("occurred_at", occurred_at <= utcnow(), "Tidspunktet kan ikke være fram i tid.")
    v.raise_if_any()
    area = session.get(SafetyArea, _uuid(area_id))
    if area is None:
        raise ValidationError({"area_id": "Fant ikke verneområdet."})
    assert occurred_at is not None
    year = occurred_at.astimezone(OSLO).year
    seq = next_number(session, "AV", year)
    deviation = Deviation(
        number=number_text(year, seq),
        year=year,
        seq=seq,
        area_id=area.id,
        occurred_at=occurred_at,
        reported_at=utcnow(),
        reporter_name=(reporter_name or "").strip() or None,
        kind=DeviationKind(kind).value,
        severity=Severity(severity).value,
        description=description.strip(),
        immediate_action=immediate_action.strip(),
        status=DeviationStatus.REGISTERED.value,
        confidential=confidential,
    )
    session.add(deviation)
    session.flush()
    return deviation


def register_deviation(db: Database, **fields) -> DeviationRef:
    with db.write() as s:
        d = create_deviation(s, **fields)
        return DeviationRef(str(d.id), d.number)

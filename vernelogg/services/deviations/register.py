"""Avvik: register a deviation (numbered AV-YYYY-NNNN per year, never twice)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity, number_text
from vernelogg.domain.formatting import OSLO
from vernelogg.i18n import _
from vernelogg.services.areas import WHOLE_UNDERTAKING, whole_undertaking_area
from vernelogg.services.deviations.common import validate_moment
from vernelogg.services.deviations.notification import apply_notification
from vernelogg.services.errors import ValidationError, Validator
from vernelogg.services.ids import optional_id
from vernelogg.services.numbering import is_offline_copy, next_number, provisional_number
from vernelogg.services.timeline import EventKind, record_event
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation, SafetyArea

MAX_DESCRIPTION = 4000


@dataclass(frozen=True)
class DeviationRef:
    id: str
    number: str


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
    anonymous: bool | None = None,
    location: str = "",
    authority_notified_at: datetime | None = None,
    police_notified_at: datetime | None = None,
    delegate_copy_at: datetime | None = None,
    written_confirmation_at: datetime | None = None,
    notification_note: str = "",
) -> Deviation:
    """Register an avvik in the caller's transaction. The six required things are checked
    together; `reporter_name` None or empty means anonymous. With `anonymous=False` a
    name is required (the register dialog: a name, or the «Anonym» box ticked).
    A serious injury's notification (aml. § 5-2) can be recorded in the same step."""
    v = Validator()
    v.check("area_id", bool(area_id), _("Velg verneområde."))
    v.require("description", description, _("Hva som skjedde"))
    v.max_length("description", description, MAX_DESCRIPTION, _("Beskrivelsen"))
    v.check("occurred_at", occurred_at is not None, _("Når skjedde det? Fyll inn tidspunkt."))
    v.check(
        "kind",
        kind in DeviationKind._value2member_map_ or isinstance(kind, DeviationKind),
        _("Velg type avvik."),
    )
    v.check(
        "severity",
        severity in Severity._value2member_map_ or isinstance(severity, Severity),
        _("Velg alvorlighetsgrad."),
    )
    if anonymous is False:
        v.check(
            "reporter_name",
            bool((reporter_name or "").strip()),
            _("Skriv hvem som melder avviket, eller kryss av for «Anonym»."),
        )
    v.max_length("reporter_name", reporter_name, 200, _("Navnet"))
    v.max_length("location", location, 200, _("Stedet"))
    v.max_length("immediate_action", immediate_action, MAX_DESCRIPTION, _("Strakstiltaket"))
    v.max_length("notification_note", notification_note, 2000, _("Merknaden"))
    validate_moment(v, "occurred_at", occurred_at, _("Tidspunktet"))
    v.raise_if_any()
    area: SafetyArea | None
    if area_id == WHOLE_UNDERTAKING:
        area = whole_undertaking_area(session)
    else:
        area = session.get(SafetyArea, optional_id(area_id))
    if area is None:
        raise ValidationError({"area_id": _("Fant ikke verneområdet.")})
    if area.archived_at is not None:
        raise ValidationError(
            {"area_id": _("«{name}» er arkivert. Velg et annet område.").format(name=area.name)}
        )
    assert occurred_at is not None and kind is not None and severity is not None  # validated
    year = occurred_at.astimezone(OSLO).year
    if is_offline_copy(session):
        number, seq = provisional_number(session, "AV")
    else:
        seq = next_number(session, "AV", year)
        number = number_text(year, seq)
    reporter = None if anonymous else ((reporter_name or "").strip() or None)
    deviation = Deviation(
        number=number,
        year=year,
        seq=seq,
        area_id=area.id,
        occurred_at=occurred_at,
        reported_at=clock.now(),
        reporter_name=reporter,
        kind=DeviationKind(kind).value,
        severity=Severity(severity).value,
        description=description.strip(),
        immediate_action=immediate_action.strip(),
        status=DeviationStatus.REGISTERED.value,
        confidential=confidential,
        location=location.strip(),
    )
    session.add(deviation)
    session.flush()
    record_event(
        session,
        deviation,
        EventKind.REGISTERED,
        _("Meldt anonymt")
        if reporter is None
        else _("Meldt av {reporter}").format(reporter=reporter),
        to_status=DeviationStatus.REGISTERED.value,
    )
    if (
        authority_notified_at
        or police_notified_at
        or written_confirmation_at
        or delegate_copy_at
        or notification_note
    ):
        apply_notification(
            session,
            deviation,
            authority_notified_at=authority_notified_at,
            police_notified_at=police_notified_at,
            delegate_copy_at=delegate_copy_at,
            written_confirmation_at=written_confirmation_at,
            note=notification_note,
        )
    return deviation


def register_deviation(db: Database, **fields) -> DeviationRef:
    with db.write() as s:
        d = create_deviation(s, **fields)
        return DeviationRef(str(d.id), d.number)

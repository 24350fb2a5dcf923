"""aml. § 5-2: a serious injury from a work accident (violence and threats included) is
reported at once to Arbeidstilsynet and the police, then confirmed in writing, and the
verneombud gets a copy of the written confirmation. The avvik records when each was done."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from vernelogg.domain.formatting import fmt_datetime
from vernelogg.services.deviations.common import load, validate_moment
from vernelogg.services.errors import ServiceError, Validator
from vernelogg.services.timeline import EventKind, record_event
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation

FIELDS = {
    "authority_notified_at": "Arbeidstilsynet varslet",
    "police_notified_at": "politiet varslet",
    "written_confirmation_at": "skriftlig bekreftelse sendt",
    "delegate_copy_at": "verneombudet fikk kopi av bekreftelsen",
}


def apply_notification(
    s: Session,
    d: Deviation,
    *,
    authority_notified_at: datetime | None,
    police_notified_at: datetime | None,
    delegate_copy_at: datetime | None,
    written_confirmation_at: datetime | None = None,
    note: str = "",
) -> bool:
    """Set the four moments (None = not done); returns True when something changed."""
    values = {
        "authority_notified_at": authority_notified_at,
        "police_notified_at": police_notified_at,
        "written_confirmation_at": written_confirmation_at,
        "delegate_copy_at": delegate_copy_at,
    }
    v = Validator()
    for key, moment in values.items():
        validate_moment(v, key, moment, "Tidspunktet")
        if moment is not None and moment.tzinfo is not None and d.occurred_at is not None:
            v.check(key, moment >= d.occurred_at, "Kan ikke være før avviket skjedde.")
    v.max_length("notification_note", note, 2000, "Merknaden")
    v.raise_if_any()
    said = []
    for key, moment in values.items():
        if getattr(d, key) != moment:
            setattr(d, key, moment)
            said.append(
                f"{FIELDS[key]} {fmt_datetime(moment)}" if moment else f"{FIELDS[key]}: nei"
            )
    if (note or "").strip() != d.notification_note:
        d.notification_note = (note or "").strip()
        if d.notification_note:
            said.append(d.notification_note)
    if said:
        text = "; ".join(said)
        record_event(s, d, EventKind.NOTIFICATION, text[0].upper() + text[1:])
    return bool(said)


def record_notification(
    db: Database,
    deviation_id: str,
    *,
    authority_notified_at: datetime | None,
    police_notified_at: datetime | None,
    delegate_copy_at: datetime | None,
    written_confirmation_at: datetime | None = None,
    note: str = "",
) -> None:
    with db.write() as s:
        d = load(s, deviation_id)
        if d.archived_at is not None:
            raise ServiceError(f"{d.number} er arkivert og kan ikke endres.")
        apply_notification(
            s,
            d,
            authority_notified_at=authority_notified_at,
            police_notified_at=police_notified_at,
            delegate_copy_at=delegate_copy_at,
            written_confirmation_at=written_confirmation_at,
            note=note,
        )

"""aml. § 5-2: a serious injury from a work accident (violence and threats included) is
reported at once to Arbeidstilsynet and the police, then confirmed in writing, and the
verneombud gets a copy of the written confirmation. The avvik records when each was done."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from vernelogg.domain.formatting import fmt_datetime
from vernelogg.i18n import N_, _
from vernelogg.services.deviations.common import load, validate_moment
from vernelogg.services.errors import ServiceError, Validator
from vernelogg.services.timeline import EventKind, record_event
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation

FIELDS = {
    "authority_notified_at": N_("Arbeidstilsynet varslet"),
    "police_notified_at": N_("politiet varslet"),
    "written_confirmation_at": N_("skriftlig bekreftelse sendt"),
    "delegate_copy_at": N_("verneombudet fikk kopi av bekreftelsen"),
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
        validate_moment(v, key, moment, _("Tidspunktet"))
        if moment is not None and moment.tzinfo is not None and d.occurred_at is not None:
            v.check(key, moment >= d.occurred_at, _("Kan ikke være før avviket skjedde."))
    v.max_length("notification_note", note, 2000, _("Merknaden"))
    v.raise_if_any()
    said = []
    for key, moment in values.items():
        if getattr(d, key) != moment:
            setattr(d, key, moment)
            what = _(FIELDS[key])
            said.append(
                f"{what} {fmt_datetime(moment)}" if moment else _("{what}: nei").format(what=what)
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
            raise ServiceError(
                _("{number} er arkivert og kan ikke endres.").format(number=d.number)
            )
        apply_notification(
            s,
            d,
            authority_notified_at=authority_notified_at,
            police_notified_at=police_notified_at,
            delegate_copy_at=delegate_copy_at,
            written_confirmation_at=written_confirmation_at,
            note=note,
        )

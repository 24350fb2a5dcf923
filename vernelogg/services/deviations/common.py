"""What the avvik services share: ids, loading a row, writing a timeline line."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.store.models import Deviation

# A laptop clock a little ahead of the database's should not refuse «nå».
CLOCK_SLACK = timedelta(minutes=5)
OWNER_KIND = "deviation"  # attachments and actions point at an avvik with this kind


def load(session: Session, deviation_id: str | uuid.UUID) -> Deviation:
    deviation = session.get(Deviation, parse_id(deviation_id, _("avviket")))
    if deviation is None:
        raise NotFoundError(_("Fant ikke avviket."))
    return deviation


def validate_moment(v: Validator, field: str, moment: datetime | None, label: str) -> None:
    """A moment must carry its time zone and not lie in the future."""
    if moment is None:
        return
    if moment.tzinfo is None:
        v.check(field, False, _("{label} mangler tidssone.").format(label=label))
        return
    v.check(
        field,
        moment <= clock.now() + CLOCK_SLACK,
        _("{label} kan ikke være fram i tid.").format(label=label),
    )

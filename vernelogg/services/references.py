"""The one reference resolver: a record named the way a person names it.

A reference is the number shown in the app and on PDFs (AV-2026-0042, VR-2026-0006,
RV-2026-0003, ST-2026-0005), for an AMU meeting a case on its agenda («Sak 3/2026» or
«3/2026»), the internal id, or `latest` for the newest record of that kind. Used by every
`vernelogg report … --id/--meeting`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError
from vernelogg.store.database import Database
from vernelogg.store.models import (
    AmuAgendaItem,
    AmuMeeting,
    Deviation,
    RiskAssessment,
    SafetyRound,
    WorkStoppage,
)

LATEST = "latest"
_NUMBER = re.compile(r"^(AV|VR|RV|ST)-(\d{4})-(\d{1,6})$")  # i18n-ignore
_CASE = re.compile(r"^(?:SAK\s*)?(\d{1,4})\s*/\s*(\d{4})$")


@dataclass(frozen=True)
class RecordKind:
    name: str  # the key in KINDS
    # The model class: its `id`, and its `number` column where `prefix` is set (five
    # unrelated classes, so typed by what is used of them, not by a common base).
    model: Any
    prefix: str | None  # AV, VR, RV, ST; None for AMU meetings (found by case number)


KINDS: dict[str, RecordKind] = {
    "deviation": RecordKind("deviation", Deviation, "AV"),
    "round": RecordKind("round", SafetyRound, "VR"),
    "risk": RecordKind("risk", RiskAssessment, "RV"),
    "stoppage": RecordKind("stoppage", WorkStoppage, "ST"),
    "meeting": RecordKind("meeting", AmuMeeting, None),
}


@dataclass(frozen=True)
class _Refusals:
    """What to say when a reference names no record of a kind, as whole sentences."""

    no_latest: str  # «latest» cannot be used
    none_yet: str  # there is no record of the kind yet
    missing: str  # an id that names nothing
    missing_number: str  # {number}: a number that names nothing
    invalid: str  # {text}: neither a number nor an id


def _refusals(kind: RecordKind) -> _Refusals:
    if kind.name == "deviation":
        return _Refusals(
            _("«latest» kan ikke brukes for avvik."),
            _("Det finnes ingen avvik ennå."),
            _("Fant ikke avviket."),
            _("Fant ikke avvik {number}."),
            _(
                "«{text}» er ikke en gyldig ID for avvik; bruk nummer som «AV-2026-0001», "
                "ID eller «latest»."
            ),
        )
    if kind.name == "round":
        return _Refusals(
            _("«latest» kan ikke brukes for vernerunde."),
            _("Det finnes ingen vernerunder ennå."),
            _("Fant ikke vernerunden."),
            _("Fant ikke vernerunde {number}."),
            _(
                "«{text}» er ikke en gyldig ID for vernerunde; bruk nummer som «VR-2026-0001», "
                "ID eller «latest»."
            ),
        )
    if kind.name == "risk":
        return _Refusals(
            _("«latest» kan ikke brukes for risikovurdering."),
            _("Det finnes ingen risikovurderinger ennå."),
            _("Fant ikke risikovurderingen."),
            _("Fant ikke risikovurdering {number}."),
            _(
                "«{text}» er ikke en gyldig ID for risikovurdering; bruk nummer som "
                "«RV-2026-0001», ID eller «latest»."
            ),
        )
    if kind.name == "stoppage":
        return _Refusals(
            _("«latest» kan ikke brukes for stansing."),
            _("Det finnes ingen stansinger ennå."),
            _("Fant ikke stansingen."),
            _("Fant ikke stansing {number}."),
            _(
                "«{text}» er ikke en gyldig ID for stansing; bruk nummer som «ST-2026-0001», "
                "ID eller «latest»."
            ),
        )
    return _Refusals(
        _("«latest» kan ikke brukes for AMU-møte."),
        _("Det finnes ingen AMU-møter ennå."),
        _("Fant ikke AMU-møtet."),
        _("Fant ikke AMU-møte {number}."),
        _(
            "«{text}» er ikke en gyldig ID for AMU-møte; bruk saksnummer som «3/2026», "
            "ID eller «latest»."
        ),
    )


def resolve_reference(
    db: Database,
    kind_name: str,
    value: str,
    latest: Callable[[], str | None] | None = None,
    none_yet: str | None = None,
) -> str:
    """The id of the record `value` names (see the module text). NotFoundError, in one
    sentence that says what to write instead, when there is none. `latest()` gives the
    newest record's id, `none_yet` what to say when there is none («holdte AMU-møter»,
    translated by the caller)."""
    kind = KINDS[kind_name]
    text = " ".join(value.split())
    if text.lower() == LATEST:
        if latest is None:
            raise NotFoundError(_refusals(kind).no_latest)
        found = latest()
        if found is None:
            if none_yet:
                raise NotFoundError(_("Det finnes ingen {what} ennå.").format(what=none_yet))
            raise NotFoundError(_refusals(kind).none_yet)
        return found
    try:
        record_id = uuid.UUID(text)
    except ValueError:
        return _by_number(db, kind, text)
    with db.read() as s:
        if s.get(kind.model, record_id) is None:
            raise NotFoundError(_refusals(kind).missing)
    return str(record_id)


def _by_number(db: Database, kind: RecordKind, text: str) -> str:
    number, case = _NUMBER.match(text.upper()), _CASE.match(text.upper())
    with db.read() as s:
        if kind.prefix is None and case is not None:
            seq, year = int(case.group(1)), int(case.group(2))
            found = s.scalar(
                select(AmuAgendaItem.meeting_id).where(
                    AmuAgendaItem.year == year,
                    AmuAgendaItem.seq == seq,
                )
            )
            if found is None:
                raise NotFoundError(
                    _("Fant ikke Sak {seq}/{year} i noe AMU-møte.").format(seq=seq, year=year)
                )
            return str(found)
        if number is not None and number.group(1) == kind.prefix:
            normal = f"{kind.prefix}-{number.group(2)}-{int(number.group(3)):04d}"
            found = s.scalar(select(kind.model.id).where(kind.model.number == normal))
            if found is None:
                raise NotFoundError(_refusals(kind).missing_number.format(number=normal))
            return str(found)
    raise NotFoundError(_refusals(kind).invalid.format(text=text))

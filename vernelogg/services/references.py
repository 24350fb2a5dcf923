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
_NUMBER = re.compile(r"^(AV|VR|RV|ST)-(\d{4})-(\d{1,6})$")
_CASE = re.compile(r"^(?:SAK\s*)?(\d{1,4})\s*/\s*(\d{4})$")


@dataclass(frozen=True)
class RecordKind:
    # The model class: its `id`, and its `number` column where `prefix` is set (five
    # unrelated classes, so typed by what is used of them, not by a common base).
    model: Any
    prefix: str | None  # AV, VR, RV, ST; None for AMU meetings (found by case number)
    what: str  # «Fant ikke {what} AV-2026-0042.»
    definite: str  # «Fant ikke {definite}.» (an id that names nothing)
    plural: str  # «Det finnes ingen {plural} ennå.»


KINDS: dict[str, RecordKind] = {
    "deviation": RecordKind(Deviation, "AV", "avvik", "avviket", "avvik"),
    "round": RecordKind(SafetyRound, "VR", "vernerunde", "vernerunden", "vernerunder"),
    "risk": RecordKind(
        RiskAssessment, "RV", "risikovurdering", "risikovurderingen", "risikovurderinger"
    ),
    "stoppage": RecordKind(WorkStoppage, "ST", "stansing", "stansingen", "stansinger"),
    "meeting": RecordKind(AmuMeeting, None, "AMU-møte", "AMU-møtet", "AMU-møter"),
}


def _hint(kind: RecordKind) -> str:
    if kind.prefix is None:
        return "saksnummer som «3/2026», ID eller «latest»"
    return f"nummer som «{kind.prefix}-2026-0001», ID eller «latest»"


def resolve_reference(
    db: Database,
    kind_name: str,
    value: str,
    latest: Callable[[], str | None] | None = None,
    none_yet: str | None = None,
) -> str:
    """The id of the record `value` names (see the module text). NotFoundError, in one
    sentence that says what to write instead, when there is none. `latest()` gives the
    newest record's id, `none_yet` what to say when there is none («holdte AMU-møter»)."""
    kind = KINDS[kind_name]
    text = " ".join(value.split())
    if text.lower() == LATEST:
        if latest is None:
            raise NotFoundError(f"«latest» kan ikke brukes for {kind.what}.")
        found = latest()
        if found is None:
            raise NotFoundError(f"Det finnes ingen {none_yet or kind.plural} ennå.")
        return found
    try:
        record_id = uuid.UUID(text)
    except ValueError:
        return _by_number(db, kind, text)
    with db.read() as s:
        if s.get(kind.model, record_id) is None:
            raise NotFoundError(f"Fant ikke {kind.definite}.")
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
                raise NotFoundError(f"Fant ikke Sak {seq}/{year} i noe AMU-møte.")
            return str(found)
        if number is not None and number.group(1) == kind.prefix:
            normal = f"{kind.prefix}-{number.group(2)}-{int(number.group(3)):04d}"
            found = s.scalar(select(kind.model.id).where(kind.model.number == normal))
            if found is None:
                raise NotFoundError(f"Fant ikke {kind.what} {normal}.")
            return str(found)
    raise NotFoundError(f"«{text}» er ikke en gyldig ID for {kind.what}; bruk {_hint(kind)}.")

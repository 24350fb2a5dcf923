"""Lever runden, part one: the laptop file read whole (checked for damage first) into
plain rows, and marked as delivered afterwards."""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from vernelogg.domain.formatting import fmt_int
from vernelogg.errors import UserError
from vernelogg.i18n import _, ngettext
from vernelogg.services.errors import ServiceError
from vernelogg.services.numbering import OFFLINE_CHECKOUT_KEY
from vernelogg.services.rounds.info import (
    ACTION_ATTACHMENT_KIND,
    DEVIATION_ATTACHMENT_KIND,
    ITEM_ATTACHMENT_KIND,
)
from vernelogg.store.database import Database
from vernelogg.store.models import (
    Action,
    Attachment,
    CheckItem,
    Deviation,
    DeviationEvent,
    Person,
    RiskAssessment,
    RoundAddendum,
    SafetyArea,
    SafetyRound,
    Setting,
    TrainingRecord,
    WorkStoppage,
    table_of,
)


def _risks(n: int) -> str:
    return ngettext("{n} risikovurdering", "{n} risikovurderinger", n).format(n=fmt_int(n))


def _stoppages(n: int) -> str:
    return ngettext("{n} stansing", "{n} stansinger", n).format(n=fmt_int(n))


def _trainings(n: int) -> str:
    return ngettext("{n} opplæring", "{n} opplæringer", n).format(n=fmt_int(n))


def _areas(n: int) -> str:
    return ngettext("{n} verneområde", "{n} verneområder", n).format(n=fmt_int(n))


# Kinds of records a laptop file can hold beyond the round; not delivered with it. Each
# with its count as told («2 risikovurderinger»).
OTHER_RECORDS = (
    (RiskAssessment, _risks),
    (WorkStoppage, _stoppages),
    (TrainingRecord, _trainings),
    (SafetyArea, _areas),
)


@dataclass
class LaptopFile:
    """Everything read from the laptop file, as plain rows."""

    note: dict
    round: dict
    items: list[dict]
    addenda: list[dict]
    deviations: list[dict]
    events: list[dict]
    actions: list[dict]
    attachments: list[dict]
    people: list[dict]
    others: dict[type, set[uuid.UUID]] = field(default_factory=dict)


def damaged_message(path: Path) -> str:
    return _(
        "Filen «{name}» er skadet og kan ikke leveres. Ingenting er endret på serveren. Ta "
        "vare på filen; runden er fortsatt tatt med på laptop."
    ).format(name=path.name)


def read_laptop_file(path: Path) -> LaptopFile:
    if not path.is_file():
        raise ServiceError(_("Fant ikke filen «{path}».").format(path=path))
    _check_integrity(path)
    try:
        local = Database.open("sqlite:///" + str(path))
    except UserError as error:
        raise ServiceError(
            _("Filen «{name}» kan ikke leveres: {error}").format(name=path.name, error=error)
        ) from error
    try:
        with local.read() as s:
            setting = s.get(Setting, OFFLINE_CHECKOUT_KEY)
            if setting is None:
                raise ServiceError(
                    _(
                        "«{name}» er ikke en vernerunde tatt med på laptop. Bare en fil laget "
                        "med «Ta med på laptop» kan leveres."
                    ).format(name=path.name)
                )
            try:
                note = json.loads(setting.value)
                round_id = uuid.UUID(note["round_id"])
            except (ValueError, KeyError, TypeError) as error:
                raise ServiceError(damaged_message(path)) from error
            return _read_rows(s, note, round_id, path)
    except sa_exc.DBAPIError as error:
        raise ServiceError(damaged_message(path)) from error
    finally:
        local.close()


def _check_integrity(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            answer = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        if "not a database" in str(error):
            raise ServiceError(
                _(
                    "«{name}» er ikke en Vernelogg-fil. Bare en fil laget med «Ta med på "
                    "laptop» kan leveres."
                ).format(name=path.name)
            ) from error
        raise ServiceError(damaged_message(path)) from error
    if not answer or answer[0] != "ok":
        raise ServiceError(damaged_message(path))


def _rows(s: Session, table: Table, *where: Any) -> list[dict]:
    return [dict(row) for row in s.execute(select(table).where(*where)).mappings()]


def _read_rows(s: Session, note: dict, round_id: uuid.UUID, path: Path) -> LaptopFile:
    rounds = _rows(s, table_of(SafetyRound), SafetyRound.id == round_id)
    if not rounds:
        raise ServiceError(damaged_message(path))
    items = _rows(s, table_of(CheckItem), CheckItem.round_id == round_id)
    deviations = _rows(s, table_of(Deviation))
    actions = _rows(s, table_of(Action))
    owners = {i["id"] for i in items} | {d["id"] for d in deviations} | {a["id"] for a in actions}
    attachments = (
        _rows(
            s,
            table_of(Attachment),
            Attachment.owner_kind.in_(
                [ITEM_ATTACHMENT_KIND, DEVIATION_ATTACHMENT_KIND, ACTION_ATTACHMENT_KIND]
            ),
        )
        if owners
        else []
    )
    others: dict[type, set[uuid.UUID]] = {
        model: set(s.scalars(select(model.id))) for model, _count in OTHER_RECORDS
    }
    return LaptopFile(
        note=note,
        round=rounds[0],
        items=items,
        addenda=_rows(s, table_of(RoundAddendum), RoundAddendum.round_id == round_id),
        deviations=deviations,
        events=_rows(s, table_of(DeviationEvent)),
        actions=actions,
        attachments=[a for a in attachments if a["owner_id"] in owners],
        people=_rows(s, table_of(Person)),
        others=others,
    )


def mark_file_delivered(
    path: Path, *, delivered_at: datetime, delivered_by: str, numbers: dict[str, str]
) -> None:
    """Write in the file that its round is delivered, so the app opened on it says so.
    The server has it already; a file that cannot be written to is no loss."""
    try:
        local = Database.open("sqlite:///" + str(path))
    except UserError:
        return
    try:
        with local.write() as s:
            setting = s.get(Setting, OFFLINE_CHECKOUT_KEY)
            if setting is None:
                return
            note = json.loads(setting.value)
            note["delivered_at"] = delivered_at.isoformat()
            note["delivered_by"] = delivered_by
            note["numbers"] = numbers
            setting.value = json.dumps(note)
    except (UserError, sa_exc.SQLAlchemyError, ValueError):
        pass
    finally:
        local.close()

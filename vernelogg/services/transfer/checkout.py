"""Ta med på laptop: a planned round checked out of the team database into a local file.

The file is a whole Vernelogg database holding only what the round needs: the
undertaking, the round and its checklist, its area, the people, and the open avvik and
tiltak of that area for reference. Rows keep their UUIDs, so the round can later be
merged back by id. The server marks the round as checked out (by whom, when, to which
file, and the id of this checkout, which the file keeps too); until it is delivered or
the checkout is undone, nothing on the server writes to the round
(`services.rounds.common.require_on_server`).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Table, insert, select

from vernelogg import clock
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.domain.rounds import RoundStatus
from vernelogg.services.errors import ServiceError
from vernelogg.services.rounds.common import checked_out_message, get_round
from vernelogg.store import search_index
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database, describe_url
from vernelogg.store.models import (
    Action,
    ChecklistTemplate,
    ChecklistTemplateItem,
    Deviation,
    Organisation,
    Person,
    RoleAssignment,
    SafetyArea,
    SafetyRound,
    Setting,
)

# The note in the local file of where its round came from (JSON).
CHECKOUT_KEY = "offline_checkout"


@dataclass(frozen=True)
class CheckoutInfo:
    round_id: str
    number: str
    area_name: str
    file: str
    server: str
    checked_out_by: str
    checked_out_at: datetime
    checkout_id: str
    deviations: int  # open avvik of the area, taken along for reference
    actions: int  # open tiltak of the area, taken along for reference


def checkout_round(server: Database, round_id: str, to: str | Path) -> CheckoutInfo:
    """Check a planned round out into a new local SQLite file `to` and mark it on the
    server. The file must not exist yet (nothing on a laptop is overwritten)."""
    path = Path(to).expanduser().resolve()
    if path.exists():
        raise ServiceError(f"Filen «{path}» finnes allerede. Velg et nytt filnavn.")
    who = current_user()
    at = clock.now()
    checkout_id = uuid.uuid4()
    with server.read() as s:
        r = get_round(s, round_id)
        if r.checked_out_at is not None:
            raise ServiceError(checked_out_message(r))
        if r.archived_at is not None or RoundStatus(r.status) is not RoundStatus.PLANNED:
            raise ServiceError(
                f"Bare planlagte runder kan tas med på laptop; {r.number} er "
                f"{RoundStatus(r.status).label.lower()}."
            )
        number, area_name, area_id = r.number, r.area.name, r.area_id
    local = Database.open("sqlite:///" + str(path))
    try:
        with server.engine.connect() as src, src.begin(), local.engine.begin() as dst:
            counts = _copy_round(src, dst, round_id=r.id, area_id=area_id)
            note = {
                "round_id": str(r.id),
                "number": number,
                "checkout_id": str(checkout_id),
                "server": describe_url(server.url),
                "checked_out_by": who,
                "checked_out_at": at.isoformat(),
            }
            dst.execute(
                insert(Setting.__table__), [{"key": CHECKOUT_KEY, "value": json.dumps(note)}]
            )
    except BaseException:
        local.close()
        path.unlink(missing_ok=True)
        raise
    local.close()
    try:
        with server.write() as s:
            r = get_round(s, round_id)
            if r.checked_out_at is not None or RoundStatus(r.status) is not RoundStatus.PLANNED:
                raise ServiceError(
                    f"{number} ble endret av en annen akkurat nå. Prøv igjen; ingenting er "
                    "tatt med."
                )
            r.checked_out_by = who
            r.checked_out_at = at
            r.checked_out_to = str(path)[:500]
            r.checkout_id = checkout_id
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return CheckoutInfo(
        round_id=str(r.id),
        number=number,
        area_name=area_name,
        file=str(path),
        server=describe_url(server.url),
        checked_out_by=who,
        checked_out_at=at,
        checkout_id=str(checkout_id),
        deviations=counts["deviation"],
        actions=counts["action"],
    )


def release_round(server: Database, round_id: str) -> None:
    """Undo a checkout without delivering: the round is free on the server again; what
    was done in the local file is not taken in."""
    with server.write() as s:
        r = get_round(s, round_id)
        if r.checked_out_at is None:
            raise ServiceError(f"{r.number} er ikke tatt med på laptop.")
        r.checked_out_by = ""
        r.checked_out_at = None
        r.checked_out_to = ""
        r.checkout_id = None


def checkout_note(local: Database) -> dict | None:
    """The note in a checked-out file of its round and server, or None for other files."""
    with local.read() as s:
        value = s.get(Setting, CHECKOUT_KEY)
        return json.loads(value.value) if value is not None else None


def _rows(src: Connection, table: Table, *where) -> list[dict]:
    return [dict(row) for row in src.execute(select(table).where(*where)).mappings()]


def _copy_round(
    src: Connection, dst: Connection, *, round_id: uuid.UUID, area_id: uuid.UUID
) -> dict[str, int]:
    """Copy what the round needs, parents before children, column for column."""
    round_row = _rows(src, SafetyRound.__table__, SafetyRound.id == round_id)[0]
    area = SafetyArea.__table__
    tables: list[tuple[Table, list[dict]]] = [
        (Organisation.__table__, _rows(src, Organisation.__table__)),
        (Person.__table__, _rows(src, Person.__table__)),
        # The area alone: its parent and merge links are the server's business.
        (
            area,
            [
                {**row, "parent_id": None, "merged_into_id": None}
                for row in _rows(src, area, area.c.id == area_id)
            ],
        ),
        (
            RoleAssignment.__table__,
            _rows(
                src,
                RoleAssignment.__table__,
                RoleAssignment.area_id == area_id,
                RoleAssignment.archived_at.is_(None),
            ),
        ),
    ]
    ref = round_row["template_ref"]
    if not ref.startswith("builtin:"):
        try:
            template_id = uuid.UUID(ref)
        except ValueError:
            template_id = None
        if template_id is not None:
            tables.append(
                (
                    ChecklistTemplate.__table__,
                    _rows(src, ChecklistTemplate.__table__, ChecklistTemplate.id == template_id),
                )
            )
            tables.append(
                (
                    ChecklistTemplateItem.__table__,
                    _rows(
                        src,
                        ChecklistTemplateItem.__table__,
                        ChecklistTemplateItem.template_id == template_id,
                    ),
                )
            )
    # In the file the round is simply planned: it is walked there.
    local_round = {
        **round_row,
        "checked_out_by": "",
        "checked_out_at": None,
        "checked_out_to": "",
        "checkout_id": None,
    }
    tables.append((SafetyRound.__table__, [local_round]))
    deviations = _rows(
        src,
        Deviation.__table__,
        Deviation.area_id == area_id,
        Deviation.archived_at.is_(None),
        Deviation.status != DeviationStatus.CLOSED.value,
    )
    actions = _rows(
        src,
        Action.__table__,
        Action.area_id == area_id,
        Action.archived_at.is_(None),
        Action.status.in_([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]),
    )
    tables += [(Deviation.__table__, deviations), (Action.__table__, actions)]
    for table, rows in tables:
        if rows:
            dst.execute(insert(table), rows)
    search_index.rebuild(dst)  # the file's own search index, of what it now holds
    return {"deviation": len(deviations), "action": len(actions)}


def round_id_by_number(db: Database, number: str) -> str:
    """The id of the round numbered `number` (VR-2026-0012), or given by its id."""
    text = number.strip()
    with db.read() as s:
        found = s.scalar(select(SafetyRound.id).where(SafetyRound.number == text.upper()))
        if found is None:
            try:
                found = s.scalar(select(SafetyRound.id).where(SafetyRound.id == uuid.UUID(text)))
            except ValueError:
                found = None
    if found is None:
        raise ServiceError(f"Fant ingen vernerunde med nummer «{text}».")
    return str(found)

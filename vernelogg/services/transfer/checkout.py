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

from sqlalchemy import Connection, Table, insert, make_url, select
from sqlalchemy.exc import ArgumentError

from vernelogg import clock
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.domain.rounds import RoundStatus
from vernelogg.i18n import _
from vernelogg.services.errors import ServiceError
from vernelogg.services.numbering import OFFLINE_CHECKOUT_KEY, is_offline_copy
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
    RoundCheckin,
    SafetyArea,
    SafetyRound,
    Setting,
    table_of,
)

# The round's fields as planned, kept in the note: at delivery, a difference on the
# server is reported as a change made there meanwhile.
ROUND_FIELDS = (
    "planned_date",
    "template_ref",
    "checklist_name",
    "delegate_id",
    "leader_id",
    "other_participants",
    "notes",
    "status",
)


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
        raise ServiceError(
            _("Filen «{path}» finnes allerede. Velg et nytt filnavn.").format(path=path)
        )
    at = clock.now()
    checkout_id = uuid.uuid4()
    with server.read() as s:
        if is_offline_copy(s):
            raise ServiceError(
                _(
                    "Denne filen er selv en runde tatt med fra serveren. Runder tas med fra "
                    "teamdatabasen."
                )
            )
        who = current_user(s)
        r = get_round(s, round_id)
        if r.checked_out_at is not None:
            raise ServiceError(checked_out_message(r))
        if r.archived_at is not None or RoundStatus(r.status) is not RoundStatus.PLANNED:
            raise ServiceError(
                _("Bare planlagte runder kan tas med på laptop; {number} er {status}.").format(
                    number=r.number, status=RoundStatus(r.status).label.lower()
                )
            )
        number, area_name, area_id = r.number, r.area.name, r.area_id
    local = Database.open("sqlite:///" + str(path))
    try:
        with server.engine.connect() as src, src.begin(), local.engine.begin() as dst:
            counts, versions, planned_fields = _copy_round(src, dst, round_id=r.id, area_id=area_id)
            note = {
                "round_id": str(r.id),
                "number": number,
                "checkout_id": str(checkout_id),
                "server": describe_url(server.url),
                "checked_out_by": who,
                "checked_out_at": at.isoformat(),
                # What the file took along as it was, to tell at delivery what changed
                # on the server meanwhile and what on the laptop.
                "versions": versions,
                "round": planned_fields,
            }
            dst.execute(
                insert(table_of(Setting)),
                [{"key": OFFLINE_CHECKOUT_KEY, "value": json.dumps(note)}],
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
                    _(
                        "{number} ble endret av en annen akkurat nå. Prøv igjen; ingenting er "
                        "tatt med."
                    ).format(number=number)
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
            raise ServiceError(_("{number} er ikke tatt med på laptop.").format(number=r.number))
        if r.checkout_id is not None:
            # Remembered, so the file of this checkout is refused if delivered later.
            s.add(
                RoundCheckin(
                    round_id=r.id,
                    checkout_id=r.checkout_id,
                    outcome="released",
                    at=clock.now(),
                    by=current_user(),
                    file=r.checked_out_to,
                )
            )
        r.checked_out_by = ""
        r.checked_out_at = None
        r.checked_out_to = ""
        r.checkout_id = None


@dataclass(frozen=True)
class OfflineCopyInfo:
    """What a laptop file says of itself: which round, from which server, and whether it
    has been delivered (Lever runden) since."""

    round_id: str
    number: str
    server: str
    checked_out_by: str
    checked_out_at: datetime | None
    delivered_by: str = ""
    delivered_at: datetime | None = None
    numbers: tuple[tuple[str, str], ...] = ()  # provisional → real, once delivered

    @property
    def delivered(self) -> bool:
        return self.delivered_at is not None

    @property
    def server_name(self) -> str:
        """The server in a few words: a file's name, or the database and its host."""
        try:
            url = make_url(self.server)
        except ArgumentError:
            return self.server
        if url.get_backend_name() == "sqlite":
            return Path(url.database or self.server).name
        host = url.host or url.query.get("host") or _("lokal maskin")
        return _("{database} på {host}").format(database=url.database, host=host)


def offline_copy_info(db: Database) -> OfflineCopyInfo | None:
    """The round this database file was checked out for, or None for any other database
    (a server database answers without reading: a laptop file is always SQLite)."""
    if not db.is_sqlite:
        return None
    try:
        note = checkout_note(db)
    except ValueError:
        return None
    if not note:
        return None

    def moment(key: str) -> datetime | None:
        try:
            return datetime.fromisoformat(note[key]) if note.get(key) else None
        except (TypeError, ValueError):
            return None

    return OfflineCopyInfo(
        round_id=str(note.get("round_id", "")),
        number=str(note.get("number", "")),
        server=str(note.get("server", "")),
        checked_out_by=str(note.get("checked_out_by", "")),
        checked_out_at=moment("checked_out_at"),
        delivered_by=str(note.get("delivered_by", "")),
        delivered_at=moment("delivered_at"),
        numbers=tuple((str(k), str(v)) for k, v in (note.get("numbers") or {}).items()),
    )


def checkout_note(local: Database) -> dict | None:
    """The note in a checked-out file of its round and server, or None for other files."""
    with local.read() as s:
        value = s.get(Setting, OFFLINE_CHECKOUT_KEY)
        return json.loads(value.value) if value is not None else None


def _rows(src: Connection, table: Table, *where) -> list[dict]:
    return [dict(row) for row in src.execute(select(table).where(*where)).mappings()]


def _copy_round(
    src: Connection, dst: Connection, *, round_id: uuid.UUID, area_id: uuid.UUID
) -> tuple[dict[str, int], dict[str, dict[str, int]], dict[str, str | None]]:
    """Copy what the round needs, parents before children, column for column. Answers
    the counts, the row versions of the avvik and tiltak taken along, and the round's
    planned fields."""
    round_row = _rows(src, table_of(SafetyRound), SafetyRound.id == round_id)[0]
    area = table_of(SafetyArea)
    tables: list[tuple[Table, list[dict]]] = [
        (table_of(Organisation), _rows(src, table_of(Organisation))),
        (table_of(Person), _rows(src, table_of(Person))),
        # The area alone: its parent and merge links are the server's business.
        (
            area,
            [
                {**row, "parent_id": None, "merged_into_id": None}
                for row in _rows(src, area, area.c.id == area_id)
            ],
        ),
        (
            table_of(RoleAssignment),
            _rows(
                src,
                table_of(RoleAssignment),
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
                    table_of(ChecklistTemplate),
                    _rows(src, table_of(ChecklistTemplate), ChecklistTemplate.id == template_id),
                )
            )
            tables.append(
                (
                    table_of(ChecklistTemplateItem),
                    _rows(
                        src,
                        table_of(ChecklistTemplateItem),
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
    tables.append((table_of(SafetyRound), [local_round]))
    deviations = _rows(
        src,
        table_of(Deviation),
        Deviation.area_id == area_id,
        Deviation.archived_at.is_(None),
        Deviation.status != DeviationStatus.CLOSED.value,
    )
    actions = _rows(
        src,
        table_of(Action),
        Action.area_id == area_id,
        Action.archived_at.is_(None),
        Action.status.in_([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]),
    )
    tables += [(table_of(Deviation), deviations), (table_of(Action), actions)]
    for table, rows in tables:
        if rows:
            dst.execute(insert(table), rows)
    versions = {
        "deviation": {str(row["id"]): row["version"] for row in deviations},
        "action": {str(row["id"]): row["version"] for row in actions},
    }
    planned = {
        name: (None if round_row[name] is None else str(round_row[name])) for name in ROUND_FIELDS
    }
    search_index.rebuild(dst)  # the file's own search index, of what it now holds
    return {"deviation": len(deviations), "action": len(actions)}, versions, planned


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
        raise ServiceError(_("Fant ingen vernerunde med nummer «{number}».").format(number=text))
    return str(found)

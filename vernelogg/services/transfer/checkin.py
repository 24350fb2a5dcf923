"""Lever runden: a round walked in a laptop file (Ta med på laptop) merged back into the
team database, by UUID, in one transaction on the server.

The rule, when both sides changed something:
- **The round itself** (its answers, comments, photos, findings, addenda, status and
  signatures) was walked on the laptop, and the server refused every write to it while
  it was out: **the laptop wins**. Should the server's round still differ from the plan
  the file took along, that is reported.
- **Records made offline** (avvik, tiltak, comments on an avvik, photos, people) are new
  UUIDs the server has never seen: **the laptop wins**, they are added. Avvik get their
  real number (AV-YYYY-NNNN) from the server's numbering now; their provisional numbers
  («AV-foreløpig-1») are replaced wherever the file's texts used them.
- **Records that existed before the checkout** (the area's open avvik and tiltak, taken
  along for reference): **the server wins**. A change made to them on the laptop is not
  applied but listed in the result, with what it said, so nobody has to guess what was
  lost; a change made on the server meanwhile (an avvik closed) is listed too.

What the file holds beyond the round (a risk assessment made there, say) is not taken
in; the result says so and the file keeps it. A delivered or undone checkout is
remembered (`RoundCheckin`), so the same file is refused the next time.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity, number_text
from vernelogg.domain.formatting import OSLO, fmt_date, fmt_datetime, plural
from vernelogg.domain.rounds import RoundStatus
from vernelogg.errors import UserError
from vernelogg.services.deviations.common import EventKind
from vernelogg.services.errors import ServiceError
from vernelogg.services.numbering import OFFLINE_CHECKOUT_KEY, PROVISIONAL, next_number
from vernelogg.services.rounds.info import (
    ACTION_ATTACHMENT_KIND,
    DEVIATION_ATTACHMENT_KIND,
    ITEM_ATTACHMENT_KIND,
)
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database, describe_url
from vernelogg.store.models import (
    Action,
    Attachment,
    AuditEntry,
    CheckItem,
    Deviation,
    DeviationEvent,
    Person,
    RiskAssessment,
    RoundAddendum,
    RoundCheckin,
    SafetyArea,
    SafetyRound,
    Setting,
    TrainingRecord,
    WorkStoppage,
)

# The round's own fields that the laptop's version decides.
ROUND_TAKEN = (
    "status",
    "planned_date",
    "template_ref",
    "checklist_name",
    "delegate_id",
    "leader_id",
    "other_participants",
    "notes",
    "held_on",
    "started_at",
    "closed_at",
    "closed_on",
    "signed_delegate",
    "signed_leader",
    "archived_at",
)
ROUND_FIELD_LABELS = {
    "planned_date": "dato",
    "template_ref": "sjekkliste",
    "checklist_name": "sjekkliste",
    "delegate_id": "verneombud",
    "leader_id": "leder",
    "other_participants": "deltakere",
    "notes": "notater",
    "status": "status",
}
DEVIATION_FIELDS = {
    "status": "status",
    "description": "beskrivelse",
    "immediate_action": "strakstiltak",
    "cause": "årsak",
    "location": "sted",
    "kind": "type",
    "severity": "alvorlighetsgrad",
    "responsible_id": "ansvarlig",
    "deadline": "frist",
    "closing_note": "lukkenotat",
    "measures_effective": "virket tiltakene",
    "confidential": "fortrolig",
    "archived_at": "arkivert",
}
ACTION_FIELDS = {
    "title": "tiltak",
    "description": "beskrivelse",
    "status": "status",
    "owner_id": "ansvarlig",
    "deadline": "frist",
    "done_date": "utført dato",
    "archived_at": "arkivert",
}
# Kinds of records a laptop file can hold beyond the round; not delivered with it.
OTHER_RECORDS = (
    (RiskAssessment, "risikovurdering", "risikovurderinger"),
    (WorkStoppage, "stansing", "stansinger"),
    (TrainingRecord, "opplæring", "opplæringer"),
    (SafetyArea, "verneområde", "verneområder"),
)
PROVISIONAL_NUMBER = re.compile(rf"\bAV-{PROVISIONAL}-\d+\b")


@dataclass(frozen=True)
class NumberGiven:
    provisional: str
    number: str
    description: str


@dataclass(frozen=True)
class CheckinResult:
    round_id: str
    number: str
    area_name: str
    status: RoundStatus
    answered: int
    points: int
    server: str
    file: str
    delivered_by: str
    delivered_at: datetime
    numbers: tuple[NumberGiven, ...] = ()
    new_actions: int = 0
    photos: int = 0
    conflicts: tuple[str, ...] = ()
    not_delivered: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        state = {
            RoundStatus.CLOSED: "avsluttet og signert",
            RoundStatus.IN_PROGRESS: "påbegynt",
            RoundStatus.PLANNED: "ikke startet",
        }[self.status]
        return (
            f"{self.number} ({self.area_name}) er levert til serveren: {state}, "
            f"{self.answered} av {self.points} punkter besvart, "
            f"{plural(len(self.numbers), 'nytt avvik', 'nye avvik')}, "
            f"{plural(self.new_actions, 'nytt tiltak', 'nye tiltak')}, "
            f"{plural(self.photos, 'bilde', 'bilder')}."
        )

    def report_lines(self) -> list[str]:
        """The whole result as lines of text (the CLI prints them; the server keeps them)."""
        lines = [self.summary]
        if self.numbers:
            lines.append("Nye numre:")
            lines += [f"  {n.provisional} → {n.number}: {n.description}" for n in self.numbers]
        if self.conflicts:
            lines.append("Endret begge steder (serveren gjelder for det som fantes før utsjekken):")
            lines += [f"  {c}" for c in self.conflicts]
        else:
            lines.append("Ingen konflikter: ingenting annet var endret på serveren.")
        lines += [f"  {n}" for n in self.not_delivered]
        return lines


@dataclass
class _Laptop:
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


def check_in_round(server: Database, file: str | Path) -> CheckinResult:
    """Deliver the round walked in `file` to `server` (see the module's rule)."""
    path = Path(file).expanduser().resolve()
    laptop = _read_file(path)
    note = laptop.note
    try:
        round_id = uuid.UUID(note["round_id"])
        checkout_id = uuid.UUID(note["checkout_id"])
        number = str(note["number"])
    except (KeyError, TypeError, ValueError) as error:
        raise ServiceError(_damaged(path)) from error
    who = current_user()
    at = clock.now()
    with server.write() as s:
        r = s.get(SafetyRound, round_id, with_for_update=True)
        if r is None:
            raise ServiceError(
                f"Fant ikke {number} på serveren «{describe_url(server.url)}». Filen er tatt "
                f"med fra «{note.get('server', 'en annen database')}»."
            )
        _refuse_if_not_current(s, r, checkout_id)
        checked_out_at = r.checked_out_at
        conflicts: list[str] = []
        _take_people(s, laptop.people)
        conflicts += _take_round(s, r, laptop, note.get("round"))
        numbers, renumber = _take_new_deviations(s, r, laptop)
        new_actions = _take_new_actions(s, r, laptop, renumber)
        conflicts += _compare_existing(s, laptop, note.get("versions") or {}, checked_out_at)
        _take_items(s, laptop, renumber)
        photos = _take_attachments(s, laptop)
        not_delivered = _not_delivered(s, laptop)
        r.checked_out_by = ""
        r.checked_out_at = None
        r.checked_out_to = ""
        r.checkout_id = None
        s.flush()
        points = sum(1 for i in laptop.items if i["kind"] == "check" and i["archived_at"] is None)
        answered = sum(
            1
            for i in laptop.items
            if i["kind"] == "check" and i["archived_at"] is None and i["answer"] is not None
        )
        result = CheckinResult(
            round_id=str(r.id),
            number=r.number,
            area_name=r.area.name,
            status=RoundStatus(r.status),
            answered=answered,
            points=points,
            server=describe_url(server.url),
            file=str(path),
            delivered_by=who,
            delivered_at=at,
            numbers=tuple(numbers),
            new_actions=new_actions,
            photos=photos,
            conflicts=tuple(conflicts),
            not_delivered=tuple(not_delivered),
        )
        s.add(
            RoundCheckin(
                round_id=r.id,
                checkout_id=checkout_id,
                outcome="delivered",
                at=at,
                by=who,
                file=str(path)[:500],
                report="\n".join(result.report_lines()),
            )
        )
    _mark_file_delivered(path, result)
    return result


def last_checkin(db: Database, round_id: str) -> RoundCheckin | None:
    """How the round's latest checkout ended, if any (for the round page)."""
    with db.read() as s:
        return s.scalars(
            select(RoundCheckin)
            .where(RoundCheckin.round_id == uuid.UUID(round_id))
            .order_by(RoundCheckin.at.desc())
            .limit(1)
        ).first()


# ---------------------------------------------------------------- reading the file


def _damaged(path: Path) -> str:
    return (
        f"Filen «{path.name}» er skadet og kan ikke leveres. Ingenting er endret på "
        "serveren. Ta vare på filen; runden er fortsatt tatt med på laptop."
    )


def _read_file(path: Path) -> _Laptop:
    if not path.is_file():
        raise ServiceError(f"Fant ikke filen «{path}».")
    _check_integrity(path)
    try:
        local = Database.open("sqlite:///" + str(path))
    except UserError as error:
        raise ServiceError(f"Filen «{path.name}» kan ikke leveres: {error}") from error
    try:
        with local.read() as s:
            setting = s.get(Setting, OFFLINE_CHECKOUT_KEY)
            if setting is None:
                raise ServiceError(
                    f"«{path.name}» er ikke en vernerunde tatt med på laptop. Bare en fil "
                    "laget med «Ta med på laptop» kan leveres."
                )
            try:
                note = json.loads(setting.value)
                round_id = uuid.UUID(note["round_id"])
            except (ValueError, KeyError, TypeError) as error:
                raise ServiceError(_damaged(path)) from error
            return _read_rows(s, note, round_id, path)
    except sa_exc.DBAPIError as error:
        raise ServiceError(_damaged(path)) from error
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
                f"«{path.name}» er ikke en Vernelogg-fil. Bare en fil laget med «Ta med på "
                "laptop» kan leveres."
            ) from error
        raise ServiceError(_damaged(path)) from error
    if not answer or answer[0] != "ok":
        raise ServiceError(_damaged(path))


def _rows(s: Session, table: Table, *where: Any) -> list[dict]:
    return [dict(row) for row in s.execute(select(table).where(*where)).mappings()]


def _read_rows(s: Session, note: dict, round_id: uuid.UUID, path: Path) -> _Laptop:
    rounds = _rows(s, SafetyRound.__table__, SafetyRound.id == round_id)
    if not rounds:
        raise ServiceError(_damaged(path))
    items = _rows(s, CheckItem.__table__, CheckItem.round_id == round_id)
    deviations = _rows(s, Deviation.__table__)
    actions = _rows(s, Action.__table__)
    owners = {i["id"] for i in items} | {d["id"] for d in deviations} | {a["id"] for a in actions}
    attachments = (
        _rows(
            s,
            Attachment.__table__,
            Attachment.owner_kind.in_(
                [ITEM_ATTACHMENT_KIND, DEVIATION_ATTACHMENT_KIND, ACTION_ATTACHMENT_KIND]
            ),
        )
        if owners
        else []
    )
    others = {
        model: set(s.scalars(select(model.id)))  # type: ignore[attr-defined]
        for model, _one, _many in OTHER_RECORDS
    }
    return _Laptop(
        note=note,
        round=rounds[0],
        items=items,
        addenda=_rows(s, RoundAddendum.__table__, RoundAddendum.round_id == round_id),
        deviations=deviations,
        events=_rows(s, DeviationEvent.__table__),
        actions=actions,
        attachments=[a for a in attachments if a["owner_id"] in owners],
        people=_rows(s, Person.__table__),
        others=others,
    )


def _mark_file_delivered(path: Path, result: CheckinResult) -> None:
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
            note["delivered_at"] = result.delivered_at.isoformat()
            note["delivered_by"] = result.delivered_by
            note["numbers"] = {n.provisional: n.number for n in result.numbers}
            setting.value = json.dumps(note)
    except (UserError, sa_exc.SQLAlchemyError, ValueError):
        pass
    finally:
        local.close()


# ---------------------------------------------------------------- refusing


def _refuse_if_not_current(s: Session, r: SafetyRound, checkout_id: uuid.UUID) -> None:
    ended = s.scalars(select(RoundCheckin).where(RoundCheckin.checkout_id == checkout_id)).first()
    if ended is not None and ended.outcome == "delivered":
        raise ServiceError(
            f"Denne utsjekken av {r.number} er allerede levert {fmt_datetime(ended.at)} av "
            f"{ended.by}. Ingenting er levert på nytt."
        )
    if ended is not None:
        raise ServiceError(
            f"Utsjekken av {r.number} ble angret på serveren {fmt_datetime(ended.at)} av "
            f"{ended.by}, så denne filen kan ikke leveres. Det som er gjort i filen, ligger "
            "fortsatt der."
        )
    if r.checkout_id == checkout_id and r.checked_out_at is not None:
        return
    if r.checked_out_at is None:
        raise ServiceError(
            f"{r.number} er ikke tatt med på laptop på denne serveren, så filen kan ikke "
            "leveres hit."
        )
    raise ServiceError(
        f"Filen er ikke den gjeldende utsjekken av {r.number}: runden er tatt med av "
        f"{r.checked_out_by} {fmt_datetime(r.checked_out_at)} til {r.checked_out_to}."
    )


# ---------------------------------------------------------------- merging


def _existing_ids(s: Session, model: Any, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    return set(s.scalars(select(model.id).where(model.id.in_(ids))))


def _take_people(s: Session, people: list[dict]) -> None:
    """People added on the laptop (a participant, the one responsible for an avvik)."""
    known = _existing_ids(s, Person, [p["id"] for p in people])
    for row in people:
        if row["id"] not in known:
            s.add(Person(**row))
    s.flush()


def _take_round(s: Session, r: SafetyRound, laptop: _Laptop, planned: dict | None) -> list[str]:
    conflicts: list[str] = []
    if planned:
        changed = sorted(
            {
                ROUND_FIELD_LABELS[name]
                for name, value in planned.items()
                if name in ROUND_FIELD_LABELS
                and (None if getattr(r, name) is None else str(getattr(r, name))) != value
            }
        )
        if changed:
            conflicts.append(
                f"{r.number} var endret på serveren etter utsjekken ({', '.join(changed)}); "
                "runden er gjennomført på laptopen, så laptopens versjon er tatt inn."
            )
    row = laptop.round
    for name in ROUND_TAKEN:
        setattr(r, name, row[name])
    known = _existing_ids(s, RoundAddendum, [a["id"] for a in laptop.addenda])
    for a in laptop.addenda:
        if a["id"] not in known:
            s.add(RoundAddendum(**a))
    return conflicts


def _server_ids(s: Session, model: Any, rows: list[dict]) -> set[uuid.UUID]:
    return _existing_ids(s, model, [row["id"] for row in rows])


def _take_new_deviations(
    s: Session, r: SafetyRound, laptop: _Laptop
) -> tuple[list[NumberGiven], dict[str, str]]:
    known = _server_ids(s, Deviation, laptop.deviations)
    new = sorted(
        (d for d in laptop.deviations if d["id"] not in known),
        key=lambda d: (d["created_at"], -d["seq"]),
    )
    areas = _existing_ids(s, SafetyArea, list({d["area_id"] for d in new}))
    renumber: dict[str, str] = {}
    numbers: list[NumberGiven] = []
    rows: list[dict] = []
    for d in new:
        year = d["occurred_at"].astimezone(OSLO).year
        seq = next_number(s, "AV", year)
        real = number_text(year, seq)
        renumber[d["number"]] = real
        rows.append({**d, "year": year, "seq": seq, "number": real})
    for d in rows:
        for name in ("description", "immediate_action", "cause", "closing_note"):
            d[name] = _renumbered(d[name], renumber)
        if d["area_id"] not in areas:
            d["area_id"] = r.area_id
        s.add(Deviation(**d))
        first_line = (d["description"].splitlines() or [""])[0]
        numbers.append(
            NumberGiven(
                provisional=next(p for p, n in renumber.items() if n == d["number"]),
                number=d["number"],
                description=first_line if len(first_line) <= 80 else first_line[:79] + "…",
            )
        )
    s.flush()
    # The timeline of a new avvik, and comments written on the laptop on one taken
    # along (a comment adds, it overwrites nothing).
    new_ids = {d["id"] for d in new}
    known_events = _server_ids(s, DeviationEvent, laptop.events)
    for e in laptop.events:
        if e["id"] in known_events:
            continue
        if e["deviation_id"] in new_ids or (
            e["kind"] == EventKind.COMMENT and e["deviation_id"] in known
        ):
            s.add(DeviationEvent(**{**e, "text": _renumbered(e["text"], renumber)}))
    return numbers, renumber


def _renumbered(value: str | None, renumber: dict[str, str]) -> str | None:
    if not value or not renumber:
        return value
    return PROVISIONAL_NUMBER.sub(lambda m: renumber.get(m.group(0), m.group(0)), value)


def _take_new_actions(s: Session, r: SafetyRound, laptop: _Laptop, renumber: dict[str, str]) -> int:
    known = _server_ids(s, Action, laptop.actions)
    new = [a for a in laptop.actions if a["id"] not in known]
    areas = _existing_ids(s, SafetyArea, list({a["area_id"] for a in new if a["area_id"]}))
    for a in new:
        row = {
            **a,
            "title": _renumbered(a["title"], renumber),
            "description": _renumbered(a["description"], renumber),
            "source_label": _renumbered(a["source_label"], renumber),
        }
        if row["area_id"] is not None and row["area_id"] not in areas:
            row["area_id"] = r.area_id
        s.add(Action(**row))
    s.flush()
    return len(new)


def _take_items(s: Session, laptop: _Laptop, renumber: dict[str, str]) -> None:
    """Answers, comments and findings: the laptop's version of every point."""
    ids = [i["id"] for i in laptop.items]
    server = (
        {i.id: i for i in s.scalars(select(CheckItem).where(CheckItem.id.in_(ids)))} if ids else {}
    )
    for row in laptop.items:
        row = {**row, "comment": _renumbered(row["comment"], renumber)}
        item = server.get(row["id"])
        if item is None:
            s.add(CheckItem(**row))
            continue
        for name, value in row.items():
            if name not in ("id", "created_at"):
                setattr(item, name, value)
    s.flush()


def _take_attachments(s: Session, laptop: _Laptop) -> int:
    """Photos taken on the laptop: new records, added to whatever they belong to that
    the server has (a point, a new avvik or tiltak, or one taken along)."""
    known = _server_ids(s, Attachment, laptop.attachments)
    new = [a for a in laptop.attachments if a["id"] not in known]
    owners: set[uuid.UUID] = set()
    for model in (CheckItem, Deviation, Action):
        owners |= _existing_ids(s, model, list({a["owner_id"] for a in new}))
    taken = 0
    for a in new:
        if a["owner_id"] in owners:
            s.add(Attachment(**a))
            if a["owner_kind"] == ITEM_ATTACHMENT_KIND:
                taken += 1
    s.flush()
    return taken


# ---------------------------------------------------------------- what changed where


def _value_text(name: str, value: Any, people: dict[uuid.UUID, str]) -> str:
    if value is None or value == "":
        return "tom"
    if name == "status":
        try:
            return DeviationStatus(value).label
        except ValueError:
            return ActionStatus(value).label
    if name == "kind":
        return DeviationKind(value).label
    if name == "severity":
        return Severity(value).label
    if name in ("responsible_id", "owner_id"):
        return people.get(value, "ukjent person")
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, date):
        return fmt_date(value)
    text_value = " ".join(str(value).split())
    return text_value if len(text_value) <= 60 else text_value[:59] + "…"


def _as_text(value: Any) -> str | None:
    """A value as the audit log writes it, to compare with its «old» column."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _originals(
    s: Session, model: Any, obj: Any, fields: dict[str, str], since: datetime | None
) -> dict[str, str | None]:
    """Each field as it was at the checkout: the «old» of its first change on the server
    after then (from the audit log), or its value now if the server did not change it."""
    out = {name: _as_text(getattr(obj, name)) for name in fields}
    if since is None:
        return out
    seen: set[str] = set()
    for entry in s.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.entity == model.__tablename__,
            AuditEntry.entity_id == str(obj.id),
            AuditEntry.at >= since,
            AuditEntry.field.in_(list(fields)),
        )
        .order_by(AuditEntry.at)
    ):
        if entry.field not in seen:
            seen.add(entry.field)
            out[entry.field] = entry.old
    return out


def _differences(
    laptop_row: dict,
    originals: dict[str, str | None],
    fields: dict[str, str],
    people: dict[uuid.UUID, str],
) -> list[str]:
    """What the laptop changed: its values that differ from the record as taken along."""
    out = []
    for name, label in fields.items():
        if _as_text(laptop_row[name]) != originals[name]:
            out.append(f"{label} «{_value_text(name, laptop_row[name], people)}»")
    return out


def _server_story(s: Session, label: str, model: Any, obj: Any, since: datetime | None) -> str:
    """What happened to a record on the server after the checkout, in one clause."""
    if isinstance(obj, Deviation) and since is not None:
        event = s.scalars(
            select(DeviationEvent)
            .where(
                DeviationEvent.deviation_id == obj.id,
                DeviationEvent.at >= since,
                DeviationEvent.kind.in_([EventKind.STATUS, EventKind.REOPENED]),
            )
            .order_by(DeviationEvent.at.desc())
            .limit(1)
        ).first()
        if event is not None and event.to_status:
            status = DeviationStatus(event.to_status)
            verb = (
                "ble lukket"
                if status is DeviationStatus.CLOSED
                else f"fikk status «{status.label}»"
            )
            return f"{label} {verb} på serveren {fmt_date(event.at)} av {event.by or 'ukjent'}"
    entry = None
    if since is not None:
        entry = s.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.entity == model.__tablename__,
                AuditEntry.entity_id == str(obj.id),
                AuditEntry.at >= since,
            )
            .order_by(AuditEntry.at.desc())
            .limit(1)
        ).first()
    if entry is not None:
        return f"{label} ble endret på serveren {fmt_date(entry.at)} av {entry.who or 'ukjent'}"
    return f"{label} ble endret på serveren etter utsjekken"


def _compare_existing(
    s: Session, laptop: _Laptop, versions: dict, since: datetime | None
) -> list[str]:
    people = {p.id: p.name for p in s.scalars(select(Person))}
    people.update({p["id"]: p["name"] for p in laptop.people})
    out: list[str] = []
    for model, rows, fields, kind in (
        (Deviation, laptop.deviations, DEVIATION_FIELDS, "deviation"),
        (Action, laptop.actions, ACTION_FIELDS, "action"),
    ):
        taken = versions.get(kind, {})
        by_id = {row["id"]: row for row in rows if str(row["id"]) in taken}
        if not by_id:
            continue
        server = {o.id: o for o in s.scalars(select(model).where(model.id.in_(list(by_id))))}
        for row_id, row in by_id.items():
            obj = server.get(row_id)
            if obj is None:
                continue
            base = int(taken[str(row_id)])
            laptop_changed = row["version"] != base
            server_changed = obj.version != base
            if not (laptop_changed or server_changed):
                continue
            label = obj.number if model is Deviation else f"Tiltaket «{obj.title}»"
            story = _server_story(s, label, model, obj, since) if server_changed else ""
            diffs = (
                _differences(row, _originals(s, model, obj, fields, since), fields, people)
                if laptop_changed
                else []
            )
            if laptop_changed and not diffs:
                laptop_changed = False
            if laptop_changed and server_changed:
                out.append(
                    f"{story}; endringen på laptopen ({', '.join(diffs)}) ble ikke tatt inn."
                )
            elif laptop_changed:
                out.append(
                    f"{label} fantes på serveren før utsjekken, så endringen på laptopen "
                    f"({', '.join(diffs)}) ble ikke tatt inn. Gjør den på serveren om den "
                    "fortsatt gjelder."
                )
            elif server_changed:
                out.append(f"{story}; laptopen hadde bare en kopi til oppslag.")
    return out


def _not_delivered(s: Session, laptop: _Laptop) -> list[str]:
    parts = []
    for model, one, many in OTHER_RECORDS:
        ids = laptop.others.get(model, set())
        new = len(ids - _existing_ids(s, model, list(ids)))
        if new:
            parts.append(plural(new, one, many))
    if not parts:
        return []
    return [
        f"Filen har også {', '.join(parts)} som ikke hører til runden. Det leveres ikke "
        "og ligger fortsatt i filen."
    ]

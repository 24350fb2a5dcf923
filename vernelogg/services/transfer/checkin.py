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
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.deviations import number_text
from vernelogg.domain.formatting import OSLO, fmt_datetime, fmt_int
from vernelogg.domain.rounds import RoundStatus
from vernelogg.i18n import _, ngettext, pgettext
from vernelogg.services.errors import ServiceError
from vernelogg.services.numbering import PROVISIONAL, next_number
from vernelogg.services.rounds.info import ITEM_ATTACHMENT_KIND
from vernelogg.services.timeline import EventKind
from vernelogg.services.transfer.checkin_conflicts import existing_conflicts
from vernelogg.services.transfer.checkin_file import (
    OTHER_RECORDS,
    LaptopFile,
    damaged_message,
    mark_file_delivered,
    read_laptop_file,
)
from vernelogg.services.transfer.checkout import ROUND_FIELDS
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database, describe_url
from vernelogg.store.models import (
    Action,
    Attachment,
    CheckItem,
    Deviation,
    DeviationEvent,
    Person,
    RoundAddendum,
    RoundCheckin,
    SafetyArea,
    SafetyRound,
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


def _round_field_label(name: str) -> str:
    """A field of the round as a conflict names it, in the current language."""
    labels = {
        "planned_date": pgettext("felt", "dato"),
        "template_ref": pgettext("felt", "sjekkliste"),
        "checklist_name": pgettext("felt", "sjekkliste"),
        "delegate_id": pgettext("felt", "verneombud"),
        "leader_id": pgettext("felt", "leder"),
        "other_participants": pgettext("felt", "deltakere"),
        "notes": pgettext("felt", "notater"),
        "status": pgettext("felt", "status"),
    }
    return labels[name]


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
            RoundStatus.CLOSED: _("avsluttet og signert"),
            RoundStatus.IN_PROGRESS: _("påbegynt"),
            RoundStatus.PLANNED: _("ikke startet"),
        }[self.status]
        deviations, actions = len(self.numbers), self.new_actions
        return _(
            "{number} ({area}) er levert til serveren: {state}, {answered} av {points} "
            "punkter besvart, {deviations}, {actions}, {photos}."
        ).format(
            number=self.number,
            area=self.area_name,
            state=state,
            answered=self.answered,
            points=self.points,
            deviations=ngettext("{n} nytt avvik", "{n} nye avvik", deviations).format(
                n=fmt_int(deviations)
            ),
            actions=ngettext("{n} nytt tiltak", "{n} nye tiltak", actions).format(
                n=fmt_int(actions)
            ),
            photos=ngettext("{n} bilde", "{n} bilder", self.photos).format(n=fmt_int(self.photos)),
        )

    def report_lines(self) -> list[str]:
        """The whole result as lines of text (the CLI prints them; the server keeps them)."""
        lines = [self.summary]
        if self.numbers:
            lines.append(_("Nye numre:"))
            lines += [f"  {n.provisional} → {n.number}: {n.description}" for n in self.numbers]
        if self.conflicts:
            lines.append(
                _("Endret begge steder (serveren gjelder for det som fantes før utsjekken):")
            )
            lines += [f"  {c}" for c in self.conflicts]
        else:
            lines.append(_("Ingen konflikter: ingenting annet var endret på serveren."))
        lines += [f"  {n}" for n in self.not_delivered]
        return lines


def check_in_round(server: Database, file: str | Path) -> CheckinResult:
    """Deliver the round walked in `file` to `server` (see the module's rule)."""
    path = Path(file).expanduser().resolve()
    laptop = read_laptop_file(path)
    note = laptop.note
    try:
        round_id = uuid.UUID(note["round_id"])
        checkout_id = uuid.UUID(note["checkout_id"])
        number = str(note["number"])
    except (KeyError, TypeError, ValueError) as error:
        raise ServiceError(damaged_message(path)) from error
    who = current_user()
    at = clock.now()
    with server.write() as s:
        r = s.get(SafetyRound, round_id, with_for_update=True)
        if r is None:
            raise ServiceError(
                _(
                    "Fant ikke {number} på serveren «{server}». Filen er tatt med fra «{origin}»."
                ).format(
                    number=number,
                    server=describe_url(server.url),
                    origin=note["server"] if "server" in note else _("en annen database"),
                )
            )
        _refuse_if_not_current(s, r, checkout_id)
        checked_out_at = r.checked_out_at
        conflicts: list[str] = []
        _take_people(s, laptop.people)
        conflicts += _take_round(s, r, laptop, note.get("round"))
        numbers, renumber = _take_new_deviations(s, r, laptop)
        new_actions = _take_new_actions(s, r, laptop, renumber)
        conflicts += existing_conflicts(s, laptop, note.get("versions") or {}, checked_out_at)
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
                report=json.dumps(
                    {
                        "summary": result.summary,
                        "numbers": [[n.provisional, n.number] for n in result.numbers],
                        "conflicts": list(result.conflicts),
                        "not_delivered": list(result.not_delivered),
                    },
                    ensure_ascii=False,
                ),
            )
        )
    mark_file_delivered(
        path,
        delivered_at=result.delivered_at,
        delivered_by=result.delivered_by,
        numbers={n.provisional: n.number for n in result.numbers},
    )
    return result


@dataclass(frozen=True)
class DeliveryInfo:
    """A round delivered from a laptop, as the round page tells it afterwards."""

    at: datetime
    by: str
    numbers: tuple[tuple[str, str], ...]
    conflicts: tuple[str, ...]


def round_delivery(db: Database, round_id: str) -> DeliveryInfo | None:
    """How the round came back from a laptop, if it did: when, by whom, the numbers
    given and the conflicts listed at delivery (kept on the server)."""
    with db.read() as s:
        found = s.scalars(
            select(RoundCheckin)
            .where(
                RoundCheckin.round_id == uuid.UUID(round_id),
                RoundCheckin.outcome == "delivered",
            )
            .order_by(RoundCheckin.at.desc())
            .limit(1)
        ).first()
        if found is None:
            return None
        try:
            report = json.loads(found.report or "{}")
        except ValueError:
            report = {}
        return DeliveryInfo(
            at=found.at,
            by=found.by,
            numbers=tuple((str(p), str(n)) for p, n in report.get("numbers", [])),
            conflicts=tuple(str(c) for c in report.get("conflicts", [])),
        )


# ---------------------------------------------------------------- refusing


def _refuse_if_not_current(s: Session, r: SafetyRound, checkout_id: uuid.UUID) -> None:
    ended = s.scalars(select(RoundCheckin).where(RoundCheckin.checkout_id == checkout_id)).first()
    if ended is not None and ended.outcome == "delivered":
        raise ServiceError(
            _(
                "Denne utsjekken av {number} er allerede levert {at} av {by}. Ingenting er "
                "levert på nytt."
            ).format(number=r.number, at=fmt_datetime(ended.at), by=ended.by)
        )
    if ended is not None:
        raise ServiceError(
            _(
                "Utsjekken av {number} ble angret på serveren {at} av {by}, så denne filen kan "
                "ikke leveres. Det som er gjort i filen, ligger fortsatt der."
            ).format(number=r.number, at=fmt_datetime(ended.at), by=ended.by)
        )
    if r.checkout_id == checkout_id and r.checked_out_at is not None:
        return
    if r.checked_out_at is None:
        raise ServiceError(
            _(
                "{number} er ikke tatt med på laptop på denne serveren, så filen kan ikke "
                "leveres hit."
            ).format(number=r.number)
        )
    raise ServiceError(
        _(
            "Filen er ikke den gjeldende utsjekken av {number}: runden er tatt med av {by} "
            "{at} til {file}."
        ).format(
            number=r.number,
            by=r.checked_out_by,
            at=fmt_datetime(r.checked_out_at),
            file=r.checked_out_to,
        )
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


def _take_round(s: Session, r: SafetyRound, laptop: LaptopFile, planned: dict | None) -> list[str]:
    conflicts: list[str] = []
    if planned:
        changed = sorted(
            {
                _round_field_label(name)
                for name, value in planned.items()
                if name in ROUND_FIELDS
                and (None if getattr(r, name) is None else str(getattr(r, name))) != value
            }
        )
        if changed:
            conflicts.append(
                _(
                    "{number} var endret på serveren etter utsjekken ({fields}); runden er "
                    "gjennomført på laptopen, så laptopens versjon er tatt inn."
                ).format(number=r.number, fields=", ".join(changed))
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
    s: Session, r: SafetyRound, laptop: LaptopFile
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


def _take_new_actions(
    s: Session, r: SafetyRound, laptop: LaptopFile, renumber: dict[str, str]
) -> int:
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


def _take_items(s: Session, laptop: LaptopFile, renumber: dict[str, str]) -> None:
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


def _take_attachments(s: Session, laptop: LaptopFile) -> int:
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


def _not_delivered(s: Session, laptop: LaptopFile) -> list[str]:
    parts = []
    for model, count in OTHER_RECORDS:
        ids = laptop.others.get(model, set())
        new = len(ids - _existing_ids(s, model, list(ids)))
        if new:
            parts.append(count(new))
    if not parts:
        return []
    return [
        _(
            "Filen har også {records} som ikke hører til runden. Det leveres ikke og ligger "
            "fortsatt i filen."
        ).format(records=", ".join(parts))
    ]

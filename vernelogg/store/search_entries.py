"""What each searchable record puts in the search index (store/search_index.py): its
entry, read with one query per kind of record for any set of ids, and used the same way
by the hook that follows every change, by the migration and by a rebuild."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, select
from sqlalchemy.orm import aliased

from vernelogg.domain.deviations import normalise_search
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.rounds import Answer
from vernelogg.i18n import N_
from vernelogg.store.models import (
    Action,
    AmuAgendaItem,
    AmuMeeting,
    Base,
    CheckItem,
    Deviation,
    Hazard,
    Person,
    RiskAssessment,
    SafetyArea,
    SafetyRound,
    WorkStoppage,
)

TITLE_CHARS = 120
# Titles the index keeps in the source language (it is searched in them); the search
# translates them where it shows them (services/search.py).
CONFIDENTIAL_TITLE = N_("Konfidensielt")
ROUND_TITLE = N_("Vernerunde {area}: {checklist}")

# An entry's id orders the index newest first: its date's day number in the high bits,
# a hash of the record in the low ones. Reading ids from the top finds the newest hits
# first, and stops at the last one shown, both in SQLite's FTS5 (which walks its lists
# in id order) and in a b-tree; a word in most records costs as little as a rare one.
HASH_BITS = 43
HASH_MASK = (1 << HASH_BITS) - 1


def entry_id(kind: str, record_id: uuid.UUID, day: date | None) -> int:
    digest = hashlib.blake2b(f"{kind}:{record_id}".encode(), digest_size=8).digest()
    low = int.from_bytes(digest, "big") & HASH_MASK
    return ((day.toordinal() if day else 0) << HASH_BITS) | low


def short(value: str | None) -> str:
    line = " ".join((value or "").split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"


def _local_date(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date()
        return value.astimezone(OSLO).date()
    return value


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return _local_date(value)
    try:  # a malformed value written outside the app: no date rather than no index
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _body(*parts: str | None) -> str:
    return "\n".join(n for n in (normalise_search(p) for p in parts) if n)


def _entry(
    kind: str,
    record_id: uuid.UUID,
    target_id: uuid.UUID,
    number: str | None,
    title: str,
    area: str | None,
    day: Any,
    head: str,
    body: str,
) -> dict[str, Any]:
    shown_day = _as_date(day)
    return {
        "id": entry_id(kind, record_id, shown_day),
        "kind": kind,
        "record_id": record_id,
        "target_id": target_id,
        "number": number or "",
        "title": title,
        "area": area,
        "day": shown_day,
        "head": normalise_search(head),
        "body": body,
    }


# -- what each kind of record contributes ----------------------------------------------
#
# Each reader takes a condition on its record's id column and yields the entries of the
# matching records that a search may find (not archived; for findings, «Ikke OK» points).


def _deviations(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = (
        select(
            Deviation.id,
            Deviation.number,
            Deviation.description,
            Deviation.confidential,
            Deviation.search_text,
            Deviation.occurred_at,
            SafetyArea.name,
        )
        .join(SafetyArea, SafetyArea.id == Deviation.area_id)
        .where(Deviation.archived_at.is_(None), where)
    )
    for rid, number, description, confidential, search_text, occurred, area in conn.execute(query):
        title = CONFIDENTIAL_TITLE if confidential else short(description)
        body = _body(number) if confidential else (search_text or _body(number, description))
        yield _entry("deviation", rid, rid, number, title, area, occurred, title, body)


def _actions(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = (
        select(
            Action.id,
            Action.title,
            Action.search_text,
            Action.deadline,
            SafetyArea.name,
            Person.name,
        )
        .outerjoin(SafetyArea, SafetyArea.id == Action.area_id)
        .outerjoin(Person, Person.id == Action.owner_id)
        .where(Action.archived_at.is_(None), where)
    )
    for rid, title, search_text, deadline, area, owner in conn.execute(query):
        body = "\n".join(x for x in (search_text or _body(title), _body(owner)) if x)
        yield _entry("action", rid, rid, "", short(title), area, deadline, title or "", body)


def _rounds(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    vo, leader = aliased(Person), aliased(Person)
    query = (
        select(
            SafetyRound.id,
            SafetyRound.number,
            SafetyRound.checklist_name,
            SafetyRound.notes,
            SafetyRound.other_participants,
            SafetyRound.planned_date,
            SafetyRound.held_on,
            SafetyArea.name,
            vo.name,
            leader.name,
        )
        .join(SafetyArea, SafetyArea.id == SafetyRound.area_id)
        .outerjoin(vo, vo.id == SafetyRound.delegate_id)
        .outerjoin(leader, leader.id == SafetyRound.leader_id)
        .where(SafetyRound.archived_at.is_(None), where)
    )
    for (
        rid,
        number,
        checklist,
        notes,
        others,
        planned,
        held,
        area,
        vo_name,
        leader_name,
    ) in conn.execute(query):
        title = ROUND_TITLE.format(area=area, checklist=checklist)
        body = _body(number, checklist, notes, others, area, vo_name, leader_name)
        yield _entry("round", rid, rid, number, title, area, held or planned, title, body)


def _findings(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = (
        select(
            CheckItem.id,
            CheckItem.text,
            CheckItem.comment,
            SafetyRound.id,
            SafetyRound.number,
            SafetyRound.planned_date,
            SafetyRound.held_on,
            SafetyArea.name,
        )
        .join(SafetyRound, SafetyRound.id == CheckItem.round_id)
        .join(SafetyArea, SafetyArea.id == SafetyRound.area_id)
        .where(
            CheckItem.archived_at.is_(None),
            SafetyRound.archived_at.is_(None),
            CheckItem.answer == Answer.NOT_OK.value,
            where,
        )
    )
    for rid, item, comment, round_id, number, planned, held, area in conn.execute(query):
        title = short(f"{item}: {comment}" if comment else item)
        body = _body(item, comment)
        yield _entry("finding", rid, round_id, number, title, area, held or planned, title, body)


def _risks(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = (
        select(
            RiskAssessment.id,
            RiskAssessment.number,
            RiskAssessment.title,
            RiskAssessment.description,
            RiskAssessment.participants,
            RiskAssessment.assessed_on,
            SafetyArea.name,
        )
        .join(SafetyArea, SafetyArea.id == RiskAssessment.area_id)
        .where(RiskAssessment.archived_at.is_(None), where)
    )
    for rid, number, title, description, participants, assessed, area in conn.execute(query):
        body = _body(number, title, description, participants, area)
        yield _entry("risk", rid, rid, number, short(title), area, assessed, title or "", body)


def _hazards(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = (
        select(
            Hazard.id,
            Hazard.description,
            Hazard.existing_measures,
            RiskAssessment.id,
            RiskAssessment.number,
            RiskAssessment.title,
            RiskAssessment.assessed_on,
            SafetyArea.name,
        )
        .join(RiskAssessment, RiskAssessment.id == Hazard.assessment_id)
        .join(SafetyArea, SafetyArea.id == RiskAssessment.area_id)
        .where(Hazard.archived_at.is_(None), RiskAssessment.archived_at.is_(None), where)
    )
    for rid, description, measures, aid, number, title, assessed, area in conn.execute(query):
        shown = short(f"{title}: {description}")
        body = _body(description, measures)
        yield _entry("hazard", rid, aid, number, shown, area, assessed, description or "", body)


def _stoppages(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = (
        select(
            WorkStoppage.id,
            WorkStoppage.number,
            WorkStoppage.work,
            WorkStoppage.danger,
            WorkStoppage.stopped_at,
            SafetyArea.name,
            Person.name,
        )
        .join(SafetyArea, SafetyArea.id == WorkStoppage.area_id)
        .join(Person, Person.id == WorkStoppage.stopped_by_id)
        .where(WorkStoppage.archived_at.is_(None), where)
    )
    for rid, number, work, danger, stopped, area, who in conn.execute(query):
        body = _body(number, work, danger, area, who)
        yield _entry("stoppage", rid, rid, number, short(work), area, stopped, work or "", body)


def _amu_cases(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = (
        select(
            AmuAgendaItem.id,
            AmuAgendaItem.meeting_id,
            AmuAgendaItem.number,
            AmuAgendaItem.title,
            AmuAgendaItem.background,
            AmuAgendaItem.discussion,
            AmuMeeting.meeting_date,
        )
        .join(AmuMeeting, AmuMeeting.id == AmuAgendaItem.meeting_id)
        .where(AmuAgendaItem.archived_at.is_(None), AmuMeeting.archived_at.is_(None), where)
    )
    for rid, meeting_id, number, title, background, discussion, day in conn.execute(query):
        body = _body(number, title, background, discussion)
        yield _entry(
            "amu_case", rid, meeting_id, number, short(title), None, day, title or "", body
        )


def _people(conn: Connection, where: ColumnElement[bool]) -> Iterator[dict]:
    query = select(Person.id, Person.name, Person.title, Person.email).where(
        Person.archived_at.is_(None), where
    )
    for rid, name, title, email in conn.execute(query):
        shown = (name or "") + (f" ({title})" if title else "")
        yield _entry(
            "person", rid, rid, "", shown, None, None, name or "", _body(name, title, email)
        )


@dataclass(frozen=True)
class Kind:
    name: str
    id_column: Any  # the record's id, what `record_id` holds
    read: Any  # (conn, condition on id_column) -> entries


KINDS = {
    k.name: k
    for k in (
        Kind("deviation", Deviation.id, _deviations),
        Kind("action", Action.id, _actions),
        Kind("round", SafetyRound.id, _rounds),
        Kind("finding", CheckItem.id, _findings),
        Kind("risk", RiskAssessment.id, _risks),
        Kind("hazard", Hazard.id, _hazards),
        Kind("stoppage", WorkStoppage.id, _stoppages),
        Kind("amu_case", AmuAgendaItem.id, _amu_cases),
        Kind("person", Person.id, _people),
    )
}

# The ORM class of a record → the kind of its own entry.
OWN_KIND: dict[type[Base], str] = {
    Deviation: "deviation",
    Action: "action",
    SafetyRound: "round",
    CheckItem: "finding",
    RiskAssessment: "risk",
    Hazard: "hazard",
    WorkStoppage: "stoppage",
    AmuAgendaItem: "amu_case",
    Person: "person",
}

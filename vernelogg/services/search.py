"""Search everywhere: one query over avvik, tiltak, vernerunder and their findings, risk
assessments and their hazards, stops, AMU cases and people, ranked.

Every word typed must occur in the record (its number, its text, its area or the people
named on it). A record whose number or title matches comes before one that matches in
its longer text, and newer before older. Confidential avvik are found by their number
only, as the avvik list shows no more of them (OLM § 3-17).

The text columns are matched with LIKE on a lower-case form (avvik and tiltak keep one
already, `search_text`); on PostgreSQL, ILIKE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from vernelogg.domain.deviations import search_terms
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.rounds import Answer
from vernelogg.services.deviations.listing import like_pattern, search_condition
from vernelogg.store.database import Database
from vernelogg.store.models import (
    Action,
    AmuAgendaItem,
    AmuMeeting,
    CheckItem,
    Deviation,
    Hazard,
    Person,
    RiskAssessment,
    SafetyArea,
    SafetyRound,
    WorkStoppage,
)

PER_KIND = 25  # hits read per kind of record, before ranking
TITLE_CHARS = 120


@dataclass(frozen=True)
class SearchHit:
    kind: str  # deviation, action, round, finding, risk, hazard, stoppage, amu_case, person
    type: str  # Norwegian, for people: «Avvik», «Tiltak», …
    id: str  # the record to open (for a finding its round, for a hazard its assessment, …)
    number: str  # AV-2026-0042, Sak 3/2026, … or "" (tiltak, people)
    title: str
    area: str | None
    date: date | None
    score: int

    def as_json(self) -> dict[str, Any]:
        return {
            "type": self.kind,
            "number": self.number or None,
            "title": self.title,
            "area": self.area,
            "date": self.date.isoformat() if self.date else None,
        }


def _short(text: str | None) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"


def _local_date(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.astimezone(OSLO).date()
    return value


class _Matcher:
    """Conditions for «every word occurs in one of these columns»."""

    def __init__(self, terms: list[str], postgres: bool) -> None:
        self.terms = terms
        self.postgres = postgres

    def _like(self, column, term: str):
        pattern = like_pattern(term)
        if self.postgres:
            return column.ilike(pattern, escape="\\")
        return func.lower(column).like(pattern, escape="\\")

    def all_words(self, *columns) -> Any:
        return and_(*(or_(*(self._like(c, t) for c in columns)) for t in self.terms))

    def rank(self, number: str, title: str) -> int:
        """3: the number is what was typed («Sak 3/2026» also as «3/2026»); 2: every word
        is in the title; 1: elsewhere."""
        typed = " ".join(self.terms)
        folded_number = number.casefold()
        if number and typed in (folded_number, folded_number.removeprefix("sak ")):
            return 3
        folded = title.casefold()
        return 2 if all(t in folded for t in self.terms) else 1


def search(db: Database, text: str, limit: int = 50) -> list[SearchHit]:
    """The records that match `text`, best first (see the module text)."""
    terms = search_terms(text)
    if not terms:
        return []
    with db.read() as s:
        m = _Matcher(terms, s.get_bind().dialect.name == "postgresql")
        hits: list[SearchHit] = []
        for kind in KINDS:
            hits.extend(kind(s, m))
    hits.sort(key=lambda h: (-h.score, -(h.date or date.min).toordinal(), h.number, h.title))
    return hits[:limit]


def _rows(s, query: Select) -> Iterable[Any]:
    return s.execute(query.limit(PER_KIND)).all()


def _deviations(s, m: _Matcher) -> list[SearchHit]:
    condition = search_condition(" ".join(m.terms), shared=True)
    query = (
        select(Deviation, SafetyArea.name)
        .join(SafetyArea, SafetyArea.id == Deviation.area_id)
        .where(Deviation.archived_at.is_(None), condition)
        .order_by(Deviation.occurred_at.desc())
    )
    hits = []
    for d, area in _rows(s, query):
        title = "Konfidensielt" if d.confidential else _short(d.description)
        hits.append(
            SearchHit(
                "deviation",
                "Avvik",
                str(d.id),
                d.number,
                title,
                area,
                _local_date(d.occurred_at),
                m.rank(d.number, title),
            )
        )
    return hits


def _actions(s, m: _Matcher) -> list[SearchHit]:
    owner = aliased(Person)
    query = (
        select(Action, SafetyArea.name)
        .outerjoin(SafetyArea, SafetyArea.id == Action.area_id)
        .outerjoin(owner, owner.id == Action.owner_id)
        .where(Action.archived_at.is_(None), m.all_words(Action.search_text, owner.name))
        .order_by(Action.created_at.desc())
    )
    return [
        SearchHit(
            "action",
            "Tiltak",
            str(a.id),
            "",
            _short(a.title),
            area,
            a.deadline,
            m.rank("", a.title),
        )
        for a, area in _rows(s, query)
    ]


def _rounds(s, m: _Matcher) -> list[SearchHit]:
    vo, leader = aliased(Person), aliased(Person)
    query = (
        select(SafetyRound, SafetyArea.name)
        .join(SafetyArea, SafetyArea.id == SafetyRound.area_id)
        .outerjoin(vo, vo.id == SafetyRound.delegate_id)
        .outerjoin(leader, leader.id == SafetyRound.leader_id)
        .where(
            SafetyRound.archived_at.is_(None),
            m.all_words(
                SafetyRound.number,
                SafetyRound.checklist_name,
                SafetyRound.notes,
                SafetyRound.other_participants,
                SafetyArea.name,
                vo.name,
                leader.name,
            ),
        )
        .order_by(SafetyRound.planned_date.desc())
    )
    hits = []
    for r, area in _rows(s, query):
        title = f"Vernerunde {area}: {r.checklist_name}"
        hits.append(
            SearchHit(
                "round",
                "Vernerunde",
                str(r.id),
                r.number,
                title,
                area,
                r.held_on or r.planned_date,
                m.rank(r.number, title),
            )
        )
    return hits


def _findings(s, m: _Matcher) -> list[SearchHit]:
    query = (
        select(CheckItem, SafetyRound, SafetyArea.name)
        .join(SafetyRound, SafetyRound.id == CheckItem.round_id)
        .join(SafetyArea, SafetyArea.id == SafetyRound.area_id)
        .where(
            CheckItem.archived_at.is_(None),
            SafetyRound.archived_at.is_(None),
            CheckItem.answer == Answer.NOT_OK.value,
            m.all_words(CheckItem.text, CheckItem.comment),
        )
        .order_by(SafetyRound.planned_date.desc())
    )
    hits = []
    for item, r, area in _rows(s, query):
        title = _short(f"{item.text}: {item.comment}" if item.comment else item.text)
        hits.append(
            SearchHit(
                "finding",
                "Funn",
                str(r.id),
                r.number,
                title,
                area,
                r.held_on or r.planned_date,
                m.rank("", title),
            )
        )
    return hits


def _risk(s, m: _Matcher) -> list[SearchHit]:
    query = (
        select(RiskAssessment, SafetyArea.name)
        .join(SafetyArea, SafetyArea.id == RiskAssessment.area_id)
        .where(
            RiskAssessment.archived_at.is_(None),
            m.all_words(
                RiskAssessment.number,
                RiskAssessment.title,
                RiskAssessment.description,
                RiskAssessment.participants,
                SafetyArea.name,
            ),
        )
        .order_by(RiskAssessment.assessed_on.desc())
    )
    return [
        SearchHit(
            "risk",
            "Risikovurdering",
            str(a.id),
            a.number,
            _short(a.title),
            area,
            a.assessed_on,
            m.rank(a.number, a.title),
        )
        for a, area in _rows(s, query)
    ]


def _hazards(s, m: _Matcher) -> list[SearchHit]:
    query = (
        select(Hazard, RiskAssessment, SafetyArea.name)
        .join(RiskAssessment, RiskAssessment.id == Hazard.assessment_id)
        .join(SafetyArea, SafetyArea.id == RiskAssessment.area_id)
        .where(
            Hazard.archived_at.is_(None),
            RiskAssessment.archived_at.is_(None),
            m.all_words(Hazard.description, Hazard.existing_measures),
        )
        .order_by(RiskAssessment.assessed_on.desc())
    )
    return [
        SearchHit(
            "hazard",
            "Fare",
            str(a.id),
            a.number,
            _short(f"{a.title}: {h.description}"),
            area,
            a.assessed_on,
            m.rank("", h.description),
        )
        for h, a, area in _rows(s, query)
    ]


def _stoppages(s, m: _Matcher) -> list[SearchHit]:
    query = (
        select(WorkStoppage, SafetyArea.name)
        .join(SafetyArea, SafetyArea.id == WorkStoppage.area_id)
        .join(Person, Person.id == WorkStoppage.stopped_by_id)
        .where(
            WorkStoppage.archived_at.is_(None),
            m.all_words(
                WorkStoppage.number,
                WorkStoppage.work,
                WorkStoppage.danger,
                SafetyArea.name,
                Person.name,
            ),
        )
        .order_by(WorkStoppage.stopped_at.desc())
    )
    return [
        SearchHit(
            "stoppage",
            "Stansing",
            str(w.id),
            w.number,
            _short(w.work),
            area,
            _local_date(w.stopped_at),
            m.rank(w.number, w.work),
        )
        for w, area in _rows(s, query)
    ]


def _amu_cases(s, m: _Matcher) -> list[SearchHit]:
    query = (
        select(AmuAgendaItem, AmuMeeting.meeting_date)
        .join(AmuMeeting, AmuMeeting.id == AmuAgendaItem.meeting_id)
        .where(
            AmuAgendaItem.archived_at.is_(None),
            AmuMeeting.archived_at.is_(None),
            m.all_words(
                AmuAgendaItem.number,
                AmuAgendaItem.title,
                AmuAgendaItem.background,
                AmuAgendaItem.discussion,
            ),
        )
        .order_by(AmuMeeting.meeting_date.desc())
    )
    return [
        SearchHit(
            "amu_case",
            "AMU-sak",
            str(item.meeting_id),
            item.number,
            _short(item.title),
            None,
            day,
            m.rank(item.number, item.title),
        )
        for item, day in _rows(s, query)
    ]


def _people(s, m: _Matcher) -> list[SearchHit]:
    query = (
        select(Person)
        .where(Person.archived_at.is_(None), m.all_words(Person.name, Person.title, Person.email))
        .order_by(Person.name)
    )
    return [
        SearchHit(
            "person",
            "Person",
            str(p.id),
            "",
            p.name + (f" ({p.title})" if p.title else ""),
            None,
            None,
            m.rank("", p.name),
        )
        for (p,) in _rows(s, query)
    ]


KINDS: list[Callable[[Any, _Matcher], list[SearchHit]]] = [
    _deviations,
    _actions,
    _rounds,
    _findings,
    _risk,
    _hazards,
    _stoppages,
    _amu_cases,
    _people,
]

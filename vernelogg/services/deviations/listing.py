"""The avvik list: filter, search, sort and page in SQL (a PagedSource for the UI).

With 100,000 avvik the list must answer each keystroke in the search box at once:
- one lower-case `search_text` column per avvik, searched with LIKE for each word
  (the longest word first, so the rarest narrows the scan soonest);
- indexes for the usual orders (newest first, within an area or a status);
- on SQLite a covering index (archived_at, occurred_at, status, search_text) lets the
  count and the first page run over the index alone, in list order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.operators import ColumnOperators

from vernelogg.domain.deviations import (
    SEVERITY_RANK,
    STATUS_ORDER,
    DeviationKind,
    DeviationStatus,
    Severity,
    search_terms,
)
from vernelogg.i18n import N_, _
from vernelogg.services.ids import optional_id
from vernelogg.services.query import DatedSource
from vernelogg.store.models import Action, Deviation, Person, SafetyArea

CONFIDENTIAL_SUMMARY = N_("Konfidensielt")
SUMMARY_CHARS = 160
OPEN_STATUSES = [s.value for s in STATUS_ORDER if s is not DeviationStatus.CLOSED]

# Filter values the list understands (ListQuery.filters keys):
#   area_id, status ("open", "overdue" or a DeviationStatus value), kind, severity,
#   year, responsible_id (or "none": no leader yet), deadline_from, deadline_to, confidential (bool),
#   include_archived (bool).
STATUS_FILTERS = {"open": N_("Alle åpne"), "overdue": N_("Forfalt frist")}


@dataclass(frozen=True)
class DeviationRow:
    """One line of the avvik list."""

    id: str
    number: str
    occurred_at: datetime
    reported_at: datetime
    area_id: str
    area_name: str
    kind: DeviationKind
    severity: Severity
    status: DeviationStatus
    summary: str
    reporter_name: str | None  # None: reported anonymously
    responsible_name: str | None
    deadline: date | None
    confidential: bool
    overdue: bool
    open_actions: int
    archived: bool

    @property
    def anonymous(self) -> bool:
        return not self.reporter_name

    @property
    def reporter(self) -> str:
        return self.reporter_name or _("Anonym")


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_condition(text: str, *, shared: bool = False):
    """Every word must occur. In shared outputs a confidential avvik is found by its
    number only, so a search cannot reveal what its hidden text says."""
    terms = search_terms(text)
    if not terms:
        return None
    conditions: list[ColumnElement[bool]] = []
    for term in terms:
        pattern = like_pattern(term)
        hit: ColumnElement[bool] = Deviation.search_text.like(pattern, escape="\\")
        if shared:
            hit = or_(
                and_(Deviation.confidential.is_(False), hit),
                func.lower(Deviation.number).like(pattern, escape="\\"),
            )
        conditions.append(hit)
    return and_(*conditions)


def _status_condition(value: Any, today: date):
    if value in (None, "", "all"):
        return None
    if value == "open":
        return Deviation.status.in_(OPEN_STATUSES)
    if value == "overdue":
        return and_(
            Deviation.status.in_(OPEN_STATUSES),
            Deviation.deadline.is_not(None),
            Deviation.deadline < today,
        )
    values = value if isinstance(value, list | tuple | set) else [value]
    return Deviation.status.in_([DeviationStatus(v).value for v in values])


def filter_conditions(filters: dict[str, Any], today: date) -> list:
    """WHERE conditions for the list filters (see the list of keys above)."""
    f = filters
    conditions: list[ColumnElement[bool]] = []
    if not f.get("include_archived"):
        conditions.append(Deviation.archived_at.is_(None))
    if f.get("area_id"):
        ids = f["area_id"] if isinstance(f["area_id"], list | tuple) else [f["area_id"]]
        conditions.append(Deviation.area_id.in_([optional_id(i) for i in ids]))
    status = _status_condition(f.get("status"), today)
    if status is not None:
        conditions.append(status)
    if f.get("kind"):
        kinds = f["kind"] if isinstance(f["kind"], list | tuple) else [f["kind"]]
        conditions.append(Deviation.kind.in_([DeviationKind(k).value for k in kinds]))
    if f.get("severity"):
        levels = f["severity"] if isinstance(f["severity"], list | tuple) else [f["severity"]]
        conditions.append(Deviation.severity.in_([Severity(s).value for s in levels]))
    if f.get("year"):
        conditions.append(Deviation.year == int(f["year"]))
    if f.get("responsible_id") == "none":
        conditions.append(Deviation.responsible_id.is_(None))
    elif f.get("responsible_id"):
        conditions.append(Deviation.responsible_id == optional_id(f["responsible_id"]))
    if f.get("deadline_from"):
        conditions.append(Deviation.deadline >= f["deadline_from"])
    if f.get("deadline_to"):
        conditions.append(Deviation.deadline <= f["deadline_to"])
    if f.get("confidential") is not None and f.get("confidential") != "":
        conditions.append(Deviation.confidential.is_(bool(f["confidential"])))
    return conditions


def _sort_columns(key: str | None, descending: bool, area, person) -> list:
    """ORDER BY for a sort key; every order ends in the number so pages never overlap."""
    primary: list[ColumnOperators]
    if key == "severity":
        rank = case({s.value: r for s, r in SEVERITY_RANK.items()}, value=Deviation.severity)
        primary = [rank]
    elif key == "status":
        primary = [case({s.value: i for i, s in enumerate(STATUS_ORDER)}, value=Deviation.status)]
    elif key == "area":
        primary = [area.name]
    elif key == "responsible":
        primary = [person.name]
    elif key == "kind":
        primary = [Deviation.kind]
    elif key == "deadline":
        primary = [Deviation.deadline]
    elif key == "reported_at":
        primary = [Deviation.reported_at]
    elif key == "reporter":
        primary = [Deviation.reporter_name]
    elif key == "number":
        primary = []
    else:  # "occurred_at", the default: newest first
        primary = [Deviation.occurred_at]
        if key is None:
            descending = True
    tail: list[ColumnOperators] = [Deviation.year, Deviation.seq]
    columns = primary + tail
    return [c.desc() for c in columns] if descending else [c.asc() for c in columns]


_AREA = aliased(SafetyArea, name="list_area")
_PERSON = aliased(Person, name="list_responsible")


class DeviationList(DatedSource):
    """`count(query)` and `fetch(query, offset, limit)` for the avvik list.

    `shared=True` is for what leaves the app (exports, reports): the text of a
    confidential avvik is replaced by «Konfidensielt», and search cannot find it by
    that text.
    """

    def _conditions(self, query) -> list:
        conditions = filter_conditions(query.filters, self.today())
        search = search_condition(query.search, shared=self.shared)
        if search is not None:
            conditions.append(search)
        return conditions

    def count(self, query) -> int:
        with self.db.read() as s:
            value = s.scalar(
                select(func.count()).select_from(Deviation).where(*self._conditions(query))
            )
        return int(value or 0)

    def statement(self, query) -> Select:
        area, person = _AREA, _PERSON
        open_actions = (
            select(func.count())
            .where(
                Action.source_kind == "deviation",
                Action.source_id == Deviation.id,
                Action.status.in_(["open", "in_progress"]),
                Action.archived_at.is_(None),
            )
            .correlate(Deviation)
            .scalar_subquery()
        )
        return (
            select(
                Deviation.id,
                Deviation.number,
                Deviation.occurred_at,
                Deviation.reported_at,
                Deviation.area_id,
                area.name.label("area_name"),
                Deviation.kind,
                Deviation.severity,
                Deviation.status,
                func.substr(Deviation.description, 1, SUMMARY_CHARS).label("summary"),
                Deviation.reporter_name,
                person.name.label("responsible_name"),
                Deviation.deadline,
                Deviation.confidential,
                Deviation.archived_at,
                open_actions.label("open_actions"),
            )
            .join(area, area.id == Deviation.area_id)
            .outerjoin(person, person.id == Deviation.responsible_id)
            .where(*self._conditions(query))
            .order_by(*_sort_columns(query.sort, query.descending, area, person))
        )

    def fetch(self, query, offset: int, limit: int) -> list[DeviationRow]:
        today = self.today()
        with self.db.read() as s:
            rows = s.execute(self.statement(query).offset(offset).limit(limit)).all()
        return [self._row(r, today) for r in rows]

    def _row(self, r, today: date) -> DeviationRow:
        status = DeviationStatus(r.status)
        summary = " ".join((r.summary or "").split())
        if r.confidential and self.shared:
            summary = _(CONFIDENTIAL_SUMMARY)
        return DeviationRow(
            id=str(r.id),
            number=r.number,
            occurred_at=r.occurred_at,
            reported_at=r.reported_at,
            area_id=str(r.area_id),
            area_name=r.area_name,
            kind=DeviationKind(r.kind),
            severity=Severity(r.severity),
            status=status,
            summary=summary,
            reporter_name=r.reporter_name or None,
            responsible_name=r.responsible_name,
            deadline=r.deadline,
            confidential=bool(r.confidential),
            overdue=status is not DeviationStatus.CLOSED
            and r.deadline is not None
            and r.deadline < today,
            open_actions=int(r.open_actions or 0),
            archived=r.archived_at is not None,
        )

    def all_rows(self, query, batch: int = 1000):
        """Every matching row, a batch at a time (exports)."""
        offset = 0
        while True:
            rows = self.fetch(query, offset, batch)
            yield from rows
            if len(rows) < batch:
                return
            offset += batch

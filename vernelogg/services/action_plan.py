"""Handlingsplan: every action in the undertaking, filtered, searched, sorted and paged
in SQL (a PagedSource for the UI), with overdue ones marked.

Filter keys (ListQuery.filters): status ("open" = not done or cancelled, the default;
"overdue"; "all"; or an ActionStatus value), area_id, owner_id, source_kind,
deadline_from, deadline_to, no_deadline, source_id, include_archived.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.operators import ColumnOperators

from vernelogg import clock
from vernelogg.domain.actions import ActionSource, ActionStatus, is_overdue
from vernelogg.domain.deviations import search_terms
from vernelogg.i18n import N_, _
from vernelogg.services.actions import ActionInfo
from vernelogg.services.confidential import (
    CONFIDENTIAL_ACTION_TITLE,
    shared_action_title,
    shared_text,
)
from vernelogg.services.ids import parse_id
from vernelogg.services.query import DatedSource, ListQuery
from vernelogg.services.tabular import TableColumn, write_table
from vernelogg.store.database import Database
from vernelogg.store.models import Action, Deviation, Person, SafetyArea

OPEN = [ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]
CONFIDENTIAL_TITLE = CONFIDENTIAL_ACTION_TITLE
STATUS_FILTERS = {"open": N_("Åpne"), "overdue": N_("Forfalte"), "all": N_("Alle")}


@dataclass(frozen=True)
class ActionRow(ActionInfo):
    """An action in the plan: an ActionInfo, and whether its avvik is confidential and
    how overdue it is on the plan's day."""

    confidential: bool
    overdue: bool
    days_overdue: int


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_AREA = aliased(SafetyArea, name="plan_area")
_OWNER = aliased(Person, name="plan_owner")
_SOURCE = aliased(Deviation, name="plan_deviation")


def _status_condition(value: Any, today: date):
    if value in (None, "", "open"):
        return Action.status.in_(OPEN)
    if value == "all":
        return None
    if value == "overdue":
        return and_(Action.status.in_(OPEN), Action.deadline.is_not(None), Action.deadline < today)
    values = value if isinstance(value, list | tuple | set) else [value]
    return Action.status.in_([ActionStatus(v).value for v in values])


class ActionPlan(DatedSource):
    """`count(query)` and `fetch(query, offset, limit)` for the action plan.

    `shared=True` is for what leaves the app: an action of a confidential avvik shows
    a neutral title, and search does not look into its text.
    """

    def _conditions(self, query) -> list:
        f = query.filters
        today = self.today()
        conditions: list[ColumnElement[bool]] = []
        if not f.get("include_archived"):
            conditions.append(Action.archived_at.is_(None))
        status = _status_condition(f.get("status"), today)
        if status is not None:
            conditions.append(status)
        if f.get("area_id"):
            conditions.append(Action.area_id == parse_id(f["area_id"]))
        if f.get("owner_id"):
            if f["owner_id"] == "none":
                conditions.append(Action.owner_id.is_(None))
            else:
                conditions.append(Action.owner_id == parse_id(f["owner_id"]))
        if f.get("source_kind"):
            conditions.append(Action.source_kind == ActionSource(f["source_kind"]).value)
        if f.get("source_id"):
            conditions.append(Action.source_id == parse_id(f["source_id"]))
        if f.get("no_deadline"):
            conditions.append(Action.deadline.is_(None))
        if f.get("deadline_from"):
            conditions.append(Action.deadline >= f["deadline_from"])
        if f.get("deadline_to"):
            conditions.append(Action.deadline <= f["deadline_to"])
        for term in search_terms(query.search):
            hit: ColumnElement[bool] = Action.search_text.like(_like(term), escape="\\")
            if self.shared:
                hit = and_(
                    or_(_SOURCE.confidential.is_(None), _SOURCE.confidential.is_(False)), hit
                )
            conditions.append(hit)
        return conditions

    def _from(self, stmt: Select) -> Select:
        return stmt.outerjoin(
            _SOURCE,
            and_(
                Action.source_kind == ActionSource.DEVIATION.value,
                _SOURCE.id == Action.source_id,
            ),
        )

    def count(self, query) -> int:
        stmt = self._from(select(func.count()).select_from(Action)).where(*self._conditions(query))
        with self.db.read() as s:
            return int(s.scalar(stmt) or 0)

    def statement(self, query) -> Select:
        stmt = select(
            Action.id,
            Action.title,
            Action.description,
            Action.area_id,
            _AREA.name.label("area_name"),
            Action.owner_id,
            _OWNER.name.label("owner_name"),
            Action.deadline,
            Action.status,
            Action.done_date,
            Action.source_kind,
            Action.source_id,
            Action.source_label,
            Action.version,
            _SOURCE.confidential.label("confidential"),
        ).select_from(Action)
        stmt = (
            self._from(stmt)
            .outerjoin(_AREA, _AREA.id == Action.area_id)
            .outerjoin(_OWNER, _OWNER.id == Action.owner_id)
            .where(*self._conditions(query))
        )
        return stmt.order_by(*self._order(query))

    def _order(self, query) -> list:
        key, desc = query.sort, query.descending
        columns: list[ColumnOperators]
        if key == "title":
            columns = [Action.title]
        elif key == "area":
            columns = [_AREA.name.is_(None), _AREA.name]
        elif key == "owner":
            columns = [_OWNER.name.is_(None), _OWNER.name]
        elif key == "status":
            columns = [case({s.value: i for i, s in enumerate(ActionStatus)}, value=Action.status)]
        elif key == "source":
            columns = [Action.source_kind, Action.source_label]
        elif key == "done_date":
            columns = [Action.done_date.is_(None), Action.done_date]
        else:  # deadline, the default: soonest (most overdue) first, no deadline last
            columns = [Action.deadline.is_(None), Action.deadline]
        ordered = [c.desc() if desc else c.asc() for c in columns]
        return ordered + [Action.created_at.asc(), Action.id.asc()]

    def fetch(self, query, offset: int, limit: int) -> list[ActionRow]:
        today = self.today()
        with self.db.read() as s:
            rows = s.execute(self.statement(query).offset(offset).limit(limit)).all()
        return [self._row(r, today) for r in rows]

    def _row(self, r, today: date) -> ActionRow:
        hidden = bool(r.confidential) and self.shared
        overdue = is_overdue(r.status, r.deadline, today)
        return ActionRow.from_columns(
            r,
            area_name=r.area_name,
            owner_name=r.owner_name,
            title=shared_action_title(r.title, True) if hidden else None,
            description=shared_text(r.description, True) if hidden else None,
            confidential=bool(r.confidential),
            overdue=overdue,
            days_overdue=(today - r.deadline).days if overdue else 0,
        )

    def all_rows(self, query, batch: int = 1000):
        offset = 0
        while True:
            rows = self.fetch(query, offset, batch)
            yield from rows
            if len(rows) < batch:
                return
            offset += batch


def overdue_count(db: Database, today: date) -> int:
    """How many open actions have passed their deadline (for the overview)."""
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Action)
                .where(
                    Action.archived_at.is_(None),
                    Action.status.in_(OPEN),
                    Action.deadline.is_not(None),
                    Action.deadline < today,
                )
            )
            or 0
        )


def action_owners(db: Database) -> list[tuple[str, str]]:
    """(id, name) of everyone who owns an open action, for the owner filter."""
    with db.read() as s:
        rows = s.execute(
            select(Person.id, Person.name)
            .where(
                Person.id.in_(
                    select(Action.owner_id).where(
                        Action.archived_at.is_(None), Action.status.in_(OPEN)
                    )
                )
            )
            .order_by(Person.name)
        ).all()
        return [(str(r.id), r.name) for r in rows]


# --- export --------------------------------------------------------------------------

EXPORT_COLUMNS = [
    TableColumn(N_("Tiltak"), 44),
    TableColumn(N_("Beskrivelse"), 44),
    TableColumn(N_("Verneområde"), 24),
    TableColumn(N_("Ansvarlig"), 20),
    TableColumn(N_("Frist"), 11, "date"),
    TableColumn(N_("Status"), 13),
    TableColumn(N_("Forfalt (dager)"), 14, "int"),
    TableColumn(N_("Utført"), 11, "date"),
    TableColumn(N_("Kilde"), 14),
    TableColumn(N_("Kilde-ID"), 16),
]


def export_actions(
    db: Database, path: Path | str, query: ListQuery | None = None, today: date | None = None
) -> int:
    """Write the action plan the query selects to `path` (.csv or .xlsx)."""
    query = query or ListQuery()
    plan = ActionPlan(db, today or clock.today(), shared=True)
    rows = (
        [
            r.title,
            r.description,
            r.area_name or "",
            r.owner_name or "",
            r.deadline,
            r.status.label,
            r.days_overdue or None,
            r.done_date,
            r.source_kind.label,
            r.source_label,
        ]
        for r in plan.all_rows(query)
    )
    columns = [replace(c, header=_(c.header)) for c in EXPORT_COLUMNS]
    return write_table(path, _("Handlingsplan"), columns, rows)

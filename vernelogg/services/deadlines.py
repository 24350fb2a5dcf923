"""Frister: every deadline the rules give, gathered from roles, courses and the plan.

:func:`collect_deadlines` returns :class:`DeadlineEntry` rows: the domain
:class:`~vernelogg.domain.deadlines.DeadlineItem` plus the ids of the records it concerns
(so a row can open the person, role, area or planned activity). Sources:

* ``training`` / ``refresher``: each role held (or starting later) and the person's
  courses (:func:`vernelogg.domain.training.training_items`). Deadlines count from the
  start of continuous service in the same role (a re-elected VO keeps the first start).
  A person who needs the same course for two roles gets one item: the one from the role
  held longest (its deadlines come first).
* ``term_end`` / ``election``: elected roles (OLM § 3-4); skipped when the successor is
  already registered (a holding of the same role and area starting within a month before
  the term end, or the day after). An area whose VO's term ran out with nobody after
  gets an overdue ``term_end``.
* ``legal_requirement``: missing VO, HVO and AMU (aml. §§ 6-1, 7-1).
* ``planned_activity``: the annual plan: undone dates of the last year (overdue) and
  the next undone date of each activity.
* :data:`EXTRA_SOURCES`: callables ``(db, today, settings) -> list[DeadlineItem]`` that
  other features add (e.g. risk-assessment review dates, kind ``review``).

Entries are sorted by date: items missing without a date first, then by due date, the
worse status first on the same day.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vernelogg.domain.deadlines import (
    AREA_FLAG_CHEMICAL_BIOLOGICAL,
    AREA_FLAG_COMPLEX_CONDITIONS,
    DeadlineItem,
    RoleHolding,
    RuleSettings,
    Status,
    classify,
    format_date,
    legal_requirement_items,
    term_items,
)
from vernelogg.domain.roles import AREA_ROLES, ELECTED_TERM_ROLES, Role
from vernelogg.domain.training import WIDE_ROLES, training_items
from vernelogg.i18n import N_, _, ngettext
from vernelogg.services.annual_plan import open_occurrences
from vernelogg.services.rule_settings import settings_from_session
from vernelogg.services.training import course_records
from vernelogg.store.database import Database
from vernelogg.store.models import Organisation, RoleAssignment, SafetyArea

ExtraSource = Callable[[Database, date, RuleSettings], list[DeadlineItem]]


def _risk_reviews(db: Database, today: date, settings: RuleSettings) -> list[DeadlineItem]:
    from vernelogg.services.risk import review_items

    return review_items(db, today, settings)


EXTRA_SOURCES: list[ExtraSource] = [_risk_reviews]

# Shown with _(KIND_LABELS[kind]).
KIND_LABELS: dict[str, str] = {
    "training": N_("Opplæring"),
    "refresher": N_("Oppfriskning"),
    "term_end": N_("Funksjonstid"),
    "election": N_("Valg"),
    "planned_activity": N_("Årshjul"),
    "legal_requirement": N_("Lovkrav"),
    "review": N_("Gjennomgang"),
}

WEEK = 7
# A successor registered this long before the term end counts as the next term.
_SUCCESSOR_WINDOW = timedelta(days=31)


@dataclass(frozen=True)
class DeadlineEntry:
    """A deadline item and the records it concerns."""

    item: DeadlineItem
    person_id: str | None = None
    area_id: str | None = None
    assignment_id: str | None = None
    activity_id: str | None = None
    planned_date: date | None = None

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS[self.item.kind]) if self.item.kind in KIND_LABELS else self.item.kind

    @property
    def role_label(self) -> str:
        return self.item.role.label if self.item.role else ""


def sort_key(entry: DeadlineEntry) -> tuple:
    item = entry.item
    # Missing without a date first, then dated items, then ok items without a date.
    group = 1 if item.due is not None else (2 if item.status is Status.OK else 0)
    return (
        group,
        item.due or date.min,
        -item.status.severity,
        item.kind,
        item.area or "",
        item.person or "",
        item.title,
    )


# --- roles and training -------------------------------------------------------------------


def _flags(area: SafetyArea | None) -> frozenset[str]:
    if area is None:
        return frozenset()
    flags = set()
    if area.chemical_biological:
        flags.add(AREA_FLAG_CHEMICAL_BIOLOGICAL)
    if area.complex_conditions:
        flags.add(AREA_FLAG_COMPLEX_CONDITIONS)
    return frozenset(flags)


def _service_start(a: RoleAssignment, same_role: list[RoleAssignment]) -> date:
    """Start of continuous service: earlier holdings that run up to this one count."""
    start = a.start_date
    changed = True
    while changed:
        changed = False
        for b in same_role:
            if (
                b.id != a.id
                and b.start_date < start
                and b.end_date is not None
                and b.end_date >= start - timedelta(days=1)
            ):
                start = b.start_date
                changed = True
    return start


def _has_successor(a: RoleAssignment, same_slot: list[RoleAssignment]) -> bool:
    if a.end_date is None:
        return False
    return any(
        b.id != a.id
        and b.start_date > a.start_date
        and a.end_date - _SUCCESSOR_WINDOW < b.start_date <= a.end_date + timedelta(days=1)
        for b in same_slot
    )


def _role_entries(s: Session, today: date, settings: RuleSettings) -> list[DeadlineEntry]:
    assignments = list(
        s.scalars(
            select(RoleAssignment)
            .where(RoleAssignment.archived_at.is_(None))
            .order_by(RoleAssignment.start_date)
            # Each holder's person and area in two queries, not one per assignment.
            .options(selectinload(RoleAssignment.person), selectinload(RoleAssignment.area))
        )
    )
    by_person_role: dict[tuple[uuid.UUID, str], list[RoleAssignment]] = {}
    by_slot: dict[tuple[str, uuid.UUID | None], list[RoleAssignment]] = {}
    for a in assignments:
        by_person_role.setdefault((a.person_id, a.role), []).append(a)
        slot_area = a.area_id if Role(a.role) in AREA_ROLES else None
        by_slot.setdefault((a.role, slot_area), []).append(a)
    courses = course_records(s)
    # The HVO needs at least the training of the delegates coordinated, and AMU members
    # cover the whole undertaking (OLM § 3-18): the flags of every live area.
    all_flags = frozenset().union(
        *(
            _flags(area)
            for area in s.scalars(select(SafetyArea).where(SafetyArea.archived_at.is_(None)))
        )
    )

    training: dict[tuple[str, str, str], tuple[date, DeadlineEntry]] = {}
    terms: list[DeadlineEntry] = []
    for a in assignments:
        if a.end_date is not None and a.end_date < today:
            continue
        if a.person.archived_at is not None:
            continue
        role = Role(a.role)
        area = a.area if role in AREA_ROLES else None
        area_name = area.name if area else None
        person_id = str(a.person_id)
        holding = RoleHolding(
            person=person_id,
            role=role,
            area=area_name,
            start=_service_start(a, by_person_role[(a.person_id, a.role)]),
            end=a.end_date,
            area_flags=all_flags if role in WIDE_ROLES else _flags(area),
        )
        entry_for = partial(
            DeadlineEntry,
            person_id=person_id,
            area_id=str(area.id) if area else None,
            assignment_id=str(a.id),
        )
        for item in training_items(holding, courses, today, settings):
            entry = entry_for(dataclasses.replace(item, person=a.person.name))
            key = (person_id, item.kind, item.ref or "")
            if key not in training or holding.start < training[key][0]:
                training[key] = (holding.start, entry)
        if role in ELECTED_TERM_ROLES:
            slot = by_slot[(a.role, area.id if area else None)]
            if _has_successor(a, slot):
                continue
            term_holding = dataclasses.replace(holding, start=a.start_date)
            for item in term_items(term_holding, today, settings):
                terms.append(entry_for(dataclasses.replace(item, person=a.person.name)))
    return [entry for _, entry in training.values()] + terms


# --- legal requirements and vacancies -----------------------------------------------------


def _legal_entries(s: Session, today: date, settings: RuleSettings) -> list[DeadlineEntry]:
    org = s.scalars(select(Organisation).limit(1)).first()
    if org is None:
        return []
    areas = list(
        s.scalars(
            select(SafetyArea).where(SafetyArea.archived_at.is_(None)).order_by(SafetyArea.name)
        )
    )
    active = [
        a
        for a in s.scalars(select(RoleAssignment).where(RoleAssignment.archived_at.is_(None)))
        if a.is_active(today)
    ]
    held = {(a.role, a.area_id) for a in active}
    roles_held = {a.role for a in active}
    without_vo = [a for a in areas if (Role.SAFETY_DELEGATE.value, a.id) not in held]
    items = legal_requirement_items(
        employees=org.employees,
        vo_area_count=len(areas),
        areas_without_vo=[a.name for a in without_vo],
        has_chief_delegate=Role.CHIEF_DELEGATE.value in roles_held,
        has_amu=Role.AMU_EMPLOYER.value in roles_held and Role.AMU_EMPLOYEE.value in roles_held,
        settings=settings,
        amu_demanded_on=org.amu_demanded_on,
        vo_agreement_on=org.vo_agreement_on,
        has_delegate=Role.SAFETY_DELEGATE.value in roles_held,
    )
    area_ids = {a.name: str(a.id) for a in areas}
    entries = [DeadlineEntry(i, area_id=area_ids.get(i.area or "")) for i in items]

    # An area whose VO's term ran out, with nobody registered after: the term is overdue.
    for area in without_vo:
        last = s.scalars(
            select(RoleAssignment)
            .where(
                RoleAssignment.role == Role.SAFETY_DELEGATE.value,
                RoleAssignment.area_id == area.id,
                RoleAssignment.archived_at.is_(None),
                RoleAssignment.end_date < today,
            )
            .order_by(RoleAssignment.end_date.desc())
            .limit(1)
        ).first()
        if last is None or last.end_reason or last.end_date is None:
            continue
        entries.append(
            DeadlineEntry(
                DeadlineItem(
                    kind="term_end",
                    person=last.person.name,
                    role=Role.SAFETY_DELEGATE,
                    area=area.name,
                    title=_(
                        "Funksjonstiden som verneombud gikk ut {date}; "
                        "nytt verneombud er ikke registrert"
                    ).format(date=format_date(last.end_date)),
                    due=last.end_date,
                    status=Status.OVERDUE,
                ),
                person_id=str(last.person_id),
                area_id=str(area.id),
                assignment_id=str(last.id),
            )
        )
    return entries


# --- the annual plan ------------------------------------------------------------------------


def _plan_entries(s: Session, today: date, settings: RuleSettings) -> list[DeadlineEntry]:
    entries = []
    for due in open_occurrences(s, today):
        o = due.occurrence
        activity = o.activity
        if due.overdue:
            status = Status.OVERDUE
            title = _("{activity}: planlagt {date}, ikke registrert utført").format(
                activity=activity.title, date=format_date(o.planned)
            )
        else:
            status = classify(o.planned, today, settings.due_soon_days)
            title = _("{activity}: planlagt {date}").format(
                activity=activity.title, date=format_date(o.planned)
            )
        entries.append(
            DeadlineEntry(
                DeadlineItem(
                    kind="planned_activity",
                    person=None,
                    role=None,
                    area=activity.area_name,
                    title=title,
                    due=o.planned,
                    status=status,
                    ref=activity.kind.value,
                ),
                area_id=activity.area_id,
                activity_id=activity.id,
                planned_date=o.planned,
            )
        )
    return entries


# --- public -------------------------------------------------------------------------------------


def collect_deadlines(
    db: Database,
    today: date,
    settings: RuleSettings | None = None,
    *,
    include_extra: bool = True,
) -> list[DeadlineEntry]:
    """Every deadline item, sorted (see the module docstring)."""
    with db.read() as s:
        settings = settings or settings_from_session(s)
        entries = (
            _legal_entries(s, today, settings)
            + _role_entries(s, today, settings)
            + _plan_entries(s, today, settings)
        )
    if include_extra:
        for source in EXTRA_SOURCES:
            entries.extend(DeadlineEntry(item) for item in source(db, today, settings))
    return sorted(entries, key=sort_key)


def training_entries(
    db: Database, today: date, settings: RuleSettings | None = None
) -> list[DeadlineEntry]:
    """The training and refresher items of every role holder, sorted: what the training
    overview and the annual summary show, without reading the other deadlines."""
    with db.read() as s:
        settings = settings or settings_from_session(s)
        entries = [
            e for e in _role_entries(s, today, settings) if e.item.kind in ("training", "refresher")
        ]
    return sorted(entries, key=sort_key)


def deadline_items(
    db: Database, today: date, settings: RuleSettings | None = None
) -> list[DeadlineItem]:
    return [e.item for e in collect_deadlines(db, today, settings)]


def needs_attention(entry: DeadlineEntry) -> bool:
    return entry.item.status is not Status.OK


def within(entries: Iterable[DeadlineEntry], today: date, days: int) -> list[DeadlineEntry]:
    """Entries overdue or missing, and those due no later than ``days`` from ``today``.

    Items that are ok without a date (a completed course) need nothing and are left out.
    """
    limit = today + timedelta(days=days)
    return [
        e
        for e in entries
        if e.item.status in (Status.OVERDUE, Status.MISSING)
        or (e.item.due is not None and e.item.due <= limit)
    ]


@dataclass(frozen=True)
class DeadlineCounts:
    overdue: int
    due_this_week: int
    missing: int
    due_soon: int

    @property
    def summary(self) -> str:
        """``3 frister forfalt · 2 innen en uke`` (empty when nothing needs attention now)."""
        parts = []
        if self.overdue:
            parts.append(
                ngettext("{n} frist forfalt", "{n} frister forfalt", self.overdue).format(
                    n=self.overdue
                )
            )
        if self.due_this_week:
            parts.append(_("{n} innen en uke").format(n=self.due_this_week))
        return " · ".join(parts)


def count_deadlines(entries: Iterable[DeadlineEntry], today: date) -> DeadlineCounts:
    week = today + timedelta(days=WEEK)
    items = [e.item for e in entries]
    return DeadlineCounts(
        overdue=sum(1 for i in items if i.status is Status.OVERDUE),
        due_this_week=sum(
            1
            for i in items
            if i.status is not Status.OVERDUE and i.due is not None and today <= i.due <= week
        ),
        missing=sum(1 for i in items if i.status is Status.MISSING),
        due_soon=sum(1 for i in items if i.status is Status.DUE_SOON),
    )


JSON_KEYS = ("kind", "person", "role", "area", "title", "due", "status")


def item_to_json(item: DeadlineItem) -> dict[str, str | None]:
    """The public JSON form: exactly :data:`JSON_KEYS` (see README, «Frister som JSON»)."""
    return {
        "kind": item.kind,
        "person": item.person,
        "role": item.role.value if item.role else None,
        "area": item.area,
        "title": item.title,
        "due": item.due.isoformat() if item.due else None,
        "status": item.status.value,
    }

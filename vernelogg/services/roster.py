"""Sentrale verv: who holds the roles the law asks for, vacancies and terms that run out.

One list in four sections: the HVO and deputy; the VO and deputy of every area; the
AMU by side, with chair, secretary and BHT; the top leader and the area leaders. Each
row says how the term stands (OLM § 3-4) and how the holder's training stands.

A vacancy is ``missing`` (red) when the law requires the role at this size (VO from
``vo_threshold_employees``, HVO with two or more areas, AMU sides from
``amu_threshold_employees``, the top leader always); otherwise it is shown without a
status («ikke besatt»).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vernelogg.domain.deadlines import (
    AREA_FLAG_CHEMICAL_BIOLOGICAL,
    AREA_FLAG_COMPLEX_CONDITIONS,
    RoleHolding,
    RuleSettings,
    Status,
    format_date,
    term_items,
)
from vernelogg.domain.roles import ELECTED_TERM_ROLES, Role
from vernelogg.domain.training import CourseKind, requirements_for
from vernelogg.i18n import _, ngettext
from vernelogg.services.deadlines import collect_deadlines
from vernelogg.store.database import Database
from vernelogg.store.models import Organisation, RoleAssignment, SafetyArea


@dataclass(frozen=True)
class RosterRow:
    role: Role
    person_id: str | None = None
    person_name: str | None = None
    area_id: str | None = None
    area_name: str | None = None
    assignment_id: str | None = None
    start: date | None = None
    term_end: date | None = None
    status: Status | None = None  # None: nothing to say (an optional role left empty)
    note: str = ""
    training: Status | None = None
    training_note: str = ""
    detail: str = ""  # longer text for a tooltip

    @property
    def vacant(self) -> bool:
        return self.person_id is None

    @property
    def label(self) -> str:
        return self.role.label


@dataclass(frozen=True)
class RosterSection:
    title: str
    rows: tuple[RosterRow, ...]
    remarks: tuple[str, ...] = field(default_factory=tuple)


def _active(s: Session, today: date) -> list[RoleAssignment]:
    # The holder and the area of every row are shown: loaded with the rows, in two more
    # statements, not one per row (over a network each is a round trip).
    rows = s.scalars(
        select(RoleAssignment)
        .where(RoleAssignment.archived_at.is_(None))
        .order_by(RoleAssignment.start_date)
        .options(selectinload(RoleAssignment.person), selectinload(RoleAssignment.area))
    )
    return [a for a in rows if a.is_active(today)]


class _Builder:
    def __init__(
        self,
        s: Session,
        today: date,
        settings: RuleSettings,
        training: dict[tuple[str, str], tuple[Status, str]],
    ) -> None:
        self.s, self.today, self.settings, self.training = s, today, settings, training
        self.active = _active(s, today)
        self._ended: dict[tuple[str, uuid.UUID | None], RoleAssignment] | None = None

    def holders(self, role: Role, area_id: uuid.UUID | None = None) -> list[RoleAssignment]:
        return [a for a in self.active if a.role == role.value and a.area_id == area_id]

    def held(self, a: RoleAssignment) -> RosterRow:
        role = Role(a.role)
        status: Status | None = Status.OK
        note = ""
        term_end = None
        if role in ELECTED_TERM_ROLES:
            holding = RoleHolding(str(a.person_id), role, None, a.start_date, a.end_date)
            items = term_items(holding, self.today, self.settings)
            end_item = next((i for i in items if i.kind == "term_end"), None)
            if end_item is not None:
                term_end = end_item.due
                status = end_item.status
                if status is not Status.OK and term_end is not None:
                    days = (term_end - self.today).days
                    if days == 0:
                        note = _("Går ut i dag")
                    elif days > 0:
                        note = ngettext("Går ut om {n} dager", "Går ut om {n} dager", days).format(
                            n=days
                        )
                    else:
                        note = _("Gikk ut {date}").format(date=format_date(term_end))
        else:
            term_end = a.end_date
        training_status, training_note = self._training(a, role)
        return RosterRow(
            role=role,
            person_id=str(a.person_id),
            person_name=a.person.name,
            area_id=str(a.area_id) if a.area_id else None,
            area_name=a.area.name if a.area else None,
            assignment_id=str(a.id),
            start=a.start_date,
            term_end=term_end,
            status=status,
            note=note,
            training=training_status,
            training_note=training_note,
        )

    def _training(self, a: RoleAssignment, role: Role) -> tuple[Status | None, str]:
        """Worst status of the courses this role requires of its holder (and refresher)."""
        kinds = [k.value for k in requirements_for(role, _flags(a.area))]
        if CourseKind.BASIC.value in kinds:
            kinds.append(CourseKind.REFRESHER.value)
        found = [
            self.training[(str(a.person_id), k)]
            for k in kinds
            if (str(a.person_id), k) in self.training
        ]
        if not found:
            return None, ""
        worst = max((status for status, _note in found), key=lambda st: st.severity)
        return worst, "\n".join(note for _status, note in found)

    def vacant(
        self, role: Role, required: bool, area: SafetyArea | None = None, why: str = ""
    ) -> RosterRow:
        note = why or (_("Ledig") if required else _("Ikke besatt"))
        detail = ""
        last = self.last_holder(role, area.id if area else None)
        if last is not None and last.end_date is not None and not last.end_reason:
            note = _("Ledig siden {date}").format(
                date=format_date(last.end_date + timedelta(days=1))
            )
            detail = _(
                "Funksjonstiden til {person} gikk ut {date}, og ingen ny er registrert."
            ).format(person=last.person.name, date=format_date(last.end_date))
            required_status = Status.OVERDUE if required else None
        else:
            required_status = Status.MISSING if required else None
        return RosterRow(
            role=role,
            area_id=str(area.id) if area else None,
            area_name=area.name if area else None,
            status=required_status,
            note=note,
            detail=detail,
        )

    def last_holder(self, role: Role, area_id: uuid.UUID | None) -> RoleAssignment | None:
        """The holder whose term ended last, for a vacant role. Every ended assignment is
        read once, with its person, for all the vacant rows together."""
        if self._ended is None:
            self._ended = {}
            for a in self.s.scalars(
                select(RoleAssignment)
                .where(
                    RoleAssignment.archived_at.is_(None),
                    RoleAssignment.end_date < self.today,
                )
                .order_by(RoleAssignment.end_date.desc())
                .options(selectinload(RoleAssignment.person))
            ):
                self._ended.setdefault((a.role, a.area_id), a)  # the latest first
        return self._ended.get((role.value, area_id))

    def rows(
        self, role: Role, required: bool, area: SafetyArea | None = None, why: str = ""
    ) -> list[RosterRow]:
        found = self.holders(role, area.id if area else None)
        return [self.held(a) for a in found] or [self.vacant(role, required, area, why)]


def _training_by_course(
    db: Database, today: date, settings: RuleSettings | None
) -> dict[tuple[str, str], tuple[Status, str]]:
    """(person id, course kind) → status and text of that training or refresher item."""
    return {
        (e.person_id, e.item.ref or ""): (e.item.status, f"{e.item.status.label}: {e.item.title}")
        for e in collect_deadlines(db, today, settings, include_extra=False)
        if e.item.kind in ("training", "refresher") and e.person_id
    }


def _flags(area: SafetyArea | None) -> frozenset[str]:
    if area is None:
        return frozenset()
    return frozenset(
        flag
        for flag, on in (
            (AREA_FLAG_CHEMICAL_BIOLOGICAL, area.chemical_biological),
            (AREA_FLAG_COMPLEX_CONDITIONS, area.complex_conditions),
        )
        if on
    )


def _amu_remarks(employer: Iterable[RosterRow], employee: Iterable[RosterRow]) -> list[str]:
    n_employer = sum(1 for r in employer if not r.vacant)
    n_employee = sum(1 for r in employee if not r.vacant)
    if (n_employer or n_employee) and n_employer != n_employee:
        return [
            _(
                "Ulikt antall medlemmer fra hver side: {employer} fra arbeidsgiver og "
                "{employee} fra arbeidstakerne (aml. § 7-1 krever like mange)."
            ).format(employer=n_employer, employee=n_employee)
        ]
    return []


def central_roster(
    db: Database, today: date, settings: RuleSettings | None = None
) -> list[RosterSection]:
    """The central roles in four sections (see the module docstring)."""
    from vernelogg.services.rule_settings import settings_from_session

    with db.read() as s:
        settings = settings or settings_from_session(s)
    training = _training_by_course(db, today, settings)
    with db.read() as s:
        b = _Builder(s, today, settings, training)
        org = s.scalars(select(Organisation).limit(1)).first()
        employees = org.employees if org else 0
        areas = list(
            s.scalars(
                select(SafetyArea).where(SafetyArea.archived_at.is_(None)).order_by(SafetyArea.name)
            )
        )
        needs_hvo = len(areas) >= 2
        chief = b.rows(
            Role.CHIEF_DELEGATE,
            needs_hvo,
            why="" if needs_hvo else _("Ikke besatt (kreves med to eller flere verneområder)"),
        ) + b.rows(Role.DEPUTY_CHIEF_DELEGATE, False)

        needs_vo = employees >= settings.vo_threshold_employees
        delegates: list[RosterRow] = []
        for area in areas:
            delegates += b.rows(Role.SAFETY_DELEGATE, needs_vo, area)
            delegates += b.rows(Role.DEPUTY_DELEGATE, False, area)

        needs_amu = employees >= settings.amu_threshold_employees
        employer = b.rows(Role.AMU_EMPLOYER, needs_amu)
        employee = b.rows(Role.AMU_EMPLOYEE, needs_amu)
        amu = (
            employer
            + employee
            + b.rows(Role.AMU_CHAIR, needs_amu)
            + b.rows(Role.AMU_SECRETARY, False)
            + b.rows(Role.OHS_REPRESENTATIVE, False)
        )
        amu_remarks = _amu_remarks(employer, employee)
        chair = next((r for r in amu if r.role is Role.AMU_CHAIR and not r.vacant), None)
        if chair is not None:
            sides = {r.role for r in employer + employee if r.person_id == chair.person_id}
            if Role.AMU_EMPLOYER in sides:
                amu_remarks.append(
                    _("Leder i år: {person}, fra arbeidsgiversiden.").format(
                        person=chair.person_name
                    )
                )
            elif Role.AMU_EMPLOYEE in sides:
                amu_remarks.append(
                    _("Leder i år: {person}, fra arbeidstakersiden.").format(
                        person=chair.person_name
                    )
                )

        leaders = b.rows(Role.TOP_LEADER, True)
        for area in areas:
            leaders += b.rows(Role.LEADER, False, area, why=_("Ingen leder registrert"))
    return [
        RosterSection(_("Hovedverneombud"), tuple(chief)),
        RosterSection(_("Verneombud per verneområde"), tuple(delegates)),
        RosterSection(_("Arbeidsmiljøutvalget (AMU) og BHT"), tuple(amu), tuple(amu_remarks)),
        RosterSection(_("Ledelse"), tuple(leaders)),
    ]

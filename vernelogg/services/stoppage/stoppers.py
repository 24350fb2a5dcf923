"""Who may stop work under § 6-3 (VO, deputy, HVO), and who speaks for the employer."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from vernelogg.domain.roles import Role
from vernelogg.i18n import _
from vernelogg.services.ids import parse_id
from vernelogg.services.stoppage.info import StopperOption
from vernelogg.store.database import Database
from vernelogg.store.models import Person, RoleAssignment

# Who may stop work under § 6-3, most fitting first.
STOPPER_ROLES = (
    Role.SAFETY_DELEGATE,
    Role.DEPUTY_DELEGATE,
    Role.CHIEF_DELEGATE,
    Role.DEPUTY_CHIEF_DELEGATE,
)
DEPUTY_ROLES = (Role.DEPUTY_DELEGATE, Role.DEPUTY_CHIEF_DELEGATE)


def active_roles(s: Session, on: date, person_id: uuid.UUID | None = None):
    query = (
        select(RoleAssignment)
        .where(
            RoleAssignment.archived_at.is_(None),
            RoleAssignment.role.in_([r.value for r in STOPPER_ROLES]),
            RoleAssignment.start_date <= on,
            or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= on),
        )
        .join(Person, Person.id == RoleAssignment.person_id)
        .where(Person.archived_at.is_(None))
    )
    if person_id is not None:
        query = query.where(RoleAssignment.person_id == person_id)
    return list(s.scalars(query))


def role_text(a: RoleAssignment) -> str:
    role = Role(a.role)
    if a.area:
        return _("{role} for {area}").format(role=role.label, area=a.area.name)
    return role.label


def best_role(roles: list[RoleAssignment], area_id: uuid.UUID | None) -> RoleAssignment | None:
    """The role that best gives the right to stop work in `area_id`."""

    def rank(a: RoleAssignment) -> tuple[int, int]:
        here = 0 if a.area_id is not None and a.area_id == area_id else 1
        if Role(a.role) in (Role.CHIEF_DELEGATE, Role.DEPUTY_CHIEF_DELEGATE):
            here = 0  # the HVO covers every area
        return (here, STOPPER_ROLES.index(Role(a.role)))

    return min(roles, key=rank) if roles else None


def eligible_stoppers(db: Database, on: date, area_id: str | None = None) -> list[StopperOption]:
    """Persons holding VO, deputy VO, HVO or deputy HVO on `on`: those for `area_id` first."""
    area = parse_id(area_id, _("stansingen")) if area_id else None
    with db.read() as s:
        by_person: dict[uuid.UUID, list[RoleAssignment]] = {}
        for a in active_roles(s, on):
            by_person.setdefault(a.person_id, []).append(a)
        options = []
        for roles in by_person.values():
            best = best_role(roles, area)
            assert best is not None
            options.append(
                (best, StopperOption(str(best.person_id), best.person.name, role_text(best)))
            )
        # Those for the area first, the deputies after the VO; the rest by name.
        here = sorted(
            ((Role(b.role) in DEPUTY_ROLES, o.name, o) for b, o in options if _in(b, area)),
            key=lambda t: (t[0], t[1]),
        )
        rest = sorted((o for b, o in options if not _in(b, area)), key=lambda o: o.name)
        return [o for _deputy, _name, o in here] + rest


def _in(role: RoleAssignment, area: uuid.UUID | None) -> bool:
    return area is not None and role.area_id == area


def default_stopper(db: Database, area_id: str | None, on: date) -> str | None:
    """The area's VO on `on` (or the deputy when there is no VO), to pre-fill the form."""
    if not area_id:
        return None
    with db.read() as s:
        roles = [a for a in active_roles(s, on) if a.area_id == parse_id(area_id, _("stansingen"))]
        for role in (Role.SAFETY_DELEGATE, Role.DEPUTY_DELEGATE):
            for a in roles:
                if Role(a.role) is role:
                    return str(a.person_id)
    return None


def area_leader_name(db: Database, area_id: str, on: date) -> str | None:
    """The area's leader with personnel responsibility: the employer's representative."""
    with db.read() as s:
        return leader_name(s, parse_id(area_id, _("stansingen")), on)


def leader_name(s: Session, area_id: uuid.UUID, on: date) -> str | None:
    leader = s.scalars(
        select(RoleAssignment)
        .where(
            RoleAssignment.archived_at.is_(None),
            RoleAssignment.role == Role.LEADER.value,
            RoleAssignment.area_id == area_id,
            RoleAssignment.start_date <= on,
            or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= on),
        )
        .limit(1)
    ).first()
    return leader.person.name if leader else None

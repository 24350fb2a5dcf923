"""The committee: members by side with deputies (from role assignments), the chair's side
per year, the secretary, the BHT representative, and what is missing or uneven."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, contains_eager

from vernelogg.domain.amu import (
    CommitteeWarning,
    Side,
    chair_rotation_problems,
    chair_side_for,
    committee_warnings,
    side_of_role,
)
from vernelogg.domain.roles import AMU_ROLES, Role
from vernelogg.i18n import _
from vernelogg.services import people as people_service
from vernelogg.services.errors import ValidationError, Validator
from vernelogg.services.ids import optional_id
from vernelogg.services.settings import get_setting, set_setting
from vernelogg.store.database import Database
from vernelogg.store.models import AmuChairYear, Person, RoleAssignment

SEATS_KEY = "amu.seats_per_side"
CHAIR_TERM_KEY = "amu.chair_term_years"
SINGLE_AMU_ROLES = frozenset({Role.AMU_CHAIR, Role.AMU_SECRETARY})


@dataclass(frozen=True)
class CommitteeSeat:
    """One person's AMU role for a period."""

    assignment_id: str
    person_id: str
    name: str
    title: str
    email: str
    role: Role
    start: date
    end: date | None

    @property
    def side(self) -> Side | None:
        return side_of_role(self.role)

    @property
    def is_deputy(self) -> bool:
        return self.role in (Role.AMU_DEPUTY_EMPLOYER, Role.AMU_DEPUTY_EMPLOYEE)

    @property
    def kind_label(self) -> str:
        if self.side is not None:
            return _("Vara") if self.is_deputy else _("Medlem")
        return self.role.label

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True)
class ChairYearInfo:
    year: int
    side: Side | None
    stored: bool
    note: str


@dataclass(frozen=True)
class Committee:
    on: date
    seats: tuple[CommitteeSeat, ...]  # every AMU role active on `on`
    seats_per_side: int | None
    chair_side: Side | None  # the side that chairs in on.year
    warnings: tuple[CommitteeWarning, ...]

    def members(self, side: Side) -> list[CommitteeSeat]:
        return [s for s in self.seats if s.role is side.member_role]

    def deputies(self, side: Side) -> list[CommitteeSeat]:
        return [s for s in self.seats if s.role is side.deputy_role]

    def holders(self, role: Role) -> list[CommitteeSeat]:
        return [s for s in self.seats if s.role is role]

    @property
    def chair(self) -> CommitteeSeat | None:
        return next(iter(self.holders(Role.AMU_CHAIR)), None)

    @property
    def secretary(self) -> CommitteeSeat | None:
        return next(iter(self.holders(Role.AMU_SECRETARY)), None)

    @property
    def ohs(self) -> list[CommitteeSeat]:
        return self.holders(Role.OHS_REPRESENTATIVE)

    def side_of_person(self, person_id: str) -> Side | None:
        for seat in self.seats:
            if seat.person_id == person_id and seat.side is not None:
                return seat.side
        return None


def _seat(a: RoleAssignment) -> CommitteeSeat:
    return CommitteeSeat(
        assignment_id=str(a.id),
        person_id=str(a.person_id),
        name=a.person.name,
        title=a.person.title,
        email=a.person.email,
        role=Role(a.role),
        start=a.start_date,
        end=a.end_date,
    )


_ROLE_ORDER = {role: i for i, role in enumerate(AMU_ROLES)}


def seats_between(s: Session, start: date, end: date) -> list[CommitteeSeat]:
    """Every AMU role held at some point from `start` to `end` (both included)."""
    rows = s.scalars(
        select(RoleAssignment)
        .join(Person, Person.id == RoleAssignment.person_id)
        .where(
            RoleAssignment.archived_at.is_(None),
            RoleAssignment.role.in_([r.value for r in AMU_ROLES]),
            RoleAssignment.start_date <= end,
            or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= start),
        )
        .order_by(RoleAssignment.start_date, Person.name)
        .options(contains_eager(RoleAssignment.person))
    )
    seats = [_seat(a) for a in rows]
    seats.sort(key=lambda x: (_ROLE_ORDER[x.role], x.name, x.start))
    return seats


def merge_periods(seats: list[CommitteeSeat]) -> list[CommitteeSeat]:
    """Back-to-back periods of one person in one role (re-election) as one period."""
    out: list[CommitteeSeat] = []
    last: dict[tuple[str, Role], int] = {}
    for seat in sorted(seats, key=lambda x: x.start):
        key = (seat.person_id, seat.role)
        index = last.get(key)
        previous = out[index] if index is not None else None
        if (
            index is not None
            and previous is not None
            and previous.end is not None
            and (previous.end + timedelta(days=1) >= seat.start)
        ):
            later = None if seat.end is None else max(seat.end, previous.end)
            out[index] = replace(previous, end=later)
            continue
        last[key] = len(out)
        out.append(seat)
    out.sort(key=lambda x: (_ROLE_ORDER[x.role], x.name, x.start))
    return out


def stored_chair_sides(s: Session) -> dict[int, Side]:
    return {row.year: Side(row.side) for row in s.scalars(select(AmuChairYear))}


def chair_term_years(s: Session) -> int:
    return int(get_setting(s, CHAIR_TERM_KEY, 1) or 1)


def chair_side_in(s: Session, year: int) -> Side | None:
    return chair_side_for(year, stored_chair_sides(s), chair_term_years(s))


def committee_on(s: Session, on: date) -> Committee:
    seats = tuple(seats_between(s, on, on))
    stored = stored_chair_sides(s)
    term = chair_term_years(s)
    year_side = chair_side_for(on.year, stored, term)
    seats_setting = get_setting(s, SEATS_KEY, None)
    by_person_side = {x.person_id: x.side for x in seats if x.side is not None}
    chair = next((x for x in seats if x.role is Role.AMU_CHAIR), None)
    secretary = next((x for x in seats if x.role is Role.AMU_SECRETARY), None)
    warnings = committee_warnings(
        members={side: sum(1 for x in seats if x.role is side.member_role) for side in Side},
        deputies={side: sum(1 for x in seats if x.role is side.deputy_role) for side in Side},
        seats_per_side=int(seats_setting) if seats_setting else None,
        chair_name=chair.name if chair else None,
        chair_side=by_person_side.get(chair.person_id) if chair else None,
        year_side=year_side if on.year in stored else None,
        year=on.year,
        secretary_name=secretary.name if secretary else None,
        secretary_side=by_person_side.get(secretary.person_id) if secretary else None,
        has_ohs=any(x.role is Role.OHS_REPRESENTATIVE for x in seats),
        **_composition(s, on, seats),
    )
    warnings += [CommitteeWarning("notice", text) for text in chair_rotation_problems(stored, term)]
    return Committee(
        on=on,
        seats=seats,
        seats_per_side=int(seats_setting) if seats_setting else None,
        chair_side=year_side,
        warnings=tuple(warnings),
    )


def _holders(s: Session, on: date, role: Role) -> list[tuple[str, str]]:
    """(person id, name) of everyone holding `role` on `on`, by name."""
    rows = s.execute(
        select(Person.id, Person.name)
        .join(RoleAssignment, RoleAssignment.person_id == Person.id)
        .where(
            RoleAssignment.archived_at.is_(None),
            RoleAssignment.role == role.value,
            RoleAssignment.start_date <= on,
            or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= on),
        )
        .order_by(Person.name)
    )
    return list(dict.fromkeys((str(pid), name) for pid, name in rows))


def _composition(s: Session, on: date, seats: tuple[CommitteeSeat, ...]) -> dict[str, Any]:
    """Who should sit in the committee but does not, and who sits twice (OLM § 3-7): the
    hovedverneombud and, without one, a sole safety delegate on the employee side; the
    top leader on the employer side; no BHT representative for one of the sides."""
    if not seats:
        return {}
    employee = {x.person_id for x in seats if x.role is Role.AMU_EMPLOYEE}
    employer = {x.person_id for x in seats if x.role is Role.AMU_EMPLOYER}
    on_a_side = {x.person_id for x in seats if x.side is not None}
    chiefs = _holders(s, on, Role.CHIEF_DELEGATE)
    delegates = _holders(s, on, Role.SAFETY_DELEGATE)
    sole = None
    if not chiefs and len(delegates) == 1 and delegates[0][0] not in employee:
        sole = delegates[0][1]
    return {
        "chief_delegates_outside": tuple(n for pid, n in chiefs if pid not in employee),
        "top_leaders_outside": tuple(
            n for pid, n in _holders(s, on, Role.TOP_LEADER) if pid not in employer
        ),
        "sole_delegate_outside": sole,
        "ohs_on_a_side": tuple(
            dict.fromkeys(
                x.name
                for x in seats
                if x.role is Role.OHS_REPRESENTATIVE and x.person_id in on_a_side
            )
        ),
    }


def get_committee(db: Database, on: date) -> Committee:
    """The committee as it stands on `on`, with its warnings."""
    with db.read() as s:
        return committee_on(s, on)


def list_chair_years(db: Database, around: int) -> list[ChairYearInfo]:
    """The chair side for every stored year and the years around `around` (suggested
    by alternation where nothing is stored)."""
    with db.read() as s:
        stored_rows = {row.year: row for row in s.scalars(select(AmuChairYear))}
        stored = {y: Side(r.side) for y, r in stored_rows.items()}
        term = chair_term_years(s)
    years = set(stored) | {around - 1, around, around + 1}
    out = []
    for year in sorted(years, reverse=True):
        row = stored_rows.get(year)
        out.append(
            ChairYearInfo(
                year=year,
                side=chair_side_for(year, stored, term),
                stored=row is not None,
                note=row.note if row else "",
            )
        )
    return out


def set_chair_side(db: Database, year: int, side: Side | str, note: str = "") -> ChairYearInfo:
    v = Validator()
    v.check("year", 2000 <= int(year) <= 2100, _("Velg et år mellom 2000 og 2100."))
    v.check("side", side in Side._value2member_map_ or isinstance(side, Side), _("Velg side."))
    v.raise_if_any()
    side = Side(side)
    with db.write() as s:
        row = s.scalars(select(AmuChairYear).where(AmuChairYear.year == int(year))).first()
        if row is None:
            row = AmuChairYear(year=int(year), side=side.value, note=note.strip())
            s.add(row)
        else:
            row.side, row.note = side.value, note.strip()
        s.flush()
        return ChairYearInfo(row.year, Side(row.side), True, row.note)


def get_seats_per_side(db: Database) -> int | None:
    with db.read() as s:
        value = get_setting(s, SEATS_KEY, None)
        return int(value) if value else None


def set_seats_per_side(db: Database, seats: int | None) -> None:
    if seats is not None and not 1 <= seats <= 20:
        raise ValidationError({"seats": _("Antall plasser per side må være mellom 1 og 20.")})
    with db.write() as s:
        set_setting(s, SEATS_KEY, seats or None)


def get_chair_term_years(db: Database) -> int:
    with db.read() as s:
        return chair_term_years(s)


def set_chair_term_years(db: Database, years: int) -> None:
    if years not in (1, 2):
        raise ValidationError({"term": _("Ledervervet veksler hvert år eller annethvert år.")})
    with db.write() as s:
        set_setting(s, CHAIR_TERM_KEY, years)


def assign_committee_role(
    db: Database,
    *,
    person_id: str,
    role: Role,
    start_date: date | None,
    end_date: date | None = None,
    chosen_by: str = "",
    note: str = "",
) -> people_service.AssignmentInfo:
    """Give a person an AMU role: a seat on one side (member or deputy), or an office.

    A person sits on one side only; the chair and the secretary are one person at a time.
    """
    role = Role(role)
    v = Validator()
    v.check("role", role in AMU_ROLES, _("Velg et AMU-verv."))
    v.check("start_date", start_date is not None, _("Startdato må fylles ut."))
    if start_date and end_date:
        v.check("end_date", end_date >= start_date, _("Sluttdato kan ikke være før startdato."))
    v.raise_if_any()
    assert start_date is not None
    with db.read() as s:
        clash = _clashing_assignment(s, person_id, role, start_date, end_date)
    if clash:
        raise ValidationError({"role": clash})
    return people_service.assign_role(
        db,
        person_id=person_id,
        role=role,
        start_date=start_date,
        end_date=end_date,
        elected=role in (Role.AMU_EMPLOYEE, Role.AMU_DEPUTY_EMPLOYEE),
        chosen_by=chosen_by,
        note=note,
    )


def _clashing_assignment(
    s: Session, person_id: str, role: Role, start: date, end: date | None
) -> str | None:
    overlapping = (
        select(RoleAssignment)
        .where(
            RoleAssignment.archived_at.is_(None),
            or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= start),
        )
        .order_by(RoleAssignment.start_date)
    )
    if end is not None:
        overlapping = overlapping.where(RoleAssignment.start_date <= end)
    side = side_of_role(role)
    if side is not None:
        seat_roles = [r.value for r in (Role.AMU_EMPLOYER, Role.AMU_DEPUTY_EMPLOYER)] + [
            r.value for r in (Role.AMU_EMPLOYEE, Role.AMU_DEPUTY_EMPLOYEE)
        ]
        for other in s.scalars(
            overlapping.where(
                RoleAssignment.person_id == optional_id(person_id),
                RoleAssignment.role.in_(seat_roles),
            )
        ):
            other_role = Role(other.role)
            if other_role is role:
                return _("{name} har allerede dette vervet i perioden.").format(
                    name=other.person.name
                )
            return _(
                "{name} er allerede {role} i perioden. En person kan bare ha én plass i utvalget."
            ).format(name=other.person.name, role=other_role.label)
    if role in SINGLE_AMU_ROLES:
        holder = s.scalars(overlapping.where(RoleAssignment.role == role.value)).first()
        if holder is not None:
            return _("{name} er allerede {role} i perioden. Avslutt det vervet først.").format(
                name=holder.person.name, role=role.label.lower()
            )
    return None

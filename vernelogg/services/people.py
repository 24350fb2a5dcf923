"""Persons and the roles (verv) they hold: enter, edit, end, hand over."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from vernelogg import clock
from vernelogg.domain.roles import AREA_ROLES, ELECTED_TERM_ROLES, Role
from vernelogg.domain.text import clean_text
from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.store.database import Database, take_turns
from vernelogg.store.models import Person, RoleAssignment, SafetyArea
from vernelogg.store.rights import login_exists

TERM_YEARS = 2
# One holder at a time: one VO per area, one HVO per undertaking.
SINGLE_HOLDER_ROLES = frozenset({Role.SAFETY_DELEGATE, Role.CHIEF_DELEGATE})


@dataclass(frozen=True)
class PersonInfo:
    id: str
    name: str
    title: str
    email: str
    phone: str
    archived: bool
    # The database login that signs in as this person (team mode), or "".
    db_login: str = ""


@dataclass(frozen=True)
class AssignmentInfo:
    id: str
    person_id: str
    person_name: str
    role: Role
    area_id: str | None
    area_name: str | None
    start_date: date
    end_date: date | None
    elected: bool
    chosen_by: str
    end_reason: str
    note: str

    @property
    def role_label(self) -> str:
        return self.role.label

    def is_active(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


def default_term_end(start: date, years: int = TERM_YEARS) -> date:
    """A VO term is exactly two years (OLM § 3-4): it ends the day before the anniversary.

    A term from 29 February has its anniversary on 1 March in a common year, so it ends
    on 28 February; a term from 1 March 2026 ends on 29 February 2028.
    """
    anniversary = start + relativedelta(years=years)
    if (start.month, start.day) == (2, 29) and anniversary.day == 28:
        anniversary += timedelta(days=1)
    return anniversary - timedelta(days=1)


def _person_info(p: Person) -> PersonInfo:
    return PersonInfo(
        str(p.id), p.name, p.title, p.email, p.phone, p.archived_at is not None, p.db_login or ""
    )


def _assignment_info(a: RoleAssignment) -> AssignmentInfo:
    return AssignmentInfo(
        id=str(a.id),
        person_id=str(a.person_id),
        person_name=a.person.name,
        role=Role(a.role),
        area_id=str(a.area_id) if a.area_id else None,
        area_name=a.area.name if a.area else None,
        start_date=a.start_date,
        end_date=a.end_date,
        elected=a.elected,
        chosen_by=a.chosen_by,
        end_reason=a.end_reason,
        note=a.note,
    )


# --- persons -------------------------------------------------------------------------


def list_people(
    db: Database, *, search: str = "", include_archived: bool = False
) -> list[PersonInfo]:
    with db.read() as s:
        query = select(Person).order_by(Person.name)
        if not include_archived:
            query = query.where(Person.archived_at.is_(None))
        search = clean_text(search).strip()
        if search:
            query = query.where(func.lower(Person.name).contains(search.lower()))
        return [_person_info(p) for p in s.scalars(query)]


def get_person(db: Database, person_id: str) -> PersonInfo:
    with db.read() as s:
        person = s.get(Person, parse_id(person_id))
        if person is None:
            raise NotFoundError(_("Fant ikke personen."))
        return _person_info(person)


def _validate_person(name: str, email: str, title: str = "", phone: str = "") -> None:
    v = Validator()
    v.require("name", name, _("Navn"))
    v.max_length("name", name, 200, _("Navnet"))
    v.max_length("title", title, 200, _("Stillingen"))
    v.max_length("email", email, 200, _("E-postadressen"))
    v.max_length("phone", phone, 50, _("Telefonnummeret"))
    v.check("email", not email.strip() or "@" in email, _("E-postadressen mangler @."))
    v.raise_if_any()


def _set_login(s: Session, person: Person, login: str | None) -> None:
    """Connect a database login to the person ("" takes it away). The login must exist
    on the server and belong to no one else."""
    if login is None:
        return
    login = clean_text(login).strip()
    v = Validator()
    v.max_length("db_login", login, 63, _("Databasebrukeren"))
    v.check("db_login", not any(c.isspace() for c in login), _("Databasebrukeren har mellomrom."))
    v.raise_if_any()
    if not login:
        person.db_login = None
        return
    if login == person.db_login:
        return
    if not login_exists(s.connection(), login):
        raise ValidationError(
            {
                "db_login": _(
                    "Det finnes ingen databasebruker «{login}» på databasetjeneren. "
                    "Sjekk skrivemåten (store og små bokstaver teller), eller be IT-avdelingen "
                    "opprette den først."
                ).format(login=login)
            }
        )
    take_turns(s, f"person.db_login:{login}")
    other = s.scalars(select(Person).where(Person.db_login == login, Person.id != person.id))
    holder = other.first()
    if holder is not None:
        raise ValidationError(
            {
                "db_login": _("Databasebrukeren «{login}» er allerede koblet til {person}.").format(
                    login=login, person=holder.name
                )
            }
        )
    person.db_login = login


def create_person(
    db: Database,
    *,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    db_login: str | None = None,
) -> PersonInfo:
    _validate_person(name, email, title, phone)
    with db.write() as s:
        person = Person(
            name=name.strip(), title=title.strip(), email=email.strip(), phone=phone.strip()
        )
        _set_login(s, person, db_login)
        s.add(person)
        s.flush()
        return _person_info(person)


def update_person(
    db: Database,
    person_id: str,
    *,
    name: str,
    title: str,
    email: str,
    phone: str,
    db_login: str | None = None,
) -> PersonInfo:
    """Change a person; `db_login` None leaves the login as it is, "" takes it away."""
    _validate_person(name, email, title, phone)
    with db.write() as s:
        person = s.get(Person, parse_id(person_id))
        if person is None:
            raise NotFoundError(_("Fant ikke personen."))
        person.name, person.title = name.strip(), title.strip()
        person.email, person.phone = email.strip(), phone.strip()
        _set_login(s, person, db_login)
        return _person_info(person)


def archive_person(db: Database, person_id: str, on: date | None = None) -> None:
    """Archive a person; roles still held end on `on` (today), and the database login
    no longer signs in as the person (it is free for someone else)."""
    on = on or clock.today()
    with db.write() as s:
        person = s.get(Person, parse_id(person_id))
        if person is None:
            raise NotFoundError(_("Fant ikke personen."))
        for a in s.scalars(select(RoleAssignment).where(RoleAssignment.person_id == person.id)):
            if a.is_active(on):
                a.end_date = on
                a.end_reason = _("Personen ble arkivert")
        person.archived_at = clock.now()
        person.db_login = None


# --- roles ---------------------------------------------------------------------------


def list_assignments(
    db: Database,
    *,
    on: date | None = None,
    area_id: str | None = None,
    person_id: str | None = None,
    role: Role | None = None,
) -> list[AssignmentInfo]:
    """Role assignments, newest first; with `on`, only those active that day."""
    with db.read() as s:
        query = (
            select(RoleAssignment)
            .where(RoleAssignment.archived_at.is_(None))
            .order_by(RoleAssignment.start_date.desc())
            # The person and area with each assignment: one query, not two per row.
            .options(joinedload(RoleAssignment.person), joinedload(RoleAssignment.area))
        )
        if on is not None:
            query = query.where(
                RoleAssignment.start_date <= on,
                or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= on),
            )
        if area_id:
            query = query.where(RoleAssignment.area_id == parse_id(area_id))
        if person_id:
            query = query.where(RoleAssignment.person_id == parse_id(person_id))
        if role is not None:
            query = query.where(RoleAssignment.role == role.value)
        return [_assignment_info(a) for a in s.scalars(query)]


def _overlapping_holder(
    s: Session,
    role: Role,
    area_id: uuid.UUID | None,
    start: date,
    end: date | None,
    exclude: uuid.UUID | None = None,
) -> RoleAssignment | None:
    take_turns(s, f"role_assignment:{role.value}:{area_id if role in AREA_ROLES else ''}")
    query = select(RoleAssignment).where(
        RoleAssignment.role == role.value,
        RoleAssignment.archived_at.is_(None),
        or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= start),
    )
    if end is not None:
        query = query.where(RoleAssignment.start_date <= end)
    if role in AREA_ROLES:
        query = query.where(RoleAssignment.area_id == area_id)
    if exclude is not None:
        query = query.where(RoleAssignment.id != exclude)
    return s.scalars(query.limit(1)).first()


def assign_role(
    db: Database,
    *,
    person_id: str,
    role: Role,
    start_date: date | None,
    area_id: str | None = None,
    end_date: date | None = None,
    elected: bool = True,
    chosen_by: str = "",
    note: str = "",
) -> AssignmentInfo:
    """Give a person a role. An elected term role ends after exactly two years by default."""
    role = Role(role)
    v = Validator()
    v.check("start_date", start_date is not None, _("Startdato må fylles ut."))
    v.check(
        "area_id",
        not (role in AREA_ROLES and not area_id),
        _("Velg verneområde for dette vervet."),
    )
    if start_date and end_date:
        v.check("end_date", end_date >= start_date, _("Sluttdato kan ikke være før startdato."))
    v.raise_if_any()
    assert start_date is not None
    if end_date is None and role in ELECTED_TERM_ROLES:
        end_date = default_term_end(start_date)
    with db.write() as s:
        person = s.get(Person, parse_id(person_id))
        if person is None:
            raise ValidationError({"person_id": _("Velg en person.")})
        area = None
        if area_id and role in AREA_ROLES:
            area = s.get(SafetyArea, parse_id(area_id))
            if area is None or area.archived_at is not None:
                raise ValidationError({"area_id": _("Velg et aktivt verneområde.")})
        if role in SINGLE_HOLDER_ROLES:
            other = _overlapping_holder(s, role, area.id if area else None, start_date, end_date)
            if other is not None:
                if area:
                    taken = _(
                        "{person} er allerede {role} i {area} i denne perioden. "
                        "Avslutt det vervet først."
                    )
                else:
                    taken = _(
                        "{person} er allerede {role} i denne perioden. Avslutt det vervet først."
                    )
                raise ValidationError(
                    {
                        "start_date": taken.format(
                            person=other.person.name,
                            role=role.label.lower(),
                            area=area.name if area else "",
                        )
                    }
                )
        assignment = RoleAssignment(
            person_id=person.id,
            role=role.value,
            area_id=area.id if area else None,
            start_date=start_date,
            end_date=end_date,
            elected=elected,
            chosen_by=chosen_by.strip(),
            note=note.strip(),
        )
        s.add(assignment)
        s.flush()
        s.refresh(assignment)
        return _assignment_info(assignment)


def end_role(
    db: Database,
    assignment_id: str,
    *,
    end_date: date,
    reason: str = "",
    successor_id: str | None = None,
    complete_term: bool = True,
) -> AssignmentInfo | None:
    """End a role early or on time; optionally hand it to a successor in the same step.

    A successor completes the vacated term (OLM § 3-4) when `complete_term` is set,
    otherwise starts a full new term. Returns the successor's assignment, if any.
    """
    with db.write() as s:
        a = s.get(RoleAssignment, parse_id(assignment_id))
        if a is None:
            raise NotFoundError(_("Fant ikke vervet."))
        if end_date < a.start_date:
            raise ValidationError({"end_date": _("Sluttdato kan ikke være før vervet startet.")})
        original_end = a.end_date
        a.end_date = end_date
        a.end_reason = reason.strip()
        if not successor_id:
            return None
        role = Role(a.role)
        start = end_date + timedelta(days=1)
        if complete_term and original_end and original_end > end_date:
            new_end: date | None = original_end
        elif role in ELECTED_TERM_ROLES:
            new_end = default_term_end(start)
        else:
            new_end = None
        successor = s.get(Person, parse_id(successor_id))
        if successor is None:
            raise ValidationError({"successor_id": _("Velg hvem som tar over.")})
        for deputy in s.scalars(
            select(RoleAssignment).where(
                RoleAssignment.person_id == successor.id,
                RoleAssignment.role == Role.DEPUTY_DELEGATE.value,
                RoleAssignment.area_id == a.area_id,
                RoleAssignment.archived_at.is_(None),
            )
        ):
            if role is Role.SAFETY_DELEGATE and deputy.is_active(start):
                deputy.end_date = end_date
                deputy.end_reason = _("Tok over som verneombud")
        new = RoleAssignment(
            person_id=successor.id,
            role=a.role,
            area_id=a.area_id,
            start_date=start,
            end_date=new_end,
            elected=a.elected,
            chosen_by=_("Overtok resten av perioden") if complete_term else a.chosen_by,
        )
        s.add(new)
        s.flush()
        s.refresh(new)
        return _assignment_info(new)


def archive_assignment(db: Database, assignment_id: str) -> None:
    """Remove a role entered by mistake (archived, kept in the audit log)."""
    with db.write() as s:
        a = s.get(RoleAssignment, parse_id(assignment_id))
        if a is None:
            raise NotFoundError(_("Fant ikke vervet."))
        a.archived_at = clock.now()

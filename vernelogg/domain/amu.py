"""Arbeidsmiljøutvalget (AMU): sides, meetings, cases, attendance and the committee rules.

The rules (aml. § 7-1, DOMAIN.md): equal numbers from each side; the chair alternates
between the sides (commonly every year, by agreement every second year); the BHT
representative attends without a vote; the side that does not chair commonly writes
the minutes. Plain Python: nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.roles import Role
from vernelogg.i18n import N_, _, ngettext

CASE_SERIES = "SAK"  # numbering series: Sak 12/2026


class Side(StrEnum):
    EMPLOYER = "employer"
    EMPLOYEE = "employee"

    @property
    def label(self) -> str:
        return _("Arbeidsgiversiden") if self is Side.EMPLOYER else _("Arbeidstakersiden")

    @property
    def other(self) -> Side:
        return Side.EMPLOYEE if self is Side.EMPLOYER else Side.EMPLOYER

    @property
    def member_role(self) -> Role:
        return Role.AMU_EMPLOYER if self is Side.EMPLOYER else Role.AMU_EMPLOYEE

    @property
    def deputy_role(self) -> Role:
        return Role.AMU_DEPUTY_EMPLOYER if self is Side.EMPLOYER else Role.AMU_DEPUTY_EMPLOYEE


def side_of_role(role: Role) -> Side | None:
    if role in (Role.AMU_EMPLOYER, Role.AMU_DEPUTY_EMPLOYER):
        return Side.EMPLOYER
    if role in (Role.AMU_EMPLOYEE, Role.AMU_DEPUTY_EMPLOYEE):
        return Side.EMPLOYEE
    return None


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return {
            "planned": _("Planlagt"),
            "held": _("Avholdt"),
            "approved": _("Protokoll godkjent"),
        }[self.value]


class ItemKind(StrEnum):
    """What the committee does with a case."""

    ORIENTATION = "orientation"
    DISCUSSION = "discussion"
    DECISION = "decision"
    STANDING = "standing"

    @property
    def label(self) -> str:
        return {
            "orientation": _("Orientering"),
            "discussion": _("Drøfting"),
            "decision": _("Vedtak"),
            "standing": _("Fast sak"),
        }[self.value]

    @property
    def case_label(self) -> str:
        """«Vedtakssak», «Orienteringssak» …: what the case is, as a caption."""
        return {
            "orientation": _("Orienteringssak"),
            "discussion": _("Drøftingssak"),
            "decision": _("Vedtakssak"),
            "standing": _("Fast sak"),
        }[self.value]


class Capacity(StrEnum):
    """In what capacity someone is called to a meeting."""

    EMPLOYER = "employer"
    EMPLOYEE = "employee"
    DEPUTY_EMPLOYER = "deputy_employer"
    DEPUTY_EMPLOYEE = "deputy_employee"
    OHS = "ohs"
    SECRETARY = "secretary"
    GUEST = "guest"

    @property
    def label(self) -> str:
        return {
            "employer": _("Medlem, arbeidsgiversiden"),
            "employee": _("Medlem, arbeidstakersiden"),
            "deputy_employer": _("Vara, arbeidsgiversiden"),
            "deputy_employee": _("Vara, arbeidstakersiden"),
            "ohs": _("BHT (uten stemmerett)"),
            "secretary": _("Sekretær"),
            "guest": _("Gjest (uten stemmerett)"),
        }[self.value]

    @property
    def side(self) -> Side | None:
        if self in (Capacity.EMPLOYER, Capacity.DEPUTY_EMPLOYER):
            return Side.EMPLOYER
        if self in (Capacity.EMPLOYEE, Capacity.DEPUTY_EMPLOYEE):
            return Side.EMPLOYEE
        return None

    @property
    def is_member(self) -> bool:
        return self in (Capacity.EMPLOYER, Capacity.EMPLOYEE)

    @property
    def is_deputy(self) -> bool:
        return self in (Capacity.DEPUTY_EMPLOYER, Capacity.DEPUTY_EMPLOYEE)


CAPACITY_ORDER = list(Capacity)

ROLE_CAPACITY: dict[Role, Capacity] = {
    Role.AMU_EMPLOYER: Capacity.EMPLOYER,
    Role.AMU_EMPLOYEE: Capacity.EMPLOYEE,
    Role.AMU_DEPUTY_EMPLOYER: Capacity.DEPUTY_EMPLOYER,
    Role.AMU_DEPUTY_EMPLOYEE: Capacity.DEPUTY_EMPLOYEE,
    Role.OHS_REPRESENTATIVE: Capacity.OHS,
    Role.AMU_SECRETARY: Capacity.SECRETARY,
}


class Presence(StrEnum):
    INVITED = "invited"  # called, not yet recorded
    PRESENT = "present"
    ABSENT = "absent"  # forfall
    NOT_CALLED = "not_called"  # a deputy who was not needed

    @property
    def label(self) -> str:
        return {
            "invited": _("Innkalt"),
            "present": _("Til stede"),
            "absent": _("Forfall"),
            "not_called": _("Ikke innkalt"),
        }[self.value]


class FollowUpState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    IN_PROGRESS = "in_progress"
    OPEN = "open"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "done": _("Utført"),
            "overdue": _("Forfalt"),
            "in_progress": _("Pågår"),
            "open": _("Ikke utført"),
            "cancelled": _("Avlyst"),
        }[self.value]

    @property
    def carried_out(self) -> bool:
        return self is FollowUpState.DONE


def case_number_text(seq: int, year: int) -> str:
    """Sak 12/2026: the case's number as stored (a record's number, not translated)."""
    return f"Sak {seq}/{year}"


def meeting_title(ordinal: int, year: int) -> str:
    """Møte 3/2026: the third meeting of the year."""
    return _("Møte {ordinal}/{year}").format(ordinal=ordinal, year=year)


def follow_up_state(
    status: ActionStatus | str, deadline: date | None, done_date: date | None, as_of: date
) -> FollowUpState:
    """Where a decision's action stood on `as_of` (a later completion does not count)."""
    status = ActionStatus(status)
    if status is ActionStatus.CANCELLED:
        return FollowUpState.CANCELLED
    if status is ActionStatus.DONE and (done_date is None or done_date <= as_of):
        return FollowUpState.DONE
    if deadline is not None and deadline < as_of:
        return FollowUpState.OVERDUE
    if status is ActionStatus.IN_PROGRESS:
        return FollowUpState.IN_PROGRESS
    return FollowUpState.OPEN


# --- the chair side per year ---------------------------------------------------------


def chair_side_for(year: int, stored: Mapping[int, Side], term_years: int = 1) -> Side | None:
    """The side that chairs in `year`: as stored, else alternating from the nearest stored
    year (every `term_years` years), else unknown (None)."""
    if year in stored:
        return stored[year]
    term_years = max(1, term_years)
    earlier = [y for y in stored if y < year]
    if earlier:
        y0 = max(earlier)
        side = stored[y0]
        run = 1  # how long `side` had chaired up to y0, within one term
        while run < term_years and stored.get(y0 - run) is side:
            run += 1
        flips = (run - 1 + year - y0) // term_years
        return side if flips % 2 == 0 else side.other
    later = [y for y in stored if y > year]
    if later:
        y1 = min(later)
        side = stored[y1]
        flips = (y1 - year - 1) // term_years + 1
        return side if flips % 2 == 0 else side.other
    return None


def chair_rotation_problems(stored: Mapping[int, Side], term_years: int = 1) -> list[str]:
    """Years where one side keeps the chair longer than the agreed term."""
    problems = []
    run_start: int | None = None
    previous: int | None = None
    for year in sorted(stored):
        continues = previous is not None and year == previous + 1
        if run_start is None or not (continues and stored[year] is stored[year - 1]):
            run_start = year
        previous = year
        length = year - run_start + 1
        if length == term_years + 1:
            term = (
                _("ett år")
                if term_years == 1
                else ngettext("{n} år", "{n} år", term_years).format(n=term_years)
            )
            problems.append(
                _(
                    "{side} har ledervervet {first}–{last}. Ledervervet skal gå på omgang "
                    "mellom sidene (avtalt periode: {term} om gangen)."
                ).format(side=stored[year].label, first=run_start, last=year, term=term)
            )
    return problems


# --- the committee's composition -------------------------------------------------------


@dataclass(frozen=True)
class CommitteeWarning:
    level: str  # "warning" (the law is not met) or "notice" (worth a look)
    text: str


def committee_warnings(
    *,
    members: Mapping[Side, int],
    deputies: Mapping[Side, int],
    seats_per_side: int | None,
    chair_name: str | None,
    chair_side: Side | None,
    year_side: Side | None,
    year: int,
    secretary_name: str | None,
    secretary_side: Side | None,
    has_ohs: bool,
    chief_delegates_outside: tuple[str, ...] = (),
    top_leaders_outside: tuple[str, ...] = (),
    sole_delegate_outside: str | None = None,
    ohs_on_a_side: tuple[str, ...] = (),
) -> list[CommitteeWarning]:
    """What is missing or uneven in the committee (aml. § 7-1; forskrift om organisering,
    ledelse og medvirkning § 3-7). `chief_delegates_outside`: hovedverneombud who are not
    members on the employee side; `top_leaders_outside`: the undertaking's top leaders who
    are not members on the employer side; `sole_delegate_outside`: the one safety delegate
    of an undertaking without a hovedverneombud, when not a member on the employee side;
    `ohs_on_a_side`: BHT representatives who also hold a seat for one of the sides."""
    out: list[CommitteeWarning] = []
    employer, employee = members.get(Side.EMPLOYER, 0), members.get(Side.EMPLOYEE, 0)
    if employer == 0 and employee == 0:
        return [CommitteeWarning("warning", _("Utvalget har ingen medlemmer ennå."))]
    if employer != employee:
        out.append(
            CommitteeWarning(
                "warning",
                _(
                    "Sidene er ikke like store: {employer} fra arbeidsgiversiden og {employee} "
                    "fra arbeidstakersiden. Partene skal ha like mange representanter "
                    "(aml. § 7-1)."
                ).format(employer=employer, employee=employee),
            )
        )
    if seats_per_side:
        for side in Side:
            count = members.get(side, 0)
            if count < seats_per_side:
                empty = seats_per_side - count
                out.append(
                    CommitteeWarning(
                        "warning",
                        ngettext(
                            "{side}: {empty} av {seats} plasser står tomme.",
                            "{side}: {empty} av {seats} plasser står tomme.",
                            empty,
                        ).format(side=side.label, empty=empty, seats=seats_per_side),
                    )
                )
            elif count > seats_per_side:
                out.append(
                    CommitteeWarning(
                        "notice",
                        ngettext(
                            "{side} har {count} medlemmer, men utvalget har {seats} plasser "
                            "per side.",
                            "{side} har {count} medlemmer, men utvalget har {seats} plasser "
                            "per side.",
                            seats_per_side,
                        ).format(side=side.label, count=count, seats=seats_per_side),
                    )
                )
    for side in Side:
        if members.get(side, 0) and not deputies.get(side, 0):
            out.append(
                CommitteeWarning(
                    "notice",
                    _("{side} har ingen vara. Hvem møter ved forfall?").format(side=side.label),
                )
            )
    if not chair_name:
        out.append(CommitteeWarning("warning", _("Utvalget har ingen leder.")))
    elif year_side is not None and chair_side is not None and chair_side is not year_side:
        out.append(
            CommitteeWarning(
                "warning",
                _(
                    "Leder {name} er fra {chair_side}, men i {year} har {year_side} ledervervet."
                ).format(
                    name=chair_name,
                    chair_side=chair_side.label.lower(),
                    year=year,
                    year_side=year_side.label.lower(),
                ),
            )
        )
    if year_side is None:
        out.append(
            CommitteeWarning(
                "notice",
                _("Det er ikke registrert hvilken side som har ledervervet i {year}.").format(
                    year=year
                ),
            )
        )
    if not secretary_name:
        out.append(CommitteeWarning("warning", _("Utvalget har ingen sekretær.")))
    elif year_side is not None and secretary_side is year_side:
        out.append(
            CommitteeWarning(
                "notice",
                _(
                    "Sekretær {name} er fra samme side som lederen. Vanligvis skriver siden som "
                    "ikke leder, protokollen."
                ).format(name=secretary_name),
            )
        )
    for name in chief_delegates_outside:
        out.append(CommitteeWarning("warning", chief_delegate_outside_text(name)))
    for name in top_leaders_outside:
        out.append(CommitteeWarning("warning", top_leader_outside_text(name)))
    if sole_delegate_outside:
        out.append(CommitteeWarning("warning", sole_delegate_outside_text(sole_delegate_outside)))
    for name in ohs_on_a_side:
        out.append(CommitteeWarning("warning", ohs_on_a_side_text(name)))
    if not has_ohs:
        out.append(CommitteeWarning("warning", _(NO_OHS_TEXT)))
    return out


OLM_3_7 = N_("forskrift om organisering, ledelse og medvirkning § 3-7")
# Shown with _(NO_OHS_TEXT).
NO_OHS_TEXT = N_(
    "Ingen BHT-representant er registrert. Minst én representant fra bedriftshelsetjenesten "
    "skal være fast medlem av utvalget, uten stemmerett (forskrift om organisering, ledelse "
    "og medvirkning § 3-7)."
)


def top_leader_outside_text(name: str) -> str:
    return _(
        "Øverste leder {name} er ikke medlem på arbeidsgiversiden. Arbeidsgiveren eller den "
        "som leder virksomheten i arbeidsgiverens sted – i en omfattende virksomhet en "
        "representant fra den øverste ledelsen – skal alltid være medlem ({regulation})."
    ).format(name=name, regulation=_(OLM_3_7))


def sole_delegate_outside_text(name: str) -> str:
    return _(
        "Virksomheten har bare ett verneombud, {name}, og det er ikke medlem på "
        "arbeidstakersiden. Er det bare ett verneombud, skal det være medlem av utvalget "
        "({regulation})."
    ).format(name=name, regulation=_(OLM_3_7))


def ohs_on_a_side_text(name: str) -> str:
    return _(
        "{name} er BHT-representant og har også plass for en av sidene. Personale i "
        "bedriftshelsetjenesten kan ikke velges som representanter for arbeidsgiveren eller "
        "arbeidstakerne ({regulation})."
    ).format(name=name, regulation=_(OLM_3_7))


def chief_delegate_outside_text(name: str) -> str:
    return _(
        "Hovedverneombud {name} er ikke medlem på arbeidstakersiden. Hovedverneombudet skal "
        "være en av arbeidstakernes representanter i utvalget og ha stemmerett ({regulation})."
    ).format(name=name, regulation=_(OLM_3_7))


def votes_present(rows: list[tuple[Capacity, Presence, bool]]) -> dict[Side, int]:
    """Voting members present per side. Each row: capacity, presence, and for a deputy
    whether they stand in for an absent member (only then do they vote)."""
    votes = {Side.EMPLOYER: 0, Side.EMPLOYEE: 0}
    for capacity, presence, stands_in in rows:
        side = capacity.side
        if side is None or presence is not Presence.PRESENT:
            continue
        if capacity.is_member or (capacity.is_deputy and stands_in):
            votes[side] += 1
    return votes

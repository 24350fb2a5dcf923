"""Oversikt: the undertaking, its areas and role holders, and what the law finds missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from vernelogg.domain.deadlines import (
    DeadlineItem,
    RoleHolding,
    RuleSettings,
    Status,
    format_date,
    legal_requirement_items,
    term_items,
)
from vernelogg.domain.roles import Role
from vernelogg.i18n import _
from vernelogg.services.areas import kind_label
from vernelogg.services.organisation import OrganisationInfo, get_organisation
from vernelogg.services.rule_settings import load_rule_settings
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation, RoleAssignment, SafetyArea, SafetyRound

CENTRAL_ROLES = [
    Role.CHIEF_DELEGATE,
    Role.DEPUTY_CHIEF_DELEGATE,
    Role.TOP_LEADER,
    Role.AMU_CHAIR,
    Role.AMU_SECRETARY,
    Role.AMU_EMPLOYER,
    Role.AMU_EMPLOYEE,
    Role.OHS_REPRESENTATIVE,
]


@dataclass(frozen=True)
class AreaRow:
    id: str
    name: str
    kind_label: str
    parent_name: str | None
    delegate: str | None
    term_end: date | None
    deputy: str | None
    leader: str | None
    status: Status
    note: str


@dataclass(frozen=True)
class FirstStep:
    """One of the first things a new undertaking sets up; ticked when it is done."""

    title: str
    hint: str
    done: bool
    target: str  # the overview link that opens the page to do it (ui/overview/links.py)
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Overview:
    organisation: OrganisationInfo
    areas: list[AreaRow]
    central_roles: list[tuple[Role, list[str]]]
    warnings: list[DeadlineItem] = field(default_factory=list)
    # The first week's checklist; empty once the undertaking is under way.
    first_steps: list[FirstStep] = field(default_factory=list)


def build_overview(
    db: Database, today: date, settings: RuleSettings | None = None
) -> Overview | None:
    settings = settings or load_rule_settings(db)
    org = get_organisation(db)
    if org is None:
        return None
    with db.read() as s:
        areas = list(
            s.scalars(
                select(SafetyArea).where(SafetyArea.archived_at.is_(None)).order_by(SafetyArea.name)
            )
        )
        names = {a.id: a.name for a in areas}
        assignments = list(
            s.scalars(
                select(RoleAssignment)
                .where(
                    RoleAssignment.archived_at.is_(None),
                    or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= today),
                    RoleAssignment.start_date <= today,
                )
                .options(joinedload(RoleAssignment.person))
                .order_by(RoleAssignment.start_date)
            )
        )
        holders: dict[tuple[str, object], list[RoleAssignment]] = {}
        for a in assignments:
            holders.setdefault((a.role, a.area_id), []).append(a)
        # The last VO of each area without one, to tell an expired term from a vacancy.
        last_vo: dict[object, RoleAssignment] = {}
        for a in s.scalars(
            select(RoleAssignment)
            .where(
                RoleAssignment.role == Role.SAFETY_DELEGATE.value,
                RoleAssignment.archived_at.is_(None),
                RoleAssignment.end_date < today,
            )
            .order_by(RoleAssignment.end_date)
        ):
            last_vo[a.area_id] = a

        warnings: list[DeadlineItem] = []
        rows: list[AreaRow] = []
        without_vo: list[str] = []
        for area in areas:
            vo = holders.get((Role.SAFETY_DELEGATE.value, area.id), [])
            deputy = holders.get((Role.DEPUTY_DELEGATE.value, area.id), [])
            leader = holders.get((Role.LEADER.value, area.id), [])
            status, note = Status.OK, ""
            term_end = vo[0].end_date if vo else None
            if not vo:
                without_vo.append(area.name)
                status = Status.MISSING
                previous = last_vo.get(area.id)
                if (
                    previous is not None
                    and previous.end_date is not None
                    and not previous.end_reason
                ):
                    expired = {
                        "person": previous.person.name,
                        "date": format_date(previous.end_date),
                        "area": area.name,
                    }
                    note = _("Funksjonstiden til {person} gikk ut {date}").format(**expired)
                    warnings.append(
                        DeadlineItem(
                            kind="term_end",
                            person=previous.person.name,
                            role=Role.SAFETY_DELEGATE,
                            area=area.name,
                            title=_(
                                "Funksjonstiden til {person} gikk ut {date}; nytt verneombud "
                                "for «{area}» er ikke registrert"
                            ).format(**expired),
                            due=previous.end_date,
                            status=Status.OVERDUE,
                        )
                    )
                else:
                    note = _("Mangler verneombud")
            else:
                for item in term_items(_holding(vo[0], area.name), today, settings):
                    if item.kind == "term_end" and item.status is not Status.OK:
                        status, note = item.status, item.title
                        warnings.append(item)
                    elif item.kind == "legal_requirement":  # a term longer than 2 years
                        warnings.append(item)
            rows.append(
                AreaRow(
                    id=str(area.id),
                    name=area.name,
                    kind_label=kind_label(area.kind),
                    parent_name=names.get(area.parent_id) if area.parent_id else None,
                    delegate=vo[0].person.name if vo else None,
                    term_end=term_end,
                    deputy=", ".join(a.person.name for a in deputy) or None,
                    leader=", ".join(a.person.name for a in leader) or None,
                    status=status,
                    note=note,
                )
            )
        central = [
            (role, [a.person.name for a in holders.get((role.value, None), [])])
            for role in CENTRAL_ROLES
        ]
        chief = holders.get((Role.CHIEF_DELEGATE.value, None), [])
        for a in chief:
            warnings.extend(
                i
                for i in term_items(_holding(a, None), today, settings)
                if (i.kind == "term_end" and i.status is not Status.OK)
                or i.kind == "legal_requirement"
            )
        has_amu = bool(holders.get((Role.AMU_EMPLOYER.value, None))) and bool(
            holders.get((Role.AMU_EMPLOYEE.value, None))
        )
        under_way = any(
            s.scalar(select(model.id).where(model.archived_at.is_(None)).limit(1)) is not None
            for model in (Deviation, SafetyRound)
        )
    legal = legal_requirement_items(
        employees=org.employees,
        vo_area_count=len(areas),
        areas_without_vo=without_vo,
        has_chief_delegate=bool(chief),
        has_amu=has_amu,
        settings=settings,
        amu_demanded_on=org.amu_demanded_on,
        vo_agreement_on=org.vo_agreement_on,
        has_delegate=bool(len(areas) - len(without_vo)),
    )
    steps = first_steps(
        area_count=len(areas),
        without_vo=len(without_vo),
        has_chief_delegate=bool(chief),
        amu_required=org.employees >= settings.amu_threshold_employees,
        has_amu=has_amu,
    )
    shown = [] if under_way or all(step.done for step in steps) else steps
    return Overview(org, rows, central, legal + warnings, shown)


def first_steps(
    *,
    area_count: int,
    without_vo: int,
    has_chief_delegate: bool,
    amu_required: bool,
    has_amu: bool,
) -> list[FirstStep]:
    """What a new undertaking sets up first, in order, each ticked when done: the areas,
    a verneombud in each, the hovedverneombud (two areas or more) and the AMU (from the
    employee count the rules name)."""
    steps = [
        FirstStep(
            _("Legg inn verneområdene"),
            _("Avdelinger, bygg eller skift – små nok til at ett verneombud har oversikt."),
            area_count > 0,
            "areas",
        ),
        FirstStep(
            _("Registrer verneombud for hvert verneområde"),
            _("Verv med start- og sluttdato (to år), under «Verneområder og roller»."),
            area_count > 0 and without_vo == 0,
            "roster",
            {"role": Role.SAFETY_DELEGATE.value},
        ),
    ]
    if area_count >= 2:
        steps.append(
            FirstStep(
                _("Registrer hovedverneombud"),
                _("Kreves når virksomheten har to eller flere verneområder (aml. § 6-1)."),
                has_chief_delegate,
                "roster",
                {"role": Role.CHIEF_DELEGATE.value},
            )
        )
    if amu_required:
        steps.append(
            FirstStep(
                _("Sett sammen arbeidsmiljøutvalget (AMU)"),
                _("Like mange fra arbeidsgiver- og arbeidstakersiden (aml. § 7-1)."),
                has_amu,
                "amu",
                {"tab": "committee"},
            )
        )
    return steps


def _holding(a: RoleAssignment, area_name: str | None) -> RoleHolding:
    return RoleHolding(
        person=a.person.name,
        role=Role(a.role),
        area=area_name,
        start=a.start_date,
        end=a.end_date,
    )

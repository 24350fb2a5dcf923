"""Planning rounds and reading them back: per area, planned and done."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from vernelogg import clock
from vernelogg.domain.checklists import GENERAL_TEMPLATE_KEY
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import (
    BRANCH_TEMPLATES,
    ROUND_SERIES,
    RoundStatus,
    builtin_ref,
    round_number,
)
from vernelogg.i18n import N_, _, ngettext
from vernelogg.services.errors import ServiceError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.services.numbering import is_offline_copy, next_number
from vernelogg.services.rounds.common import (
    addendum_info,
    counts_by_round,
    get_round,
    item_infos,
    require_on_server,
    round_info,
    round_info_of,
)
from vernelogg.services.rounds.info import RoundDetail, RoundInfo
from vernelogg.services.rounds.templates import builtin_templates, template_name
from vernelogg.store.database import Database
from vernelogg.store.models import (
    ChecklistTemplate,
    Organisation,
    Person,
    RoleAssignment,
    SafetyArea,
    SafetyRound,
)

OFFLINE_PLAN_MESSAGE = N_(
    "Denne filen er en vernerunde tatt med fra serveren. Nye runder planlegges på serveren; "
    "her gjennomføres bare runden som er tatt med."
)

MAX_YEARS_AHEAD = 3


def _person(
    s: Session, person_id: str | None, field: str, what: str, missing: str
) -> Person | None:
    """`what` names the person for parse_id; `missing` is the whole message."""
    if not person_id:
        return None
    person = s.get(Person, parse_id(person_id, what))
    if person is None:
        raise ValidationError({field: missing})
    return person


def _delegate(s: Session, person_id: str | None) -> Person | None:
    return _person(s, person_id, "delegate_id", _("verneombudet"), _("Fant ikke verneombudet."))


def _leader(s: Session, person_id: str | None) -> Person | None:
    return _person(s, person_id, "leader_id", _("lederen"), _("Fant ikke lederen."))


def _active_area(s: Session, area_id: str | None) -> SafetyArea:
    if not area_id:
        raise ValidationError({"area_id": _("Velg verneområde.")})
    area = s.get(SafetyArea, parse_id(area_id, _("verneområdet")))
    if area is None or area.archived_at is not None:
        raise ValidationError({"area_id": _("Velg et verneområde som er i bruk.")})
    return area


def _validate_plan(planned_date: date | None, today: date, other_participants: str) -> None:
    v = Validator()
    v.check("planned_date", planned_date is not None, _("Velg dato for runden."))
    if planned_date is not None:
        v.check(
            "planned_date",
            planned_date <= today + relativedelta(years=MAX_YEARS_AHEAD),
            ngettext(
                "Datoen kan ikke være mer enn {n} år fram i tid.",
                "Datoen kan ikke være mer enn {n} år fram i tid.",
                MAX_YEARS_AHEAD,
            ).format(n=MAX_YEARS_AHEAD),
        )
        v.check(
            "planned_date",
            planned_date >= date(2000, 1, 1),
            _("Datoen er for langt tilbake i tid."),
        )
    v.max_length("other_participants", other_participants, 1000, _("Andre deltakere"))
    v.raise_if_any()


def plan_round(
    db: Database,
    *,
    area_id: str | None,
    planned_date: date | None,
    template_ref: str | None,
    delegate_id: str | None = None,
    leader_id: str | None = None,
    other_participants: str = "",
    today: date | None = None,
) -> RoundInfo:
    """Plan a round for an area and day with a checklist and its participants."""
    today = today or clock.today()
    _validate_plan(planned_date, today, other_participants)
    if not template_ref:
        raise ValidationError({"template_ref": _("Velg sjekkliste.")})
    assert planned_date is not None
    with db.write() as s:
        if is_offline_copy(s):
            raise ServiceError(_(OFFLINE_PLAN_MESSAGE))
        area = _active_area(s, area_id)
        name = template_name(s, template_ref)
        delegate = _delegate(s, delegate_id)
        leader = _leader(s, leader_id)
        seq = next_number(s, ROUND_SERIES, planned_date.year)
        r = SafetyRound(
            number=round_number(planned_date.year, seq),
            year=planned_date.year,
            seq=seq,
            area_id=area.id,
            planned_date=planned_date,
            status=RoundStatus.PLANNED.value,
            template_ref=template_ref,
            checklist_name=name,
            delegate_id=delegate.id if delegate else None,
            leader_id=leader.id if leader else None,
            other_participants=other_participants.strip(),
        )
        s.add(r)
        s.flush()
        s.refresh(r)
        return round_info_of(s, r)


def update_round(
    db: Database,
    round_id: str,
    *,
    area_id: str | None,
    planned_date: date | None,
    template_ref: str | None,
    delegate_id: str | None = None,
    leader_id: str | None = None,
    other_participants: str = "",
    today: date | None = None,
) -> RoundInfo:
    """Change the plan. Area, date and checklist are fixed once the round has started;
    participants can change until it is closed."""
    today = today or clock.today()
    _validate_plan(planned_date, today, other_participants)
    assert planned_date is not None
    with db.write() as s:
        r = get_round(s, round_id)
        require_on_server(r)
        status = RoundStatus(r.status)
        if status is RoundStatus.CLOSED or r.archived_at is not None:
            raise ServiceError(_("Runden er avsluttet eller avlyst og kan ikke endres."))
        if status is RoundStatus.PLANNED:
            if not template_ref:
                raise ValidationError({"template_ref": _("Velg sjekkliste.")})
            area = _active_area(s, area_id)
            r.area_id = area.id
            r.planned_date = planned_date
            if template_ref != r.template_ref:
                r.checklist_name = template_name(s, template_ref)
                r.template_ref = template_ref
        elif (
            str(area_id) != str(r.area_id)
            or planned_date != r.planned_date
            or (template_ref and template_ref != r.template_ref)
        ):
            raise ValidationError(
                _("Runden er startet: verneområde, dato og sjekkliste kan ikke endres lenger.")
            )
        delegate = _delegate(s, delegate_id)
        leader = _leader(s, leader_id)
        r.delegate_id = delegate.id if delegate else None
        r.leader_id = leader.id if leader else None
        r.other_participants = other_participants.strip()
        s.flush()
        s.refresh(r)
        return round_info_of(s, r)


def cancel_round(db: Database, round_id: str) -> None:
    """Cancel a planned round (archived, never deleted). Started rounds are kept."""
    with db.write() as s:
        r = get_round(s, round_id)
        require_on_server(r)
        if RoundStatus(r.status) is not RoundStatus.PLANNED:
            raise ServiceError(
                _("Bare planlagte runder kan avlyses. En startet runde fullføres og avsluttes.")
            )
        if r.archived_at is None:
            r.archived_at = clock.now()


# --------------------------------------------------------------------------- reading


def _infos(s: Session, rounds: Iterable[SafetyRound]) -> list[RoundInfo]:
    rows = list(rounds)
    counts = counts_by_round(s, [r.id for r in rows])
    return [round_info(r, counts.get(r.id)) for r in rows]


def list_rounds(
    db: Database,
    *,
    area_id: str | None = None,
    statuses: Iterable[RoundStatus] | None = None,
    held_in: int | None = None,
    include_archived: bool = False,
) -> list[RoundInfo]:
    """Rounds, newest first by the day they were held or are planned for. `held_in`: only
    rounds held in that year (a large undertaking holds a thousand a year)."""
    with db.read() as s:
        # Area and participants joined to the rounds: one query, not three per round.
        query = select(SafetyRound).options(
            joinedload(SafetyRound.area),
            joinedload(SafetyRound.delegate),
            joinedload(SafetyRound.leader),
        )
        if area_id:
            query = query.where(SafetyRound.area_id == parse_id(area_id, _("verneområdet")))
        if statuses is not None:
            query = query.where(SafetyRound.status.in_([RoundStatus(x).value for x in statuses]))
        if held_in is not None:
            query = query.where(
                SafetyRound.held_on >= date(held_in, 1, 1),
                SafetyRound.held_on <= date(held_in, 12, 31),
            )
        if not include_archived:
            query = query.where(SafetyRound.archived_at.is_(None))
        rounds = list(s.scalars(query))
        rounds.sort(key=lambda r: (r.held_on or r.planned_date, r.number), reverse=True)
        return _infos(s, rounds)


def held_years(db: Database) -> list[int]:
    """The years rounds were held and closed in, newest first."""
    with db.read() as s:
        first, last = s.execute(
            select(func.min(SafetyRound.held_on), func.max(SafetyRound.held_on)).where(
                SafetyRound.status == RoundStatus.CLOSED.value,
                SafetyRound.archived_at.is_(None),
            )
        ).one()
    if first is None or last is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def get_round_detail(db: Database, round_id: str) -> RoundDetail:
    with db.read() as s:
        r = get_round(s, round_id)
        counts = counts_by_round(s, [r.id]).get(r.id)
        return RoundDetail(
            info=round_info(r, counts),
            items=tuple(item_infos(s, r.items)),
            addenda=tuple(addendum_info(a) for a in r.addenda),
        )


def get_round_info(db: Database, round_id: str) -> RoundInfo:
    with db.read() as s:
        return round_info_of(s, get_round(s, round_id))


def latest_round_id(db: Database) -> str | None:
    """The round held most recently (closed or running); None if none has started."""
    with db.read() as s:
        r = s.scalars(
            select(SafetyRound)
            .where(SafetyRound.archived_at.is_(None), SafetyRound.held_on.is_not(None))
            .order_by(SafetyRound.held_on.desc(), SafetyRound.started_at.desc())
            .limit(1)
        ).first()
        return str(r.id) if r else None


def default_participants(
    db: Database, area_id: str, on: date | None = None
) -> tuple[str | None, str | None]:
    """The area's verneombud (or deputy, if the post is vacant) and leader on a day."""
    on = on or clock.today()
    with db.read() as s:
        rows = s.scalars(
            select(RoleAssignment).where(
                RoleAssignment.area_id == parse_id(area_id, _("verneområdet")),
                RoleAssignment.archived_at.is_(None),
                RoleAssignment.start_date <= on,
                or_(RoleAssignment.end_date.is_(None), RoleAssignment.end_date >= on),
            )
        ).all()
        by_role: dict[str, str] = {}
        for a in sorted(rows, key=lambda a: a.start_date):
            by_role[a.role] = str(a.person_id)
        delegate = by_role.get(Role.SAFETY_DELEGATE.value) or by_role.get(
            Role.DEPUTY_DELEGATE.value
        )
        return delegate, by_role.get(Role.LEADER.value)


def suggested_template(db: Database, area_id: str | None) -> str:
    """The checklist last used in the area, else the one for the undertaking's branch,
    else the general one."""
    with db.read() as s:
        if area_id:
            for ref in s.scalars(
                select(SafetyRound.template_ref)
                .where(
                    SafetyRound.area_id == parse_id(area_id, _("verneområdet")),
                    SafetyRound.archived_at.is_(None),
                )
                .order_by(SafetyRound.planned_date.desc())
            ):
                if _usable(s, ref):
                    return ref
        org = s.scalars(select(Organisation).limit(1)).first()
    key = BRANCH_TEMPLATES.get(org.branch or "") if org else None
    keys = {spec.key for spec in builtin_templates()}
    if key in keys:
        return builtin_ref(key)
    return builtin_ref(GENERAL_TEMPLATE_KEY)


def _usable(s: Session, ref: str) -> bool:
    if ref.startswith("builtin:"):
        return any(builtin_ref(spec.key) == ref for spec in builtin_templates())
    try:
        template = s.get(ChecklistTemplate, uuid.UUID(ref))
    except ValueError:
        return False
    return template is not None and template.archived_at is None

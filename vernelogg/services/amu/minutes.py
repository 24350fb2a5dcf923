"""Follow-up of earlier decisions, approving (and locking) the minutes, and everything
the invitation and the minutes print, gathered in one read."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.amu import FollowUpState, ItemKind, MeetingStatus, Presence, follow_up_state
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.services.amu._common import load_decision, load_item, load_meeting
from vernelogg.services.amu.agenda import AgendaItemInfo, items_for, sync_meeting_actions
from vernelogg.services.amu.corrections import CorrectionInfo, corrections_for
from vernelogg.services.amu.meetings import (
    AttendanceInfo,
    MeetingInfo,
    attendance_for,
    meeting_info,
)
from vernelogg.services.errors import ServiceError, ValidationError, Validator
from vernelogg.services.organisation import get_organisation
from vernelogg.store.database import Database
from vernelogg.store.models import Action, AmuAgendaItem, AmuDecision, AmuMeeting, Person


@dataclass(frozen=True)
class FollowUpRow:
    """A decision from an earlier meeting and where its action stands."""

    decision_id: str
    number: str  # Sak 3/2026
    meeting_date: date
    item_title: str
    text: str
    owner_name: str | None
    deadline: date | None
    state: FollowUpState
    done_date: date | None

    @property
    def state_text(self) -> str:
        if self.state is FollowUpState.DONE and self.done_date:
            return _("Utført {date}").format(date=fmt_date(self.done_date))
        return self.state.label

    def to_dict(self) -> dict:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat()
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["done_date"] = self.done_date.isoformat() if self.done_date else None
        data["state"] = self.state.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> FollowUpRow:
        def day(key: str) -> date | None:
            return date.fromisoformat(data[key]) if data.get(key) else None

        return cls(
            decision_id=data["decision_id"],
            number=data["number"],
            meeting_date=date.fromisoformat(data["meeting_date"]),
            item_title=data.get("item_title", ""),
            text=data["text"],
            owner_name=data.get("owner_name"),
            deadline=day("deadline"),
            state=FollowUpState(data["state"]),
            done_date=day("done_date"),
        )


def _previous_meeting_date(s: Session, meeting: AmuMeeting) -> date | None:
    return s.scalar(
        select(func.max(AmuMeeting.meeting_date)).where(
            AmuMeeting.archived_at.is_(None),
            AmuMeeting.meeting_date < meeting.meeting_date,
        )
    )


def compute_follow_up(s: Session, meeting: AmuMeeting, as_of: date) -> list[FollowUpRow]:
    """Decisions from earlier meetings whose action was not carried out by `as_of`, and
    those carried out since the previous meeting (reported once, then dropped)."""
    previous = _previous_meeting_date(s, meeting)
    rows = s.execute(
        select(AmuDecision, AmuAgendaItem, AmuMeeting.meeting_date, Action, Person.name)
        .join(AmuAgendaItem, AmuAgendaItem.id == AmuDecision.item_id)
        .join(AmuMeeting, AmuMeeting.id == AmuAgendaItem.meeting_id)
        .join(Action, Action.id == AmuDecision.action_id)
        .outerjoin(Person, Person.id == Action.owner_id)
        .where(
            AmuDecision.archived_at.is_(None),
            AmuAgendaItem.archived_at.is_(None),
            AmuMeeting.archived_at.is_(None),
            Action.archived_at.is_(None),
            AmuMeeting.meeting_date < meeting.meeting_date,
        )
        .order_by(
            AmuMeeting.meeting_date, AmuAgendaItem.year, AmuAgendaItem.seq, AmuDecision.position
        )
    ).all()
    out = []
    for decision, item, meeting_date, action, owner in rows:
        state = follow_up_state(action.status, action.deadline, action.done_date, as_of)
        if state is FollowUpState.CANCELLED:
            continue
        if state is FollowUpState.DONE:
            # Done since the previous meeting (that day included: it may have been
            # done after the meeting ended).
            recent = (
                action.done_date is not None
                and previous is not None
                and action.done_date >= previous
            )
            if not recent:
                continue
        out.append(
            FollowUpRow(
                decision_id=str(decision.id),
                number=item.number,
                meeting_date=meeting_date,
                item_title=item.title,
                text=decision.text,
                owner_name=owner,
                deadline=action.deadline,
                state=state,
                done_date=action.done_date if state is FollowUpState.DONE else None,
            )
        )
    return out


def follow_up_as_of(meeting: AmuMeeting, today: date) -> date:
    return min(meeting.meeting_date, today)


def follow_up_for(s: Session, meeting: AmuMeeting, today: date) -> list[FollowUpRow]:
    """Approved minutes keep the table as it was at approval; otherwise it is live."""
    if meeting.status == MeetingStatus.APPROVED.value and meeting.follow_up_snapshot:
        return [FollowUpRow.from_dict(d) for d in json.loads(meeting.follow_up_snapshot)]
    return compute_follow_up(s, meeting, follow_up_as_of(meeting, today))


def list_follow_up(db: Database, meeting_id: str, today: date | None = None) -> list[FollowUpRow]:
    with db.read() as s:
        return follow_up_for(s, load_meeting(s, meeting_id), today or clock.today())


def approval_problems(s: Session, meeting: AmuMeeting, today: date) -> list[str]:
    """What must be in place before the minutes can be approved."""
    problems = []
    if meeting.meeting_date > today:
        problems.append(
            _("Møtet er ikke holdt ennå (møtedato {date}).").format(
                date=fmt_date(meeting.meeting_date)
            )
        )
    pending = [a.name for a in attendance_for(s, meeting) if a.presence is Presence.INVITED]
    if pending:
        problems.append(_("Registrer oppmøte for {names}.").format(names=", ".join(pending)))
    items = items_for(s, meeting)
    if not items:
        problems.append(_("Sakslisten er tom."))
    for item in items:
        if item.kind is ItemKind.DECISION and not item.decisions:
            problems.append(
                _("{number} er en vedtakssak, men har ikke noe vedtak.").format(number=item.number)
            )
    return problems


def approve_minutes(
    db: Database,
    meeting_id: str,
    *,
    approved_on: date | None,
    approved_by: str,
    today: date | None = None,
) -> MeetingInfo:
    """Approve and lock the minutes. The follow-up table is kept as it stood at the
    meeting; later changes can only be made as dated corrections."""
    today = today or clock.today()
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        if meeting.status == MeetingStatus.APPROVED.value:
            raise ServiceError(_("Protokollen er allerede godkjent."))
        v = Validator()
        v.check("approved_on", approved_on is not None, _("Velg datoen protokollen ble godkjent."))
        if approved_on is not None:
            v.check(
                "approved_on",
                approved_on >= meeting.meeting_date,
                _("Protokollen kan ikke godkjennes før møtet."),
            )
            v.check("approved_on", approved_on <= today, _("Datoen kan ikke være fram i tid."))
        v.require("approved_by", approved_by, _("Hvem som godkjente"))
        v.max_length("approved_by", approved_by, 200, _("Feltet"))
        v.raise_if_any()
        problems = approval_problems(s, meeting, today)
        if problems:
            raise ValidationError(
                {
                    "": _("Protokollen kan ikke godkjennes ennå: {problems}").format(
                        problems=" ".join(problems)
                    )
                }
            )
        meeting.status = MeetingStatus.APPROVED.value
        meeting.approved_on = approved_on
        meeting.approved_by = approved_by.strip()
        meeting.approved_at = clock.now()
        sync_meeting_actions(s, meeting)
        follow = compute_follow_up(s, meeting, meeting.meeting_date)
        meeting.follow_up_snapshot = json.dumps([r.to_dict() for r in follow], ensure_ascii=False)
        s.flush()
        return meeting_info(s, meeting)


def default_approver(db: Database, meeting_id: str) -> str:
    """«Ola Hansen (leder) og Mona Pettersen (sekretær)»."""
    info = get_meeting_info(db, meeting_id)
    chair = _("{name} (leder)").format(name=info.chair_name) if info.chair_name else ""
    secretary = (
        _("{name} (sekretær)").format(name=info.secretary_name) if info.secretary_name else ""
    )
    if chair and secretary:
        return _("{chair} og {secretary}").format(chair=chair, secretary=secretary)
    return chair or secretary or _("AMU")


def get_meeting_info(db: Database, meeting_id: str) -> MeetingInfo:
    with db.read() as s:
        return meeting_info(s, load_meeting(s, meeting_id))


# --- the documents -------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingDocument:
    """Everything the invitation and the minutes print."""

    organisation: str
    meeting: MeetingInfo
    attendance: tuple[AttendanceInfo, ...]
    items: tuple[AgendaItemInfo, ...]
    follow_up: tuple[FollowUpRow, ...]
    corrections: tuple[CorrectionInfo, ...]
    secretary_email: str


def meeting_document(db: Database, meeting_id: str, today: date | None = None) -> MeetingDocument:
    today = today or clock.today()
    org = get_organisation(db)
    with db.read() as s:
        meeting = load_meeting(s, meeting_id)
        return MeetingDocument(
            organisation=org.name if org else "",
            meeting=meeting_info(s, meeting),
            attendance=tuple(attendance_for(s, meeting)),
            items=tuple(items_for(s, meeting)),
            follow_up=tuple(follow_up_for(s, meeting, today)),
            corrections=tuple(corrections_for(s, meeting)),
            secretary_email=meeting.secretary.email if meeting.secretary else "",
        )


def decision_meeting_id(db: Database, decision_id: str) -> str:
    with db.read() as s:
        return str(load_item(s, load_decision(s, decision_id).item_id).meeting_id)


@dataclass(frozen=True)
class AmuStatus:
    """What the overview says about AMU: the next meeting and what is waiting."""

    next_meeting: MeetingInfo | None
    unapproved: tuple[MeetingInfo, ...]  # held, minutes not approved
    open_decisions: int
    overdue_decisions: int
    committee_warnings: int


def amu_status(db: Database, today: date) -> AmuStatus:
    from vernelogg.services.amu.committee import committee_on
    from vernelogg.services.amu.meetings import meeting_infos

    with db.read() as s:
        meetings = list(
            s.scalars(
                select(AmuMeeting)
                .where(AmuMeeting.archived_at.is_(None))
                .order_by(AmuMeeting.meeting_date)
            )
        )
        infos = meeting_infos(s, meetings)
        upcoming = [
            m for m in infos if m.status is MeetingStatus.PLANNED and m.meeting_date >= today
        ]
        unapproved = [m for m in infos if m.status is MeetingStatus.HELD]
        actions = s.execute(
            select(Action.status, Action.deadline, Action.done_date)
            .join(AmuDecision, AmuDecision.action_id == Action.id)
            .where(AmuDecision.archived_at.is_(None), Action.archived_at.is_(None))
        ).all()
        states = [follow_up_state(st, deadline, done, today) for st, deadline, done in actions]
        warnings = [w for w in committee_on(s, today).warnings if w.level == "warning"]
    return AmuStatus(
        next_meeting=upcoming[0] if upcoming else None,
        unapproved=tuple(unapproved),
        open_decisions=sum(
            1
            for x in states
            if x in (FollowUpState.OPEN, FollowUpState.IN_PROGRESS, FollowUpState.OVERDUE)
        ),
        overdue_decisions=sum(1 for x in states if x is FollowUpState.OVERDUE),
        committee_warnings=len(warnings),
    )

"""The agenda: cases numbered per year (Sak 12/2026), standing items pulled from the data,
attachments, and decisions (vedtak) that become actions once the meeting is held."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from vernelogg import clock
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.amu import CASE_SERIES, ItemKind, MeetingStatus, case_number_text
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.services import attachments as attachment_service
from vernelogg.services.actions import create_action
from vernelogg.services.amu._common import (
    ITEM_OWNER_KIND,
    check_editable,
    load_decision,
    load_item,
    load_meeting,
)
from vernelogg.services.amu.corrections import record_correction
from vernelogg.services.amu.standing import StandingItem, collect_standing_items
from vernelogg.services.attachments import AttachmentInfo
from vernelogg.services.errors import ServiceError, ValidationError, Validator
from vernelogg.services.ids import optional_id
from vernelogg.services.numbering import next_number
from vernelogg.store.database import Database
from vernelogg.store.models import (
    AmuAgendaItem,
    AmuDecision,
    AmuMeeting,
    Attachment,
    Person,
    SafetyArea,
)


@dataclass(frozen=True)
class DecisionInfo:
    id: str
    item_id: str
    item_number: str
    position: int
    text: str
    owner_id: str | None
    owner_name: str | None
    deadline: date | None
    area_id: str | None
    area_name: str | None
    action_id: str | None
    action_status: ActionStatus | None
    action_done_date: date | None

    @property
    def follow_up_text(self) -> str:
        if self.action_status is None:
            return _("Blir tiltak når møtet er holdt") if self.owner_id else _("Ingen oppfølging")
        if self.action_status is ActionStatus.DONE and self.action_done_date:
            return _("Utført {date}").format(date=fmt_date(self.action_done_date))
        return self.action_status.label


@dataclass(frozen=True)
class AgendaItemInfo:
    id: str
    meeting_id: str
    number: str
    year: int
    seq: int
    position: int
    title: str
    kind: ItemKind
    standing_key: str | None
    standing: StandingItem | None
    presenter_id: str | None
    presenter_name: str | None
    background: str
    discussion: str
    decisions: tuple[DecisionInfo, ...]
    attachments: tuple[AttachmentInfo, ...]

    @property
    def kind_label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class PullResult:
    added: tuple[str, ...]  # case numbers
    updated: tuple[str, ...]
    date_from: date
    date_to: date


# --- reading -------------------------------------------------------------------------


def _decision_info(d: AmuDecision, number: str) -> DecisionInfo:
    action = d.action
    return DecisionInfo(
        id=str(d.id),
        item_id=str(d.item_id),
        item_number=number,
        position=d.position,
        text=d.text,
        owner_id=str(d.owner_id) if d.owner_id else None,
        owner_name=d.owner.name if d.owner else None,
        deadline=d.deadline,
        area_id=str(d.area_id) if d.area_id else None,
        area_name=d.area.name if d.area else None,
        action_id=str(d.action_id) if d.action_id else None,
        action_status=ActionStatus(action.status) if action is not None else None,
        action_done_date=action.done_date if action is not None else None,
    )


def _decisions(s: Session, item: AmuAgendaItem) -> list[AmuDecision]:
    return _decisions_of(s, [item.id]).get(item.id, [])


def _decisions_of(s: Session, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[AmuDecision]]:
    """The decisions of several cases in one query, with their owner, area and action."""
    found: dict[uuid.UUID, list[AmuDecision]] = {}
    if not item_ids:
        return found
    rows = s.scalars(
        select(AmuDecision)
        .where(AmuDecision.item_id.in_(item_ids), AmuDecision.archived_at.is_(None))
        .order_by(AmuDecision.position, AmuDecision.created_at)
        .options(
            joinedload(AmuDecision.owner),
            joinedload(AmuDecision.area),
            joinedload(AmuDecision.action),
        )
    )
    for d in rows:
        found.setdefault(d.item_id, []).append(d)
    return found


def _attachments_of(
    s: Session, item_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[AttachmentInfo, ...]]:
    """The attachments of several cases in one query (without their bytes)."""
    found: dict[uuid.UUID, list[AttachmentInfo]] = {}
    if not item_ids:
        return {}
    rows = s.scalars(
        select(Attachment)
        .where(
            Attachment.owner_kind == ITEM_OWNER_KIND,
            Attachment.owner_id.in_(item_ids),
            Attachment.archived_at.is_(None),
        )
        .order_by(Attachment.created_at)
    )
    for a in rows:
        found.setdefault(a.owner_id, []).append(
            AttachmentInfo(str(a.id), a.filename, a.mime_type, a.size, a.width, a.height, a.caption)
        )
    return {key: tuple(value) for key, value in found.items()}


def item_info(
    s: Session,
    item: AmuAgendaItem,
    decisions: list[AmuDecision] | None = None,
    attachments: tuple[AttachmentInfo, ...] | None = None,
) -> AgendaItemInfo:
    """A case as shown; `decisions` and `attachments` when loaded for many cases at once."""
    if decisions is None:
        decisions = _decisions(s, item)
    if attachments is None:
        attachments = _attachments_of(s, [item.id]).get(item.id, ())
    return AgendaItemInfo(
        id=str(item.id),
        meeting_id=str(item.meeting_id),
        number=item.number,
        year=item.year,
        seq=item.seq,
        position=item.position,
        title=item.title,
        kind=ItemKind(item.kind),
        standing_key=item.standing_key,
        standing=StandingItem.from_json(item.standing_snapshot) if item.standing_snapshot else None,
        presenter_id=str(item.presenter_id) if item.presenter_id else None,
        presenter_name=item.presenter.name if item.presenter else None,
        background=item.background,
        discussion=item.discussion,
        decisions=tuple(_decision_info(d, item.number) for d in decisions),
        attachments=attachments,
    )


def _items(s: Session, meeting: AmuMeeting) -> list[AmuAgendaItem]:
    return list(
        s.scalars(
            select(AmuAgendaItem)
            .where(AmuAgendaItem.meeting_id == meeting.id, AmuAgendaItem.archived_at.is_(None))
            .order_by(AmuAgendaItem.position, AmuAgendaItem.seq)
            .options(joinedload(AmuAgendaItem.presenter))
        )
    )


def items_for(s: Session, meeting: AmuMeeting) -> list[AgendaItemInfo]:
    """The agenda in a handful of queries, however many cases it has."""
    items = _items(s, meeting)
    ids = [i.id for i in items]
    decisions = _decisions_of(s, ids)
    attachments = _attachments_of(s, ids)
    return [item_info(s, i, decisions.get(i.id, []), attachments.get(i.id, ())) for i in items]


def items_for_meetings(
    s: Session, meetings: list[AmuMeeting]
) -> dict[uuid.UUID, list[AgendaItemInfo]]:
    """The agendas of several meetings in three queries, whatever their number."""
    found: dict[uuid.UUID, list[AgendaItemInfo]] = {m.id: [] for m in meetings}
    if not meetings:
        return found
    items = s.scalars(
        select(AmuAgendaItem)
        .where(AmuAgendaItem.meeting_id.in_(list(found)), AmuAgendaItem.archived_at.is_(None))
        .order_by(AmuAgendaItem.position, AmuAgendaItem.seq)
        .options(joinedload(AmuAgendaItem.presenter))
    ).all()
    ids = [i.id for i in items]
    decisions = _decisions_of(s, ids)
    attachments = _attachments_of(s, ids)
    for i in items:
        found[i.meeting_id].append(
            item_info(s, i, decisions.get(i.id, []), attachments.get(i.id, ()))
        )
    return found


def list_items(db: Database, meeting_id: str) -> list[AgendaItemInfo]:
    """The agenda of a meeting in order, each case with its decisions and attachments."""
    with db.read() as s:
        return items_for(s, load_meeting(s, meeting_id))


def get_item(db: Database, item_id: str) -> AgendaItemInfo:
    with db.read() as s:
        return item_info(s, load_item(s, item_id))


# --- cases ---------------------------------------------------------------------------


def _validate_item(title: str, kind: ItemKind | str | None) -> ItemKind:
    v = Validator()
    v.require("title", title, _("Tittel"))
    v.max_length("title", title, 300, _("Tittelen"))
    v.check(
        "kind",
        kind in ItemKind._value2member_map_ or isinstance(kind, ItemKind),
        _("Velg type sak."),
    )
    v.raise_if_any()
    assert kind is not None  # validated
    return ItemKind(kind)


def _next_position(s: Session, meeting: AmuMeeting) -> int:
    current = s.scalar(
        select(func.max(AmuAgendaItem.position)).where(
            AmuAgendaItem.meeting_id == meeting.id, AmuAgendaItem.archived_at.is_(None)
        )
    )
    return (current or 0) + 1


def _new_item(
    s: Session, meeting: AmuMeeting, title: str, kind: ItemKind, **fields
) -> AmuAgendaItem:
    year = meeting.meeting_date.year
    seq = next_number(s, CASE_SERIES, year)
    item = AmuAgendaItem(
        meeting_id=meeting.id,
        number=case_number_text(seq, year),
        year=year,
        seq=seq,
        position=_next_position(s, meeting),
        title=title.strip(),
        kind=kind.value,
        **fields,
    )
    s.add(item)
    s.flush()
    return item


def add_item(
    db: Database,
    meeting_id: str,
    *,
    title: str,
    kind: ItemKind | str | None,
    background: str = "",
    presenter_id: str | None = None,
) -> AgendaItemInfo:
    """A new case on the agenda; it gets the next number of the meeting's year."""
    kind = _validate_item(title, kind)
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        check_editable(meeting, None)
        presenter = s.get(Person, optional_id(presenter_id)) if presenter_id else None
        item = _new_item(
            s,
            meeting,
            title,
            kind,
            background=background.strip(),
            presenter_id=presenter.id if presenter else None,
        )
        s.refresh(item)
        return item_info(s, item)


def update_item(
    db: Database,
    item_id: str,
    *,
    title: str,
    kind: ItemKind | str | None,
    background: str,
    discussion: str,
    presenter_id: str | None = None,
    reason: str | None = None,
) -> AgendaItemInfo:
    """Change a case. On approved minutes only with a reason, recorded as a correction."""
    kind = _validate_item(title, kind)
    with db.write() as s:
        item = load_item(s, item_id)
        meeting = load_meeting(s, item.meeting_id)
        correcting = check_editable(meeting, reason)
        presenter = s.get(Person, optional_id(presenter_id)) if presenter_id else None
        changes = [
            (_("tittel"), item.title, title.strip()),
            (_("type"), ItemKind(item.kind).label, kind.label),
            (_("bakgrunn"), item.background, background.strip()),
            (_("drøfting"), item.discussion, discussion.strip()),
            (
                _("innleder"),
                item.presenter.name if item.presenter else "",
                presenter.name if presenter else "",
            ),
        ]
        item.title, item.kind = title.strip(), kind.value
        item.background, item.discussion = background.strip(), discussion.strip()
        item.presenter_id = presenter.id if presenter else None
        if correcting:
            for what, old, new in changes:
                if old != new:
                    target = _("{number} – {what}").format(number=item.number, what=what)
                    record_correction(s, meeting, target, old, new, reason or "")
        s.flush()
        s.refresh(item)
        return item_info(s, item)


def move_item(db: Database, item_id: str, step: int) -> AgendaItemInfo:
    """Move a case up (-1) or down (+1) on the agenda; its number stays."""
    with db.write() as s:
        item = load_item(s, item_id)
        meeting = load_meeting(s, item.meeting_id)
        check_editable(meeting, None)
        items = _items(s, meeting)
        index = next(i for i, x in enumerate(items) if x.id == item.id)
        other = index + (1 if step > 0 else -1)
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        for position, x in enumerate(items, start=1):
            x.position = position
        s.flush()
        return item_info(s, item)


def move_item_to_meeting(db: Database, item_id: str, target_meeting_id: str) -> AgendaItemInfo:
    """Postpone a case to another meeting; it keeps its number."""
    with db.write() as s:
        item = load_item(s, item_id)
        source = load_meeting(s, item.meeting_id)
        target = load_meeting(s, target_meeting_id)
        check_editable(source, None)
        if target.id == source.id:
            raise ValidationError({"meeting_id": _("Velg et annet møte.")})
        if target.status != MeetingStatus.PLANNED.value:
            raise ValidationError({"meeting_id": _("Saken kan bare flyttes til et planlagt møte.")})
        if _decisions(s, item):
            raise ServiceError(_("Saken har vedtak og kan ikke flyttes. Fjern vedtakene først."))
        item.meeting_id = target.id
        item.position = _next_position(s, target)
        s.flush()
        s.refresh(item)
        return item_info(s, item)


def remove_item(db: Database, item_id: str) -> None:
    """Take a case off the agenda (archived; the number is not reused)."""
    with db.write() as s:
        item = load_item(s, item_id)
        meeting = load_meeting(s, item.meeting_id)
        check_editable(meeting, None)
        if _decisions(s, item):
            raise ServiceError(_("Saken har vedtak. Fjern vedtakene før saken tas av sakslisten."))
        item.archived_at = clock.now()


# --- standing items ------------------------------------------------------------------


def standing_period(s: Session, meeting: AmuMeeting, today: date) -> tuple[date, date]:
    """Since the last meeting (from the day after it) up to the meeting day or today,
    whichever comes first. Without an earlier meeting: from New Year."""
    previous = s.scalar(
        select(func.max(AmuMeeting.meeting_date)).where(
            AmuMeeting.archived_at.is_(None),
            AmuMeeting.meeting_date < meeting.meeting_date,
            AmuMeeting.id != meeting.id,
        )
    )
    date_to = min(meeting.meeting_date, today)
    date_from = previous + timedelta(days=1) if previous else date(meeting.meeting_date.year, 1, 1)
    return min(date_from, date_to), date_to


def pull_standing_items(db: Database, meeting_id: str, today: date | None = None) -> PullResult:
    """«Hent faste saker»: fill the standing items from the data. A standing item already
    on the agenda gets fresh figures; a new one gets the next case number. The figures
    are kept with the meeting as written, so they are written in the document language:
    the language of the invitation and minutes they go into."""
    from vernelogg import i18n
    from vernelogg.services.document_language import document_language

    with i18n.using(document_language(db)):
        return _pull_standing_items(db, meeting_id, today)


def _pull_standing_items(db: Database, meeting_id: str, today: date | None) -> PullResult:
    today = today or clock.today()
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        check_editable(meeting, None)
        date_from, date_to = standing_period(s, meeting, today)
        existing = {i.standing_key: i for i in _items(s, meeting) if i.standing_key}
        added, updated = [], []
        for standing in collect_standing_items(s, date_from, date_to):
            item = existing.get(standing.key)
            if item is None:
                item = _new_item(
                    s,
                    meeting,
                    standing.title,
                    ItemKind.STANDING,
                    standing_key=standing.key,
                    standing_snapshot=standing.to_json(),
                )
                added.append(item.number)
            else:
                previous = (
                    StandingItem.from_json(item.standing_snapshot)
                    if item.standing_snapshot
                    else None
                )
                if previous is None or item.title == previous.title:
                    item.title = standing.title
                item.standing_snapshot = standing.to_json()
                updated.append(item.number)
        return PullResult(tuple(added), tuple(updated), date_from, date_to)


# --- attachments ---------------------------------------------------------------------


def attach_to_item(db: Database, item_id: str, path: Path) -> AttachmentInfo:
    with db.read() as s:
        item = load_item(s, item_id)
        check_editable(load_meeting(s, item.meeting_id), None)
    return attachment_service.attach_file(
        db, owner_kind=ITEM_OWNER_KIND, owner_id=item_id, path=Path(path)
    )


def remove_item_attachment(db: Database, item_id: str, attachment_id: str) -> None:
    with db.read() as s:
        item = load_item(s, item_id)
        check_editable(load_meeting(s, item.meeting_id), None)
    attachment_service.archive_attachment(db, attachment_id)


# --- decisions -----------------------------------------------------------------------


def _validate_decision(
    s: Session,
    meeting: AmuMeeting,
    text: str,
    owner_id: str | None,
    deadline: date | None,
    area_id: str | None,
) -> tuple[Person | None, SafetyArea | None]:
    v = Validator()
    v.require("text", text, _("Vedtaket"))
    v.max_length("text", text, 4000, _("Vedtaket"))
    v.check(
        "owner_id", not (deadline and not owner_id), _("Velg hvem som er ansvarlig for fristen.")
    )
    if deadline:
        v.check(
            "deadline",
            deadline >= meeting.meeting_date,
            _("Fristen kan ikke være før møtedatoen."),
        )
    v.raise_if_any()
    owner = s.get(Person, optional_id(owner_id)) if owner_id else None
    if owner_id and owner is None:
        raise ValidationError({"owner_id": _("Fant ikke den ansvarlige.")})
    area = s.get(SafetyArea, optional_id(area_id)) if area_id else None
    if area_id and area is None:
        raise ValidationError({"area_id": _("Fant ikke verneområdet.")})
    return owner, area


def _action_title(text: str) -> str:
    first = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    return first if len(first) <= 300 else first[:299].rstrip() + "…"


def sync_action(
    s: Session, decision: AmuDecision, item: AmuAgendaItem, meeting: AmuMeeting
) -> None:
    """Keep the decision's action in the action plan in step with the decision.

    A decision with an owner becomes an action once the meeting is held (before that it
    is a proposal). An action already carried out is left alone.
    """
    if meeting.status == MeetingStatus.PLANNED.value:
        return
    action = decision.action
    if decision.archived_at is not None or decision.owner_id is None:
        if action is not None and action.status in (
            ActionStatus.OPEN.value,
            ActionStatus.IN_PROGRESS.value,
        ):
            action.status = ActionStatus.CANCELLED.value
        return
    description = _("Vedtak i AMU {date}, {number} «{title}»:\n{text}").format(
        date=fmt_date(meeting.meeting_date),
        number=item.number,
        title=item.title,
        text=decision.text.strip(),
    )
    if action is None:
        action = create_action(
            s,
            title=_action_title(decision.text),
            description=description,
            area_id=decision.area_id,
            owner_id=decision.owner_id,
            deadline=decision.deadline,
            source_kind=ActionSource.AMU,
            source_id=decision.id,
            source_label=item.number,
        )
        decision.action_id = action.id
        return
    if action.status == ActionStatus.DONE.value:
        return
    if action.status == ActionStatus.CANCELLED.value:
        action.status = ActionStatus.OPEN.value
    action.title = _action_title(decision.text)
    action.description = description
    action.owner_id, action.deadline, action.area_id = (
        decision.owner_id,
        decision.deadline,
        decision.area_id,
    )


def sync_meeting_actions(s: Session, meeting: AmuMeeting) -> None:
    for item in _items(s, meeting):
        for decision in _decisions(s, item):
            sync_action(s, decision, item, meeting)
    s.flush()


def _decision_text(d: AmuDecision) -> str:
    parts = [d.text.strip()]
    if d.owner is not None:
        parts.append(_("Ansvarlig: {name}").format(name=d.owner.name))
    if d.deadline is not None:
        parts.append(_("Frist: {date}").format(date=fmt_date(d.deadline)))
    return " · ".join(parts)


def add_decision(
    db: Database,
    item_id: str,
    *,
    text: str,
    owner_id: str | None = None,
    deadline: date | None = None,
    area_id: str | None = None,
    reason: str | None = None,
) -> DecisionInfo:
    """Record a decision in a case. With an owner it becomes an action in the action plan
    (once the meeting is held)."""
    with db.write() as s:
        item = load_item(s, item_id)
        meeting = load_meeting(s, item.meeting_id)
        correcting = check_editable(meeting, reason)
        owner, area = _validate_decision(s, meeting, text, owner_id, deadline, area_id)
        position = len(_decisions(s, item)) + 1
        decision = AmuDecision(
            id=uuid.uuid4(),
            item_id=item.id,
            position=position,
            text=text.strip(),
            owner_id=owner.id if owner else None,
            deadline=deadline,
            area_id=area.id if area else None,
        )
        s.add(decision)
        s.flush()
        s.refresh(decision)
        sync_action(s, decision, item, meeting)
        if correcting:
            record_correction(
                s,
                meeting,
                _("{number} – nytt vedtak").format(number=item.number),
                "",
                _decision_text(decision),
                reason or "",
            )
        s.flush()
        s.refresh(decision)
        return _decision_info(decision, item.number)


def update_decision(
    db: Database,
    decision_id: str,
    *,
    text: str,
    owner_id: str | None,
    deadline: date | None,
    area_id: str | None = None,
    reason: str | None = None,
) -> DecisionInfo:
    with db.write() as s:
        decision = load_decision(s, decision_id)
        item = load_item(s, decision.item_id)
        meeting = load_meeting(s, item.meeting_id)
        correcting = check_editable(meeting, reason)
        owner, area = _validate_decision(s, meeting, text, owner_id, deadline, area_id)
        old = _decision_text(decision)
        decision.text = text.strip()
        decision.owner_id = owner.id if owner else None
        decision.deadline = deadline
        decision.area_id = area.id if area else None
        s.flush()
        s.refresh(decision)
        sync_action(s, decision, item, meeting)
        new = _decision_text(decision)
        if correcting and old != new:
            target = _("{number} – vedtak {position}").format(
                number=item.number, position=decision.position
            )
            record_correction(s, meeting, target, old, new, reason or "")
        s.flush()
        s.refresh(decision)
        return _decision_info(decision, item.number)


def remove_decision(db: Database, decision_id: str, *, reason: str | None = None) -> None:
    """Withdraw a decision (archived); an open action made from it is cancelled."""
    with db.write() as s:
        decision = load_decision(s, decision_id)
        item = load_item(s, decision.item_id)
        meeting = load_meeting(s, item.meeting_id)
        correcting = check_editable(meeting, reason)
        old = _decision_text(decision)
        decision.archived_at = clock.now()
        sync_action(s, decision, item, meeting)
        for position, other in enumerate(_decisions(s, item), start=1):
            other.position = position
        if correcting:
            target = _("{number} – vedtak trukket").format(number=item.number)
            record_correction(s, meeting, target, old, "", reason or "")


def mark_decision_done(
    db: Database, decision_id: str, done_date: date | None, today: date | None = None
) -> DecisionInfo:
    """Follow-up: the action made from a decision is carried out. This changes the action
    plan, not the minutes, so it is allowed after approval."""
    today = today or clock.today()
    v = Validator()
    v.check("done_date", done_date is not None, _("Velg datoen tiltaket ble utført."))
    if done_date:
        v.check("done_date", done_date <= today, _("Datoen kan ikke være fram i tid."))
    v.raise_if_any()
    with db.write() as s:
        decision = load_decision(s, decision_id)
        item = load_item(s, decision.item_id)
        action = decision.action
        if action is None:
            raise ServiceError(
                _("Vedtaket har ikke blitt et tiltak (ingen ansvarlig, eller møtet er ikke holdt).")
            )
        if done_date and done_date < s.get_one(AmuMeeting, item.meeting_id).meeting_date:
            raise ValidationError({"done_date": _("Datoen kan ikke være før vedtaket ble gjort.")})
        action.status = ActionStatus.DONE.value
        action.done_date = done_date
        s.flush()
        s.refresh(decision)
        return _decision_info(decision, item.number)

"""Shared by the round services: look-ups, guards and turning rows into dataclasses."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.checklists import HazardGroup
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.domain.formatting import fmt_datetime
from vernelogg.domain.rounds import Answer, ItemKind, RoundCounts, RoundStatus
from vernelogg.i18n import N_, _
from vernelogg.services.attachments import AttachmentInfo
from vernelogg.services.errors import NotFoundError, ServiceError
from vernelogg.services.ids import parse_id
from vernelogg.services.rounds.info import (
    ITEM_ATTACHMENT_KIND,
    AddendumInfo,
    FollowUpInfo,
    ItemInfo,
    RoundInfo,
)
from vernelogg.store.models import (
    Action,
    Attachment,
    CheckItem,
    Deviation,
    RoundAddendum,
    SafetyRound,
)

CLOSED_MESSAGE = N_(
    "Runden er avsluttet og signert, og kan ikke endres. Skriv heller et tillegg til runden."
)
FOLLOWED_UP_MESSAGE = N_(
    "Det er laget avvik eller tiltak fra dette punktet, så det må stå som «Ikke OK»."
)


def get_round(s: Session, round_id: str | uuid.UUID) -> SafetyRound:
    found = s.get(SafetyRound, parse_id(round_id, _("vernerunden")))
    if found is None:
        raise NotFoundError(_("Fant ikke vernerunden."))
    return found


def get_item(s: Session, item_id: str | uuid.UUID) -> CheckItem:
    item = s.get(CheckItem, parse_id(item_id, _("sjekkpunktet")))
    if item is None or item.archived_at is not None:
        raise NotFoundError(_("Fant ikke sjekkpunktet i runden."))
    return item


def checked_out_message(r: SafetyRound) -> str:
    when = fmt_datetime(r.checked_out_at) if r.checked_out_at else _("tidligere")
    return _(
        "Runden {number} er tatt med på laptop av {person} ({when}) og kan ikke endres her "
        "før den er levert eller utsjekken er angret."
    ).format(number=r.number, person=r.checked_out_by or _("en annen"), when=when)


def require_on_server(r: SafetyRound) -> None:
    """A round checked out to a laptop is walked there: nothing here writes to it."""
    if r.checked_out_at is not None:
        raise ServiceError(checked_out_message(r))


def require_in_progress(r: SafetyRound) -> None:
    """Answers, comments, photos and findings can only change while the round runs."""
    require_on_server(r)
    if r.archived_at is not None:
        raise ServiceError(_("Runden er avlyst og kan ikke endres."))
    status = RoundStatus(r.status)
    if status is RoundStatus.CLOSED:
        raise ServiceError(_(CLOSED_MESSAGE))
    if status is RoundStatus.PLANNED:
        raise ServiceError(_("Runden er ikke startet ennå. Start runden først."))


def counts_by_round(s: Session, round_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, RoundCounts]:
    """The tally of each round in one grouped query."""
    if not round_ids:
        return {}
    rows = s.execute(
        select(CheckItem.round_id, CheckItem.kind, CheckItem.answer, func.count(CheckItem.id))
        .where(CheckItem.round_id.in_(round_ids), CheckItem.archived_at.is_(None))
        .group_by(CheckItem.round_id, CheckItem.kind, CheckItem.answer)
    ).all()
    tallies: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for round_id, kind, answer, n in rows:
        t = tallies[round_id]
        if kind == ItemKind.FINDING.value:
            t["free"] += n
            continue
        t["points"] += n
        if answer is not None:
            t["answered"] += n
            t[answer] += n
    return {
        round_id: RoundCounts(
            points=t["points"],
            answered=t["answered"],
            ok=t[Answer.OK.value],
            not_ok=t[Answer.NOT_OK.value],
            not_relevant=t[Answer.NOT_RELEVANT.value],
            free_findings=t["free"],
        )
        for round_id, t in tallies.items()
    }


def round_info(r: SafetyRound, counts: RoundCounts | None = None) -> RoundInfo:
    return RoundInfo(
        id=str(r.id),
        number=r.number,
        area_id=str(r.area_id),
        area_name=r.area.name,
        planned_date=r.planned_date,
        status=RoundStatus(r.status),
        template_ref=r.template_ref,
        checklist_name=r.checklist_name,
        delegate_id=str(r.delegate_id) if r.delegate_id else None,
        delegate_name=r.delegate.name if r.delegate else None,
        leader_id=str(r.leader_id) if r.leader_id else None,
        leader_name=r.leader.name if r.leader else None,
        other_participants=r.other_participants,
        notes=r.notes,
        held_on=r.held_on,
        closed_on=r.closed_on,
        signed_delegate=r.signed_delegate,
        signed_leader=r.signed_leader,
        counts=counts or RoundCounts(),
        archived=r.archived_at is not None,
        checked_out_by=r.checked_out_by if r.checked_out_at else "",
        checked_out_at=r.checked_out_at,
        checked_out_to=r.checked_out_to if r.checked_out_at else "",
    )


def round_info_of(s: Session, r: SafetyRound) -> RoundInfo:
    s.flush()
    return round_info(r, counts_by_round(s, [r.id]).get(r.id))


def deviation_follow_up(d: Deviation) -> FollowUpInfo:
    return FollowUpInfo(
        kind="deviation",
        id=str(d.id),
        label=d.number,
        status_label=DeviationStatus(d.status).label,
        owner_name=d.responsible.name if d.responsible else None,
        deadline=d.deadline,
    )


def action_follow_up(a: Action) -> FollowUpInfo:
    return FollowUpInfo(
        kind="action",
        id=str(a.id),
        label=a.title,
        status_label=ActionStatus(a.status).label,
        owner_name=a.owner.name if a.owner else None,
        deadline=a.deadline,
    )


def _photo_info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(str(a.id), a.filename, a.mime_type, a.size, a.width, a.height, a.caption)


def item_infos(s: Session, items: Iterable[CheckItem]) -> list[ItemInfo]:
    """Items with their photos and follow-ups, fetched in a few batched queries."""
    items = [i for i in items if i.archived_at is None]
    ids = [i.id for i in items]
    photos: dict[uuid.UUID, list[AttachmentInfo]] = defaultdict(list)
    if ids:
        for a in s.scalars(
            select(Attachment)
            .where(
                Attachment.owner_kind == ITEM_ATTACHMENT_KIND,
                Attachment.owner_id.in_(ids),
                Attachment.archived_at.is_(None),
            )
            .order_by(Attachment.created_at)
        ):
            photos[a.owner_id].append(_photo_info(a))
    deviation_ids = [i.deviation_id for i in items if i.deviation_id]
    action_ids = [i.action_id for i in items if i.action_id]
    deviations = (
        {d.id: d for d in s.scalars(select(Deviation).where(Deviation.id.in_(deviation_ids)))}
        if deviation_ids
        else {}
    )
    actions = (
        {a.id: a for a in s.scalars(select(Action).where(Action.id.in_(action_ids)))}
        if action_ids
        else {}
    )
    out: list[ItemInfo] = []
    check_number = finding_number = 0
    for i in sorted(items, key=lambda x: x.position):
        kind = ItemKind(i.kind)
        if kind is ItemKind.CHECK:
            check_number += 1
            label = str(check_number)
        else:
            finding_number += 1
            label = f"F{finding_number}"
        deviation = deviations.get(i.deviation_id) if i.deviation_id else None
        action = actions.get(i.action_id) if i.action_id else None
        out.append(
            ItemInfo(
                id=str(i.id),
                round_id=str(i.round_id),
                position=i.position,
                label=label,
                kind=kind,
                key=i.key,
                group=HazardGroup(i.hazard_group) if i.hazard_group else None,
                text=i.text,
                guidance=i.guidance,
                answer=Answer(i.answer) if i.answer else None,
                comment=i.comment,
                answered_at=i.answered_at,
                photos=tuple(photos.get(i.id, ())),
                deviation=deviation_follow_up(deviation) if deviation else None,
                action=action_follow_up(action) if action else None,
            )
        )
    return out


def item_info(s: Session, item: CheckItem) -> ItemInfo:
    """One item; its label is computed among the round's items."""
    s.flush()
    siblings = s.scalars(
        select(CheckItem).where(
            CheckItem.round_id == item.round_id, CheckItem.archived_at.is_(None)
        )
    ).all()
    return next(info for info in item_infos(s, siblings) if info.id == str(item.id))


def addendum_info(a: RoundAddendum) -> AddendumInfo:
    return AddendumInfo(str(a.id), a.text, a.written_by, a.written_at)

"""From a finding to an avvik or a tiltak in one step: pre-filled with area, text and
photos, and linked back to the point it came from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from vernelogg import clock
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.rounds import ItemKind, RoundStatus
from vernelogg.i18n import _
from vernelogg.services.actions import create_action
from vernelogg.services.attachments import copy_attachments
from vernelogg.services.deviations import create_deviation
from vernelogg.services.errors import ServiceError, ValidationError
from vernelogg.services.rounds.common import (
    action_follow_up,
    deviation_follow_up,
    get_item,
    require_on_server,
)
from vernelogg.services.rounds.info import (
    ACTION_ATTACHMENT_KIND,
    DEVIATION_ATTACHMENT_KIND,
    ITEM_ATTACHMENT_KIND,
    FindingDefaults,
    FollowUpInfo,
)
from vernelogg.store.database import Database
from vernelogg.store.models import Attachment, CheckItem, SafetyRound


def _point_label(item: CheckItem) -> str:
    siblings = [i for i in item.round.items if i.archived_at is None and i.kind == item.kind]
    number = next(n for n, i in enumerate(siblings, start=1) if i.id == item.id)
    if item.kind == ItemKind.FINDING.value:
        return _("fritt funn {number}").format(number=number)
    return _("punkt {number}").format(number=number)


def _round_label(r: SafetyRound) -> str:
    when = fmt_date(r.held_on or r.planned_date)
    return _("Vernerunde {number} ({area}, {date})").format(
        number=r.number, area=r.area.name, date=when
    )


def _describe(item: CheckItem) -> str:
    r = item.round
    lines = [
        _("Funn på vernerunde {number} ({area}, {date}), {point}.").format(
            number=r.number,
            area=r.area.name,
            date=fmt_date(r.held_on or r.planned_date),
            point=_point_label(item),
        )
    ]
    if item.kind == ItemKind.CHECK.value:
        lines.append(_("Sjekkpunkt: {text}").format(text=item.text))
        if item.comment:
            lines.append(_("Kommentar: {comment}").format(comment=item.comment))
    else:
        lines.append(item.text)
        if item.comment:
            lines.append(item.comment)
    return "\n".join(lines)


def _title(item: CheckItem) -> str:
    source = item.comment.strip() or item.text.strip()
    first = source.splitlines()[0] if source else ""
    return first if len(first) <= 200 else first[:199].rstrip() + "…"


def _finding(s, item_id: str) -> CheckItem:
    item = get_item(s, item_id)
    r = item.round
    require_on_server(r)
    if r.archived_at is not None:
        raise ServiceError(_("Runden er avlyst."))
    if RoundStatus(r.status) is RoundStatus.PLANNED:
        raise ServiceError(_("Runden er ikke startet."))
    if item.kind == ItemKind.CHECK.value and item.answer != "not_ok":
        raise ValidationError(_("Avvik og tiltak lages fra punkter som er «Ikke OK» og frie funn."))
    return item


def _photo_count(s, item: CheckItem) -> int:
    return int(
        s.scalar(
            select(func.count(Attachment.id)).where(
                Attachment.owner_kind == ITEM_ATTACHMENT_KIND,
                Attachment.owner_id == item.id,
                Attachment.archived_at.is_(None),
            )
        )
        or 0
    )


def finding_defaults(db: Database, item_id: str) -> FindingDefaults:
    """What the «Lag avvik» and «Lag tiltak» dialogs start with."""
    with db.read() as s:
        item = _finding(s, item_id)
        r = item.round
        reporter = r.delegate.name if r.delegate else r.signed_delegate
        return FindingDefaults(
            item_id=str(item.id),
            round_id=str(r.id),
            area_id=str(r.area_id),
            area_name=r.area.name,
            round_label=_round_label(r),
            title=_title(item),
            description=_describe(item),
            reporter_name=reporter or "",
            owner_id=str(r.leader_id) if r.leader_id else None,
            occurred_at=item.answered_at or r.started_at or clock.now(),
            photo_count=_photo_count(s, item),
        )


def create_deviation_from_item(
    db: Database,
    item_id: str,
    *,
    description: str,
    kind: DeviationKind | str | None = DeviationKind.DANGEROUS_CONDITION,
    severity: Severity | str | None = Severity.MEDIUM,
    reporter_name: str | None = None,
    immediate_action: str = "",
    confidential: bool = False,
    occurred_at: datetime | None = None,
) -> FollowUpInfo:
    """Register an avvik from a finding, copy its photos and link it to the point."""
    with db.write() as s:
        item = _finding(s, item_id)
        if item.deviation_id:
            raise ValidationError(_("Det er allerede laget et avvik fra dette punktet."))
        deviation = create_deviation(
            s,
            area_id=item.round.area_id,
            description=description,
            occurred_at=occurred_at or item.answered_at or item.round.started_at,
            kind=kind,
            severity=severity,
            reporter_name=reporter_name,
            confidential=confidential,
            immediate_action=immediate_action,
        )
        copy_attachments(
            s,
            from_kind=ITEM_ATTACHMENT_KIND,
            from_id=item.id,
            to_kind=DEVIATION_ATTACHMENT_KIND,
            to_id=deviation.id,
        )
        item.deviation_id = deviation.id
        s.flush()
        return deviation_follow_up(deviation)


def create_action_from_item(
    db: Database,
    item_id: str,
    *,
    title: str,
    description: str = "",
    owner_id: str | None = None,
    deadline: date | None = None,
    today: date | None = None,
) -> FollowUpInfo:
    """Create a tiltak for a finding (source: this round), copy its photos, link it."""
    if deadline is not None and today is not None and deadline < today:
        raise ValidationError({"deadline": _("Fristen kan ikke være før i dag.")})
    with db.write() as s:
        item = _finding(s, item_id)
        if item.action_id:
            raise ValidationError(_("Det er allerede laget et tiltak fra dette punktet."))
        r = item.round
        action = create_action(
            s,
            title=title,
            description=description,
            area_id=r.area_id,
            owner_id=owner_id,
            deadline=deadline,
            source_kind=ActionSource.ROUND,
            source_id=r.id,
            source_label=f"Vernerunde {r.number} – {r.area.name}"[:200],
        )
        copy_attachments(
            s,
            from_kind=ITEM_ATTACHMENT_KIND,
            from_id=item.id,
            to_kind=ACTION_ATTACHMENT_KIND,
            to_id=action.id,
        )
        item.action_id = action.id
        s.flush()
        s.refresh(action)
        return action_follow_up(action)

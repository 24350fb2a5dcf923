"""One avvik in full: its fields, timeline, actions and attachments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from vernelogg.domain.deviations import (
    NOTIFICATION_TEXT,
    DeviationKind,
    DeviationStatus,
    Severity,
    next_status,
    previous_status,
    requires_notification,
)
from vernelogg.i18n import N_, _
from vernelogg.services.actions import ActionInfo, actions_for_source
from vernelogg.services.attachments import AttachmentInfo, list_attachments
from vernelogg.services.deviations.common import OWNER_KIND, load
from vernelogg.services.timeline import EventKind
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation, DeviationEvent

EVENT_LABELS = {
    EventKind.REGISTERED: N_("Registrert"),
    EventKind.STATUS: N_("Status"),
    EventKind.REOPENED: N_("Gjenåpnet"),
    EventKind.COMMENT: N_("Kommentar"),
    EventKind.CHANGED: N_("Endret"),
    EventKind.NOTIFICATION: N_("Varsling etter § 5-2"),
    EventKind.ACTION: N_("Tiltak"),
    EventKind.ATTACHMENT: N_("Vedlegg"),
    EventKind.ARCHIVED: N_("Arkivert"),
    EventKind.RESTORED: N_("Hentet fram"),
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    by: str
    kind: str
    text: str
    from_status: DeviationStatus | None
    to_status: DeviationStatus | None

    @property
    def label(self) -> str:
        label = EVENT_LABELS.get(self.kind)
        return _(label) if label else self.kind

    @property
    def headline(self) -> str:
        """«Status: Registrert → Under behandling», «Kommentar», …"""
        if self.kind in (EventKind.STATUS, EventKind.REOPENED) and self.to_status:
            start = self.from_status.label if self.from_status else "—"
            return f"{self.label}: {start} → {self.to_status.label}"
        return self.label


@dataclass(frozen=True)
class DeviationDetail:
    id: str
    number: str
    year: int
    area_id: str
    area_name: str
    occurred_at: datetime
    reported_at: datetime
    reporter_name: str | None
    kind: DeviationKind
    severity: Severity
    description: str
    location: str
    immediate_action: str
    cause: str
    responsible_id: str | None
    responsible_name: str | None
    deadline: date | None
    status: DeviationStatus
    confidential: bool
    closed_at: datetime | None
    measures_effective: bool | None
    closing_note: str
    authority_notified_at: datetime | None
    police_notified_at: datetime | None
    delegate_copy_at: datetime | None
    notification_note: str
    written_confirmation_at: datetime | None
    archived: bool
    timeline: list[TimelineEntry] = field(default_factory=list)
    actions: list[ActionInfo] = field(default_factory=list)
    attachments: list[AttachmentInfo] = field(default_factory=list)
    # The row version it was read at: a save with this detail as `seen` refuses to
    # overwrite a newer one.
    version: int = 1

    @property
    def anonymous(self) -> bool:
        return not self.reporter_name

    @property
    def reporter(self) -> str:
        return self.reporter_name or _("Anonym")

    @property
    def is_closed(self) -> bool:
        return self.status is DeviationStatus.CLOSED

    @property
    def next_status(self) -> DeviationStatus | None:
        return next_status(self.status)

    @property
    def previous_status(self) -> DeviationStatus | None:
        return previous_status(self.status)

    @property
    def requires_notification(self) -> bool:
        return requires_notification(self.kind, self.severity)

    @property
    def notification_text(self) -> str:
        return _(NOTIFICATION_TEXT)

    @property
    def notification_missing(self) -> list[str]:
        """What § 5-2 still asks for, in words; empty when all is recorded."""
        if not self.requires_notification:
            return []
        missing = []
        if self.authority_notified_at is None:
            missing.append(_("Arbeidstilsynet"))
        if self.police_notified_at is None:
            missing.append(_("politiet"))
        if self.written_confirmation_at is None:
            missing.append(_("skriftlig bekreftelse"))
        if self.delegate_copy_at is None:
            missing.append(_("kopi av bekreftelsen til verneombudet"))
        return missing

    def is_overdue(self, today: date) -> bool:
        return not self.is_closed and self.deadline is not None and self.deadline < today

    def open_actions(self) -> list[ActionInfo]:
        return [a for a in self.actions if a.status.is_open]


def _timeline(s, deviation_id) -> list[TimelineEntry]:
    rows = s.scalars(
        select(DeviationEvent)
        .where(DeviationEvent.deviation_id == deviation_id)
        .order_by(DeviationEvent.at, DeviationEvent.id)
    )
    return [
        TimelineEntry(
            at=e.at,
            by=e.by,
            kind=e.kind,
            text=e.text,
            from_status=DeviationStatus(e.from_status) if e.from_status else None,
            to_status=DeviationStatus(e.to_status) if e.to_status else None,
        )
        for e in rows
    ]


def get_deviation(db: Database, deviation_id: str) -> DeviationDetail:
    with db.read() as s:
        d = load(s, deviation_id)
        timeline = _timeline(s, d.id)
        # The fields read in the transaction; the tiltak and photos are read after it.
        detail: dict[str, Any] = dict(
            id=str(d.id),
            number=d.number,
            year=d.year,
            area_id=str(d.area_id),
            area_name=d.area.name,
            occurred_at=d.occurred_at,
            reported_at=d.reported_at,
            reporter_name=d.reporter_name,
            kind=DeviationKind(d.kind),
            severity=Severity(d.severity),
            description=d.description,
            location=d.location,
            immediate_action=d.immediate_action,
            cause=d.cause,
            responsible_id=str(d.responsible_id) if d.responsible_id else None,
            responsible_name=d.responsible.name if d.responsible else None,
            deadline=d.deadline,
            status=DeviationStatus(d.status),
            confidential=d.confidential,
            closed_at=d.closed_at,
            measures_effective=d.measures_effective,
            closing_note=d.closing_note,
            authority_notified_at=d.authority_notified_at,
            police_notified_at=d.police_notified_at,
            delegate_copy_at=d.delegate_copy_at,
            written_confirmation_at=d.written_confirmation_at,
            notification_note=d.notification_note,
            archived=d.archived_at is not None,
            version=d.version,
        )
    from vernelogg.domain.actions import ActionSource

    return DeviationDetail(
        **detail,
        timeline=timeline,
        actions=actions_for_source(db, ActionSource.DEVIATION, detail["id"]),
        attachments=list_attachments(db, OWNER_KIND, detail["id"]),
    )


def latest_deviation_id(db: Database) -> str | None:
    """The most recently registered avvik (for `--id latest`)."""
    with db.read() as s:
        value = s.scalar(
            select(Deviation.id)
            .where(Deviation.archived_at.is_(None))
            .order_by(Deviation.reported_at.desc(), Deviation.year.desc(), Deviation.seq.desc())
            .limit(1)
        )
        return str(value) if value else None


def deviation_years(db: Database) -> list[int]:
    """Years that have avvik, newest first (for the year filter)."""
    with db.read() as s:
        return list(s.scalars(select(Deviation.year).distinct().order_by(Deviation.year.desc())))

"""Opplæring: training records per person, with certificate and written agreement.

A basic course shorter than 40 hours counts as complete only with the parties'
agreement that a shorter course is justifiable (OLM § 3-19). The regulation does not
demand writing; the app records the agreement as good practice: its date *and* the
document, attached here as a PDF or an image. Refresher courses have no hour minimum.
The certificate (kursbevis) is attached the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.deadlines import RuleSettings
from vernelogg.domain.training import (
    OLM_TOPICS,
    CourseFormat,
    CourseKind,
    CourseRecord,
    is_complete,
)
from vernelogg.i18n import _, format_number
from vernelogg.services import attachments
from vernelogg.services.attachments import AttachmentInfo
from vernelogg.services.errors import NotFoundError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.store.database import Database
from vernelogg.store.models import Attachment, Person, TrainingRecord

CERTIFICATE = "training_certificate"
AGREEMENT = "training_agreement"
MAX_HOURS = 1000


@dataclass(frozen=True)
class Upload:
    """A file the user picked: its name and contents."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class TrainingInfo:
    id: str
    person_id: str
    person_name: str
    kind: CourseKind
    title: str
    start_date: date | None
    completed_date: date | None
    hours: float | None
    provider: str
    course_format: CourseFormat | None
    topics: tuple[str, ...]
    topics_other: str
    agreement_date: date | None
    agreement_note: str
    note: str
    certificates: tuple[AttachmentInfo, ...]
    agreements: tuple[AttachmentInfo, ...]
    archived: bool

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def display_title(self) -> str:
        return self.title or self.kind.label

    @property
    def format_label(self) -> str:
        return self.course_format.label if self.course_format else ""

    @property
    def hours_text(self) -> str:
        return "" if self.hours is None else format_number(self.hours)

    def short_course(self, settings: RuleSettings | None = None) -> bool:
        """Under the legal minimum hours for a kind where the hours rule applies."""
        settings = settings or RuleSettings()
        return (
            self.kind.hours_rule_applies
            and self.hours is not None
            and self.hours < settings.min_course_hours
        )

    def record(self) -> CourseRecord:
        return CourseRecord(
            person=self.person_id,
            kind=self.kind,
            start=self.start_date,
            completed=self.completed_date,
            hours=self.hours,
            agreement_date=self.agreement_date,
        )

    def counts_as_complete(self, today: date, settings: RuleSettings | None = None) -> bool:
        return is_complete(self.record(), today, settings)

    def state_text(self, today: date, settings: RuleSettings | None = None) -> str:
        """What the record means for the rules, in one short phrase."""
        settings = settings or RuleSettings()
        if self.completed_date is None or self.completed_date > today:
            if self.start_date is not None and self.start_date <= today:
                return _("Påbegynt")
            return _("Påmeldt") if self.start_date else _("Ikke fullført")
        if self.counts_as_complete(today, settings):
            if self.short_course(settings):
                return _("Fullført etter avtale")
            return _("Fullført")
        return _("Teller ikke: mangler avtale")


def _files(session: Session, owner_kind: str, owner_id: uuid.UUID) -> tuple[AttachmentInfo, ...]:
    rows = session.scalars(
        select(Attachment)
        .where(
            Attachment.owner_kind == owner_kind,
            Attachment.owner_id == owner_id,
            Attachment.archived_at.is_(None),
        )
        .order_by(Attachment.created_at)
    )
    return tuple(
        AttachmentInfo(str(a.id), a.filename, a.mime_type, a.size, a.width, a.height, a.caption)
        for a in rows
    )


def _info(session: Session, r: TrainingRecord) -> TrainingInfo:
    return TrainingInfo(
        id=str(r.id),
        person_id=str(r.person_id),
        person_name=r.person.name,
        kind=CourseKind(r.kind),
        title=r.title,
        start_date=r.start_date,
        completed_date=r.completed_date,
        hours=r.hours,
        provider=r.provider,
        course_format=CourseFormat(r.course_format) if r.course_format else None,
        topics=tuple(t for t in r.topics if t in OLM_TOPICS),
        topics_other=r.topics_other,
        agreement_date=r.agreement_date,
        agreement_note=r.agreement_note,
        note=r.note,
        certificates=_files(session, CERTIFICATE, r.id),
        agreements=_files(session, AGREEMENT, r.id),
        archived=r.archived_at is not None,
    )


def list_training(
    db: Database, *, person_id: str | None = None, include_archived: bool = False
) -> list[TrainingInfo]:
    """Training records, newest first (by completion, else start)."""
    with db.read() as s:
        query = select(TrainingRecord)
        if person_id:
            query = query.where(TrainingRecord.person_id == parse_id(person_id))
        if not include_archived:
            query = query.where(TrainingRecord.archived_at.is_(None))
        infos = [_info(s, r) for r in s.scalars(query)]
    return sorted(
        infos,
        key=lambda t: t.completed_date or t.start_date or date.min,
        reverse=True,
    )


def get_training(db: Database, record_id: str) -> TrainingInfo:
    with db.read() as s:
        record = s.get(TrainingRecord, parse_id(record_id))
        if record is None:
            raise NotFoundError(_("Fant ikke kurset."))
        return _info(s, record)


def course_records(session: Session) -> list[CourseRecord]:
    """Every active record as a domain CourseRecord keyed by person id (for the rules)."""
    rows = session.scalars(select(TrainingRecord).where(TrainingRecord.archived_at.is_(None)))
    return [
        CourseRecord(
            person=str(r.person_id),
            kind=CourseKind(r.kind),
            start=r.start_date,
            completed=r.completed_date,
            hours=r.hours,
            agreement_date=r.agreement_date,
        )
        for r in rows
    ]


def _validate(
    *,
    person_id: str | None,
    kind: CourseKind | str | None,
    title: str,
    start_date: date | None,
    completed_date: date | None,
    hours: float | None,
    course_format: CourseFormat | str | None,
    topics: Iterable[str],
    agreement_date: date | None,
    today: date,
) -> tuple[CourseKind, CourseFormat | None]:
    v = Validator()
    v.check("person_id", bool(person_id), _("Velg hvem som har tatt kurset."))
    try:
        course_kind = CourseKind(kind) if kind else None
    except ValueError:
        course_kind = None
    v.check("kind", course_kind is not None, _("Velg hvilket kurs det gjelder."))
    if course_kind is CourseKind.OTHER:
        v.require("title", title, _("Kursnavn"))
    v.max_length("title", title, 200, _("Kursnavnet"))
    v.check(
        "start_date",
        start_date is not None or completed_date is not None,
        _("Fyll inn når kurset startet eller ble fullført."),
    )
    if start_date and completed_date:
        v.check(
            "completed_date",
            completed_date >= start_date,
            _("Fullført-datoen kan ikke være før startdatoen."),
        )
    if completed_date:
        v.check(
            "completed_date",
            completed_date <= today,
            _(
                "Fullført-datoen kan ikke være fram i tid. Et kurs som ikke er holdt ennå, "
                "registreres med startdato."
            ),
        )
    if hours is not None:
        v.check(
            "hours",
            0 < hours <= MAX_HOURS,
            _("Timer må være mellom 0 og {max}.").format(max=MAX_HOURS),
        )
    try:
        fmt = CourseFormat(course_format) if course_format else None
    except ValueError:
        fmt = None
        v.check("course_format", False, _("Ukjent kursform."))
    unknown = [t for t in topics if t not in OLM_TOPICS]
    v.check("topics", not unknown, _("Ukjent tema: {topics}.").format(topics=", ".join(unknown)))
    if agreement_date:
        v.check(
            "agreement_date",
            agreement_date <= today,
            _("Avtaledatoen kan ikke være fram i tid."),
        )
    v.raise_if_any()
    assert course_kind is not None
    return course_kind, fmt


def save_training(
    db: Database,
    *,
    today: date,
    record_id: str | None = None,
    person_id: str | None,
    kind: CourseKind | str | None,
    title: str = "",
    start_date: date | None = None,
    completed_date: date | None = None,
    hours: float | None = None,
    provider: str = "",
    course_format: CourseFormat | str | None = None,
    topics: Sequence[str] = (),
    topics_other: str = "",
    agreement_date: date | None = None,
    agreement_note: str = "",
    note: str = "",
    certificates: Sequence[Upload] = (),
    agreement_documents: Sequence[Upload] = (),
    remove_attachment_ids: Sequence[str] = (),
) -> TrainingInfo:
    """Create or update a course record with its files, all in one transaction.

    A written agreement needs both its date and the document (an existing one that is
    kept, or a new upload); a document without a date is refused as well.
    """
    course_kind, fmt = _validate(
        person_id=person_id,
        kind=kind,
        title=title,
        start_date=start_date,
        completed_date=completed_date,
        hours=hours,
        course_format=course_format,
        topics=topics,
        agreement_date=agreement_date,
        today=today,
    )
    removed = {parse_id(i) for i in remove_attachment_ids}
    with db.write() as s:
        person = s.get(Person, parse_id(person_id or ""))
        if person is None or person.archived_at is not None:
            raise ValidationError({"person_id": _("Velg en aktiv person.")})
        if record_id:
            record = s.get(TrainingRecord, parse_id(record_id))
            if record is None:
                raise NotFoundError(_("Fant ikke kurset."))
            kept_agreements = [a for a in _files(s, AGREEMENT, record.id) if a.id not in removed]
        else:
            record = TrainingRecord(person_id=person.id, kind=course_kind.value)
            s.add(record)
            kept_agreements = []
        has_document = bool(kept_agreements) or bool(agreement_documents)
        if agreement_date is not None and not has_document:
            raise ValidationError(
                {"agreement_file": _("Legg ved den skriftlige avtalen (PDF eller bilde).")}
            )
        if has_document and agreement_date is None:
            raise ValidationError({"agreement_date": _("Oppgi datoen avtalen ble inngått.")})
        record.person_id = person.id
        record.kind = course_kind.value
        record.title = title.strip()
        record.start_date = start_date
        record.completed_date = completed_date
        record.hours = hours
        record.provider = provider.strip()
        record.course_format = fmt.value if fmt else None
        record.topics = "".join(sorted(set(topics)))
        record.topics_other = topics_other.strip()
        record.agreement_date = agreement_date
        record.agreement_note = agreement_note.strip()
        record.note = note.strip()
        s.flush()
        for attachment_id in removed:
            row = s.get(Attachment, attachment_id)
            if row is not None and row.owner_id == record.id:
                row.archived_at = clock.now()
        for upload, owner_kind, field in [
            *((u, CERTIFICATE, "certificate_file") for u in certificates),
            *((u, AGREEMENT, "agreement_file") for u in agreement_documents),
        ]:
            try:
                attachments.attach(
                    s,
                    owner_kind=owner_kind,
                    owner_id=record.id,
                    filename=upload.filename,
                    data=upload.data,
                )
            except ValidationError as error:
                message = " ".join(error.fields.values())
                raise ValidationError({field: f"«{upload.filename}»: {message}"}) from error
        s.flush()
        s.refresh(record)
        return _info(s, record)


def archive_training(db: Database, record_id: str) -> None:
    """A course registered by mistake: archived, kept in the audit log."""
    with db.write() as s:
        record = s.get(TrainingRecord, parse_id(record_id))
        if record is None:
            raise NotFoundError(_("Fant ikke kurset."))
        record.archived_at = clock.now()


# --- persons and their requirements ---------------------------------------------------

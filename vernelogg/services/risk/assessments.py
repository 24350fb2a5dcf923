"""Risk assessments: create, edit, approve (sign off), review, archive, list and read."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.risk import (
    AssessmentKind,
    AssessmentStatus,
    involvement_warning,
    number_text,
)
from vernelogg.domain.risk_matrix import Acceptance
from vernelogg.i18n import N_, _, ngettext
from vernelogg.services.errors import NotFoundError, ServiceError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.services.numbering import next_number
from vernelogg.services.risk.info import (
    AssessmentDetail,
    AssessmentRow,
    _highest,
    active_hazards,
    detail,
    level,
)
from vernelogg.services.risk.matrix import ensure_current, version_info
from vernelogg.store.database import Database
from vernelogg.store.models import (
    Hazard,
    HazardAction,
    Person,
    RiskAssessment,
    RiskMatrixVersion,
    SafetyArea,
)

LOCKED = N_("Risikovurderingen er godkjent. Gjenåpne den for å gjøre endringer.")


def get_row(session: Session, assessment_id: str | uuid.UUID) -> RiskAssessment:
    row = session.get(RiskAssessment, parse_id(assessment_id, _("risikovurderingen")))
    if row is None:
        raise NotFoundError(_("Fant ikke risikovurderingen."))
    return row


def editable_row(session: Session, assessment_id: str | uuid.UUID) -> RiskAssessment:
    row = get_row(session, assessment_id)
    if row.archived_at is not None:
        raise ServiceError(_("Risikovurderingen er arkivert. Hent den fram før du endrer den."))
    if row.status == AssessmentStatus.APPROVED.value:
        raise ServiceError(_(LOCKED))
    return row


def _current_number(session: Session) -> int:
    return session.scalar(select(func.max(RiskMatrixVersion.number))) or 0


def _validate_header(
    session: Session,
    *,
    title: str,
    area_id: str | None,
    kind: AssessmentKind | str | None,
    assessed_on: date | None,
    description: str,
    participants: str,
    responsible_id: str | None,
    review_on: date | None,
) -> tuple[SafetyArea, Person | None]:
    v = Validator()
    v.require("title", title, _("Tittel"))
    v.max_length("title", title, 200, _("Tittelen"))
    v.check("area_id", bool(area_id), _("Velg verneområde."))
    v.check("kind", kind in AssessmentKind._value2member_map_, _("Velg hva som vurderes."))
    v.check("assessed_on", assessed_on is not None, _("Dato for vurderingen må fylles ut."))
    v.max_length("description", description, 4000, _("Beskrivelsen"))
    v.max_length("participants", participants, 2000, _("Deltakerlisten"))
    if assessed_on and review_on:
        v.check(
            "review_on",
            review_on > assessed_on,
            _("Neste gjennomgang må være etter datoen for vurderingen."),
        )
    v.raise_if_any()
    area = session.get(SafetyArea, parse_id(area_id, _("risikovurderingen"))) if area_id else None
    if area is None or area.archived_at is not None:
        raise ValidationError({"area_id": _("Velg et aktivt verneområde.")})
    responsible = (
        session.get(Person, parse_id(responsible_id, _("risikovurderingen")))
        if responsible_id
        else None
    )
    if responsible_id and responsible is None:
        raise ValidationError({"responsible_id": _("Fant ikke personen.")})
    return area, responsible


def create_assessment(
    db: Database,
    *,
    title: str,
    area_id: str | None,
    kind: AssessmentKind | str | None,
    assessed_on: date | None,
    description: str = "",
    participants: str = "",
    responsible_id: str | None = None,
    vo_participated: bool = False,
    vo_informed_on: date | None = None,
    decided_on: date | None = None,
    review_on: date | None = None,
) -> AssessmentDetail:
    """A new draft, made with the current risk matrix."""
    with db.write() as s:
        area, responsible = _validate_header(
            s,
            title=title,
            area_id=area_id,
            kind=kind,
            assessed_on=assessed_on,
            description=description,
            participants=participants,
            responsible_id=responsible_id,
            review_on=review_on,
        )
        assert assessed_on is not None and kind is not None  # validated
        version = ensure_current(s)
        year = assessed_on.year
        seq = next_number(s, "RV", year)
        row = RiskAssessment(
            number=number_text(year, seq),
            year=year,
            seq=seq,
            title=title.strip(),
            area_id=area.id,
            kind=AssessmentKind(kind).value,
            description=description.strip(),
            assessed_on=assessed_on,
            participants=participants.strip(),
            responsible_id=responsible.id if responsible else None,
            vo_participated=vo_participated,
            vo_informed_on=vo_informed_on,
            decided_on=decided_on,
            review_on=review_on,
            status=AssessmentStatus.DRAFT.value,
            matrix_version_id=version.id,
        )
        s.add(row)
        s.flush()
        s.refresh(row)
        return detail(s, row, version.number)


def update_assessment(
    db: Database,
    assessment_id: str,
    *,
    title: str,
    area_id: str | None,
    kind: AssessmentKind | str | None,
    assessed_on: date | None,
    description: str = "",
    participants: str = "",
    responsible_id: str | None = None,
    vo_participated: bool = False,
    vo_informed_on: date | None = None,
    decided_on: date | None = None,
    review_on: date | None = None,
) -> AssessmentDetail:
    """Change the facts of a draft; the matrix version stays the one it was made with."""
    with db.write() as s:
        row = editable_row(s, assessment_id)
        area, responsible = _validate_header(
            s,
            title=title,
            area_id=area_id,
            kind=kind,
            assessed_on=assessed_on,
            description=description,
            participants=participants,
            responsible_id=responsible_id,
            review_on=review_on,
        )
        assert assessed_on is not None and kind is not None  # validated
        row.title = title.strip()
        row.area_id = area.id
        row.kind = AssessmentKind(kind).value
        row.description = description.strip()
        row.assessed_on = assessed_on
        row.participants = participants.strip()
        row.responsible_id = responsible.id if responsible else None
        row.vo_participated = vo_participated
        row.vo_informed_on = vo_informed_on
        row.decided_on = decided_on
        row.review_on = review_on
        s.flush()
        s.refresh(row)
        return detail(s, row, _current_number(s))


def approve_assessment(
    db: Database, assessment_id: str, *, approved_by: str, approved_on: date | None
) -> AssessmentDetail:
    """Sign off a draft. Refused while a residual risk is red, or a risk is lowered with
    no new tiltak to show for it."""
    v = Validator()
    v.require("approved_by", approved_by, _("Hvem som godkjenner"))
    v.max_length("approved_by", approved_by, 200, _("Navnet"))
    v.check("approved_on", approved_on is not None, _("Dato for godkjenning må fylles ut."))
    v.raise_if_any()
    assert approved_on is not None  # validated
    with db.write() as s:
        row = editable_row(s, assessment_id)
        info = detail(s, row, _current_number(s))
        if not info.hazards:
            raise ValidationError({"": _("Legg inn minst én fare før vurderingen godkjennes.")})
        if approved_on < row.assessed_on:
            raise ValidationError(
                {"approved_on": _("Godkjenningen kan ikke være før datoen for vurderingen.")}
            )
        red = [h for h in info.hazards if h.after.acceptance is Acceptance.RED]
        if red:
            numbers = ", ".join(str(h.number) for h in red)
            raise ValidationError(
                {
                    "": ngettext(
                        "Restrisikoen er ikke akseptabel (rød) for fare {numbers}. Legg inn "
                        "tiltak som gir akseptabel restrisiko før vurderingen godkjennes.",
                        "Restrisikoen er ikke akseptabel (rød) for fare {numbers}. Legg inn "
                        "tiltak som gir akseptabel restrisiko før vurderingen godkjennes.",
                        len(red),
                    ).format(numbers=numbers)
                }
            )
        unexplained = [h for h in info.hazards if h.reduced and not h.actions]
        if unexplained:
            numbers = ", ".join(str(h.number) for h in unexplained)
            raise ValidationError(
                {
                    "": ngettext(
                        "Fare {numbers} har lavere risiko etter tiltak, men ingen nye tiltak. "
                        "Legg inn tiltakene som gir den lavere risikoen.",
                        "Fare {numbers} har lavere risiko etter tiltak, men ingen nye tiltak. "
                        "Legg inn tiltakene som gir den lavere risikoen.",
                        len(unexplained),
                    ).format(numbers=numbers)
                }
            )
        row.status = AssessmentStatus.APPROVED.value
        row.approved_by = approved_by.strip()
        row.approved_on = approved_on
        s.flush()
        return detail(s, row, _current_number(s))


def reopen_assessment(db: Database, assessment_id: str) -> AssessmentDetail:
    """Back to draft so it can be changed; the earlier sign-off stays in the audit log."""
    with db.write() as s:
        row = get_row(s, assessment_id)
        if row.status != AssessmentStatus.APPROVED.value:
            raise ServiceError(_("Risikovurderingen er ikke godkjent."))
        row.status = AssessmentStatus.DRAFT.value
        row.approved_by = ""
        row.approved_on = None
        s.flush()
        return detail(s, row, _current_number(s))


def record_review(
    db: Database,
    assessment_id: str,
    *,
    reviewed_on: date | None,
    next_review_on: date | None,
    note: str = "",
) -> AssessmentDetail:
    """The assessment was gone through again: when, what was found, when next."""
    v = Validator()
    v.check("reviewed_on", reviewed_on is not None, _("Dato for gjennomgangen må fylles ut."))
    v.max_length("note", note, 2000, _("Merknaden"))
    if reviewed_on and next_review_on:
        v.check(
            "next_review_on",
            next_review_on > reviewed_on,
            _("Neste gjennomgang må være etter denne gjennomgangen."),
        )
    v.raise_if_any()
    assert reviewed_on is not None  # validated
    with db.write() as s:
        row = get_row(s, assessment_id)
        if row.archived_at is not None:
            raise ServiceError(_("Risikovurderingen er arkivert."))
        if reviewed_on < row.assessed_on:
            raise ValidationError(
                {"reviewed_on": _("Gjennomgangen kan ikke være før datoen for vurderingen.")}
            )
        row.last_reviewed_on = reviewed_on
        row.review_on = next_review_on
        row.review_note = note.strip()
        s.flush()
        return detail(s, row, _current_number(s))


def switch_to_current_matrix(db: Database, assessment_id: str) -> AssessmentDetail:
    """Let a draft use the newest matrix, when every hazard's values fit its scales."""
    with db.write() as s:
        row = editable_row(s, assessment_id)
        current = ensure_current(s)
        if current.id == row.matrix_version_id:
            raise ServiceError(_("Vurderingen bruker allerede gjeldende risikomatrise."))
        rows, cols = version_info(current).matrix.size
        misfits = [
            h
            for h in active_hazards(s, row.id)
            if max(h.probability, h.residual_probability) > rows
            or max(h.consequence, h.residual_consequence) > cols
        ]
        if misfits:
            raise ValidationError(
                {
                    "": ngettext(
                        "{n} fare(r) har verdier utenfor den nye matrisen ({rows}×{cols}). "
                        "Endre dem først.",
                        "{n} fare(r) har verdier utenfor den nye matrisen ({rows}×{cols}). "
                        "Endre dem først.",
                        len(misfits),
                    ).format(n=len(misfits), rows=rows, cols=cols)
                }
            )
        row.matrix_version_id = current.id
        s.flush()
        s.refresh(row)
        return detail(s, row, current.number)


def archive_assessment(db: Database, assessment_id: str) -> None:
    with db.write() as s:
        row = get_row(s, assessment_id)
        if row.archived_at is None:
            row.archived_at = clock.now()


def restore_assessment(db: Database, assessment_id: str) -> None:
    with db.write() as s:
        row = get_row(s, assessment_id)
        row.archived_at = None


def get_assessment(db: Database, assessment_id: str) -> AssessmentDetail:
    with db.read() as s:
        return detail(s, get_row(s, assessment_id), _current_number(s))


def latest_assessment_id(db: Database) -> str | None:
    with db.read() as s:
        found = s.scalar(
            select(RiskAssessment.id)
            .where(RiskAssessment.archived_at.is_(None))
            .order_by(RiskAssessment.assessed_on.desc(), RiskAssessment.created_at.desc())
            .limit(1)
        )
        return str(found) if found else None


def list_assessments(
    db: Database, *, area_id: str | None = None, include_archived: bool = False
) -> list[AssessmentRow]:
    """Assessments by area name, newest first within an area, with their highest risks."""
    with db.read() as s:
        query = (
            select(RiskAssessment, SafetyArea.name)
            .join(SafetyArea, SafetyArea.id == RiskAssessment.area_id)
            .order_by(SafetyArea.name, RiskAssessment.assessed_on.desc())
        )
        if not include_archived:
            query = query.where(RiskAssessment.archived_at.is_(None))
        if area_id:
            query = query.where(RiskAssessment.area_id == parse_id(area_id, _("risikovurderingen")))
        found = s.execute(query).all()
        ids = [a.id for a, _area in found]
        hazards: dict[uuid.UUID, list[Hazard]] = {}
        if ids:
            for h in s.scalars(
                select(Hazard).where(Hazard.assessment_id.in_(ids), Hazard.archived_at.is_(None))
            ):
                hazards.setdefault(h.assessment_id, []).append(h)
        versions = {v.id: version_info(v) for v in s.scalars(select(RiskMatrixVersion))}
        result = []
        for a, area_name in found:
            version = versions[a.matrix_version_id]
            matrix = version.matrix
            hs = hazards.get(a.id, [])
            result.append(
                AssessmentRow(
                    id=str(a.id),
                    number=a.number or "",
                    title=a.title,
                    area_id=str(a.area_id),
                    area_name=area_name,
                    kind=AssessmentKind(a.kind),
                    assessed_on=a.assessed_on,
                    status=AssessmentStatus(a.status),
                    review_on=a.review_on,
                    hazard_count=len(hs),
                    highest_residual=_highest(
                        (level(matrix, h.residual_probability, h.residual_consequence) for h in hs),
                        matrix,
                    ),
                    highest_before=_highest(
                        (level(matrix, h.probability, h.consequence) for h in hs), matrix
                    ),
                    vo_warning=involvement_warning(
                        vo_participated=a.vo_participated,
                        vo_informed_on=a.vo_informed_on,
                        decided_on=a.decided_on,
                        assessed_on=a.assessed_on,
                    ),
                    matrix_number=version.number,
                    archived=a.archived_at is not None,
                )
            )
        return result


def hazard_ids_of_action(db: Database, action_id: str) -> list[str]:
    """The hazards a tiltak answers (for the action plan, to show where it came from)."""
    with db.read() as s:
        return [
            str(h)
            for h in s.scalars(
                select(HazardAction.hazard_id).where(
                    HazardAction.action_id == parse_id(action_id, _("risikovurderingen"))
                )
            )
        ]


def approval_text(info: AssessmentDetail) -> str:
    if not info.is_approved:
        return _("Utkast – ikke godkjent")
    return _("Godkjent {date} av {name}").format(
        date=fmt_date(info.approved_on), name=info.approved_by
    )

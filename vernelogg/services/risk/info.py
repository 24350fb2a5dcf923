"""What the risk services hand to the UI and reports: frozen dataclasses, never ORM rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg.domain.actions import ActionSource
from vernelogg.domain.deadlines import RuleSettings, Status, classify
from vernelogg.domain.risk import (
    AssessmentKind,
    AssessmentStatus,
    HazardCategory,
    involvement_warning,
)
from vernelogg.domain.risk_matrix import Acceptance, RiskMatrix, highest
from vernelogg.i18n import _
from vernelogg.services.actions import ActionInfo, action_info
from vernelogg.services.errors import NotFoundError
from vernelogg.services.risk.matrix import MatrixVersionInfo, version_info
from vernelogg.store.models import Action, Hazard, HazardAction, RiskAssessment


@dataclass(frozen=True)
class RiskLevel:
    """Probability × consequence in a given matrix, with its acceptance colour."""

    probability: int
    consequence: int
    acceptance: Acceptance

    @property
    def score(self) -> int:
        return self.probability * self.consequence

    @property
    def text(self) -> str:
        """E.g. «4 × 3 = 12»."""
        return f"{self.probability} × {self.consequence} = {self.score}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.acceptance.severity, self.score)


def level(matrix: RiskMatrix, p: int, c: int) -> RiskLevel:
    return RiskLevel(p, c, matrix.acceptance(p, c))


@dataclass(frozen=True)
class HazardInfo:
    id: str
    number: int
    description: str
    category: HazardCategory
    before: RiskLevel
    existing_measures: str
    after: RiskLevel
    actions: tuple[ActionInfo, ...]

    @property
    def reduced(self) -> bool:
        return (self.after.probability, self.after.consequence) != (
            self.before.probability,
            self.before.consequence,
        )


@dataclass(frozen=True)
class RiskActionInfo:
    """A tiltak of the assessment and the hazard it answers."""

    action: ActionInfo
    hazard_id: str | None
    hazard_number: int | None


@dataclass(frozen=True)
class AssessmentDetail:
    id: str
    number: str  # RV-2026-0007
    title: str
    area_id: str
    area_name: str
    kind: AssessmentKind
    description: str
    assessed_on: date
    participants: str
    responsible_id: str | None
    responsible_name: str | None
    vo_participated: bool
    vo_informed_on: date | None
    decided_on: date | None
    review_on: date | None
    last_reviewed_on: date | None
    review_note: str
    status: AssessmentStatus
    approved_by: str
    approved_on: date | None
    archived: bool
    matrix_version: MatrixVersionInfo
    current_matrix_number: int
    hazards: tuple[HazardInfo, ...]
    actions: tuple[RiskActionInfo, ...]

    @property
    def matrix(self) -> RiskMatrix:
        return self.matrix_version.matrix

    @property
    def is_approved(self) -> bool:
        return self.status is AssessmentStatus.APPROVED

    @property
    def uses_current_matrix(self) -> bool:
        return self.matrix_version.number == self.current_matrix_number

    @property
    def vo_warning(self) -> str | None:
        return involvement_warning(
            vo_participated=self.vo_participated,
            vo_informed_on=self.vo_informed_on,
            decided_on=self.decided_on,
            assessed_on=self.assessed_on,
        )

    @property
    def participant_list(self) -> list[str]:
        return split_participants(self.participants)

    @property
    def highest_residual(self) -> RiskLevel | None:
        return _highest((h.after for h in self.hazards), self.matrix)

    @property
    def highest_before(self) -> RiskLevel | None:
        return _highest((h.before for h in self.hazards), self.matrix)

    def hazard(self, hazard_id: str) -> HazardInfo:
        for h in self.hazards:
            if h.id == hazard_id:
                return h
        raise NotFoundError(_("Fant ikke faren."))

    def review_status(self, today: date, settings: RuleSettings | None = None) -> Status | None:
        return review_status(self.review_on, today, settings)


@dataclass(frozen=True)
class AssessmentRow:
    """One line in the list of assessments."""

    id: str
    number: str  # RV-2026-0007
    title: str
    area_id: str
    area_name: str
    kind: AssessmentKind
    assessed_on: date
    status: AssessmentStatus
    review_on: date | None
    hazard_count: int
    highest_residual: RiskLevel | None
    highest_before: RiskLevel | None
    vo_warning: str | None
    matrix_number: int
    archived: bool

    def review_status(self, today: date, settings: RuleSettings | None = None) -> Status | None:
        return review_status(self.review_on, today, settings)


def review_status(
    review_on: date | None, today: date, settings: RuleSettings | None = None
) -> Status | None:
    if review_on is None:
        return None
    return classify(review_on, today, (settings or RuleSettings()).due_soon_days)


def split_participants(text: str) -> list[str]:
    """Participants are kept as text: one per line or separated by commas."""
    parts = [p.strip() for line in text.splitlines() for p in line.split(",")]
    return [p for p in parts if p]


def _highest(levels: Iterable[RiskLevel], matrix: RiskMatrix) -> RiskLevel | None:
    found = highest(((lv.probability, lv.consequence) for lv in levels), matrix)
    return level(matrix, *found) if found else None


def active_hazards(session: Session, assessment_id: uuid.UUID) -> list[Hazard]:
    return list(
        session.scalars(
            select(Hazard)
            .where(Hazard.assessment_id == assessment_id, Hazard.archived_at.is_(None))
            .order_by(Hazard.position, Hazard.created_at)
        )
    )


def hazard_info(h: Hazard, number: int, matrix: RiskMatrix, actions: list[ActionInfo]):
    return HazardInfo(
        id=str(h.id),
        number=number,
        description=h.description,
        category=HazardCategory(h.category),
        before=level(matrix, h.probability, h.consequence),
        existing_measures=h.existing_measures,
        after=level(matrix, h.residual_probability, h.residual_consequence),
        actions=tuple(actions),
    )


def detail(session: Session, a: RiskAssessment, current_number: int) -> AssessmentDetail:
    matrix_version = version_info(a.matrix_version)
    hazards = active_hazards(session, a.id)
    numbers = {h.id: n for n, h in enumerate(hazards, start=1)}
    rows = session.execute(
        select(Action, HazardAction.hazard_id)
        .outerjoin(HazardAction, HazardAction.action_id == Action.id)
        .where(
            Action.source_kind == ActionSource.RISK.value,
            Action.source_id == a.id,
            Action.archived_at.is_(None),
        )
        .order_by(Action.created_at)
    ).all()
    by_hazard: dict[uuid.UUID, list[ActionInfo]] = {}
    actions = []
    for action, hazard_id in rows:
        info = action_info(action)
        if hazard_id is not None:
            by_hazard.setdefault(hazard_id, []).append(info)
        actions.append(
            RiskActionInfo(
                action=info,
                hazard_id=str(hazard_id) if hazard_id else None,
                hazard_number=numbers.get(hazard_id) if hazard_id else None,
            )
        )
    return AssessmentDetail(
        id=str(a.id),
        number=a.number or "",
        title=a.title,
        area_id=str(a.area_id),
        area_name=a.area.name,
        kind=AssessmentKind(a.kind),
        description=a.description,
        assessed_on=a.assessed_on,
        participants=a.participants,
        responsible_id=str(a.responsible_id) if a.responsible_id else None,
        responsible_name=a.responsible.name if a.responsible else None,
        vo_participated=a.vo_participated,
        vo_informed_on=a.vo_informed_on,
        decided_on=a.decided_on,
        review_on=a.review_on,
        last_reviewed_on=a.last_reviewed_on,
        review_note=a.review_note,
        status=AssessmentStatus(a.status),
        approved_by=a.approved_by,
        approved_on=a.approved_on,
        archived=a.archived_at is not None,
        matrix_version=matrix_version,
        current_matrix_number=current_number,
        hazards=tuple(
            hazard_info(h, numbers[h.id], matrix_version.matrix, by_hazard.get(h.id, []))
            for h in hazards
        ),
        actions=tuple(actions),
    )

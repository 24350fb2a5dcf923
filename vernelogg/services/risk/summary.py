"""What other features read from the risk assessments: review deadlines and the year.

`review_items` feeds the scheduler's deadline list; `risk_summary` the annual HMS summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from vernelogg.domain.deadlines import DeadlineItem, RuleSettings, Status, classify
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.risk import AssessmentKind, AssessmentStatus, involvement_warning
from vernelogg.domain.risk_matrix import Acceptance
from vernelogg.i18n import _
from vernelogg.services.risk.info import RiskLevel, level
from vernelogg.services.risk.matrix import version_info
from vernelogg.store.database import Database
from vernelogg.store.models import (
    Hazard,
    Person,
    RiskAssessment,
    RiskMatrixVersion,
    SafetyArea,
)


def review_items(
    db: Database, today: date, settings: RuleSettings | None = None
) -> list[DeadlineItem]:
    """One ``review`` item per active assessment with a review date (ok ones too)."""
    settings = settings or RuleSettings()
    with db.read() as s:
        rows = s.execute(
            select(RiskAssessment, SafetyArea.name, Person.name)
            .join(SafetyArea, SafetyArea.id == RiskAssessment.area_id)
            .outerjoin(Person, Person.id == RiskAssessment.responsible_id)
            .where(
                RiskAssessment.archived_at.is_(None),
                SafetyArea.archived_at.is_(None),
                RiskAssessment.review_on.is_not(None),
            )
            .order_by(RiskAssessment.review_on)
        ).all()
    items = []
    for a, area_name, responsible in rows:
        assert a.review_on is not None  # only those with a review date are read
        status = classify(a.review_on, today, settings.due_soon_days)
        title = _review_title(
            draft=a.status == AssessmentStatus.DRAFT.value,
            overdue=status is Status.OVERDUE,
        ).format(title=a.title, date=fmt_date(a.review_on))
        items.append(
            DeadlineItem(
                kind="review",
                person=responsible,
                role=None,
                area=area_name,
                title=title,
                due=a.review_on,
                status=status,
                ref=str(a.id),
            )
        )
    return items


def _review_title(*, draft: bool, overdue: bool) -> str:
    """The deadline's text, still with {title} and {date} to fill in."""
    if overdue:
        if draft:
            return _("Risikovurderingen «{title}» (utkast) skulle vært gjennomgått {date}")
        return _("Risikovurderingen «{title}» skulle vært gjennomgått {date}")
    if draft:
        return _("Risikovurderingen «{title}» (utkast) skal gjennomgås {date}")
    return _("Risikovurderingen «{title}» skal gjennomgås {date}")


@dataclass(frozen=True)
class TopRisk:
    """One of the year's highest residual risks."""

    assessment_id: str
    assessment_title: str
    area_name: str
    hazard: str
    before: RiskLevel
    after: RiskLevel
    matrix_number: int


@dataclass(frozen=True)
class AreaRiskRow:
    area_name: str
    assessments: int
    hazards: int
    highest_residual: RiskLevel | None


@dataclass(frozen=True)
class RiskSummary:
    year: int
    assessments: int
    approved: int
    drafts: int
    by_kind: tuple[tuple[AssessmentKind, int], ...]
    hazards: int
    residual_by_acceptance: tuple[tuple[Acceptance, int], ...]
    vo_not_in_time: int  # the VO informed after the decision, or not at all
    changes_without_vo_in_time: int  # of those, reorganisations and new technology
    by_area: tuple[AreaRiskRow, ...]
    highest_residual: tuple[TopRisk, ...]


def risk_summary(db: Database, year: int, top: int = 5) -> RiskSummary:
    """Assessments made in `year` (by their date) and their highest residual risks."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    with db.read() as s:
        assessments = s.execute(
            select(RiskAssessment, SafetyArea.name)
            .join(SafetyArea, SafetyArea.id == RiskAssessment.area_id)
            .where(
                RiskAssessment.archived_at.is_(None),
                RiskAssessment.assessed_on >= start,
                RiskAssessment.assessed_on <= end,
            )
            .order_by(SafetyArea.name, RiskAssessment.assessed_on)
        ).all()
        ids = [a.id for a, _area in assessments]
        hazards = (
            list(
                s.scalars(
                    select(Hazard)
                    .where(Hazard.assessment_id.in_(ids), Hazard.archived_at.is_(None))
                    .order_by(Hazard.position)
                )
            )
            if ids
            else []
        )
        versions = {v.id: version_info(v) for v in s.scalars(select(RiskMatrixVersion))}
    by_assessment: dict = {}
    for h in hazards:
        by_assessment.setdefault(h.assessment_id, []).append(h)
    kinds: Counter[AssessmentKind] = Counter()
    colours: Counter[Acceptance] = Counter()
    areas: dict[str, list] = {}
    tops: list[TopRisk] = []
    approved = not_in_time = changes_late = 0
    for a, area_name in assessments:
        kind = AssessmentKind(a.kind)
        kinds[kind] += 1
        approved += a.status == AssessmentStatus.APPROVED.value
        warning = involvement_warning(
            vo_participated=a.vo_participated,
            vo_informed_on=a.vo_informed_on,
            decided_on=a.decided_on,
            assessed_on=a.assessed_on,
        )
        if warning:
            not_in_time += 1
            changes_late += kind.is_change
        version = versions[a.matrix_version_id]
        area = areas.setdefault(area_name, [0, 0, None])
        area[0] += 1
        for h in by_assessment.get(a.id, []):
            after = level(version.matrix, h.residual_probability, h.residual_consequence)
            colours[after.acceptance] += 1
            area[1] += 1
            if area[2] is None or after.sort_key > area[2].sort_key:
                area[2] = after
            tops.append(
                TopRisk(
                    assessment_id=str(a.id),
                    assessment_title=a.title,
                    area_name=area_name,
                    hazard=h.description,
                    before=level(version.matrix, h.probability, h.consequence),
                    after=after,
                    matrix_number=version.number,
                )
            )
    tops.sort(key=lambda t: (t.after.sort_key, t.before.sort_key), reverse=True)
    return RiskSummary(
        year=year,
        assessments=len(assessments),
        approved=approved,
        drafts=len(assessments) - approved,
        by_kind=tuple((k, kinds[k]) for k in AssessmentKind if kinds[k]),
        hazards=len(hazards),
        residual_by_acceptance=tuple((c, colours[c]) for c in Acceptance),
        vo_not_in_time=not_in_time,
        changes_without_vo_in_time=changes_late,
        by_area=tuple(AreaRiskRow(name, n, h, hi) for name, (n, h, hi) in areas.items()),
        highest_residual=tuple(tops[:top]),
    )

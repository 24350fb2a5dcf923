"""Risikovurderinger: matrix versions, assessments, hazards and tiltak, deadlines, summary.

Split in modules (matrix, assessments, hazards, summary); import from here.
"""

from vernelogg.services.risk.assessments import (
    approval_text,
    approve_assessment,
    archive_assessment,
    create_assessment,
    get_assessment,
    hazard_ids_of_action,
    latest_assessment_id,
    list_assessments,
    record_review,
    reopen_assessment,
    restore_assessment,
    switch_to_current_matrix,
    update_assessment,
)
from vernelogg.services.risk.hazards import (
    NewAction,
    add_hazard_actions,
    archive_hazard,
    save_hazard,
)
from vernelogg.services.risk.info import (
    AssessmentDetail,
    AssessmentRow,
    HazardInfo,
    RiskActionInfo,
    RiskLevel,
    split_participants,
)
from vernelogg.services.risk.matrix import (
    MatrixVersionInfo,
    build_matrix,
    current_matrix_version,
    get_matrix_version,
    list_matrix_versions,
    save_matrix,
)
from vernelogg.services.risk.summary import (
    AreaRiskRow,
    RiskSummary,
    TopRisk,
    review_items,
    risk_summary,
)

__all__ = [
    "AreaRiskRow",
    "AssessmentDetail",
    "AssessmentRow",
    "HazardInfo",
    "MatrixVersionInfo",
    "NewAction",
    "RiskActionInfo",
    "RiskLevel",
    "RiskSummary",
    "TopRisk",
    "add_hazard_actions",
    "approval_text",
    "approve_assessment",
    "archive_assessment",
    "archive_hazard",
    "build_matrix",
    "create_assessment",
    "current_matrix_version",
    "get_assessment",
    "get_matrix_version",
    "hazard_ids_of_action",
    "latest_assessment_id",
    "list_assessments",
    "list_matrix_versions",
    "record_review",
    "reopen_assessment",
    "restore_assessment",
    "review_items",
    "risk_summary",
    "save_hazard",
    "save_matrix",
    "split_participants",
    "switch_to_current_matrix",
    "update_assessment",
]

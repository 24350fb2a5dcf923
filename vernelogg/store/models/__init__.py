"""Every model, imported here so that the metadata (and Alembic) sees them all."""

from vernelogg.store.models.actions import Action
from vernelogg.store.models.amu import (
    AmuAgendaItem,
    AmuAttendance,
    AmuChairYear,
    AmuCorrection,
    AmuDecision,
    AmuMeeting,
)
from vernelogg.store.models.base import Base, table_of
from vernelogg.store.models.deviations import Deviation, DeviationEvent
from vernelogg.store.models.organisation import (
    AreaEvent,
    Attachment,
    AuditEntry,
    Counter,
    Organisation,
    Person,
    RoleAssignment,
    SafetyArea,
    Setting,
)
from vernelogg.store.models.risk import (
    Hazard,
    HazardAction,
    RiskAssessment,
    RiskMatrixVersion,
)
from vernelogg.store.models.rounds import (
    CheckItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    RoundAddendum,
    RoundCheckin,
    SafetyRound,
)
from vernelogg.store.models.stoppage import StoppageDeviation, StoppageEvent, WorkStoppage
from vernelogg.store.models.training import PlannedActivity, PlannedCompletion, TrainingRecord

__all__ = [
    "table_of",
    "Action",
    "AmuAgendaItem",
    "AmuAttendance",
    "AmuChairYear",
    "AmuCorrection",
    "AmuDecision",
    "AmuMeeting",
    "AreaEvent",
    "Attachment",
    "AuditEntry",
    "Base",
    "CheckItem",
    "ChecklistTemplate",
    "ChecklistTemplateItem",
    "Counter",
    "Deviation",
    "Hazard",
    "HazardAction",
    "DeviationEvent",
    "Organisation",
    "Person",
    "RiskAssessment",
    "RiskMatrixVersion",
    "PlannedActivity",
    "PlannedCompletion",
    "RoleAssignment",
    "RoundAddendum",
    "RoundCheckin",
    "SafetyArea",
    "SafetyRound",
    "Setting",
    "TrainingRecord",
    "StoppageDeviation",
    "StoppageEvent",
    "WorkStoppage",
]

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
from vernelogg.store.models.base import Base
from vernelogg.store.models.deviations import Deviation
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

__all__ = [
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
    "Counter",
    "Deviation",
    "Organisation",
    "Person",
    "RoleAssignment",
    "SafetyArea",
    "Setting",
]

"""Every model, imported here so that the metadata (and Alembic) sees them all."""

from vernelogg.store.models.actions import Action
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
from vernelogg.store.models.rounds import (
    CheckItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    RoundAddendum,
    SafetyRound,
)

__all__ = [
    "Action",
    "AreaEvent",
    "Attachment",
    "AuditEntry",
    "Base",
    "CheckItem",
    "ChecklistTemplate",
    "ChecklistTemplateItem",
    "Counter",
    "Deviation",
    "Organisation",
    "Person",
    "RoleAssignment",
    "RoundAddendum",
    "SafetyArea",
    "SafetyRound",
    "Setting",
]

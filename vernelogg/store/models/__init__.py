"""Every model, imported here so that the metadata (and Alembic) sees them all."""

from vernelogg.store.models.actions import Action
from vernelogg.store.models.base import Base
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

__all__ = [
    "Action",
    "AreaEvent",
    "Attachment",
    "AuditEntry",
    "Base",
    "Counter",
    "Deviation",
    "DeviationEvent",
    "Organisation",
    "Person",
    "RoleAssignment",
    "SafetyArea",
    "Setting",
]

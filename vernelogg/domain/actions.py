"""Tiltak: where an action comes from, and its statuses."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from vernelogg.i18n import _


class ActionSource(StrEnum):
    STANDALONE = "standalone"
    DEVIATION = "deviation"
    ROUND = "round"
    RISK = "risk"
    AMU = "amu"
    STOPPAGE = "stoppage"

    @property
    def label(self) -> str:
        return {
            "standalone": _("Frittstående"),
            "deviation": _("Avvik"),
            "round": _("Vernerunde"),
            "risk": _("Risikovurdering"),
            "amu": _("AMU-vedtak"),
            "stoppage": _("Stansing"),
        }[self.value]


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "open": _("Ikke startet"),
            "in_progress": _("Pågår"),
            "done": _("Utført"),
            "cancelled": _("Avlyst"),
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def is_overdue(status: ActionStatus | str, deadline: date | None, today: date) -> bool:
    """Open (not done or cancelled) and the deadline has passed."""
    return ActionStatus(status).is_open and deadline is not None and deadline < today

"""OLM § 3-17: the one rule for what a confidential avvik shows outside the app.

Every report and export (PDF, xlsx, csv, AMU standing items) takes the text of an avvik
through this module. For a confidential avvik every free-text field (what happened,
place, immediate action, cause, closing and notification notes, timeline texts,
comments, tiltak, attachment captions) becomes `CONFIDENTIAL_TEXT`, the reporter is left
out and tiltak are named `CONFIDENTIAL_ACTION_TITLE`. An empty field stays empty. Only
the deviation PDF asked for with `--include-confidential` (the case file) skips it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from vernelogg.domain.deviations import CONFIDENTIAL_TEXT
from vernelogg.i18n import N_, _

if TYPE_CHECKING:
    from vernelogg.services.deviations.details import DeviationDetail

# Marked here, translated where they are shown: `_(LEFT_OUT)`.
CONFIDENTIAL_ACTION_TITLE = N_("Tiltak for konfidensielt avvik")
LEFT_OUT = N_("(utelatt)")

# The free-text columns of `deviation`; a new text column belongs here.
DEVIATION_TEXT_FIELDS = (
    "description",
    "location",
    "immediate_action",
    "cause",
    "closing_note",
    "notification_note",
)

__all__ = [
    "CONFIDENTIAL_ACTION_TITLE",
    "CONFIDENTIAL_TEXT",
    "DEVIATION_TEXT_FIELDS",
    "LEFT_OUT",
    "shared_action_title",
    "shared_deviation",
    "shared_reporter",
    "shared_text",
]


def shared_text(text: str | None, confidential: bool) -> str:
    """The text as it may leave the app."""
    text = text or ""
    if not confidential:
        return text
    return _(CONFIDENTIAL_TEXT) if text.strip() else ""


def shared_action_title(title: str, confidential: bool) -> str:
    return _(CONFIDENTIAL_ACTION_TITLE) if confidential else title


def shared_reporter(name: str | None, confidential: bool) -> str:
    if confidential:
        return _(LEFT_OUT)
    return name or _("Anonym")


def shared_deviation(d: DeviationDetail) -> DeviationDetail:
    """The avvik as a shared report shows it: unchanged unless it is confidential."""
    if not d.confidential:
        return d
    hidden: dict[str, Any] = {
        name: shared_text(getattr(d, name), True) for name in DEVIATION_TEXT_FIELDS
    }
    return replace(
        d,
        **hidden,
        reporter_name=_(LEFT_OUT),
        timeline=[replace(e, text=shared_text(e.text, True)) for e in d.timeline],
        actions=[
            replace(
                a,
                title=_(CONFIDENTIAL_ACTION_TITLE),
                description=shared_text(a.description, True),
            )
            for a in d.actions
        ],
        attachments=[replace(a, filename=_(LEFT_OUT), caption="") for a in d.attachments],
    )

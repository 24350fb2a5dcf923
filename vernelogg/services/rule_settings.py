"""The undertaking's deadline rules (training, refresher, warnings), stored as a setting.

Only what an undertaking may reasonably choose is stored; the legal numbers (40 hours,
two-year terms, thresholds) stay at their defaults in :class:`RuleSettings`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from vernelogg.domain.deadlines import RuleSettings
from vernelogg.i18n import _
from vernelogg.services.errors import ValidationError, Validator
from vernelogg.services.settings import get_setting, set_setting
from vernelogg.store.database import Database

SETTING_KEY = "rule_settings"
STORED_FIELDS = (
    "start_within_months",
    "complete_within_months",
    "refresher_years",
    "due_soon_days",
    "election_reminder_days",
)


def settings_from_session(session: Session) -> RuleSettings:
    stored: dict[str, Any] = get_setting(session, SETTING_KEY, {}) or {}
    values = {k: stored[k] for k in STORED_FIELDS if k in stored}
    try:
        return replace(RuleSettings(), **values)
    except (TypeError, ValueError):
        return RuleSettings()  # a damaged setting falls back to the legal defaults


def load_rule_settings(db: Database) -> RuleSettings:
    with db.read() as s:
        return settings_from_session(s)


def save_rule_settings(
    db: Database,
    *,
    start_within_months: int,
    complete_within_months: int,
    refresher_years: int | None,
    due_soon_days: int,
    election_reminder_days: int,
) -> RuleSettings:
    """Check and store the rules; nothing is stored if any value is wrong."""
    v = Validator()
    v.check(
        "start_within_months",
        1 <= start_within_months <= 24,
        _("Oppstart må være innen 1 til 24 måneder."),
    )
    v.check(
        "complete_within_months",
        1 <= complete_within_months <= 36,
        _("Fullført må være innen 1 til 36 måneder."),
    )
    v.check(
        "complete_within_months",
        complete_within_months >= start_within_months,
        _("Fristen for å fullføre kan ikke være før fristen for å starte."),
    )
    v.check(
        "refresher_years",
        refresher_years is None or 1 <= refresher_years <= 10,
        _("Oppfriskning må være hvert 1. til 10. år, eller slått av."),
    )
    v.check("due_soon_days", 1 <= due_soon_days <= 365, _("Varsel må være 1 til 365 dager før."))
    v.check(
        "election_reminder_days",
        1 <= election_reminder_days <= 365,
        _("Valgpåminnelse må være 1 til 365 dager før."),
    )
    v.raise_if_any()
    try:
        settings = replace(
            RuleSettings(),
            start_within_months=start_within_months,
            complete_within_months=complete_within_months,
            refresher_years=refresher_years,
            due_soon_days=due_soon_days,
            election_reminder_days=election_reminder_days,
        )
    except ValueError as error:  # pragma: no cover - the checks above come first
        raise ValidationError(str(error)) from error
    with db.write() as s:
        set_setting(s, SETTING_KEY, {k: getattr(settings, k) for k in STORED_FIELDS})
    return settings

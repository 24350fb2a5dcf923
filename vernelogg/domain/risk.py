"""Risikovurdering: what is assessed, hazard categories, statuses and the VO rule.

VOs are often told about reorganisations and new technology after the decision is
made (DOMAIN.md, 001:L2677). The record therefore keeps when the VO was informed and
when the decision was made; :func:`involvement_warning` says when that was too late.

Plain domain code: standard library only.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.risk_matrix import MAX_STEPS, MIN_STEPS
from vernelogg.i18n import N_, _, ngettext


class AssessmentKind(StrEnum):
    ACTIVITY = "activity"
    WORK_OPERATION = "work_operation"
    REORGANISATION = "reorganisation"
    NEW_TECHNOLOGY = "new_technology"
    SJA = "sja"

    @property
    def label(self) -> str:
        return {
            "activity": _("Aktivitet"),
            "work_operation": _("Arbeidsoperasjon"),
            "reorganisation": _("Omorganisering"),
            "new_technology": _("Ny teknologi"),
            "sja": _("Sikker jobbanalyse (SJA)"),
        }[self.value]

    @property
    def is_change(self) -> bool:
        """Changes where VOs are often left out: reorganisation and new technology."""
        return self in (AssessmentKind.REORGANISATION, AssessmentKind.NEW_TECHNOLOGY)


class HazardCategory(StrEnum):
    PHYSICAL = "physical"
    CHEMICAL = "chemical"
    BIOLOGICAL = "biological"
    ERGONOMIC = "ergonomic"
    ACCIDENT = "accident"
    FIRE = "fire"
    PSYCHOSOCIAL = "psychosocial"
    ORGANISATIONAL = "organisational"
    VIOLENCE = "violence"
    LONE_WORK = "lone_work"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "physical": _("Fysisk (støy, lys, inneklima)"),
            "chemical": _("Kjemisk"),
            "biological": _("Biologisk"),
            "ergonomic": _("Ergonomisk"),
            "accident": _("Ulykke / mekanisk"),
            "fire": _("Brann og rømning"),
            "psychosocial": _("Psykososialt"),
            "organisational": _("Organisatorisk"),
            "violence": _("Vold og trusler"),
            "lone_work": _("Alenearbeid"),
            "other": _("Annet"),
        }[self.value]

    @property
    def short(self) -> str:
        """Label without the examples in brackets, for tables."""
        return self.label.split(" (")[0]


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return {"draft": _("Utkast"), "approved": _("Godkjent")}[self.value]


def effective_informed(
    vo_informed_on: date | None, vo_participated: bool, assessed_on: date | None
) -> date | None:
    """When the VO knew: the date given, else the assessment date if the VO took part."""
    if vo_informed_on is not None:
        return vo_informed_on
    if vo_participated:
        return assessed_on
    return None


def involvement_warning(
    *,
    vo_participated: bool,
    vo_informed_on: date | None,
    decided_on: date | None,
    assessed_on: date | None = None,
) -> str | None:
    """A Norwegian warning when the VO was informed after the decision, or not at all.

    ``None`` when the VO knew in time (or took part and no decision date is given).
    """
    informed = effective_informed(vo_informed_on, vo_participated, assessed_on)
    if informed is None:
        if decided_on is not None:
            return _(
                "Verneombudet er ikke informert, og beslutningen ble tatt {decided}. "
                "Verneombudet skal tas med i planleggingen av tiltak som har betydning for "
                "arbeidsmiljøet (aml. § 6-2)."
            ).format(decided=fmt_date(decided_on))
        return _(
            "Verneombudet har ikke deltatt og er ikke informert. Verneombudet skal tas med i "
            "planleggingen av tiltak som har betydning for arbeidsmiljøet (aml. § 6-2)."
        )
    if decided_on is not None and informed > decided_on:
        days = (informed - decided_on).days
        return ngettext(
            "Verneombudet ble informert {informed}, {days} dager etter at beslutningen ble tatt "
            "{decided}. Verneombudet skal tas med før beslutningen, i planleggingen "
            "(aml. § 6-2).",
            "Verneombudet ble informert {informed}, {days} dager etter at beslutningen ble tatt "
            "{decided}. Verneombudet skal tas med før beslutningen, i planleggingen "
            "(aml. § 6-2).",
            days,
        ).format(informed=fmt_date(informed), days=days, decided=fmt_date(decided_on))
    return None


# Suggested step names when the undertaking changes the size of a scale (3–6 steps).
_PROBABILITY_LABELS: dict[int, tuple[str, ...]] = {
    3: (N_("Lite sannsynlig"), N_("Mulig"), N_("Sannsynlig")),
    4: (N_("Lite sannsynlig"), N_("Mulig"), N_("Sannsynlig"), N_("Svært sannsynlig")),
    5: (
        N_("Svært lite sannsynlig"),
        N_("Lite sannsynlig"),
        N_("Mulig"),
        N_("Sannsynlig"),
        N_("Svært sannsynlig"),
    ),
    6: (
        N_("Usannsynlig"),
        N_("Svært lite sannsynlig"),
        N_("Lite sannsynlig"),
        N_("Mulig"),
        N_("Sannsynlig"),
        N_("Svært sannsynlig"),
    ),
}
_CONSEQUENCE_LABELS: dict[int, tuple[str, ...]] = {
    3: (N_("Liten"), N_("Middels"), N_("Stor")),
    4: (N_("Ubetydelig"), N_("Mindre alvorlig"), N_("Alvorlig"), N_("Svært alvorlig")),
    5: (
        N_("Ubetydelig"),
        N_("Mindre alvorlig"),
        N_("Alvorlig"),
        N_("Svært alvorlig"),
        N_("Katastrofal"),
    ),
    6: (
        N_("Ubetydelig"),
        N_("Liten"),
        N_("Mindre alvorlig"),
        N_("Alvorlig"),
        N_("Svært alvorlig"),
        N_("Katastrofal"),
    ),
}


def suggested_labels(axis: str, steps: int) -> tuple[str, ...]:
    """Norwegian step names for a ``"probability"`` or ``"consequence"`` scale."""
    if not MIN_STEPS <= steps <= MAX_STEPS:
        raise ValueError(
            _("Skalaen må ha mellom {low} og {high} trinn.").format(low=MIN_STEPS, high=MAX_STEPS)
        )
    table = _PROBABILITY_LABELS if axis == "probability" else _CONSEQUENCE_LABELS
    return tuple(_(label) for label in table[steps])


def number_text(year: int, seq: int) -> str:
    """RV-2026-0007: a risk assessment's number."""
    return f"RV-{year}-{seq:04d}"

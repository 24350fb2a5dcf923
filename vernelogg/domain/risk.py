"""Risikovurdering: what is assessed, hazard categories, statuses and the VO rule.

VOs are often told about reorganisations and new technology after the decision is
made (DOMAIN.md, 001:L2677). The record therefore keeps when the VO was informed and
when the decision was made; :func:`involvement_warning` says when that was too late.

Plain domain code: standard library only.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from vernelogg.domain.risk_matrix import MAX_STEPS, MIN_STEPS


class AssessmentKind(StrEnum):
    ACTIVITY = "activity"
    WORK_OPERATION = "work_operation"
    REORGANISATION = "reorganisation"
    NEW_TECHNOLOGY = "new_technology"
    SJA = "sja"

    @property
    def label(self) -> str:
        return {
            "activity": "Aktivitet",
            "work_operation": "Arbeidsoperasjon",
            "reorganisation": "Omorganisering",
            "new_technology": "Ny teknologi",
            "sja": "Sikker jobbanalyse (SJA)",
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
            "physical": "Fysisk (støy, lys, inneklima)",
            "chemical": "Kjemisk",
            "biological": "Biologisk",
            "ergonomic": "Ergonomisk",
            "accident": "Ulykke / mekanisk",
            "fire": "Brann og rømning",
            "psychosocial": "Psykososialt",
            "organisational": "Organisatorisk",
            "violence": "Vold og trusler",
            "lone_work": "Alenearbeid",
            "other": "Annet",
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
        return {"draft": "Utkast", "approved": "Godkjent"}[self.value]


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
            return (
                "Verneombudet er ikke informert, og beslutningen ble tatt "
                f"{decided_on.strftime('%d.%m.%Y')}. Verneombudet skal tas med i planleggingen "
                "av tiltak som har betydning for arbeidsmiljøet (aml. § 6-2)."
            )
        return (
            "Verneombudet har ikke deltatt og er ikke informert. Verneombudet skal tas med i "
            "planleggingen av tiltak som har betydning for arbeidsmiljøet (aml. § 6-2)."
        )
    if decided_on is not None and informed > decided_on:
        days = (informed - decided_on).days
        return (
            f"Verneombudet ble informert {informed.strftime('%d.%m.%Y')}, {days} dager etter at "
            f"beslutningen ble tatt {decided_on.strftime('%d.%m.%Y')}. Verneombudet skal tas med "
            "før beslutningen, i planleggingen (aml. § 6-2)."
        )
    return None


# Suggested step names when the undertaking changes the size of a scale (3–6 steps).
_PROBABILITY_LABELS: dict[int, tuple[str, ...]] = {
    3: ("Lite sannsynlig", "Mulig", "Sannsynlig"),
    4: ("Lite sannsynlig", "Mulig", "Sannsynlig", "Svært sannsynlig"),
    5: ("Svært lite sannsynlig", "Lite sannsynlig", "Mulig", "Sannsynlig", "Svært sannsynlig"),
    6: (
        "Usannsynlig",
        "Svært lite sannsynlig",
        "Lite sannsynlig",
        "Mulig",
        "Sannsynlig",
        "Svært sannsynlig",
    ),
}
_CONSEQUENCE_LABELS: dict[int, tuple[str, ...]] = {
    3: ("Liten", "Middels", "Stor"),
    4: ("Ubetydelig", "Mindre alvorlig", "Alvorlig", "Svært alvorlig"),
    5: ("Ubetydelig", "Mindre alvorlig", "Alvorlig", "Svært alvorlig", "Katastrofal"),
    6: (
        "Ubetydelig",
        "Liten",
        "Mindre alvorlig",
        "Alvorlig",
        "Svært alvorlig",
        "Katastrofal",
    ),
}


def suggested_labels(axis: str, steps: int) -> tuple[str, ...]:
    """Norwegian step names for a ``"probability"`` or ``"consequence"`` scale."""
    if not MIN_STEPS <= steps <= MAX_STEPS:
        raise ValueError(f"Skalaen må ha mellom {MIN_STEPS} og {MAX_STEPS} trinn.")
    table = _PROBABILITY_LABELS if axis == "probability" else _CONSEQUENCE_LABELS
    return table[steps]


def number_text(year: int, seq: int) -> str:
    """RV-2026-0007: a risk assessment's number."""
    return f"RV-{year}-{seq:04d}"

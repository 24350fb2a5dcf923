"""Avvik: kinds, severities and the treatment workflow."""

from __future__ import annotations

from enum import StrEnum


class DeviationKind(StrEnum):
    PERSONAL_INJURY = "personal_injury"
    NEAR_MISS = "near_miss"
    DANGEROUS_CONDITION = "dangerous_condition"
    MATERIAL_DAMAGE = "material_damage"
    ENVIRONMENT = "environment"
    VIOLENCE = "violence"
    THREATS = "threats"
    HARASSMENT = "harassment"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def is_psychosocial(self) -> bool:
        return self in (DeviationKind.VIOLENCE, DeviationKind.THREATS, DeviationKind.HARASSMENT)


KIND_LABELS = {
    DeviationKind.PERSONAL_INJURY: "Personskade",
    DeviationKind.NEAR_MISS: "Nestenulykke",
    DeviationKind.DANGEROUS_CONDITION: "Farlig forhold",
    DeviationKind.MATERIAL_DAMAGE: "Materiell skade",
    DeviationKind.ENVIRONMENT: "Miljø",
    DeviationKind.VIOLENCE: "Vold",
    DeviationKind.THREATS: "Trusler",
    DeviationKind.HARASSMENT: "Trakassering",
}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    SERIOUS = "serious"

    @property
    def label(self) -> str:
        return {"low": "Lav", "medium": "Middels", "high": "Høy", "serious": "Alvorlig"}[self.value]


class DeviationStatus(StrEnum):
    REGISTERED = "registered"
    UNDER_TREATMENT = "under_treatment"
    MEASURES_TAKEN = "measures_taken"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "registered": "Registrert",
            "under_treatment": "Under behandling",
            "measures_taken": "Tiltak iverksatt",
            "closed": "Lukket",
        }[self.value]


STATUS_ORDER = list(DeviationStatus)


def number_text(year: int, seq: int) -> str:
    """AV-2026-0042."""
    return f"AV-{year}-{seq:04d}"


def requires_notification(kind: DeviationKind, severity: Severity) -> bool:
    """A serious personal injury must be reported at once (aml. § 5-2)."""
    return kind is DeviationKind.PERSONAL_INJURY and severity is Severity.SERIOUS

"""Avvik: kinds, severities and the treatment workflow."""

from __future__ import annotations

from enum import StrEnum

from vernelogg.domain.text import clean_text
from vernelogg.i18n import N_, _


class DeviationKind(StrEnum):
    PERSONAL_INJURY = "personal_injury"
    NEAR_MISS = "near_miss"
    DANGEROUS_CONDITION = "dangerous_condition"
    MATERIAL_DAMAGE = "material_damage"
    ENVIRONMENT = "environment"
    VIOLENCE = "violence"
    THREATS = "threats"
    HARASSMENT = "harassment"
    OCCUPATIONAL_ILLNESS = "occupational_illness"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])

    @property
    def is_psychosocial(self) -> bool:
        return self in (DeviationKind.VIOLENCE, DeviationKind.THREATS, DeviationKind.HARASSMENT)


KIND_LABELS = {
    DeviationKind.PERSONAL_INJURY: N_("Personskade"),
    DeviationKind.NEAR_MISS: N_("Nestenulykke"),
    DeviationKind.DANGEROUS_CONDITION: N_("Farlig forhold"),
    DeviationKind.MATERIAL_DAMAGE: N_("Materiell skade"),
    DeviationKind.ENVIRONMENT: N_("Miljø"),
    DeviationKind.VIOLENCE: N_("Vold"),
    DeviationKind.THREATS: N_("Trusler"),
    DeviationKind.HARASSMENT: N_("Trakassering"),
    DeviationKind.OCCUPATIONAL_ILLNESS: N_("Yrkessykdom"),
}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    SERIOUS = "serious"

    @property
    def label(self) -> str:
        return {
            "low": _("Lav"),
            "medium": _("Middels"),
            "high": _("Høy"),
            "serious": _("Alvorlig"),
        }[self.value]


class DeviationStatus(StrEnum):
    REGISTERED = "registered"
    UNDER_TREATMENT = "under_treatment"
    MEASURES_TAKEN = "measures_taken"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "registered": _("Registrert"),
            "under_treatment": _("Under behandling"),
            "measures_taken": _("Tiltak iverksatt"),
            "closed": _("Lukket"),
        }[self.value]


STATUS_ORDER = list(DeviationStatus)


def number_text(year: int, seq: int) -> str:
    """AV-2026-0042."""
    return f"AV-{year}-{seq:04d}"


# Work accidents in the sense of aml. § 5-2: an injury, and violence or threats that
# cause an injury, are accidents at work alike.
NOTIFIABLE_KINDS = (DeviationKind.PERSONAL_INJURY, DeviationKind.VIOLENCE, DeviationKind.THREATS)


def requires_notification(kind: DeviationKind, severity: Severity) -> bool:
    """A serious injury from a work accident, violence or threats included (aml. § 5-2)."""
    return kind in NOTIFIABLE_KINDS and severity is Severity.SERIOUS


SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.SERIOUS: 4}


def is_open(status: DeviationStatus | str) -> bool:
    """Everything but «Lukket» still needs someone's attention."""
    return DeviationStatus(status) is not DeviationStatus.CLOSED


def next_status(status: DeviationStatus | str) -> DeviationStatus | None:
    """The next step of the workflow, or None when the avvik is closed."""
    index = STATUS_ORDER.index(DeviationStatus(status))
    return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None


def previous_status(status: DeviationStatus | str) -> DeviationStatus | None:
    """Where a step back leads: closed and «tiltak iverksatt» go back to treatment.

    Going back always needs a reason (the measures did not work, the case was reopened).
    """
    status = DeviationStatus(status)
    if status in (DeviationStatus.MEASURES_TAKEN, DeviationStatus.CLOSED):
        return DeviationStatus.UNDER_TREATMENT
    return None


def can_move(current: DeviationStatus | str, target: DeviationStatus | str) -> bool:
    """Forward one step at a time; back only to treatment (with a reason)."""
    return DeviationStatus(target) in (next_status(current), previous_status(current))


# Shown with _(NOTIFICATION_TEXT).
NOTIFICATION_TEXT = N_(
    "Alvorlig skade ved arbeidsulykke, også vold eller trusler som gir alvorlig skade: "
    "arbeidsgiver skal på raskeste måte varsle Arbeidstilsynet og nærmeste "
    "politimyndighet, og deretter bekrefte varselet skriftlig. Verneombudet skal ha kopi "
    "av den skriftlige bekreftelsen (arbeidsmiljøloven § 5-2). Registrer når det er gjort."
)


def normalise_search(text: str | None) -> str:
    """Lower case (also Æ, Ø, Å), single spaces: the form text is searched in."""
    return " ".join(clean_text(text or "").casefold().split())


# A search is a few words: the search fields take at most this many characters, the
# command line refuses more, and a longer text (pasted into a service) is cut here, so no
# query ever grows past what the database can run.
SEARCH_MAX_CHARS = 200


def search_terms(text: str | None) -> list[str]:
    """The words a search must all find, longest first (the rarest narrows fastest)."""
    words = dict.fromkeys(
        normalise_search((text or "")[: SEARCH_MAX_CHARS * 2])[:SEARCH_MAX_CHARS].split()
    )
    return sorted(words, key=len, reverse=True)


# What shared outputs (exports, AMU and annual reports) print instead of the text of a
# confidential avvik (OLM § 3-17): defined here only, applied by services/confidential.py.
# Shown with _(CONFIDENTIAL_TEXT).
CONFIDENTIAL_TEXT = N_("(Konfidensielt – teksten er utelatt, jf. OLM § 3-17)")

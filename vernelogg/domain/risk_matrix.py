"""Risk matrix (risikomatrise) for risk assessments (risikovurdering).

Risk is probability × consequence, and each cell of the matrix is coloured by an
acceptance level (green / yellow / red). The law sets no matrix, so the
undertaking chooses its own scales and acceptance level before use
(Arbeidstilsynet); :func:`default_matrix` is only a sensible starting point.

Plain domain code: standard library only, no Qt, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from vernelogg.i18n import N_, _

MIN_STEPS = 3
MAX_STEPS = 6

# Default acceptance thresholds for the 5×5 matrix, by score (probability × consequence):
#   green  (akseptabel)       score 1–4
#   yellow (vurderes)         score 5–9
#   red    (ikke akseptabel)  score 10–25
# Reasoning: a possible fatality (consequence 5) is never green (1×5 = 5 is yellow); an
# unlikely fatality (2×5) or a very likely injury with short absence (5×2) is red; a
# possible serious injury (3×3 = 9) must be assessed, one step more (3×4, 4×3) is red.
# Green is kept to low probability × low consequence, so the matrix errs on the safe side.
DEFAULT_GREEN_MAX = 4
DEFAULT_YELLOW_MAX = 9


class MatrixError(ValueError):
    """An invalid risk matrix, or a probability/consequence outside the matrix."""


class Acceptance(StrEnum):
    GREEN = "green"  # akseptabel
    YELLOW = "yellow"  # vurderes
    RED = "red"  # ikke akseptabel

    @property
    def label(self) -> str:
        return _(ACCEPTANCE_LABELS[self])

    @property
    def color(self) -> str:
        """Fill colour as ``#rrggbb``; dark enough to stay distinct in greyscale print."""
        return ACCEPTANCE_COLORS[self]

    @property
    def severity(self) -> int:
        """0 for green, 1 for yellow, 2 for red."""
        return _SEVERITY[self]


ACCEPTANCE_LABELS: dict[Acceptance, str] = {
    Acceptance.GREEN: N_("Akseptabel"),
    Acceptance.YELLOW: N_("Vurderes"),
    Acceptance.RED: N_("Ikke akseptabel"),
}

ACCEPTANCE_COLORS: dict[Acceptance, str] = {
    Acceptance.GREEN: "#4caf50",
    Acceptance.YELLOW: "#f2c12e",
    Acceptance.RED: "#d9453b",
}

_SEVERITY: dict[Acceptance, int] = {
    Acceptance.GREEN: 0,
    Acceptance.YELLOW: 1,
    Acceptance.RED: 2,
}


@dataclass(frozen=True)
class ScaleStep:
    """One step on a probability or consequence scale; ``value`` starts at 1."""

    value: int
    label: str
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "description": self.description}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScaleStep:
        try:
            return cls(
                value=data["value"],
                label=data["label"],
                description=data.get("description", ""),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise MatrixError(_("Ugyldig skalatrinn: {step}").format(step=repr(data))) from exc


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _validate_scale(name: str, steps: tuple[ScaleStep, ...]) -> None:
    if not MIN_STEPS <= len(steps) <= MAX_STEPS:
        raise MatrixError(
            _("Skalaen for {scale} må ha mellom {low} og {high} trinn, men har {count}.").format(
                scale=name, low=MIN_STEPS, high=MAX_STEPS, count=len(steps)
            )
        )
    for expected, step in enumerate(steps, start=1):
        if not isinstance(step, ScaleStep):
            raise MatrixError(
                _("Trinn {step} i skalaen for {scale} er ikke et skalatrinn.").format(
                    step=expected, scale=name
                )
            )
        if not _is_int(step.value) or step.value != expected:
            raise MatrixError(
                _(
                    "Trinnene i skalaen for {scale} må være nummerert 1 til {count} i rekkefølge "
                    "(trinn {step} har verdi {value})."
                ).format(scale=name, count=len(steps), step=expected, value=repr(step.value))
            )
        if not isinstance(step.label, str) or not step.label.strip():
            raise MatrixError(
                _("Trinn {step} i skalaen for {scale} mangler navn.").format(
                    step=expected, scale=name
                )
            )
        if not isinstance(step.description, str):
            raise MatrixError(
                _("Beskrivelsen av trinn {step} i skalaen for {scale} må være tekst.").format(
                    step=expected, scale=name
                )
            )


def to_acceptance(value: object) -> Acceptance:
    try:
        return Acceptance(str(value))
    except ValueError as exc:
        raise MatrixError(_("Ukjent akseptansenivå: {value}.").format(value=repr(value))) from exc


@dataclass(frozen=True)
class RiskMatrix:
    """Probability and consequence scales and an acceptance level per cell.

    ``cells[p - 1][c - 1]`` is the acceptance of probability ``p`` and consequence ``c``.
    Lists are accepted and stored as tuples; cell values may be given as strings
    (``"green"``) and are stored as :class:`Acceptance`.
    """

    probability: tuple[ScaleStep, ...]
    consequence: tuple[ScaleStep, ...]
    cells: tuple[tuple[Acceptance, ...], ...]

    def __post_init__(self) -> None:
        try:
            probability = tuple(self.probability)
            consequence = tuple(self.consequence)
            rows = tuple(tuple(row) for row in self.cells)
        except TypeError as exc:
            raise MatrixError(_("Skalaene og cellene i risikomatrisen må være lister.")) from exc
        object.__setattr__(self, "probability", probability)
        object.__setattr__(self, "consequence", consequence)
        object.__setattr__(
            self, "cells", tuple(tuple(to_acceptance(v) for v in row) for row in rows)
        )
        self.validate()

    def validate(self) -> None:
        """Raise :class:`MatrixError` if the matrix is not usable."""
        _validate_scale(_("sannsynlighet"), self.probability)
        _validate_scale(_("konsekvens"), self.consequence)
        if len(self.cells) != len(self.probability):
            raise MatrixError(
                _("Matrisen har {rows} rader, men sannsynlighetsskalaen har {steps} trinn.").format(
                    rows=len(self.cells), steps=len(self.probability)
                )
            )
        for p, row in enumerate(self.cells, start=1):
            if len(row) != len(self.consequence):
                raise MatrixError(
                    _(
                        "Rad {row} i matrisen har {cells} celler, men konsekvensskalaen har "
                        "{steps} trinn."
                    ).format(row=p, cells=len(row), steps=len(self.consequence))
                )
            for cell in row:
                if not isinstance(cell, Acceptance):
                    raise MatrixError(
                        _("Ukjent akseptansenivå i rad {row}: {value}.").format(
                            row=p, value=repr(cell)
                        )
                    )

    @property
    def size(self) -> tuple[int, int]:
        """(number of probability steps, number of consequence steps)."""
        return len(self.probability), len(self.consequence)

    @property
    def max_score(self) -> int:
        return len(self.probability) * len(self.consequence)

    def _check(self, p: int, c: int) -> None:
        rows, cols = self.size
        if not _is_int(p) or not 1 <= p <= rows:
            raise MatrixError(
                _("Sannsynlighet må være et heltall fra 1 til {high}, ikke {value}.").format(
                    high=rows, value=repr(p)
                )
            )
        if not _is_int(c) or not 1 <= c <= cols:
            raise MatrixError(
                _("Konsekvens må være et heltall fra 1 til {high}, ikke {value}.").format(
                    high=cols, value=repr(c)
                )
            )

    def risk_score(self, p: int, c: int) -> int:
        """Risk = probability × consequence."""
        self._check(p, c)
        return p * c

    def acceptance(self, p: int, c: int) -> Acceptance:
        self._check(p, c)
        return self.cells[p - 1][c - 1]

    def probability_step(self, p: int) -> ScaleStep:
        self._check(p, 1)
        return self.probability[p - 1]

    def consequence_step(self, c: int) -> ScaleStep:
        self._check(1, c)
        return self.consequence[c - 1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation; :meth:`from_dict` restores an equal matrix."""
        return {
            "probability": [step.to_dict() for step in self.probability],
            "consequence": [step.to_dict() for step in self.consequence],
            "cells": [[cell.value for cell in row] for row in self.cells],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RiskMatrix:
        try:
            probability = tuple(ScaleStep.from_dict(s) for s in data["probability"])
            consequence = tuple(ScaleStep.from_dict(s) for s in data["consequence"])
            cells = tuple(tuple(to_acceptance(v) for v in row) for row in data["cells"])
        except (KeyError, TypeError) as exc:
            raise MatrixError(_("Ugyldig lagret risikomatrise.")) from exc
        return cls(probability=probability, consequence=consequence, cells=cells)

    @classmethod
    def with_thresholds(
        cls,
        probability: Sequence[ScaleStep],
        consequence: Sequence[ScaleStep],
        green_max: int,
        yellow_max: int,
    ) -> RiskMatrix:
        """Colour each cell by score: ≤ green_max green, ≤ yellow_max yellow, else red."""
        if not _is_int(green_max) or not _is_int(yellow_max):
            raise MatrixError(_("Grenseverdiene for akseptanse må være heltall."))
        if green_max < 0 or yellow_max < green_max:
            raise MatrixError(
                _(
                    "Grensen for gul må være minst like høy som grensen for grønn, "
                    "og ingen av dem kan være negative."
                )
            )
        cells = tuple(
            tuple(
                Acceptance.GREEN
                if p * c <= green_max
                else Acceptance.YELLOW
                if p * c <= yellow_max
                else Acceptance.RED
                for c in range(1, len(consequence) + 1)
            )
            for p in range(1, len(probability) + 1)
        )
        return cls(probability=tuple(probability), consequence=tuple(consequence), cells=cells)


def matrix_from_thresholds(
    prob_labels: Sequence[str],
    cons_labels: Sequence[str],
    green_max: int,
    yellow_max: int,
) -> RiskMatrix:
    """Build a matrix from plain step labels (no descriptions), coloured by score."""
    if isinstance(prob_labels, str) or isinstance(cons_labels, str):
        raise MatrixError(_("Trinnene må gis som en liste med navn."))
    probability = tuple(ScaleStep(i, label) for i, label in enumerate(prob_labels, start=1))
    consequence = tuple(ScaleStep(i, label) for i, label in enumerate(cons_labels, start=1))
    return RiskMatrix.with_thresholds(probability, consequence, green_max, yellow_max)


# The shipped scales: translated when a matrix is made from them (default_matrix).
DEFAULT_PROBABILITY: tuple[ScaleStep, ...] = (
    ScaleStep(1, N_("Svært lite sannsynlig"), N_("Kan skje sjeldnere enn hvert 10. år.")),
    ScaleStep(2, N_("Lite sannsynlig"), N_("Kan skje en gang i løpet av 5–10 år.")),
    ScaleStep(3, N_("Mulig"), N_("Kan skje en gang i løpet av 1–5 år.")),
    ScaleStep(4, N_("Sannsynlig"), N_("Kan skje omtrent en gang i året.")),
    ScaleStep(5, N_("Svært sannsynlig"), N_("Kan skje flere ganger i året.")),
)

DEFAULT_CONSEQUENCE: tuple[ScaleStep, ...] = (
    ScaleStep(1, N_("Ubetydelig"), N_("Ingen eller ubetydelig skade, ingen fravær.")),
    ScaleStep(
        2,
        N_("Mindre alvorlig"),
        N_("Skade eller plager som gir kortvarig fravær (inntil 3 dager)."),
    ),
    ScaleStep(3, N_("Alvorlig"), N_("Skade eller sykdom som gir lengre fravær, men som leges.")),
    ScaleStep(
        4, N_("Svært alvorlig"), N_("Varig skade eller yrkessykdom, varig redusert arbeidsevne.")
    ),
    ScaleStep(5, N_("Katastrofal"), N_("Dødsfall eller flere alvorlig skadde.")),
)


def default_matrix() -> RiskMatrix:
    """The shipped 5×5 default: green score ≤ 4, yellow 5–9, red ≥ 10.

    The undertaking should review scales and thresholds before use; see the comment at
    :data:`DEFAULT_GREEN_MAX` for why these thresholds were chosen.
    """
    return RiskMatrix.with_thresholds(
        _translated(DEFAULT_PROBABILITY),
        _translated(DEFAULT_CONSEQUENCE),
        DEFAULT_GREEN_MAX,
        DEFAULT_YELLOW_MAX,
    )


def _translated(steps: tuple[ScaleStep, ...]) -> tuple[ScaleStep, ...]:
    """The shipped steps in the current language (the matrix is stored as it is made)."""
    return tuple(ScaleStep(s.value, _(s.label), _(s.description)) for s in steps)


def highest(risks: Iterable[tuple[int, int]], matrix: RiskMatrix) -> tuple[int, int] | None:
    """The worst (probability, consequence): highest acceptance severity, then score.

    Ties keep the first one given. ``None`` for no risks; values outside the matrix
    raise :class:`MatrixError`.
    """
    worst: tuple[int, int] | None = None
    worst_key: tuple[int, int] | None = None
    for p, c in risks:
        key = (matrix.acceptance(p, c).severity, matrix.risk_score(p, c))
        if worst_key is None or key > worst_key:
            worst, worst_key = (p, c), key
    return worst

"""Hazards (uønskede hendelser) of an assessment and the new tiltak that answer them.

A hazard and its new tiltak are saved in one transaction: the tiltak become actions in
the action plan (source: the assessment) and are linked to the hazard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.risk import HazardCategory
from vernelogg.domain.risk_matrix import RiskMatrix
from vernelogg.i18n import _
from vernelogg.services.actions import create_action
from vernelogg.services.errors import NotFoundError, ServiceError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.services.risk.assessments import editable_row
from vernelogg.services.risk.info import active_hazards
from vernelogg.services.risk.matrix import version_info
from vernelogg.store.database import Database
from vernelogg.store.models import Hazard, HazardAction, RiskAssessment


@dataclass(frozen=True)
class NewAction:
    """A new tiltak entered with a hazard: what, who owns it, by when."""

    title: str
    owner_id: str | None = None
    deadline: date | None = None
    description: str = ""


def _check_value(
    v: Validator, field: str, value: int | None, steps: int, missing: str, out_of_range: str
) -> None:
    """`missing` when no value is chosen; `out_of_range` (with {steps}) when it is off the
    scale."""
    if value is None:
        v.check(field, False, missing)
        return
    v.check(
        field,
        isinstance(value, int) and 1 <= value <= steps,
        out_of_range.format(steps=steps),
    )


def _validate(
    matrix: RiskMatrix,
    *,
    description: str,
    category: HazardCategory | str | None,
    probability: int | None,
    consequence: int | None,
    existing_measures: str,
    residual_probability: int | None,
    residual_consequence: int | None,
    new_actions: Sequence[NewAction],
) -> None:
    rows, cols = matrix.size
    v = Validator()
    v.require("description", description, _("Beskrivelse av den uønskede hendelsen"))
    v.max_length("description", description, 2000, _("Beskrivelsen"))
    v.check("category", category in HazardCategory._value2member_map_, _("Velg kategori."))
    _check_value(
        v,
        "probability",
        probability,
        rows,
        _("Velg sannsynlighet."),
        _("Velg sannsynlighet fra 1 til {steps}."),
    )
    _check_value(
        v,
        "consequence",
        consequence,
        cols,
        _("Velg konsekvens."),
        _("Velg konsekvens fra 1 til {steps}."),
    )
    v.max_length("existing_measures", existing_measures, 4000, _("Eksisterende tiltak"))
    _check_value(
        v,
        "residual_probability",
        residual_probability,
        rows,
        _("Velg sannsynlighet etter tiltak."),
        _("Velg sannsynlighet etter tiltak fra 1 til {steps}."),
    )
    _check_value(
        v,
        "residual_consequence",
        residual_consequence,
        cols,
        _("Velg konsekvens etter tiltak."),
        _("Velg konsekvens etter tiltak fra 1 til {steps}."),
    )
    if "probability" not in v.errors and "residual_probability" not in v.errors:
        assert probability is not None and residual_probability is not None  # checked above
        v.check(
            "residual_probability",
            residual_probability <= probability,
            _("Sannsynligheten etter tiltak kan ikke være høyere enn før tiltak."),
        )
    if "consequence" not in v.errors and "residual_consequence" not in v.errors:
        assert consequence is not None and residual_consequence is not None  # checked above
        v.check(
            "residual_consequence",
            residual_consequence <= consequence,
            _("Konsekvensen etter tiltak kan ikke være høyere enn før tiltak."),
        )
    _validate_actions(v, new_actions)
    v.raise_if_any()


def _validate_actions(v: Validator, new_actions: Sequence[NewAction]) -> None:
    for number, action in enumerate(new_actions, start=1):
        v.check(
            "actions",
            bool(action.title.strip()),
            _("Nytt tiltak {number} mangler beskrivelse av hva som skal gjøres.").format(
                number=number
            ),
        )
        v.check(
            "actions",
            len(action.title) <= 300,
            _("Nytt tiltak {number} kan ha høyst 300 tegn.").format(number=number),
        )


def _add_actions(
    s: Session, assessment: RiskAssessment, hazard: Hazard, number: int, actions
) -> None:
    label = f"{assessment.title} – fare {number}"
    if len(label) > 200:
        label = label[:199] + "…"
    for new in actions:
        action = create_action(
            s,
            title=new.title,
            description=new.description,
            area_id=assessment.area_id,
            owner_id=new.owner_id,
            deadline=new.deadline,
            source_kind=ActionSource.RISK,
            source_id=assessment.id,
            source_label=label,
        )
        s.add(HazardAction(hazard_id=hazard.id, action_id=action.id))
    s.flush()


def save_hazard(
    db: Database,
    assessment_id: str,
    *,
    hazard_id: str | None = None,
    description: str,
    category: HazardCategory | str | None,
    probability: int | None,
    consequence: int | None,
    existing_measures: str = "",
    residual_probability: int | None = None,
    residual_consequence: int | None = None,
    new_actions: Sequence[NewAction] = (),
) -> str:
    """Add (or change) a hazard and create its new tiltak, all in one user action.

    Residual values left out are the same as before measures. Returns the hazard id.
    """
    residual_probability = probability if residual_probability is None else residual_probability
    residual_consequence = consequence if residual_consequence is None else residual_consequence
    with db.write() as s:
        assessment = editable_row(s, assessment_id)
        matrix = version_info(assessment.matrix_version).matrix
        _validate(
            matrix,
            description=description,
            category=category,
            probability=probability,
            consequence=consequence,
            existing_measures=existing_measures,
            residual_probability=residual_probability,
            residual_consequence=residual_consequence,
            new_actions=new_actions,
        )
        if hazard_id:
            hazard = s.get(Hazard, parse_id(hazard_id, _("faren")))
            if hazard is None or hazard.assessment_id != assessment.id or hazard.archived_at:
                raise NotFoundError(_("Fant ikke faren."))
        else:
            position = (
                s.scalar(
                    select(func.max(Hazard.position)).where(Hazard.assessment_id == assessment.id)
                )
                or 0
            ) + 1
            hazard = Hazard(assessment_id=assessment.id, position=position)
            s.add(hazard)
        assert category is not None and probability is not None and consequence is not None
        assert residual_probability is not None and residual_consequence is not None  # validated
        hazard.description = description.strip()
        hazard.category = HazardCategory(category).value
        hazard.probability = probability
        hazard.consequence = consequence
        hazard.existing_measures = existing_measures.strip()
        hazard.residual_probability = residual_probability
        hazard.residual_consequence = residual_consequence
        s.flush()
        number = [h.id for h in active_hazards(s, assessment.id)].index(hazard.id) + 1
        _add_actions(s, assessment, hazard, number, new_actions)
        return str(hazard.id)


def add_hazard_actions(db: Database, hazard_id: str, new_actions: Sequence[NewAction]) -> None:
    """New tiltak for an existing hazard."""
    if not new_actions:
        raise ValidationError({"actions": _("Legg inn minst ett tiltak.")})
    v = Validator()
    _validate_actions(v, new_actions)
    v.raise_if_any()
    with db.write() as s:
        hazard = s.get(Hazard, parse_id(hazard_id, _("faren")))
        if hazard is None or hazard.archived_at is not None:
            raise NotFoundError(_("Fant ikke faren."))
        assessment = editable_row(s, hazard.assessment_id)
        number = [h.id for h in active_hazards(s, assessment.id)].index(hazard.id) + 1
        _add_actions(s, assessment, hazard, number, new_actions)


def archive_hazard(db: Database, hazard_id: str) -> None:
    """Take a hazard out of the assessment (kept, archived). Its tiltak stay in the plan."""
    with db.write() as s:
        hazard = s.get(Hazard, parse_id(hazard_id, _("faren")))
        if hazard is None:
            raise NotFoundError(_("Fant ikke faren."))
        editable_row(s, hazard.assessment_id)
        if hazard.archived_at is not None:
            raise ServiceError(_("Faren er allerede tatt ut."))
        hazard.archived_at = clock.now()

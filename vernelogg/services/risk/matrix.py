"""Risk matrix versions: the undertaking's own matrix, stored and never changed afterwards.

Saving a matrix adds a new version; new assessments use the newest one, and every
assessment keeps the version it was made with. The shipped 5×5 default becomes version 1
the first time a matrix is needed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.risk_matrix import (
    MAX_STEPS,
    MIN_STEPS,
    Acceptance,
    MatrixError,
    RiskMatrix,
    ScaleStep,
    default_matrix,
    to_acceptance,
)
from vernelogg.i18n import N_, _
from vernelogg.services.errors import NotFoundError, ValidationError
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database
from vernelogg.store.models import RiskMatrixVersion

# Stored with version 1 and compared to find the shipped default: never translated.
DEFAULT_NOTE = (
    "Standardmatrise 5×5 som følger med Vernelogg. Bør gjennomgås før bruk."  # i18n-ignore
)
LABEL_MAX = 60
DESCRIPTION_MAX = 300

AXIS_NAMES = {"probability": N_("sannsynlighet"), "consequence": N_("konsekvens")}


@dataclass(frozen=True)
class MatrixVersionInfo:
    id: str
    number: int
    matrix: RiskMatrix
    created_at: datetime
    created_by: str
    note: str

    @property
    def size_text(self) -> str:
        rows, cols = self.matrix.size
        return f"{rows}×{cols}"

    @property
    def label(self) -> str:
        return _("Versjon {number} ({size})").format(number=self.number, size=self.size_text)

    @property
    def is_shipped_default(self) -> bool:
        return self.number == 1 and self.note == DEFAULT_NOTE


def version_info(row: RiskMatrixVersion) -> MatrixVersionInfo:
    return MatrixVersionInfo(
        id=str(row.id),
        number=row.number,
        matrix=RiskMatrix.from_dict(json.loads(row.matrix_json)),
        created_at=row.created_at,
        created_by=row.created_by,
        note=row.note,
    )


def _newest(session: Session) -> RiskMatrixVersion | None:
    return session.scalars(
        select(RiskMatrixVersion).order_by(RiskMatrixVersion.number.desc()).limit(1)
    ).first()


def _add_version(
    session: Session, matrix: RiskMatrix, note: str, created_at: datetime | None = None
) -> RiskMatrixVersion:
    number = (session.scalar(select(func.max(RiskMatrixVersion.number))) or 0) + 1
    row = RiskMatrixVersion(
        number=number,
        matrix_json=json.dumps(matrix.to_dict(), ensure_ascii=False),
        note=note,
        created_at=created_at or clock.now(),
        created_by=current_user(session),
    )
    session.add(row)
    session.flush()
    return row


def ensure_current(session: Session) -> RiskMatrixVersion:
    """The version new assessments use; stores the shipped default as version 1 if none."""
    row = _newest(session)
    if row is None:
        row = _add_version(session, default_matrix(), DEFAULT_NOTE)
    return row


def current_matrix_version(db: Database) -> MatrixVersionInfo:
    with db.read() as s:
        row = _newest(s)
        if row is not None:
            return version_info(row)
    with db.write() as s:
        return version_info(ensure_current(s))


def list_matrix_versions(db: Database) -> list[MatrixVersionInfo]:
    """Every stored version, newest first."""
    with db.read() as s:
        rows = s.scalars(select(RiskMatrixVersion).order_by(RiskMatrixVersion.number.desc()))
        return [version_info(r) for r in rows]


def get_matrix_version(db: Database, version_id: str) -> MatrixVersionInfo:
    import uuid

    with db.read() as s:
        row = s.get(RiskMatrixVersion, uuid.UUID(str(version_id)))
        if row is None:
            raise NotFoundError(_("Fant ikke versjonen av risikomatrisen."))
        return version_info(row)


def _steps(axis: str, steps: Sequence[tuple[str, str]], errors: dict[str, str]) -> list[ScaleStep]:
    name = _(AXIS_NAMES[axis])
    if not MIN_STEPS <= len(steps) <= MAX_STEPS:
        errors[axis] = _("Skalaen for {name} må ha mellom {low} og {high} trinn.").format(
            name=name, low=MIN_STEPS, high=MAX_STEPS
        )
        return []
    result = []
    seen: set[str] = set()
    for number, (label, description) in enumerate(steps, start=1):
        label, description = (label or "").strip(), (description or "").strip()
        if not label:
            errors.setdefault(
                axis,
                _("Trinn {number} i skalaen for {name} mangler navn.").format(
                    number=number, name=name
                ),
            )
        elif len(label) > LABEL_MAX:
            errors.setdefault(
                axis,
                _("Navnet på trinn {number} ({name}) kan ha høyst {limit} tegn.").format(
                    number=number, name=name, limit=LABEL_MAX
                ),
            )
        elif label.lower() in seen:
            errors.setdefault(
                axis,
                _("To trinn i skalaen for {name} heter «{label}».").format(name=name, label=label),
            )
        if len(description) > DESCRIPTION_MAX:
            errors.setdefault(
                axis,
                _("Beskrivelsen av trinn {number} ({name}) kan ha høyst {limit} tegn.").format(
                    number=number, name=name, limit=DESCRIPTION_MAX
                ),
            )
        seen.add(label.lower())
        result.append(ScaleStep(number, label or "?", description))
    return result


def build_matrix(
    probability: Sequence[tuple[str, str]],
    consequence: Sequence[tuple[str, str]],
    cells: Sequence[Sequence[Acceptance | str]],
) -> RiskMatrix:
    """A matrix from (label, description) steps and cell colours, or ValidationError."""
    errors: dict[str, str] = {}
    prob = _steps("probability", probability, errors)
    cons = _steps("consequence", consequence, errors)
    if errors:
        raise ValidationError(errors)
    try:
        rows = tuple(tuple(to_acceptance(v) for v in row) for row in cells)
        return RiskMatrix(tuple(prob), tuple(cons), rows)
    except MatrixError as error:
        raise ValidationError({"cells": str(error)}) from error


def save_matrix(
    db: Database,
    matrix: RiskMatrix,
    *,
    note: str = "",
    created_at: datetime | None = None,
) -> MatrixVersionInfo:
    """Store `matrix` as the new current version (refused when nothing changed)."""
    if len(note) > 2000:
        raise ValidationError({"note": _("Merknaden kan ha høyst 2000 tegn.")})
    with db.write() as s:
        current = _newest(s)
        if current is not None and json.loads(current.matrix_json) == matrix.to_dict():
            raise ValidationError(
                {
                    "": _("Matrisen er lik gjeldende versjon {number}; ingenting å lagre.").format(
                        number=current.number
                    )
                }
            )
        return version_info(_add_version(s, matrix, note.strip(), created_at))

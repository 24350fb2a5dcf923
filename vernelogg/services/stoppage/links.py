"""What follows from a stop: avvik and tiltak, created from it or linked to it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from vernelogg.domain.actions import ActionSource
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.i18n import _
from vernelogg.services.actions import ActionInfo, action_info, create_action
from vernelogg.services.deviations import create_deviation
from vernelogg.services.errors import ValidationError, Validator
from vernelogg.services.stoppage.common import get_row
from vernelogg.services.stoppage.info import DeviationLink
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation, StoppageDeviation, WorkStoppage


def _link(s, stop: WorkStoppage, deviation: Deviation) -> DeviationLink:
    s.add(StoppageDeviation(stoppage_id=stop.id, deviation_id=deviation.id))
    s.flush()
    return DeviationLink(
        id=str(deviation.id),
        number=deviation.number,
        description=deviation.description,
        kind_label=DeviationKind(deviation.kind).label,
        status_label=DeviationStatus(deviation.status).label,
        confidential=deviation.confidential,
    )


def create_deviation_for_stoppage(
    db: Database,
    stoppage_id: str,
    *,
    description: str,
    kind: DeviationKind | str | None = DeviationKind.DANGEROUS_CONDITION,
    severity: Severity | str | None = Severity.HIGH,
) -> DeviationLink:
    """Register an avvik for the stop (same area, time and reporter) and link it."""
    with db.write() as s:
        stop = get_row(s, stoppage_id)
        deviation = create_deviation(
            s,
            area_id=stop.area_id,
            description=description,
            occurred_at=stop.stopped_at,
            kind=kind,
            severity=severity,
            reporter_name=stop.stopped_by.name,
            # Stored in the avvik as its record, in the source language like the stop itself.
            immediate_action=(
                f"Arbeidet ble stanset av verneombudet etter aml. § 6-3 ({stop.number})."  # i18n-ignore
            ),
        )
        return _link(s, stop, deviation)


def link_deviation(db: Database, stoppage_id: str, number: str) -> DeviationLink:
    """Link an avvik that is already registered, found by its number (AV-2026-0042)."""
    v = Validator()
    v.require("number", number, _("Avviksnummeret"))
    v.raise_if_any()
    clean = number.strip().upper()
    with db.write() as s:
        stop = get_row(s, stoppage_id)
        deviation = s.scalar(select(Deviation).where(func.upper(Deviation.number) == clean))
        if deviation is None or deviation.archived_at is not None:
            raise ValidationError({"number": _("Fant ikke avvik {number}.").format(number=clean)})
        already = s.scalar(
            select(StoppageDeviation.id).where(
                StoppageDeviation.stoppage_id == stop.id,
                StoppageDeviation.deviation_id == deviation.id,
            )
        )
        if already is not None:
            raise ValidationError(
                {
                    "number": _("{number} er allerede knyttet til {stop}.").format(
                        number=clean, stop=stop.number
                    )
                }
            )
        return _link(s, stop, deviation)


def create_action_for_stoppage(
    db: Database,
    stoppage_id: str,
    *,
    title: str,
    description: str = "",
    owner_id: str | None = None,
    deadline: date | None = None,
) -> ActionInfo:
    """A tiltak that follows from the stop, in the stop's area, in the action plan."""
    with db.write() as s:
        stop = get_row(s, stoppage_id)
        action = create_action(
            s,
            title=title,
            description=description,
            area_id=stop.area_id,
            owner_id=owner_id,
            deadline=deadline,
            source_kind=ActionSource.STOPPAGE,
            source_id=stop.id,
            source_label=f"Stansing {stop.number}",
        )
        return action_info(action)

"""Avvik out to CSV or XLSX, with the list's filters. What leaves the app never holds
the text of a confidential avvik (OLM § 3-17): it says so instead."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from vernelogg import clock
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.i18n import N_, _
from vernelogg.services.confidential import shared_reporter, shared_text
from vernelogg.services.deviations.listing import _AREA, _PERSON, DeviationList, _sort_columns
from vernelogg.services.query import ListQuery
from vernelogg.services.tabular import TableColumn, write_table
from vernelogg.store.database import Database
from vernelogg.store.models import Deviation

COLUMNS = [
    TableColumn(N_("Nummer"), 14),
    TableColumn(N_("Skjedde"), 17, "datetime"),
    TableColumn(N_("Registrert"), 17, "datetime"),
    TableColumn(N_("Verneområde"), 26),
    TableColumn(N_("Type"), 16),
    TableColumn(N_("Alvorlighetsgrad"), 15),
    TableColumn(N_("Status"), 16),
    TableColumn(N_("Hva skjedde"), 60),
    TableColumn(N_("Sted"), 20),
    TableColumn(N_("Strakstiltak"), 36),
    TableColumn(N_("Årsak"), 36),
    TableColumn(N_("Meldt av"), 20),
    TableColumn(N_("Ansvarlig leder"), 20),
    TableColumn(N_("Frist"), 11, "date"),
    TableColumn(N_("Forfalt"), 8),
    TableColumn(N_("Lukket"), 11, "date"),
    TableColumn(N_("Tiltakene virket"), 15),
    TableColumn(N_("Merknad ved lukking"), 36),
    TableColumn(N_("Konfidensielt"), 13),
    TableColumn(N_("Arbeidstilsynet varslet"), 20, "datetime"),
    TableColumn(N_("Politiet varslet"), 17, "datetime"),
    TableColumn(N_("VO fikk kopi"), 17, "datetime"),
]


def _effective(value: bool | None) -> str:
    return "" if value is None else (_("Ja") if value else _("Nei"))


def export_rows(db: Database, query: ListQuery, today: date) -> Iterator[list[Any]]:
    """The rows of an export, in the list's order, a batch at a time."""
    source = DeviationList(db, today, shared=True)
    stmt = (
        select(Deviation, _AREA.name, _PERSON.name)
        .join(_AREA, _AREA.id == Deviation.area_id)
        .outerjoin(_PERSON, _PERSON.id == Deviation.responsible_id)
        .where(*source._conditions(query))
        .order_by(*_sort_columns(query.sort, query.descending, _AREA, _PERSON))
        .execution_options(yield_per=500)
    )
    with db.read(in_transaction=True) as s:  # streamed: a server-side cursor on PostgreSQL
        for d, area_name, responsible in s.execute(stmt):
            hidden = d.confidential
            status = DeviationStatus(d.status)
            yield [
                d.number,
                d.occurred_at,
                d.reported_at,
                area_name,
                DeviationKind(d.kind).label,
                Severity(d.severity).label,
                status.label,
                shared_text(d.description, hidden),
                shared_text(d.location, hidden),
                shared_text(d.immediate_action, hidden),
                shared_text(d.cause, hidden),
                shared_reporter(d.reporter_name, hidden),
                responsible or "",
                d.deadline,
                _("Ja")
                if status is not DeviationStatus.CLOSED and d.deadline and d.deadline < today
                else "",
                d.closed_at,
                _effective(d.measures_effective),
                shared_text(d.closing_note, hidden),
                _("Ja") if d.confidential else "",
                d.authority_notified_at,
                d.police_notified_at,
                d.delegate_copy_at,
            ]


def export_deviations(
    db: Database, path: Path | str, query: ListQuery | None = None, today: date | None = None
) -> int:
    """Write the avvik the query selects to `path` (.csv or .xlsx); returns the count."""
    query = query or ListQuery()
    columns = [replace(c, header=_(c.header)) for c in COLUMNS]
    return write_table(path, _("Avvik"), columns, export_rows(db, query, today or clock.today()))

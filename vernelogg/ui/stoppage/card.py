"""The overview card: stops still open, and those where the employer is not informed."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.domain.formatting import fmt_datetime
from vernelogg.services.stoppage import StoppageRow, open_stoppages
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext
from vernelogg.ui.overview.links import link, link_label


def _line(row: StoppageRow) -> str:
    text = (
        f"{link(row.number, 'stop', id=row.id)} · {html.escape(row.area_name)} · stanset "
        f"{fmt_datetime(row.stopped_at)} av {html.escape(row.stopped_by_name)}: "
        f"{html.escape(row.work)}"
    )
    if not row.employer_informed:
        text += " – <b>arbeidsgiver er ikke registrert varslet</b>"
    elif row.resumed_at is not None:
        text += " – gjenopptatt, utfall mangler"
    return text


class _StopsCard(Card):
    stoppage_rows: list[StoppageRow]


def gather(db: Database, _today: date) -> list[StoppageRow]:
    return open_stoppages(db)


def render(ctx: AppContext, rows: list[StoppageRow]) -> QWidget | None:
    """The open stops; None when no stop is open."""
    if not rows:
        return None
    card = _StopsCard(f"Stansede arbeider som ikke er avsluttet ({len(rows)})")
    card.stoppage_rows = rows  # what the card lists, for whoever looks
    for row in rows:
        level = "warning" if not row.employer_informed else "notice"
        card.body.addWidget(link_label(_line(row), level, tooltip="Åpne stansingen"))
    return card

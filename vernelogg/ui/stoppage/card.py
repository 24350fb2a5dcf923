"""The overview card: stops still open, and those where the employer is not informed."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.domain.formatting import fmt_datetime
from vernelogg.i18n import _
from vernelogg.services.stoppage import StoppageRow, open_stoppages
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext
from vernelogg.ui.overview.links import link, link_label


def _line(row: StoppageRow) -> str:
    text = _("{number} · {area} · stanset {time} av {name}: {work}").format(
        number=link(row.number, "stop", id=row.id),
        area=html.escape(row.area_name),
        time=fmt_datetime(row.stopped_at),
        name=html.escape(row.stopped_by_name),
        work=html.escape(row.work),
    )
    if not row.employer_informed:
        text += " – <b>{}</b>".format(_("arbeidsgiver er ikke registrert varslet"))
    elif row.resumed_at is not None:
        text += " – " + _("gjenopptatt, utfall mangler")
    return text


class _StopsCard(Card):
    stoppage_rows: list[StoppageRow]


def gather(db: Database, _today: date) -> list[StoppageRow]:
    return open_stoppages(db)


def render(ctx: AppContext, rows: list[StoppageRow]) -> QWidget | None:
    """The open stops; None when no stop is open."""
    if not rows:
        return None
    card = _StopsCard(_("Stansede arbeider som ikke er avsluttet ({n})").format(n=len(rows)))
    card.stoppage_rows = rows  # what the card lists, for whoever looks
    for row in rows:
        level = "warning" if not row.employer_informed else "notice"
        card.body.addWidget(link_label(_line(row), level, tooltip=_("Åpne stansingen")))
    return card

"""The overview card: stops still open, and those where the employer is not informed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from vernelogg.domain.formatting import fmt_datetime
from vernelogg.services.stoppage import StoppageRow, open_stoppages
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext
from vernelogg.ui.stoppage.quick import show_stop


def _line(row: StoppageRow) -> str:
    text = (
        f"<a href='{row.id}'>{row.number}</a> · {row.area_name} · stanset "
        f"{fmt_datetime(row.stopped_at)} av {row.stopped_by_name}: {row.work}"
    )
    if not row.employer_informed:
        text += " – <b>arbeidsgiver er ikke registrert varslet</b>"
    elif row.resumed_at is not None:
        text += " – gjenopptatt, utfall mangler"
    return text


def gather(db: Database, _today: date) -> list[StoppageRow]:
    return open_stoppages(db)


def render(ctx: AppContext, rows: list[StoppageRow]) -> QWidget | None:
    """The open stops; None when no stop is open."""
    if not rows:
        return None
    card = Card(f"Stansede arbeider som ikke er avsluttet ({len(rows)})")
    card.stoppage_rows = rows  # what the card lists, for whoever looks
    for row in rows:
        label = QLabel(_line(row))
        label.setWordWrap(True)
        label.setObjectName("warning" if not row.employer_informed else "notice")
        label.setToolTip("Åpne stansingen")
        label.linkActivated.connect(lambda stoppage_id, w=label: show_stop(w.window(), stoppage_id))
        card.body.addWidget(label)
    return card

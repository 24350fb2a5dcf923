"""The «Avvik og tiltak» card on the overview: overdue ones cannot be missed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from vernelogg.services.deviations.summary import DeviationSummary, deviation_summary
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext


def _line(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName(name)
    return label


def gather(db: Database, today: date) -> DeviationSummary:
    return deviation_summary(db, today)


def render(ctx: AppContext, s: DeviationSummary) -> QWidget | None:
    if not (s.open or s.open_actions or s.this_year or s.notification_missing):
        return None
    card = Card("Avvik og tiltak")
    if s.notification_missing:
        numbers = ", ".join(s.notification_missing)
        card.body.addWidget(
            _line(
                f"Alvorlig skade uten registrert varsling til Arbeidstilsynet og politiet, "
                f"skriftlig bekreftelse eller kopi til verneombudet (aml. § 5-2): {numbers}.",
                "warning",
            )
        )
    if s.overdue_actions:
        card.body.addWidget(
            _line(
                f"{s.overdue_actions} tiltak har passert fristen – se Handlingsplan.",
                "warning",
            )
        )
    if s.overdue:
        card.body.addWidget(_line(f"{s.overdue} åpne avvik har passert fristen.", "warning"))
    if s.unassigned:
        card.body.addWidget(_line(f"{s.unassigned} avvik venter på ansvarlig leder.", "notice"))
    card.body.addWidget(
        QLabel(
            f"{s.open} åpne avvik · {s.open_actions} åpne tiltak · "
            f"{s.this_year} avvik meldt i {ctx.today().year}"
        )
    )
    return card

"""The «Avvik og tiltak» card on the overview: overdue ones cannot be missed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.services.deviations.summary import DeviationSummary, deviation_summary
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext
from vernelogg.ui.overview.links import link, link_label


def gather(db: Database, today: date) -> DeviationSummary:
    return deviation_summary(db, today)


def render(ctx: AppContext, s: DeviationSummary) -> QWidget | None:
    if not (s.open or s.open_actions or s.this_year or s.notification_missing):
        return None
    card = Card("Avvik og tiltak")
    if s.notification_missing:
        numbers = ", ".join(link(n, "deviations", search=n) for n in s.notification_missing)
        card.body.addWidget(
            link_label(
                f"Alvorlig skade uten registrert varsling til Arbeidstilsynet og politiet, "
                f"skriftlig bekreftelse eller kopi til verneombudet (aml. § 5-2): {numbers}.",
                "warning",
            )
        )
    if s.overdue_actions:
        card.body.addWidget(
            link_label(
                link(
                    f"{s.overdue_actions} tiltak har passert fristen",
                    "actions",
                    status="open",
                    deadline="overdue",
                )
                + " – se Handlingsplan.",
                "warning",
            )
        )
    if s.overdue:
        text = f"{s.overdue} åpne avvik har passert fristen"
        card.body.addWidget(link_label(link(text, "deviations", status="overdue") + ".", "warning"))
    if s.unassigned:
        text = f"{s.unassigned} avvik venter på ansvarlig leder"
        target = link(text, "deviations", status="registered", responsible_id="none")
        card.body.addWidget(link_label(target + ".", "notice"))
    year = ctx.today().year
    card.body.addWidget(
        link_label(
            link(f"{s.open} åpne avvik", "deviations", status="open")
            + " · "
            + link(f"{s.open_actions} åpne tiltak", "actions", status="open")
            + " · "
            + link(f"{s.this_year} avvik meldt i {year}", "deviations", year=year)
        )
    )
    return card

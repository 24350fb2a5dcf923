"""The «Avvik og tiltak» card on the overview: overdue ones cannot be missed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.i18n import _, ngettext
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
    card = Card(_("Avvik og tiltak"))
    if s.notification_missing:
        numbers = ", ".join(link(n, "deviations", search=n) for n in s.notification_missing)
        card.body.addWidget(
            link_label(
                _(
                    "Alvorlig skade uten registrert varsling til Arbeidstilsynet og politiet, "
                    "skriftlig bekreftelse eller kopi til verneombudet (aml. § 5-2): {numbers}."
                ).format(numbers=numbers),
                "warning",
            )
        )
    if s.overdue_actions:
        n = s.overdue_actions
        target = link(
            ngettext("{n} tiltak har passert fristen", "{n} tiltak har passert fristen", n).format(
                n=n
            ),
            "actions",
            status="open",
            deadline="overdue",
        )
        card.body.addWidget(
            link_label(_("{link} – se Handlingsplan.").format(link=target), "warning")
        )
    if s.overdue:
        text = ngettext(
            "{n} åpent avvik har passert fristen", "{n} åpne avvik har passert fristen", s.overdue
        ).format(n=s.overdue)
        card.body.addWidget(link_label(link(text, "deviations", status="overdue") + ".", "warning"))
    if s.unassigned:
        text = ngettext(
            "{n} avvik venter på ansvarlig leder",
            "{n} avvik venter på ansvarlig leder",
            s.unassigned,
        ).format(n=s.unassigned)
        target = link(text, "deviations", status="registered", responsible_id="none")
        card.body.addWidget(link_label(target + ".", "notice"))
    year = ctx.today().year
    card.body.addWidget(
        link_label(
            link(
                ngettext("{n} åpent avvik", "{n} åpne avvik", s.open).format(n=s.open),
                "deviations",
                status="open",
            )
            + " · "
            + link(
                ngettext("{n} åpent tiltak", "{n} åpne tiltak", s.open_actions).format(
                    n=s.open_actions
                ),
                "actions",
                status="open",
            )
            + " · "
            + link(
                ngettext(
                    "{n} avvik meldt i {year}", "{n} avvik meldt i {year}", s.this_year
                ).format(n=s.this_year, year=year),
                "deviations",
                year=year,
            )
        )
    )
    return card

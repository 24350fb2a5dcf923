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

# Serious injuries named by number on the card; the rest are counted, with a link to all.
SHOWN_NUMBERS = 10


def gather(db: Database, today: date) -> DeviationSummary:
    return deviation_summary(db, today)


def render(ctx: AppContext, s: DeviationSummary) -> QWidget | None:
    if not (s.open or s.open_actions or s.this_year or s.notification_missing):
        return None
    card = Card(_("Avvik og tiltak"))
    if s.notification_missing:
        numbers = _missing_numbers(s.notification_missing)
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


def _missing_numbers(numbers: list[str]) -> str:
    """The newest avvik lacking the § 5-2 records, each a link; the older ones counted,
    with a link to every serious avvik (hundreds of links would fill the page)."""
    shown = numbers[-SHOWN_NUMBERS:][::-1]
    text = ", ".join(link(n, "deviations", search=n) for n in shown)
    more = len(numbers) - len(shown)
    if not more:
        return text
    every = link(_("vis alle alvorlige avvik"), "deviations", severity="serious")
    return ngettext("{numbers} og {n} til ({link})", "{numbers} og {n} til ({link})", more).format(
        numbers=text, n=more, link=every
    )

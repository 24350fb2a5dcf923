"""«Frister og opplæring» on the overview: counts and the most urgent deadlines.

The card has no `gather` of its own: it shares the deadlines the status bar counts
(`ctx.deadlines`), so they are gathered once.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _, ngettext
from vernelogg.services.deadlines import DeadlineEntry, count_deadlines
from vernelogg.ui.common.widgets import STATUS_COLORS, Card
from vernelogg.ui.common.worker import alive
from vernelogg.ui.context import AppContext
from vernelogg.ui.overview.links import link, link_label
from vernelogg.ui.training.startup import open_deadlines_page

CARD_ITEMS = 6
# Shown on the overview's own warnings card already.
_ON_OVERVIEW = {"legal_requirement", "term_end"}


def render(ctx: AppContext, _data: None = None) -> QWidget | None:
    """«Frister og opplæring» on the overview: counts and the most urgent items, filled
    in when the deadlines are gathered (see `ctx.deadlines`)."""
    today = ctx.today()
    card = Card(_("Frister og opplæring"))
    waiting = QLabel(_("Henter frister …"))
    waiting.setStyleSheet("color: #5f6368;")
    card.body.addWidget(waiting)

    def fill(entries: list[DeadlineEntry]) -> None:
        if not alive(card):
            return
        waiting.hide()
        _fill_card(ctx, card, entries, today)

    def failed(_error: BaseException) -> None:
        if alive(card):
            waiting.setText(_("Fristene kunne ikke hentes. Åpne «Opplæring og frister»."))

    ctx.deadlines.get(fill, failed)
    return card


def _fill_card(ctx: AppContext, card: Card, entries: list[DeadlineEntry], today: date) -> None:
    counts = count_deadlines(entries, today)
    week = _("{n} innen en uke").format(n=counts.due_this_week)
    summary = link_label(
        link(
            ngettext("{n} forfalt", "{n} forfalt", counts.overdue).format(n=counts.overdue),
            "deadlines",
            status=Status.OVERDUE.value,
        )
        + f" · <b style='color:{STATUS_COLORS['due_soon']}'>{week}</b> · "
        + link(
            _("{n} snart frist").format(n=counts.due_soon),
            "deadlines",
            status=Status.DUE_SOON.value,
        )
        + " · "
        + link(_("{n} mangler").format(n=counts.missing), "deadlines", status=Status.MISSING.value)
    )
    card.body.addWidget(summary)
    urgent = [
        e for e in entries if e.item.status is not Status.OK and e.item.kind not in _ON_OVERVIEW
    ]
    urgent.sort(key=lambda e: (-e.item.status.severity, e.item.due or date.min))
    for e in urgent[:CARD_ITEMS]:
        i = e.item
        who = " · ".join(x for x in (i.person, i.area) if x and x not in i.title)
        when = f"{fmt_date(i.due)}  " if i.due else ""
        text = (
            f"<span style='color:{STATUS_COLORS[i.status.value]}'>■</span> "
            f"{when}<b>{e.kind_label}</b>{': ' + html.escape(who) if who else ''} – "
            f"{html.escape(i.title)}"
        )
        line = QLabel(text)
        line.setWordWrap(True)
        card.body.addWidget(line)
    row = QHBoxLayout()
    more = QPushButton(_("Åpne Opplæring og frister"))
    more.clicked.connect(lambda: open_deadlines_page(ctx))
    row.addWidget(more)
    if len(urgent) > CARD_ITEMS:
        rest = QLabel(_("og {n} til").format(n=len(urgent) - CARD_ITEMS))
        rest.setStyleSheet("color: #5f6368;")
        row.addWidget(rest)
    row.addStretch(1)
    card.body.addLayout(row)

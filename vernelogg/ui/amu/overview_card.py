"""The AMU card on the overview: the next meeting and what waits for follow-up."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _, ngettext
from vernelogg.services import amu
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext
from vernelogg.ui.overview.links import link, link_label


def gather(db: Database, today: date) -> amu.AmuStatus:
    return amu.amu_status(db, today)


def render(ctx: AppContext, status: amu.AmuStatus) -> QWidget | None:
    lines: list[tuple[str, str]] = []
    if status.next_meeting is not None:
        m = status.next_meeting
        meeting = link(f"{m.title}, {fmt_date(m.meeting_date)}", "amu", id=m.id)
        count = ngettext("{n} sak på sakslisten", "{n} saker på sakslisten", m.item_count).format(
            n=m.item_count
        )
        if m.place:
            text = _("Neste møte: {meeting} i {place} · {count}").format(
                meeting=meeting, place=html.escape(m.place), count=count
            )
        else:
            text = _("Neste møte: {meeting} · {count}").format(meeting=meeting, count=count)
        lines.append(("", text))
    else:
        lines.append(
            (
                "notice",
                _("Ingen AMU-møter er planlagt. {link}.").format(
                    link=link(_("Planlegg neste møte på AMU-siden"), "amu")
                ),
            )
        )
    for m in status.unapproved:
        text = _("Protokollen fra {meeting} ({date}) er ikke godkjent").format(
            meeting=m.title, date=fmt_date(m.meeting_date)
        )
        lines.append(("notice", link(text, "amu", id=m.id) + "."))
    if status.open_decisions:
        text = link(
            ngettext(
                "{n} AMU-vedtak er ikke utført",
                "{n} AMU-vedtak er ikke utført",
                status.open_decisions,
            ).format(n=status.open_decisions),
            "actions",
            source_kind="amu",
        )
        if status.overdue_decisions:
            text += ", " + link(
                ngettext(
                    "{n} har passert fristen",
                    "{n} har passert fristen",
                    status.overdue_decisions,
                ).format(n=status.overdue_decisions),
                "actions",
                source_kind="amu",
                deadline="overdue",
            )
        lines.append(("warning" if status.overdue_decisions else "", text + "."))
    if status.committee_warnings:
        text = ngettext(
            "Utvalget: {n} mangler i sammensetningen",
            "Utvalget: {n} mangler i sammensetningen",
            status.committee_warnings,
        ).format(n=status.committee_warnings)
        lines.append(
            (
                "warning",
                _("{link} (se AMU → Utvalget).").format(link=link(text, "amu", tab="committee")),
            )
        )
    card = Card(_("Arbeidsmiljøutvalget"))
    for level, text in lines:
        card.body.addWidget(link_label(text, level))
    return card

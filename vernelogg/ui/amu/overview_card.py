"""The AMU card on the overview: the next meeting and what waits for follow-up."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.domain.formatting import fmt_date
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
        lines.append(
            (
                "",
                "Neste møte: "
                + link(f"{m.title}, {fmt_date(m.meeting_date)}", "amu", id=m.id)
                + (f" i {html.escape(m.place)}" if m.place else "")
                + f" · {m.item_count} saker på sakslisten",
            )
        )
    else:
        lines.append(
            (
                "notice",
                "Ingen AMU-møter er planlagt. "
                + link("Planlegg neste møte på AMU-siden", "amu")
                + ".",
            )
        )
    for m in status.unapproved:
        text = f"Protokollen fra {m.title} ({fmt_date(m.meeting_date)}) er ikke godkjent"
        lines.append(("notice", link(text, "amu", id=m.id) + "."))
    if status.open_decisions:
        text = link(
            f"{status.open_decisions} AMU-vedtak er ikke utført", "actions", source_kind="amu"
        )
        if status.overdue_decisions:
            text += ", " + link(
                f"{status.overdue_decisions} har passert fristen",
                "actions",
                source_kind="amu",
                deadline="overdue",
            )
        lines.append(("warning" if status.overdue_decisions else "", text + "."))
    if status.committee_warnings:
        text = f"Utvalget: {status.committee_warnings} mangler i sammensetningen"
        lines.append(("warning", link(text, "amu", tab="committee") + " (se AMU → Utvalget)."))
    card = Card("Arbeidsmiljøutvalget")
    for level, text in lines:
        card.body.addWidget(link_label(text, level))
    return card

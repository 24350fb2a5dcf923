"""The AMU card on the overview: the next meeting and what waits for follow-up."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from vernelogg.domain.formatting import fmt_date
from vernelogg.services import amu
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext


def gather(db: Database, today: date) -> amu.AmuStatus:
    return amu.amu_status(db, today)


def render(ctx: AppContext, status: amu.AmuStatus) -> QWidget | None:
    lines: list[tuple[str, str]] = []
    if status.next_meeting is not None:
        m = status.next_meeting
        lines.append(
            (
                "",
                f"Neste møte: {m.title}, {fmt_date(m.meeting_date)}"
                + (f" i {m.place}" if m.place else "")
                + f" · {m.item_count} saker på sakslisten",
            )
        )
    else:
        lines.append(("notice", "Ingen AMU-møter er planlagt. Planlegg neste møte på AMU-siden."))
    for m in status.unapproved:
        lines.append(
            ("notice", f"Protokollen fra {m.title} ({fmt_date(m.meeting_date)}) er ikke godkjent.")
        )
    if status.open_decisions:
        text = f"{status.open_decisions} AMU-vedtak er ikke utført"
        if status.overdue_decisions:
            text += f", {status.overdue_decisions} har passert fristen"
        lines.append(("warning" if status.overdue_decisions else "", text + "."))
    if status.committee_warnings:
        lines.append(
            (
                "warning",
                f"Utvalget: {status.committee_warnings} mangler i sammensetningen "
                "(se AMU → Utvalget).",
            )
        )
    card = Card("Arbeidsmiljøutvalget")
    for level, text in lines:
        label = QLabel(text)
        label.setWordWrap(True)
        if level:
            label.setObjectName(level)
        card.body.addWidget(label)
    return card

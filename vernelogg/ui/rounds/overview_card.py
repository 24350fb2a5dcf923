"""The «Vernerunder» card on the overview: this year's rounds, overdue and running ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.rounds import RoundStatus
from vernelogg.services import rounds
from vernelogg.store.database import Database
from vernelogg.ui.common.widgets import Card
from vernelogg.ui.context import AppContext
from vernelogg.ui.overview.links import link, link_label


@dataclass(frozen=True)
class RoundsCardData:
    today: date
    open_rounds: list[rounds.RoundInfo]
    year: rounds.RoundsYearSummary


def gather(db: Database, today: date) -> RoundsCardData:
    return RoundsCardData(
        today,
        rounds.list_rounds(db, statuses=[RoundStatus.PLANNED, RoundStatus.IN_PROGRESS]),
        rounds.rounds_summary(db, today.year),
    )


def render(ctx: AppContext, data: RoundsCardData) -> QWidget | None:
    today, open_rounds, year = data.today, data.open_rounds, data.year
    if not open_rounds and not year.areas:
        return None
    card = Card("Vernerunder")
    card.body.addWidget(
        link_label(
            f"{today.year}: "
            + link(f"{year.done} runder gjennomført og signert", "rounds", year=today.year)
            + f", {year.planned} planlagt i året, {year.findings} funn."
        )
    )
    overdue = sorted((r for r in open_rounds if r.is_overdue(today)), key=lambda r: r.date)
    for r in overdue:
        text = (
            f"{r.area_name}: runde {r.number} var planlagt {fmt_date(r.planned_date)} og er "
            "ikke gjennomført"
        )
        card.body.addWidget(link_label(link(text, "rounds", id=r.id) + ".", "warning"))
    for r in open_rounds:
        if r.status is RoundStatus.IN_PROGRESS:
            text = (
                f"{r.area_name}: runde {r.number} pågår ({r.counts.answered} av "
                f"{r.counts.points} punkter besvart)"
            )
            card.body.addWidget(
                link_label(
                    link(text, "rounds", id=r.id) + ". Fortsett under «Vernerunder».", "notice"
                )
            )
    return card

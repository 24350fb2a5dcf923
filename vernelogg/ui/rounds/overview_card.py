"""The «Vernerunder» card on the overview: this year's rounds, overdue and running ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QWidget

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.rounds import RoundStatus
from vernelogg.i18n import _, ngettext
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
    card = Card(_("Vernerunder"))
    done = ngettext(
        "{n} runder gjennomført og signert", "{n} runder gjennomført og signert", year.done
    ).format(n=year.done)
    card.body.addWidget(
        link_label(
            _("{year}: {done}, {planned} planlagt i året, {findings} funn.").format(
                year=today.year,
                done=link(done, "rounds", year=today.year),
                planned=year.planned,
                findings=year.findings,
            )
        )
    )
    overdue = sorted((r for r in open_rounds if r.is_overdue(today)), key=lambda r: r.date)
    for r in overdue:
        text = _("{area}: runde {number} var planlagt {date} og er ikke gjennomført").format(
            area=r.area_name, number=r.number, date=fmt_date(r.planned_date)
        )
        card.body.addWidget(link_label(link(text, "rounds", id=r.id) + ".", "warning"))
    for r in open_rounds:
        if r.status is RoundStatus.IN_PROGRESS:
            text = ngettext(
                "{area}: runde {number} pågår ({n} av {total} punkter besvart)",
                "{area}: runde {number} pågår ({n} av {total} punkter besvart)",
                r.counts.points,
            ).format(
                area=r.area_name,
                number=r.number,
                n=r.counts.answered,
                total=r.counts.points,
            )
            card.body.addWidget(
                link_label(
                    _("{link}. Fortsett under «Vernerunder».").format(
                        link=link(text, "rounds", id=r.id)
                    ),
                    "notice",
                )
            )
    return card

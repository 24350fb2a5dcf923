"""Oversikt: the undertaking, its areas and role holders, and what the law finds missing.

What the page shows is read on a worker thread (with ten years of records that is a good
part of a second, which the window should not wait for) and put on screen when it is in.
Until then the page says it is fetching; on a later refresh the old figures stay up until
the new ones replace them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import N_, _, ngettext, pgettext
from vernelogg.services.gather import gathering
from vernelogg.services.overview import AreaRow, Overview, build_overview
from vernelogg.store.database import Database
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import (
    STATUS_COLORS,
    Card,
    PageHeader,
    clear_layout,
    fit_columns,
    make_table,
)
from vernelogg.ui.common.worker import Requests, run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.overview.links import link, link_label

STATUS_TEXT = {
    Status.OK: "OK",
    Status.DUE_SOON: N_("Snart valg"),
    Status.OVERDUE: N_("Utløpt"),
    Status.MISSING: N_("Mangler VO"),
}


@dataclass(frozen=True)
class OverviewCard:
    """A feature's card on the overview: a module with

    - `gather(db, today)`, which reads what the card needs. It runs on a worker thread,
      so it must not touch widgets. Optional: a card may fetch on its own.
    - `render(ctx, data)`, which builds the card from that on the GUI thread, or returns
      None when there is nothing to say.

    The module is imported when the overview is first gathered, not at start-up."""

    module: str

    def gather(self, db: Database, today: date) -> Any:
        gather = getattr(import_module(self.module), "gather", None)
        return gather(db, today) if gather is not None else None

    def render(self, ctx: AppContext, data: Any) -> QWidget | None:
        return import_module(self.module).render(ctx, data)


# Cards that features add to the overview, in order. One line per feature.
EXTRA_CARDS: list[OverviewCard] = [
    OverviewCard("vernelogg.ui.stoppage.card"),
    OverviewCard("vernelogg.ui.deviations.overview_card"),
    OverviewCard("vernelogg.ui.training.overview_card"),
    OverviewCard("vernelogg.ui.rounds.overview_card"),
    OverviewCard("vernelogg.ui.amu.overview_card"),
]


@dataclass(frozen=True)
class OverviewData:
    overview: Overview | None
    cards: list[tuple[OverviewCard, Any]]


def gather_overview(db: Database, today: date, cards: list[OverviewCard]) -> OverviewData:
    """Everything the page shows, read from the database (on a worker thread); on a
    server the figures and each card are read side by side (services/gather.py)."""
    with gathering(db) as parts:
        figures = parts.submit(build_overview, db, today)
        read = [(card, parts.submit(card.gather, db, today)) for card in cards]
        return OverviewData(figures.result(), [(card, part.result()) for card, part in read])


class OverviewPage(QScrollArea):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(24, 18, 24, 18)
        self.layout_.setSpacing(14)
        self.header = PageHeader(_("Oversikt"))
        self.layout_.addWidget(self.header)

        # The first week: next steps as a checklist that ticks itself (hidden later).
        self.steps_card = Card(_("Kom i gang"))
        self.steps_box = QVBoxLayout()
        self.steps_card.body.addLayout(self.steps_box)
        self.steps_card.hide()
        self.layout_.addWidget(self.steps_card)

        self.warnings_card = Card(_("Dette krever oppmerksomhet"))
        self.warnings_box = QVBoxLayout()
        self.warnings_card.body.addLayout(self.warnings_box)
        self.layout_.addWidget(self.warnings_card)

        self.extra_box = QVBoxLayout()
        self.layout_.addLayout(self.extra_box)

        self.areas_card = Card(_("Verneområder og verneombud"))
        self.areas_model = RowsModel(
            [
                Column(_("Verneområde"), lambda r: r.name),
                Column(_("Type"), lambda r: r.kind_label),
                Column(pgettext("ligger under", "Under"), lambda r: r.parent_name or ""),
                Column(
                    _("Verneombud"),
                    lambda r: r.delegate or _("— mangler —"),
                    foreground=lambda r: None if r.delegate else STATUS_COLORS["missing"],
                ),
                Column(_("Periode til"), lambda r: fmt_date(r.term_end)),
                Column(_("Vara"), lambda r: r.deputy or ""),
                Column(pgettext("person", "Leder"), lambda r: r.leader or ""),
                Column(
                    _("Status"),
                    lambda r: _(STATUS_TEXT[r.status]),
                    foreground=lambda r: STATUS_COLORS[r.status.value],
                    tooltip=lambda r: r.note or None,
                ),
            ]
        )
        self.areas_view = make_table()
        self.areas_view.setModel(self.areas_model)
        self.areas_view.setMinimumHeight(220)
        self.areas_card.body.addWidget(self.areas_view)
        self.layout_.addWidget(self.areas_card)

        self.roles_card = Card(_("Sentrale verv"))
        self.roles_grid = QGridLayout()
        self.roles_grid.setHorizontalSpacing(18)
        self.roles_card.body.addLayout(self.roles_grid)
        self.layout_.addWidget(self.roles_card)
        self.layout_.addStretch(1)

        # Until the first figures are in, the page says it is fetching them.
        self.areas_card.hide()
        self.roles_card.hide()
        self.fetching = QLabel(_("Henter oversikten …"))
        self.fetching.setObjectName("pageSubtitle")
        self.warnings_box.addWidget(self.fetching)
        self.requests = Requests(self)
        self._shown: tuple[OverviewData, date] | None = None  # what is on screen
        self._cards: list[tuple[OverviewCard, Any]] = []  # cards still to build

    # --- loading -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the overview again on a worker thread; it is shown when it is in."""
        asked, today = self.requests.ask(), self.ctx.today()

        def start() -> None:
            if not self.requests.is_current(asked):
                return  # refreshed again before this one started
            run_task(
                gather_overview,
                self.ctx.db,
                today,
                list(EXTRA_CARDS),
                on_done=lambda data: self._arrived(asked, today, data),
                on_error=lambda error: self._failed(asked, error),
            )

        # Started from the event loop: while the window is being built and painted, a
        # worker would only compete with it for the interpreter.
        QTimer.singleShot(0, self, start)

    def is_loading(self) -> bool:
        return self.requests.loading or bool(self._cards)

    def _next_card(self) -> None:
        if not self._cards:
            return
        spec, gathered = self._cards.pop(0)
        card = spec.render(self.ctx, gathered)
        if card is not None:
            self.extra_box.addWidget(card)
        if self._cards:
            QTimer.singleShot(0, self, self._next_card)

    def _arrived(self, asked: int, today: date, data: OverviewData) -> None:
        if not self.requests.answer(asked):
            return
        if (data, today) == self._shown:
            return  # nothing changed since it was shown: no cards built again
        self.show_data(data, today)
        self._shown = (data, today)

    def _failed(self, asked: int, error: BaseException) -> None:
        if not self.requests.answer(asked):
            return
        self._shown = None
        clear_layout(self.warnings_box)
        label = QLabel(_("Oversikten kunne ikke hentes: {error}").format(error=error))
        label.setObjectName("warning")
        label.setWordWrap(True)
        self.warnings_box.addWidget(label)

    # --- showing -------------------------------------------------------------------

    def show_data(self, data: OverviewData, today: date) -> None:
        overview = data.overview
        if overview is None:
            clear_layout(self.warnings_box)
            return
        org = overview.organisation
        facts = [ngettext("{n} ansatt", "{n} ansatte", org.employees).format(n=org.employees)]
        if org.org_number:
            facts.insert(0, _("org.nr. {number}").format(number=org.org_number))
        if org.branch:
            facts.append(org.branch)
        self.header.title.setText(org.name)
        facts.append(_("i dag {date}").format(date=fmt_date(today)))
        self.header.set_subtitle(" · ".join(facts))

        self._show_first_steps(overview)
        clear_layout(self.warnings_box)
        if overview.warnings:
            area_ids = {a.name: a.id for a in overview.areas}
            for item in overview.warnings:
                who = ", ".join(x for x in (item.person, item.area) if x and x not in item.title)
                text = f"{who}: {item.title}" if who else item.title
                level = "warning" if item.status in (Status.OVERDUE, Status.MISSING) else "notice"
                target = link(
                    text,
                    "roster",
                    role=item.role.value if item.role else None,
                    area=area_ids.get(item.area or ""),
                )
                self.warnings_box.addWidget(
                    link_label(target, level, tooltip=_("Vis vervet under Verneområder og roller"))
                )
        else:
            ok = QLabel(
                _(
                    "Alle lovpålagte verv er besatt, og ingen funksjonstid går ut de neste "
                    "60 dagene."
                )
            )
            ok.setObjectName("okNotice")
            ok.setWordWrap(True)
            self.warnings_box.addWidget(ok)

        # The features' cards are built one per turn of the event loop, each laid out and
        # painted before the next: all at once held the window for 100–170 ms.
        clear_layout(self.extra_box)
        self._cards = list(data.cards)
        QTimer.singleShot(0, self, self._next_card)

        self.areas_card.show()
        self.roles_card.show()
        self.areas_model.set_rows(overview.areas)
        fit_columns(self.areas_view)
        rows = max(4, len(overview.areas))
        self.areas_view.setMinimumHeight(min(30 + rows * 26, 420))

        clear_layout(self.roles_grid)
        for i, (role, names) in enumerate(overview.central_roles):
            name = QLabel(role.label)
            name.setStyleSheet("font-weight: 600;")
            holders = QLabel(", ".join(names) if names else _("— ikke besatt —"))
            holders.setWordWrap(True)
            if not names:
                holders.setStyleSheet("color: #5f6368;")
            self.roles_grid.addWidget(name, i // 2, (i % 2) * 2)
            self.roles_grid.addWidget(holders, i // 2, (i % 2) * 2 + 1)

    def _show_first_steps(self, overview: Overview) -> None:
        clear_layout(self.steps_box)
        self.steps_card.setVisible(bool(overview.first_steps))
        done = sum(step.done for step in overview.first_steps)
        if overview.first_steps:
            self.steps_card.title.setText(
                _("Kom i gang – {done} av {total} er gjort").format(
                    done=done, total=len(overview.first_steps)
                )
            )
        for number, step in enumerate(overview.first_steps, start=1):
            mark = (
                f"<span style='color:{STATUS_COLORS['ok']}'>✔</span>"
                if step.done
                else f"<span style='color:{STATUS_COLORS['missing']}'>☐</span>"
            )
            title = (
                f"<s>{html.escape(step.title)}</s>"
                if step.done
                else link(step.title, step.target, **step.params)
            )
            label = link_label(
                f"{mark}&nbsp; {number}. {title}<br>"
                f"<span style='color:#5f6368'>{html.escape(step.hint)}</span>"
            )
            label.setProperty("done", step.done)
            self.steps_box.addWidget(label)

    def area_rows(self) -> list[AreaRow]:
        return list(self.areas_model.rows)

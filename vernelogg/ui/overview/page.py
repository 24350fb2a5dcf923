"""Oversikt: the undertaking, its areas and role holders, and what the law finds missing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.services.overview import AreaRow, build_overview
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import (
    STATUS_COLORS,
    Card,
    PageHeader,
    clear_layout,
    fit_columns,
    make_table,
)
from vernelogg.ui.context import AppContext
from vernelogg.ui.rounds.overview_card import rounds_card
from vernelogg.ui.stoppage.card import open_stoppages_card
from vernelogg.ui.training.startup import deadline_card

STATUS_TEXT = {
    Status.OK: "OK",
    Status.DUE_SOON: "Snart valg",
    Status.OVERDUE: "Utløpt",
    Status.MISSING: "Mangler VO",
}


# Cards that features add to the overview: each gets the context and returns a widget
# (or None when it has nothing to say). One line per feature.
def _deviations_card(ctx: AppContext) -> QWidget | None:
    from vernelogg.ui.deviations.overview_card import deviations_card

    return deviations_card(ctx)


EXTRA_CARDS: list[Callable[[AppContext], QWidget | None]] = [
    open_stoppages_card,
    _deviations_card,
    deadline_card,
    rounds_card,
]


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
        self.header = PageHeader("Oversikt")
        self.layout_.addWidget(self.header)

        self.warnings_card = Card("Dette krever oppmerksomhet")
        self.warnings_box = QVBoxLayout()
        self.warnings_card.body.addLayout(self.warnings_box)
        self.layout_.addWidget(self.warnings_card)

        self.extra_box = QVBoxLayout()
        self.layout_.addLayout(self.extra_box)

        self.areas_card = Card("Verneområder og verneombud")
        self.areas_model = RowsModel(
            [
                Column("Verneområde", lambda r: r.name),
                Column("Type", lambda r: r.kind_label),
                Column("Under", lambda r: r.parent_name or ""),
                Column(
                    "Verneombud",
                    lambda r: r.delegate or "— mangler —",
                    foreground=lambda r: None if r.delegate else STATUS_COLORS["missing"],
                ),
                Column("Periode til", lambda r: fmt_date(r.term_end)),
                Column("Vara", lambda r: r.deputy or ""),
                Column("Leder", lambda r: r.leader or ""),
                Column(
                    "Status",
                    lambda r: STATUS_TEXT[r.status],
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

        self.roles_card = Card("Sentrale verv")
        self.roles_grid = QGridLayout()
        self.roles_grid.setHorizontalSpacing(18)
        self.roles_card.body.addLayout(self.roles_grid)
        self.layout_.addWidget(self.roles_card)
        self.layout_.addStretch(1)

    def refresh(self) -> None:
        overview = build_overview(self.ctx.db, self.ctx.today())
        if overview is None:
            return
        org = overview.organisation
        facts = [f"{org.employees} ansatte"]
        if org.org_number:
            facts.insert(0, f"org.nr. {org.org_number}")
        if org.branch:
            facts.append(org.branch)
        self.header.title.setText(org.name)
        self.header.set_subtitle(" · ".join(facts) + f" · i dag {fmt_date(self.ctx.today())}")

        clear_layout(self.warnings_box)
        if overview.warnings:
            for item in overview.warnings:
                who = ", ".join(x for x in (item.person, item.area) if x and x not in item.title)
                label = QLabel(f"{who}: {item.title}" if who else item.title)
                label.setWordWrap(True)
                label.setObjectName(
                    "warning" if item.status in (Status.OVERDUE, Status.MISSING) else "notice"
                )
                self.warnings_box.addWidget(label)
        else:
            ok = QLabel(
                "Alle lovpålagte verv er besatt, og ingen funksjonstid går ut de neste 60 dagene."
            )
            ok.setObjectName("okNotice")
            ok.setWordWrap(True)
            self.warnings_box.addWidget(ok)

        clear_layout(self.extra_box)
        for make in EXTRA_CARDS:
            card = make(self.ctx)
            if card is not None:
                self.extra_box.addWidget(card)

        self.areas_model.set_rows(overview.areas)
        fit_columns(self.areas_view)
        rows = max(4, len(overview.areas))
        self.areas_view.setMinimumHeight(min(30 + rows * 26, 420))

        clear_layout(self.roles_grid)
        for i, (role, names) in enumerate(overview.central_roles):
            name = QLabel(role.label)
            name.setStyleSheet("font-weight: 600;")
            holders = QLabel(", ".join(names) if names else "— ikke besatt —")
            holders.setWordWrap(True)
            if not names:
                holders.setStyleSheet("color: #5f6368;")
            self.roles_grid.addWidget(name, i // 2, (i % 2) * 2)
            self.roles_grid.addWidget(holders, i // 2, (i % 2) * 2 + 1)

    def area_rows(self) -> list[AreaRow]:
        return list(self.areas_model.rows)

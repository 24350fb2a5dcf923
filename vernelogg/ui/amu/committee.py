"""Utvalget: members and deputies per side on a day, the officers, the chair side per year,
and what is missing or uneven.

What the tab shows is read on a worker thread (`read_committee`); until it is in, the tab
keeps showing what it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.amu import Side
from vernelogg.domain.formatting import fmt_date
from vernelogg.errors import UserError
from vernelogg.i18n import _, ngettext
from vernelogg.services import amu
from vernelogg.store.database import Database
from vernelogg.ui.amu.dialogs import ChairYearDialog, CommitteeRoleDialog, EndSeatDialog
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import clear_layout, fit_columns, make_table
from vernelogg.ui.context import AppContext


def _period(seat: amu.CommitteeSeat) -> str:
    return f"{fmt_date(seat.start)} – {fmt_date(seat.end) if seat.end else '…'}"


def seat_columns() -> list[Column]:
    return [
        Column(_("Navn"), lambda s: s.name),
        Column(_("Plass"), lambda s: s.kind_label),
        Column(_("Stilling"), lambda s: s.title),
        Column(_("Periode"), _period),
    ]


def officer_columns() -> list[Column]:
    return [
        Column(_("Verv"), lambda s: s.role.label),
        Column(_("Navn"), lambda s: s.name),
        Column(_("Periode"), _period),
    ]


def _chair_side_text(c: amu.ChairYearInfo) -> str:
    side = c.side.label if c.side else _("ikke bestemt")
    return side if c.stored else _("{side} (forslag)").format(side=side)


def chair_columns() -> list[Column]:
    return [
        Column(_("År"), lambda c: str(c.year)),
        Column(
            _("Ledersiden"),
            _chair_side_text,
            foreground=lambda c: None if c.stored else "#5f6368",
        ),
        Column(_("Merknad"), lambda c: c.note),
    ]


@dataclass(frozen=True)
class CommitteeData:
    committee: amu.Committee
    chair_years: list[amu.ChairYearInfo]
    chair_term_years: int


def read_committee(db: Database, on: date) -> CommitteeData:
    """The committee on a day, the chair side around its year and how often the chair
    changes sides (on a worker thread: no widgets here)."""
    return CommitteeData(
        amu.get_committee(db, on),
        amu.list_chair_years(db, on.year),
        amu.get_chair_term_years(db),
    )


class CommitteeTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = PageLoader(self)
        self._last_table: QTableView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Utvalget per")))
        self.on = DateField(ctx.today())
        self.on.dateChanged.connect(lambda *_args: self.refresh())
        bar.addWidget(self.on)
        bar.addSpacing(16)
        bar.addWidget(QLabel(_("Plasser per side")))
        self.seats = QSpinBox()
        self.seats.setRange(0, 20)
        self.seats.setSpecialValueText(_("ikke satt"))
        self.seats.setToolTip(
            _("Hvor mange representanter hver side skal ha (avtalt i virksomheten).")
        )
        self.seats.valueChanged.connect(self._save_seats)
        bar.addWidget(self.seats)
        bar.addSpacing(16)
        bar.addWidget(QLabel(_("Ledervervet veksler")))
        self.term = QComboBox()
        self.term.addItem(_("hvert år"), 1)
        self.term.addItem(_("annethvert år"), 2)
        self.term.currentIndexChanged.connect(self._save_term)
        bar.addWidget(self.term)
        bar.addStretch(1)
        self.new_button = QPushButton(_("&Nytt AMU-verv …"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_role)
        self.end_button = QPushButton(_("&Avslutt verv …"))
        self.end_button.clicked.connect(self.end_role)
        bar.addWidget(self.new_button)
        bar.addWidget(self.end_button)
        layout.addLayout(bar)

        self.warnings = QVBoxLayout()
        layout.addLayout(self.warnings)

        grid = QGridLayout()
        layout.addLayout(grid, 1)  # first: the tables are then made in their place
        self.side_models: dict[Side, RowsModel] = {}
        self.side_views: dict[Side, QTableView] = {}
        self.side_titles: dict[Side, QLabel] = {}
        for column, side in enumerate(Side):
            title = QLabel()
            title.setObjectName("cardTitle")
            self.side_titles[side] = title
            model = RowsModel(seat_columns())
            view = self._table(model)
            self.side_models[side], self.side_views[side] = model, view
            grid.addWidget(title, 0, column)
            grid.addWidget(view, 1, column)
        officers_title = QLabel(_("Leder, sekretær og BHT"))
        officers_title.setObjectName("cardTitle")
        self.officers_model = RowsModel(officer_columns())
        self.officers = self._table(self.officers_model)
        grid.addWidget(officers_title, 2, 0)
        grid.addWidget(self.officers, 3, 0)
        chair_title = QLabel(_("Ledersiden per år"))
        chair_title.setObjectName("cardTitle")
        chair_head = QHBoxLayout()
        chair_head.addWidget(chair_title)
        chair_head.addStretch(1)
        self.chair_button = QPushButton(_("&Sett ledersiden …"))
        self.chair_button.clicked.connect(self.set_chair_side)
        chair_head.addWidget(self.chair_button)
        self.chair_model = RowsModel(chair_columns())
        self.chair_years = make_table(self)
        self.chair_years.setModel(self.chair_model)
        self.chair_years.doubleClicked.connect(lambda *_args: self.set_chair_side())
        grid.addLayout(chair_head, 2, 1)
        grid.addWidget(self.chair_years, 3, 1)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(3, 2)

    def _table(self, model: RowsModel) -> QTableView:
        view = make_table(self)
        view.setModel(model)
        view.doubleClicked.connect(lambda *_args: self.end_role())
        view.selectionModel().currentRowChanged.connect(
            lambda *_args, v=view: setattr(self, "_last_table", v)
        )
        return view

    # --- refresh -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the committee on the chosen day on a worker thread; shown when it is in."""
        on = self.on.value() or self.ctx.today()
        self.loader.load(read_committee, self.ctx.db, on, then=self._show)

    def is_loading(self) -> bool:
        return self.loader.is_loading()

    def _show(self, data: CommitteeData) -> None:
        committee = data.committee
        with QSignalBlocker(self.seats):
            self.seats.setValue(committee.seats_per_side or 0)
        clear_layout(self.warnings)
        if committee.warnings:
            for w in committee.warnings:
                label = QLabel(w.text)
                label.setWordWrap(True)
                label.setObjectName("warning" if w.level == "warning" else "notice")
                self.warnings.addWidget(label)
        else:
            ok = QLabel(_("Utvalget er fulltallig, sidene er like store, og alle verv er besatt."))
            ok.setObjectName("okNotice")
            self.warnings.addWidget(ok)
        for side in Side:
            members, deputies = committee.members(side), committee.deputies(side)
            title = _("{side}: {members}, {deputies}").format(
                side=side.label,
                members=ngettext("{n} medlem", "{n} medlemmer", len(members)).format(
                    n=len(members)
                ),
                deputies=ngettext("{n} vara", "{n} vara", len(deputies)).format(n=len(deputies)),
            )
            if committee.chair_side is side:
                title = _("{title} · leder").format(title=title)
            self.side_titles[side].setText(title)
            self.side_models[side].set_rows(members + deputies)
            fit_columns(self.side_views[side], 220)
        self.officers_model.set_rows([s for s in committee.seats if s.side is None])
        fit_columns(self.officers)
        self.chair_model.set_rows(data.chair_years)
        fit_columns(self.chair_years)
        with QSignalBlocker(self.term):
            self.term.setCurrentIndex(self.term.findData(data.chair_term_years))

    # --- actions -------------------------------------------------------------------

    def _save_seats(self, value: int) -> None:
        try:
            amu.set_seats_per_side(self.ctx.db, value or None)
        except UserError as error:
            show_error(self, str(error))
        self.refresh()

    def _save_term(self) -> None:
        amu.set_chair_term_years(self.ctx.db, int(self.term.currentData()))
        self.refresh()

    def new_role(self) -> None:
        if CommitteeRoleDialog(self.ctx.db, self.ctx.today(), parent=self).exec():
            self.ctx.notify("roles")
            self.refresh()

    def selected_seat(self) -> amu.CommitteeSeat | None:
        view = self._last_table
        if view is None:
            return None
        index = view.currentIndex()
        model = cast(RowsModel, view.model())  # every table here shows a RowsModel
        return model.row_at(index.row()) if index.isValid() else None

    def end_role(self) -> None:
        seat = self.selected_seat()
        if seat is None:
            show_error(self, _("Velg vervet som skal avsluttes i en av listene først."))
            return
        if EndSeatDialog(self.ctx.db, seat, self.ctx.today(), parent=self).exec():
            self.ctx.notify("roles")
            self.refresh()

    def set_chair_side(self) -> None:
        index = self.chair_years.currentIndex()
        row = self.chair_model.row_at(index.row()) if index.isValid() else None
        year = row.year if row else (self.on.value() or self.ctx.today()).year
        if ChairYearDialog(self.ctx.db, year, row.side if row else None, parent=self).exec():
            self.refresh()

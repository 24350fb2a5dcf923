"""Stansing: the register of stops with filters, and the chosen stop in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.stoppage import WHY_MISSING, StoppageOutcome
from vernelogg.i18n import _, ngettext
from vernelogg.services import areas as area_service
from vernelogg.services import stoppage as svc
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, PageHeader, fit_columns, make_table
from vernelogg.ui.context import AppContext
from vernelogg.ui.stoppage import SHORTCUT
from vernelogg.ui.stoppage.detail import StoppageDetailView
from vernelogg.ui.stoppage.quick import start_stop


def _status_color(row: svc.StoppageRow) -> str | None:
    if row.archived:
        return "#5f6368"
    return STATUS_COLORS["overdue"] if row.is_open else STATUS_COLORS["ok"]


def columns() -> list[Column]:
    return [
        Column(_("Nr."), lambda r: r.number),
        Column(_("Dato"), lambda r: fmt_date(r.stopped_at)),
        Column(_("Verneområde"), lambda r: r.area_name),
        Column(_("Arbeid eller utstyr"), lambda r: r.work, tooltip=lambda r: r.work),
        Column(_("Status"), lambda r: r.status_label, foreground=_status_color),
        Column(
            _("Arbeidsgiver varslet"),
            lambda r: _("Ja") if r.employer_informed else _("Nei – ikke registrert"),
            foreground=lambda r: None if r.employer_informed else STATUS_COLORS["overdue"],
        ),
        Column(
            _("Hvorfor ikke avverget"),
            lambda r: _("Fylt ut") if r.why_not_averted else _("Mangler"),
            tooltip=lambda r: r.why_not_averted or _(WHY_MISSING),
            foreground=lambda r: None if r.why_not_averted else STATUS_COLORS["overdue"],
        ),
    ]


class StoppagePage(QWidget):
    _shown = 0  # details shown so far: a refresh loads them once, not twice

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(
            PageHeader(
                _("Stansing av farlig arbeid"),
                _(
                    "Verneombudets stans etter arbeidsmiljøloven § 6-3, med hele tidslinjen. "
                    "En stans er åpen til den har et utfall og et tidspunkt for når arbeidet ble "
                    "tatt opp igjen."
                ),
            )
        )
        bar = QHBoxLayout()
        self.new_button = QPushButton(_("Stans farlig arbeid …"))
        self.new_button.setObjectName("danger")
        self.new_button.setToolTip(SHORTCUT)
        self.new_button.clicked.connect(self.new_stop)
        bar.addWidget(self.new_button)
        bar.addSpacing(16)
        self.area_filter = QComboBox()
        self.year_filter = QComboBox()
        self.outcome_filter = QComboBox()
        self.outcome_filter.addItem(_("Alle utfall"), None)
        self.outcome_filter.addItem(_("Åpne (ikke avsluttet)"), "open")
        for outcome in StoppageOutcome:
            self.outcome_filter.addItem(outcome.label, outcome.value)
        self.show_archived = QCheckBox(_("Vis arkiverte"))
        for label, widget in (
            (_("&Område"), self.area_filter),
            (_("&År"), self.year_filter),
            (_("&Utfall"), self.outcome_filter),
        ):
            name = QLabel(label)
            name.setBuddy(widget)
            bar.addWidget(name)
            bar.addWidget(widget)
        bar.addWidget(self.show_archived)
        bar.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RowsModel(columns())
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_selected())
        split.addWidget(self.table)
        self.detail = StoppageDetailView(ctx)
        self.detail.changed.connect(self._detail_changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.detail)
        split.addWidget(scroll)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([166, 482])
        layout.addWidget(split, 1)

        for combo in (self.area_filter, self.year_filter, self.outcome_filter):
            combo.currentIndexChanged.connect(self._fill_table)
        self.show_archived.toggled.connect(self._fill_table)
        self._filling = False

    # --- filters and table ---------------------------------------------------------

    def _fill_filters(self) -> None:
        """Areas and years as they are now, keeping what the user had chosen."""
        self._filling = True
        area, year = self.area_filter.currentData(), self.year_filter.currentData()
        self.area_filter.clear()
        self.area_filter.addItem(_("Alle verneområder"), None)
        for a in area_service.list_areas(self.ctx.db, include_archived=True):
            name = _("{name} (arkivert)").format(name=a.name) if a.archived else a.name
            self.area_filter.addItem(name, a.id)
        self.area_filter.setCurrentIndex(max(self.area_filter.findData(area), 0))
        self.year_filter.clear()
        self.year_filter.addItem(_("Alle år"), None)
        for y in svc.stoppage_years(self.ctx.db):
            self.year_filter.addItem(str(y), y)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(year), 0))
        self._filling = False

    def current_filter(self) -> svc.StoppageFilter:
        return svc.StoppageFilter(
            area_id=self.area_filter.currentData(),
            year=self.year_filter.currentData(),
            outcome=self.outcome_filter.currentData(),
            include_archived=self.show_archived.isChecked(),
        )

    def _fill_table(self, *_args, select: str | None = None) -> None:
        if self._filling:
            return
        selected = self.selected()
        current = select or (selected.id if selected else None)
        rows = svc.list_stoppages(self.ctx.db, self.current_filter())
        self.model.set_rows(rows)
        fit_columns(self.table, 320)
        opened = sum(1 for r in rows if r.is_open and not r.archived)
        self.count_label.setText(
            ngettext("{n} stansing, {open} åpne", "{n} stansinger, {open} åpne", len(rows)).format(
                n=len(rows), open=opened
            )
        )
        index = next((i for i, r in enumerate(rows) if r.id == current), 0 if rows else -1)
        shown = self._shown
        if index >= 0:
            self.table.selectRow(index)
        if self._shown == shown:  # the selection did not move, so nothing showed it yet
            self._show_selected()

    def selected(self) -> svc.StoppageRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        self._shown += 1
        row = self.selected()
        self.detail.show_stoppage(row.id if row else None)
        filtered = self.show_archived.isChecked() or any(
            combo.currentIndex() > 0
            for combo in (self.area_filter, self.year_filter, self.outcome_filter)
        )
        if row is None and not self.model.rows and not filtered:
            self.detail.title.setText(_("Ingen stansinger registrert ennå."))

    def rows(self) -> list[svc.StoppageRow]:
        return list(self.model.rows)

    # --- actions -------------------------------------------------------------------

    def select_stoppage(self, stoppage_id: str) -> None:
        """Show one stop, widening the filters if they hide it."""
        if not any(r.id == stoppage_id for r in self.model.rows):
            self._filling = True
            for combo in (self.area_filter, self.year_filter, self.outcome_filter):
                combo.setCurrentIndex(0)
            self.show_archived.setChecked(True)
            self._filling = False
        self._fill_table(select=stoppage_id)

    def new_stop(self) -> None:
        row = start_stop(self, self.ctx)
        if row is not None:
            self.select_stoppage(row.id)

    def _detail_changed(self, stoppage_id: str) -> None:
        self.ctx.notify("stoppage")
        self._fill_filters()
        self._fill_table(select=stoppage_id)

    def refresh(self) -> None:
        self._fill_filters()
        self._fill_table()

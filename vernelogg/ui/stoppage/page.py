"""Stansing: the register of stops with filters, and the chosen stop in full.

What the page shows (the filters' areas and years, the rows, and the selected stop in
full) is read in one go on a worker thread (`read_register`); the old rows stay on screen
until the new ones are in. Choosing another row reads that stop the same way (detail.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
from vernelogg.services.areas import AreaInfo
from vernelogg.store.database import Database
from vernelogg.ui.common.loader import PageLoader
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


@dataclass(frozen=True)
class Register:
    """What the page shows, read together on a worker thread."""

    areas: list[AreaInfo] | None  # the filters' choices; None when not read again
    years: list[int] | None
    filter: svc.StoppageFilter  # what the rows were read for
    widened: bool  # the filters hid the stop asked for, so all are shown
    rows: list[svc.StoppageRow]
    detail: svc.StoppageDetail | None  # the row to select, in full


ALL_STOPS = svc.StoppageFilter(include_archived=True)


def read_register(
    db: Database,
    f: svc.StoppageFilter,
    select_id: str | None,
    with_filters: bool,
    widen: bool,
) -> Register:
    """The rows for filter `f`, the filters' areas and years (when asked), and the row to
    select in full: the one with `select_id`, else the first. With `widen`, a stop the
    filter hides is shown with the filters cleared. Runs on a worker thread: no widgets."""
    areas = years = None
    if with_filters:
        areas = area_service.list_areas(db, include_archived=True)
        years = svc.stoppage_years(db)
        if f.area_id is not None and all(a.id != f.area_id for a in areas):
            f = replace(f, area_id=None)  # gone: the filter falls back to all
        if f.year is not None and f.year not in years:
            f = replace(f, year=None)
    rows = svc.list_stoppages(db, f)
    widened = False
    if widen and select_id is not None and all(r.id != select_id for r in rows):
        f, widened = ALL_STOPS, True
        rows = svc.list_stoppages(db, f)
    row = next((r for r in rows if r.id == select_id), rows[0] if rows else None)
    detail = svc.get_stoppage(db, row.id) if row is not None else None
    return Register(areas, years, f, widened, rows, detail)


class StoppagePage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loader = PageLoader(self)
        self._filters_wanted = False  # the filters' choices are read with the next rows
        self._placing = False  # the page itself selects a row: its detail came with it
        self._notifying = False  # telling the other pages; the page reads itself after
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
            combo.currentIndexChanged.connect(self._filter_changed)
        self.show_archived.toggled.connect(self._filter_changed)
        self._filling = False

    # --- loading -------------------------------------------------------------------

    def current_filter(self) -> svc.StoppageFilter:
        return svc.StoppageFilter(
            area_id=self.area_filter.currentData(),
            year=self.year_filter.currentData(),
            outcome=self.outcome_filter.currentData(),
            include_archived=self.show_archived.isChecked(),
        )

    def _load(
        self, select: str | None = None, *, with_filters: bool = False, widen: bool = False
    ) -> None:
        """Read the register for the filters as they are now, on a worker thread; the rows
        on screen stay until the new ones are in. The selection stays on the same stop
        (or moves to `select`)."""
        selected = self.selected()
        current = select or (selected.id if selected else None)
        self._filters_wanted = self._filters_wanted or with_filters
        self.loader.load(
            read_register,
            self.ctx.db,
            self.current_filter(),
            current,
            self._filters_wanted,
            widen,
            then=self._show,
        )

    def is_loading(self) -> bool:
        return self.loader.is_loading() or self.detail.is_loading()

    def _filter_changed(self, *_args) -> None:
        if not self._filling:
            self._load()

    def _show(self, data: Register) -> None:
        self._filling = True
        try:
            if data.areas is not None and data.years is not None:
                self._filters_wanted = False
                self._show_filters(data.areas, data.years)
            f = data.filter
            for combo, value in ((self.area_filter, f.area_id), (self.year_filter, f.year)):
                combo.setCurrentIndex(max(combo.findData(value), 0))
            if data.widened:
                self.outcome_filter.setCurrentIndex(0)
                self.show_archived.setChecked(True)
        finally:
            self._filling = False
        rows = data.rows
        chosen = data.detail.id if data.detail else None
        index = next((i for i, r in enumerate(rows) if r.id == chosen), -1)
        self._placing = True
        try:
            self.model.set_rows(rows)
            fit_columns(self.table, 320)
            if index >= 0:
                self.table.selectRow(index)
        finally:
            self._placing = False
        opened = sum(1 for r in rows if r.is_open and not r.archived)
        self.count_label.setText(
            ngettext("{n} stansing, {open} åpne", "{n} stansinger, {open} åpne", len(rows)).format(
                n=len(rows), open=opened
            )
        )
        self.detail.show_detail(data.detail if index >= 0 else None)
        self._say_when_empty()

    def _show_filters(self, areas: list[AreaInfo], years: list[int]) -> None:
        """Areas and years as they are now (the chosen ones are set after)."""
        self.area_filter.clear()
        self.area_filter.addItem(_("Alle verneområder"), None)
        for a in areas:
            name = _("{name} (arkivert)").format(name=a.name) if a.archived else a.name
            self.area_filter.addItem(name, a.id)
        self.year_filter.clear()
        self.year_filter.addItem(_("Alle år"), None)
        for y in years:
            self.year_filter.addItem(str(y), y)

    def selected(self) -> svc.StoppageRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        """Another row is chosen: its stop is read and shown when it is in."""
        if self._placing:
            return
        row = self.selected()
        self.detail.show_stoppage(row.id if row else None)
        self._say_when_empty()

    def _say_when_empty(self) -> None:
        filtered = self.show_archived.isChecked() or any(
            combo.currentIndex() > 0
            for combo in (self.area_filter, self.year_filter, self.outcome_filter)
        )
        if self.selected() is None and not self.model.rows and not filtered:
            self.detail.title.setText(_("Ingen stansinger registrert ennå."))

    def rows(self) -> list[svc.StoppageRow]:
        return list(self.model.rows)

    # --- actions -------------------------------------------------------------------

    def select_stoppage(self, stoppage_id: str) -> None:
        """Show one stop, widening the filters if they hide it."""
        self._load(stoppage_id, widen=True)

    def new_stop(self) -> None:
        row = start_stop(self, self.ctx)
        if row is not None:
            self.select_stoppage(row.id)

    def _detail_changed(self, stoppage_id: str) -> None:
        self._notifying = True
        try:
            self.ctx.notify("stoppage")
        finally:
            self._notifying = False
        self._load(stoppage_id, with_filters=True)

    def refresh(self) -> None:
        if not self._notifying:  # after a save the page reads itself, with the stop saved
            self._load(with_filters=True)

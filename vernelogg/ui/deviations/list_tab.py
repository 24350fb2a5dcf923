"""The «Avvik» tab: every avvik, paged from SQL, searched as you type, filtered and
sorted by the column headers.

What the tab shows is read on a worker thread: on a refresh the list as filtered with the
areas, years and people of the filter boxes (`read_deviation_tab`), on a change of search,
filter or order the list alone (`read_listing`). The rows on screen stay until the new
ones are in; the newest list asked for wins, and a refresh's choices are shown even when
typing has asked for a newer list meanwhile (so typing never reads them again).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deviations import (
    SEARCH_MAX_CHARS,
    DeviationKind,
    DeviationStatus,
    Severity,
)
from vernelogg.domain.formatting import fmt_date, fmt_datetime, fmt_int
from vernelogg.i18n import N_, _, ngettext, pgettext
from vernelogg.services import deviations as deviation_service
from vernelogg.services.deviations.listing import STATUS_FILTERS, DeviationRow
from vernelogg.services.errors import ServiceError
from vernelogg.store.database import Database
from vernelogg.ui.common.files import CSV, XLSX, ask_save_path
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.table import Column, ListQuery
from vernelogg.ui.common.widgets import make_table
from vernelogg.ui.common.worker import run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.dialogs import area_choices, people_choices
from vernelogg.ui.deviations.loading import (
    PAGE_SIZE,
    Listing,
    LoadedPagedModel,
    NewestList,
    read_listing,
)
from vernelogg.ui.deviations.widgets import (
    MUTED,
    OVERDUE_RED,
    SEVERITY_COLOURS,
    STATUS_COLOURS,
    ChoiceBox,
    translated,
)

SEARCH_DELAY_MS = 80  # coalesce very fast typing; a keystroke's query takes a few ms
COUNT_DELAY_MS = 300  # count all hits of a search once typing pauses
# The filter boxes whose choices come from the database.
CHOICE_KEYS = ("area_id", "year", "responsible_id")


@dataclass(frozen=True)
class FilterChoices:
    areas: list[tuple[str, str]]
    years: list[int]
    people: list[tuple[str, str]]


def read_filter_choices(db: Database) -> FilterChoices:
    """The choices of the area, year and responsible boxes (on a worker thread)."""
    return FilterChoices(
        area_choices(db),
        deviation_service.deviation_years(db),
        people_choices(db),
    )


@dataclass(frozen=True)
class DeviationTabData:
    listing: Listing
    choices: FilterChoices


def read_deviation_tab(
    db: Database, source: deviation_service.DeviationList, query: ListQuery, pages: int
) -> DeviationTabData:
    """Everything the tab shows on a refresh (on a worker thread): the list's first
    `pages` pages and the choices of the filter boxes."""
    listing = read_listing(source, query, PAGE_SIZE, pages, defer_count=True)
    return DeviationTabData(listing, read_filter_choices(db))


def _summary(r: DeviationRow) -> str:
    return _("(konfidensielt – åpne avviket for å lese)") if r.confidential else r.summary


def _open_actions(r: DeviationRow) -> str | None:
    if not r.open_actions:
        return None
    return ngettext("{n} åpent tiltak", "{n} åpne tiltak", r.open_actions).format(n=r.open_actions)


# Titles marked here, translated where the table is made (widgets.translated).
COLUMNS = [
    Column(N_("Nummer"), lambda r: r.number, sort_key="number"),
    Column(
        N_("Dato"),
        lambda r: fmt_date(r.occurred_at),
        sort_key="occurred_at",
        tooltip=lambda r: _("Skjedde {occurred}, meldt av {reporter}").format(
            occurred=fmt_datetime(r.occurred_at), reporter=r.reporter
        ),
    ),
    Column(N_("Verneområde"), lambda r: r.area_name, sort_key="area"),
    Column(N_("Type"), lambda r: r.kind.label, sort_key="kind"),
    Column(
        N_("Alvorlighet"),
        lambda r: r.severity.label,
        sort_key="severity",
        foreground=lambda r: SEVERITY_COLOURS.get(r.severity),
    ),
    Column(
        N_("Status"),
        lambda r: r.status.label,
        sort_key="status",
        foreground=lambda r: STATUS_COLOURS.get(r.status),
        tooltip=_open_actions,
    ),
    Column(
        N_("Hva skjedde"),
        _summary,
        foreground=lambda r: MUTED if r.confidential else None,
        tooltip=lambda r: None if r.confidential else r.summary,
    ),
    Column(N_("Ansvarlig"), lambda r: r.responsible_name or "", sort_key="responsible"),
    Column(
        N_("Frist"),
        lambda r: fmt_date(r.deadline),
        sort_key="deadline",
        foreground=lambda r: OVERDUE_RED if r.overdue else None,
        tooltip=lambda r: _("Fristen er passert") if r.overdue else None,
    ),
]
WIDTHS = [98, 80, 118, 104, 88, 116, 200, 110, 80]
DESCRIPTION_COLUMN = 6
DEFAULT_SORT_COLUMN = 1  # Dato, newest first


class DeviationsTab(NewestList, QWidget):
    """Search box, filters and the paged list. `open_requested(id)` opens one avvik."""

    read_with_choices = staticmethod(read_deviation_tab)
    listing_args = (True,)  # a search counts its hits once typing pauses
    fetching_text = N_("Henter avvik …")

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = deviation_service.DeviationList(ctx.db, ctx.today)
        # Nothing is read here: the page's refresh() loads the tab on a worker thread.
        self.loader = PageLoader(self)  # the list, as search, filters and order change
        self.refresh_loader = PageLoader(self)  # the list with the filter boxes' choices
        self._asked = self._answered = 0  # lists asked for; the newest one answered
        self._filling = False
        self._loaded = False  # the first rows are in
        self._wanted: dict[str, Any] = {}  # filters set before the boxes had the choice
        self._keep: str | None = None  # the avvik to select when the list is in
        self._first_after_search = False
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        # Each widget is made in its place (parent first): see widgets.tab_parent.
        self.new_button = QPushButton(_("Meld avvik …"), self)
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(self.new_requested)
        self.search = QLineEdit(self)
        self.search.setMaxLength(SEARCH_MAX_CHARS)
        self.search.setPlaceholderText(_("Søk i nummer, tekst, sted, årsak, meldt av … (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.export_button = QPushButton(_("Eksporter …"), self)
        self.export_button.setToolTip(_("Excel (.xlsx) eller CSV med filtrene som er valgt"))
        self.export_button.clicked.connect(lambda: self.export())
        top.addWidget(self.new_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.area = ChoiceBox(empty=_("Alle områder"), parent=self)
        self.status = ChoiceBox(
            [(_(label), key) for key, label in STATUS_FILTERS.items()]
            + [(s.label, s.value) for s in DeviationStatus],
            empty=_("Alle statuser"),
            parent=self,
        )
        self.kind = ChoiceBox(
            [(k.label, k.value) for k in DeviationKind], empty=_("Alle typer"), parent=self
        )
        self.severity = ChoiceBox(
            [(s.label, s.value) for s in Severity], empty=_("Alle alvorlighetsgrader"), parent=self
        )
        self.year = ChoiceBox(empty=_("Alle år"), parent=self)
        self.responsible = ChoiceBox(empty=_("Alle ansvarlige"), parent=self)
        self.reset_button = QPushButton(_("Nullstill"), self)
        self.reset_button.clicked.connect(self.reset_filters)
        self.filter_boxes = {
            "area_id": self.area,
            "status": self.status,
            "kind": self.kind,
            "severity": self.severity,
            "year": self.year,
            "responsible_id": self.responsible,
        }
        for key, box in self.filter_boxes.items():
            box.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda *_args, key=key: self._chosen(key))
            box.currentIndexChanged.connect(self.apply)
            filters.addWidget(box)
        filters.addWidget(self.reset_button)
        filters.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("pageSubtitle")
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.model = LoadedPagedModel(
            translated(COLUMNS), self.source, page_size=PAGE_SIZE, defer_count_ms=COUNT_DELAY_MS
        )
        self.model.count_changed.connect(lambda *_args: self._show_count())
        self.view = make_table(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            self.view.setColumnWidth(column, width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DESCRIPTION_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(DEFAULT_SORT_COLUMN, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)  # sorts once: newest first
        self.model.sort_requested.connect(self.apply)
        self.view.doubleClicked.connect(lambda *_args: self.open_selected())
        for keys in ("Return", "Enter"):
            QShortcut(
                QKeySequence(keys),
                self.view,
                context=Qt.ShortcutContext.WidgetShortcut,
            ).activated.connect(self.open_selected)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda *_args: self._timer.start())
        self.search.returnPressed.connect(self._search_now)

    # --- query ---------------------------------------------------------------------

    def query(self) -> ListQuery:
        filters = {k: box.value() for k, box in self.filter_boxes.items() if box.value()}
        filters.update({k: v for k, v in self._wanted.items() if v})
        return ListQuery(
            search=self.search.text(),
            filters=filters,
            sort=self.model.sort_key,
            descending=self.model.sort_descending,
        )

    def is_loading(self) -> bool:
        loaders = (self.loader, self.refresh_loader, self.model)
        return any(loader.is_loading() for loader in loaders)

    def _show(self, listing: Listing) -> None:
        self._loaded = True
        self.model.show_loaded(listing)
        keep, self._keep = self._keep, None
        if keep is not None:
            self.select(keep)
        if self._first_after_search:
            self._first_after_search = False
            if self.model.rowCount():
                self.view.setFocus()
                self.view.selectRow(0)

    def _chosen(self, key: str) -> None:
        if not self._filling:  # the person chose: a filter still waiting for its box goes
            self._wanted.pop(key, None)

    def _search_now(self) -> None:
        self._first_after_search = True
        self.apply()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        query = self.model.query
        narrowed = bool(query.search.strip()) or bool(query.filters)
        if not n:
            self.count_label.setText(_("Ingen avvik"))
            return
        shown = fmt_int(n) + ("" if self.model.count_is_exact else "+")
        if narrowed:
            text = ngettext("{n} avvik funnet", "{n} avvik funnet", n)
        else:
            text = ngettext("{n} avvik", "{n} avvik", n)
        self.count_label.setText(text.format(n=shown))

    def reset_filters(self) -> None:
        self._filling = True
        self._wanted.clear()
        for box in self.filter_boxes.values():
            box.set_value(None)
        self.search.clear()
        self._filling = False
        self.apply()

    def show_filtered(self, search: str = "", **filters: object) -> None:
        """Show the avvik that match exactly these filters (keys of `filter_boxes`),
        e.g. from a figure on the overview. A choice the box does not have yet (its
        choices are still being read) is asked for all the same, and chosen in the box
        when the choices are in."""
        self._filling = True
        self._wanted.clear()
        for key, box in self.filter_boxes.items():
            value = filters.get(key)
            box.set_value(value)
            if value is not None and box.findData(value) < 0 and key in CHOICE_KEYS:
                self._wanted[key] = value
        self.search.setText(search)
        self._filling = False
        self.apply()

    def _fill_choices(self, choices: FilterChoices) -> None:
        """Areas, years and people change: fill the boxes again, keeping the choice (or
        making the one asked for before the boxes had it)."""
        before = self._choice_filters()
        self._filling = True
        wanted, self._wanted = self._wanted, {}
        self.area.set_choices(choices.areas)
        self.year.set_choices([(str(y), y) for y in choices.years])
        self.responsible.set_choices([(_("— uten ansvarlig —"), "none"), *choices.people])
        for key, value in wanted.items():
            self.filter_boxes[key].set_value(value)
        self._filling = False
        if self._choice_filters() != before:
            self.apply()  # a choice that is gone (an area deleted meanwhile): list without it

    def _choice_filters(self) -> dict[str, str]:
        """The filters of the boxes filled from the database, as the list is asked for."""
        return {k: str(v) for k, v in self.query().filters.items() if k in CHOICE_KEYS}

    # --- selection -----------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_requested.emit(row.id)

    # --- export --------------------------------------------------------------------

    def export(self, path: str | None = None):
        from vernelogg.services.deviations.export import export_deviations

        if not path:
            name = pgettext("filnavn", "avvik") + ".xlsx"
            chosen = ask_save_path(self, _("Eksporter avvik"), name, [XLSX, CSV])
            if chosen is None:
                return None
            path = str(chosen)
        self.export_button.setEnabled(False)
        self.export_button.setText(_("Eksporterer …"))

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.export_button.setText(_("Eksporter …"))
            self.last_export = (Path(path), count)
            self.ctx.tell(
                ngettext(
                    "Eksporterte {n} avvik til {path}", "Eksporterte {n} avvik til {path}", count
                ).format(n=count, path=path)
            )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.export_button.setText(_("Eksporter …"))
            show_error(self, str(error) if isinstance(error, ServiceError) else repr(error))

        return run_task(
            export_deviations,
            self.ctx.db,
            Path(path),
            self.query(),
            self.ctx.today(),
            on_done=done,
            on_error=failed,
        )

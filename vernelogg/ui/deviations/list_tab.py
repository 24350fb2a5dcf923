"""The «Avvik» tab: every avvik, paged from SQL, searched as you type, filtered and
sorted by the column headers."""

from __future__ import annotations

from pathlib import Path

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
from vernelogg.services import areas as area_service
from vernelogg.services import deviations as deviation_service
from vernelogg.services.deviations.export import export_deviations
from vernelogg.services.deviations.listing import STATUS_FILTERS, DeviationRow
from vernelogg.services.errors import ServiceError
from vernelogg.ui.common.files import CSV, XLSX, ask_save_path
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.table import Column, ListQuery, PagedModel
from vernelogg.ui.common.widgets import make_table
from vernelogg.ui.common.worker import run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.dialogs import people_choices
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


class DeviationsTab(QWidget):
    """Search box, filters and the paged list. `open_requested(id)` opens one avvik."""

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = deviation_service.DeviationList(ctx.db, ctx.today)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.new_button = QPushButton(_("Meld avvik …"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(self.new_requested)
        self.search = QLineEdit()
        self.search.setMaxLength(SEARCH_MAX_CHARS)
        self.search.setPlaceholderText(_("Søk i nummer, tekst, sted, årsak, meldt av … (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.export_button = QPushButton(_("Eksporter …"))
        self.export_button.setToolTip(_("Excel (.xlsx) eller CSV med filtrene som er valgt"))
        self.export_button.clicked.connect(lambda: self.export())
        top.addWidget(self.new_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.area = ChoiceBox(empty=_("Alle områder"))
        self.status = ChoiceBox(
            [(_(label), key) for key, label in STATUS_FILTERS.items()]
            + [(s.label, s.value) for s in DeviationStatus],
            empty=_("Alle statuser"),
        )
        self.kind = ChoiceBox([(k.label, k.value) for k in DeviationKind], empty=_("Alle typer"))
        self.severity = ChoiceBox(
            [(s.label, s.value) for s in Severity], empty=_("Alle alvorlighetsgrader")
        )
        self.year = ChoiceBox(empty=_("Alle år"))
        self.responsible = ChoiceBox(empty=_("Alle ansvarlige"))
        self.reset_button = QPushButton(_("Nullstill"))
        self.reset_button.clicked.connect(self.reset_filters)
        self.filter_boxes = {
            "area_id": self.area,
            "status": self.status,
            "kind": self.kind,
            "severity": self.severity,
            "year": self.year,
            "responsible_id": self.responsible,
        }
        for box in self.filter_boxes.values():
            box.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(self.apply)
            filters.addWidget(box)
        filters.addWidget(self.reset_button)
        filters.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.model = PagedModel(
            translated(COLUMNS), self.source, page_size=100, defer_count_ms=COUNT_DELAY_MS
        )
        self.model.count_changed.connect(lambda *_args: self._show_count())
        self.view = make_table()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            self.view.setColumnWidth(column, width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DESCRIPTION_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(DEFAULT_SORT_COLUMN, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)  # sorts once: newest first
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
        self._filling = False
        self.fill_filters()
        self.apply()

    # --- query ---------------------------------------------------------------------

    def query(self) -> ListQuery:
        filters = {k: box.value() for k, box in self.filter_boxes.items() if box.value()}
        return ListQuery(
            search=self.search.text(),
            filters=filters,
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def apply(self) -> None:
        if self._filling:
            return
        self._timer.stop()
        self.model.set_query(self.query())

    def _search_now(self) -> None:
        self.apply()
        if self.model.rowCount():
            self.view.setFocus()
            self.view.selectRow(0)

    def _show_count(self) -> None:
        n = self.model.rowCount()
        narrowed = bool(self.search.text().strip()) or any(
            b.value() for b in self.filter_boxes.values()
        )
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
        for box in self.filter_boxes.values():
            box.set_value(None)
        self.search.clear()
        self._filling = False
        self.apply()

    def show_filtered(self, search: str = "", **filters: object) -> None:
        """Show the avvik that match exactly these filters (keys of `filter_boxes`),
        e.g. from a figure on the overview."""
        self._filling = True
        for key, box in self.filter_boxes.items():
            box.set_value(filters.get(key))
        self.search.setText(search)
        self._filling = False
        self.apply()

    def fill_filters(self) -> None:
        """Areas, years and people change: fill the boxes again, keeping the choice."""
        self._filling = True
        self.area.set_choices([(a.name, a.id) for a in area_service.list_areas(self.ctx.db)])
        self.year.set_choices([(str(y), y) for y in deviation_service.deviation_years(self.ctx.db)])
        self.responsible.set_choices(
            [(_("— uten ansvarlig —"), "none"), *people_choices(self.ctx.db)]
        )
        self._filling = False

    def refresh(self) -> None:
        current = self.selected()
        self.fill_filters()
        self.apply()
        if current is not None:
            self.select(current.id)

    # --- selection -----------------------------------------------------------------

    def selected(self) -> DeviationRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, deviation_id: str, within: int = 300) -> bool:
        """Select the avvik if it is among the first rows (after saving a new one)."""
        for row in range(min(self.model.rowCount(), within)):
            r = self.model.row_at(row)
            if r is not None and r.id == deviation_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_requested.emit(row.id)

    # --- export --------------------------------------------------------------------

    def export(self, path: str | None = None):
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

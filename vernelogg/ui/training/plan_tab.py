"""Årshjul: a year view of the plan, each planned date and whether it was done.

Top: one row per activity, one column per month; each cell shows the planned days and a
tick when done, coloured (done, not done, soon, planned). Below: every planned date of
the year in a list whose first column is a checkbox: tick it to mark the date done.
The year is read on a worker thread (`read_plan`) and shown when it is in. A tick, and
archiving an activity, are written on the worker thread: the tick shows at once, and no
other is taken until the write is done and the year read again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _, month_name
from vernelogg.services import annual_plan
from vernelogg.services import areas as area_service
from vernelogg.services.rule_settings import load_rule_settings
from vernelogg.store.database import Database
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, fit_columns, make_table
from vernelogg.ui.common.writes import Writes
from vernelogg.ui.context import AppContext


def month_heading(month: int) -> str:
    """The month's short name in the current language (the locale's, not a list of ours)."""
    return month_name(month, "abbreviated")


STATE_BACKGROUND = {
    "done": "#e6f4ea",
    "overdue": "#fdecea",
    "due_soon": "#fff6d6",
    "planned": "#eef3fa",
}
STATE_FOREGROUND = {
    "done": STATUS_COLORS["ok"],
    "overdue": STATUS_COLORS["overdue"],
    "due_soon": STATUS_COLORS["due_soon"],
    "planned": "#17324d",
}

Index = QModelIndex | QPersistentModelIndex


class OccurrenceModel(RowsModel):
    """Rows of occurrences; column 0 is a checkbox that ticks the date done.

    A tick being written shows at once (`pending`, until the year is read again), and
    while one is written (`writing()`) no checkbox can be ticked."""

    def __init__(self, columns: list[Column], on_toggle: Callable[[Any, bool], bool]) -> None:
        super().__init__(columns)
        self.on_toggle = on_toggle
        self.pending: dict[tuple[str, date], bool] = {}  # (activity, planned): ticked
        self.writing: Callable[[], bool] = lambda: False
        self.reading: Callable[[], bool] = lambda: False

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0 and not self.writing():
            row = self.rows[index.row()]
            if row.source != "auto":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def is_done(self, row: annual_plan.Occurrence) -> bool:
        """Ticked: as being written (or written, and the year being read again), else as
        read. A tick whose write failed unexpectedly is shown as read."""
        if self.pending and (self.writing() or self.reading()):
            return self.pending.get((row.activity.id, row.planned), row.done)
        return row.done

    def mark_pending(self, row: annual_plan.Occurrence, done: bool) -> None:
        self.pending[(row.activity.id, row.planned)] = done
        for i, other in enumerate(self.rows):
            if other is row:
                index = self.index(i, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            done = self.is_done(self.rows[index.row()])
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.on_toggle(self.rows[index.row()], checked)
        return False


@dataclass(frozen=True)
class PlanData:
    """The plan of one year (in one area, or all)."""

    due_soon_days: int
    areas: list[area_service.AreaInfo]  # for the area filter
    activities: list[annual_plan.ActivityInfo]
    occurrences: list[annual_plan.Occurrence]


def read_plan(db: Database, year: int, area_id: str | None) -> PlanData:
    """On a worker thread: the rules' «soon», the areas, and the year's activities and
    planned dates in the area (`None`: all)."""
    return PlanData(
        load_rule_settings(db).due_soon_days,
        area_service.list_areas(db),
        [a for a in annual_plan.list_activities(db) if not area_id or a.area_id == area_id],
        annual_plan.year_occurrences(db, year, area_id=area_id),
    )


class PlanTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.due_soon_days = 60
        self.occurrences: list[annual_plan.Occurrence] = []
        self.activities: list[annual_plan.ActivityInfo] = []
        self.loader = PageLoader(self)
        self.writes = Writes(self)  # a tick, «Arkiver» on the worker thread
        self._wanted: tuple[str, date | None] | None = None  # (activity, date) to select
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(_("Forrige år"))
        self.prev_button.setFixedWidth(34)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today().year)
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(_("Neste år"))
        self.next_button.setFixedWidth(34)
        self.prev_button.clicked.connect(lambda: self.year.setValue(self.year.value() - 1))
        self.next_button.clicked.connect(lambda: self.year.setValue(self.year.value() + 1))
        self.year.valueChanged.connect(lambda *_: self.refresh())
        self.area_filter = QComboBox()
        self.area_filter.addItem(_("Alle verneområder"), None)
        self.area_filter.currentIndexChanged.connect(lambda *_: self.refresh())
        for w in (self.prev_button, self.year, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(10)
        bar.addWidget(QLabel(_("Område")))
        bar.addWidget(self.area_filter)
        bar.addSpacing(10)
        self.new_button = QPushButton(_("Ny aktivitet …"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(self.new_activity)
        self.edit_button = QPushButton(_("Endre …"))
        self.edit_button.clicked.connect(self.edit_activity)
        self.archive_button = QPushButton(_("Arkiver"))
        self.archive_button.clicked.connect(self.archive_activity)
        self.done_button = QPushButton(_("Utført …"))
        self.done_button.setToolTip(_("Marker valgt dato som utført, med dato og merknad"))
        self.done_button.clicked.connect(self.mark_done_with_dialog)
        for b in (self.new_button, self.edit_button, self.archive_button, self.done_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)

        split = QSplitter(Qt.Orientation.Vertical)
        self.grid = QTableWidget(0, 13)
        self.grid.setHorizontalHeaderLabels(
            [_("Aktivitet"), *(month_heading(m) for m in range(1, 13))]
        )
        self.grid.verticalHeader().hide()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 13):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, 58)
        self.grid.verticalHeader().setDefaultSectionSize(24)
        self.grid.currentCellChanged.connect(lambda *_: self._grid_selected())
        self.grid.activated.connect(lambda *_: self.edit_activity())
        split.addWidget(self.grid)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        title_row = QHBoxLayout()
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: 600;")
        title_row.addWidget(self.list_title)
        title_row.addStretch(1)
        self.show_all = QCheckBox(_("Vis alle aktiviteter"))
        self.show_all.setToolTip(
            _("Alle planlagte datoer i året, ikke bare den valgte aktiviteten")
        )
        self.show_all.toggled.connect(lambda *_: self._fill_list())
        title_row.addWidget(self.show_all)
        lower_layout.addLayout(title_row)
        self.model = OccurrenceModel(
            [
                Column(
                    _("Utført"),
                    lambda o: fmt_date(o.done_date) if o.done else "",
                    tooltip=lambda o: (
                        _("Funnet i registreringene (f.eks. en gjennomført vernerunde)")
                        if o.source == "auto"
                        else _("Kryss av når det er gjort")
                    ),
                ),
                Column(_("Planlagt"), lambda o: fmt_date(o.planned)),
                Column(_("Aktivitet"), lambda o: o.activity.title),
                Column(_("Type"), lambda o: o.activity.kind_label),
                Column(_("Verneområde"), lambda o: o.activity.area_name or ""),
                Column(
                    _("Status"),
                    lambda o: annual_plan.state_label(o.state(ctx.today(), self.due_soon_days)),
                    foreground=lambda o: STATE_FOREGROUND[o.state(ctx.today(), self.due_soon_days)],
                ),
                Column(_("Gjentas"), lambda o: o.activity.schedule_text),
                Column(_("Merknad"), lambda o: o.note),
            ],
            self.toggle,
        )
        self.model.writing = lambda: self.writes.busy()
        self.model.reading = lambda: self.loader.is_loading()
        self.view = make_table()
        self.view.setModel(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        QShortcut(
            QKeySequence(Qt.Key.Key_Space),
            self.view,
            context=Qt.ShortcutContext.WidgetShortcut,
        ).activated.connect(self.toggle_current)
        lower_layout.addWidget(self.view, 1)
        split.addWidget(lower)
        split.setSizes([380, 260])
        layout.addWidget(split, 1)
        self.legend = QLabel(
            _(
                "Farger: <span style='color:#1e7d34'>■ utført</span> &nbsp; "
                "<span style='color:#b3261e'>■ ikke utført</span> &nbsp; "
                "<span style='color:#9a6700'>■ snart</span> &nbsp; "
                "<span style='color:#17324d'>■ planlagt</span>. "
                "Kryss av i listen (eller mellomrom) når noe er gjort."
            )
        )
        self.legend.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.legend)

    # --- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the chosen year on a worker thread; the old plan stays until it is in."""
        self.loader.load(
            read_plan,
            self.ctx.db,
            self.year.value(),
            self.area_filter.currentData(),
            then=self._show,
        )

    def is_loading(self) -> bool:
        """Whether the year is being read, or a tick or «Arkiver» is being written (the
        year is read again after it)."""
        return self.loader.is_loading() or self.writes.busy()

    def _show(self, data: PlanData) -> None:
        if not self.writes.busy():
            self.model.pending.clear()  # the ticks written are in what was read
        self.due_soon_days = data.due_soon_days
        self._fill_areas(data.areas)
        self.activities = data.activities
        self.occurrences = data.occurrences
        self._fill_grid()
        self._fill_list()
        if self._wanted is not None:
            activity_id, planned = self._wanted
            self._wanted = None
            if planned is None:
                self._select_activity(activity_id)
            else:
                self.show_occurrence(activity_id, planned)

    def _fill_areas(self, areas: list[area_service.AreaInfo]) -> None:
        current = self.area_filter.currentData()
        self.area_filter.blockSignals(True)
        while self.area_filter.count() > 1:
            self.area_filter.removeItem(1)
        for a in areas:
            self.area_filter.addItem(a.name, a.id)
        self.area_filter.setCurrentIndex(max(0, self.area_filter.findData(current)))
        self.area_filter.blockSignals(False)

    def _fill_grid(self) -> None:
        today = self.ctx.today()
        current_row = self.grid.currentRow()
        self.grid.setRowCount(len(self.activities))
        by_activity: dict[str, list[annual_plan.Occurrence]] = {}
        for o in self.occurrences:
            by_activity.setdefault(o.activity.id, []).append(o)
        for row, a in enumerate(self.activities):
            title = QTableWidgetItem(a.title)
            title.setToolTip(f"{a.kind_label}\n{a.schedule_text}")
            title.setData(Qt.ItemDataRole.UserRole, a.id)
            self.grid.setItem(row, 0, title)
            months: dict[int, list[annual_plan.Occurrence]] = {}
            for o in by_activity.get(a.id, []):
                months.setdefault(o.planned.month, []).append(o)
            for month in range(1, 13):
                found = months.get(month, [])
                cell = QTableWidgetItem()
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if found:
                    states = [o.state(today, self.due_soon_days) for o in found]
                    worst = next(
                        (s for s in ("overdue", "due_soon", "planned", "done") if s in states),
                        "planned",
                    )
                    cell.setText(
                        " ".join(f"{o.planned.day}{' ✓' if o.done else ''}" for o in found)
                    )
                    cell.setBackground(QBrush(QColor(STATE_BACKGROUND[worst])))
                    cell.setForeground(QBrush(QColor(STATE_FOREGROUND[worst])))
                    cell.setToolTip(
                        "\n".join(
                            f"{fmt_date(o.planned)}: "
                            + annual_plan.state_label(o.state(today, self.due_soon_days))
                            + (f" {fmt_date(o.done_date)}" if o.done else "")
                            for o in found
                        )
                    )
                self.grid.setItem(row, month, cell)
        this_year = self.year.value() == today.year
        for month in range(1, 13):
            head = self.grid.horizontalHeaderItem(month)
            assert head is not None  # set with the header labels
            font = head.font()
            font.setBold(this_year and month == today.month)
            head.setFont(font)
            name = month_heading(month)
            head.setText(name.upper() if this_year and month == today.month else name)
        rows = max(1, len(self.activities))
        self.grid.setMinimumHeight(min(32 + rows * 24, 380))
        if self.activities:
            self.grid.setCurrentCell(max(0, min(current_row, len(self.activities) - 1)), 0)
        else:
            self.grid.setRowCount(1)
            empty = QTableWidgetItem(
                _("Årshjulet er tomt – legg inn aktiviteter med «Ny aktivitet».")
            )
            self.grid.setItem(0, 0, empty)

    def _fill_list(self) -> None:
        selected = None if self.show_all.isChecked() else self.selected_activity()
        rows = [o for o in self.occurrences if selected is None or o.activity.id == selected.id]
        self.model.set_rows(rows)
        fit_columns(self.view, max_width=260)
        done = sum(1 for o in rows if o.done)
        if selected:
            title = _("Planlagte datoer {year} for «{activity}»: {done} av {total} utført")
        else:
            title = _("Planlagte datoer {year} for alle aktiviteter: {done} av {total} utført")
        self.list_title.setText(
            title.format(
                year=self.year.value(),
                activity=selected.title if selected else "",
                done=done,
                total=len(rows),
            )
        )
        self._update_buttons()

    def _grid_selected(self) -> None:
        self._fill_list()
        # Select the first date in the month of the clicked cell.
        col = self.grid.currentColumn()
        if col >= 1:
            for i, o in enumerate(self.model.rows):
                if o.planned.month == col:
                    self.view.selectRow(i)
                    break

    def selected_activity(self) -> annual_plan.ActivityInfo | None:
        row = self.grid.currentRow()
        item = self.grid.item(row, 0) if row >= 0 else None
        activity_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((a for a in self.activities if a.id == activity_id), None)

    def selected_occurrence(self) -> annual_plan.Occurrence | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has_activity = self.selected_activity() is not None
        busy = self.writes.busy()
        self.edit_button.setEnabled(has_activity)
        self.archive_button.setEnabled(has_activity and not busy)
        occurrence = self.selected_occurrence()
        self.done_button.setEnabled(
            occurrence is not None and occurrence.source != "auto" and not busy
        )

    def show_occurrence(self, activity_id: str, planned: date) -> bool:
        """Show the year of ``planned`` and select that date of the activity. While the
        year is being read, the date is selected when it is in (and False is returned)."""
        self.area_filter.setCurrentIndex(0)  # reads again when another area was chosen
        self.show_all.setChecked(False)
        if self.year.value() != planned.year:
            self.year.setValue(planned.year)  # reads that year
        if self.is_loading():
            self._wanted = (activity_id, planned)
            return False
        for row, a in enumerate(self.activities):
            if a.id == activity_id:
                self.grid.setCurrentCell(row, planned.month)
                break
        for i, o in enumerate(self.model.rows):
            if o.activity.id == activity_id and o.planned == planned:
                self.view.selectRow(i)
                self.view.setFocus()
                return True
        return False

    # --- actions ---------------------------------------------------------------------------

    def toggle(self, occurrence: annual_plan.Occurrence, checked: bool) -> bool:
        """Tick a date done (or take the tick back) on the worker thread; the tick shows
        at once. False when another tick is still being written (nothing is started)."""
        if self.writes.busy():
            return False
        today = self.ctx.today()
        if checked:
            work = partial(
                annual_plan.mark_done,
                self.ctx.db,
                occurrence.activity.id,
                occurrence.planned,
                done_date=annual_plan.default_done_date(occurrence.planned, today),
                today=today,
            )
        else:
            work = partial(
                annual_plan.unmark_done, self.ctx.db, occurrence.activity.id, occurrence.planned
            )
        self.model.mark_pending(occurrence, checked)
        self.writes.run(
            [self.done_button, self.archive_button],
            work,
            then=lambda _none: self._ticked(occurrence),
            refused=lambda: self._ticked(occurrence, refused=True),
        )
        return True

    def _ticked(self, occurrence: annual_plan.Occurrence, refused: bool = False) -> None:
        if refused:  # the tick as it was
            self.model.pending.pop((occurrence.activity.id, occurrence.planned), None)
        self._after_change(occurrence)

    def toggle_current(self) -> None:
        o = self.selected_occurrence()
        if o is not None and o.source != "auto":
            self.toggle(o, not self.model.is_done(o))

    def _after_change(self, occurrence: annual_plan.Occurrence) -> None:
        self._wanted = (occurrence.activity.id, occurrence.planned)
        self.ctx.notify("plan")  # the page reads the plan again
        if not self.loader.is_loading():
            self.refresh()

    def mark_done_with_dialog(self) -> None:
        o = self.selected_occurrence()
        if o is None or o.source == "auto":
            return
        from vernelogg.ui.training.plan_dialogs import DoneDialog

        if DoneDialog(self.ctx.db, self.ctx.today(), o, parent=self).exec():
            self._after_change(o)

    def new_activity(self) -> None:
        from vernelogg.ui.training.plan_dialogs import ActivityDialog

        dialog = ActivityDialog(
            self.ctx.db, self.ctx.today(), area_id=self.area_filter.currentData(), parent=self
        )
        if dialog.exec():
            self._wanted = (dialog.saved().id, None)  # selected when the plan is read
            self.ctx.notify("plan")
            if not self.is_loading():
                self.refresh()

    def edit_activity(self) -> None:
        activity = self.selected_activity()
        if activity is None:
            return
        from vernelogg.ui.training.plan_dialogs import ActivityDialog

        if ActivityDialog(self.ctx.db, self.ctx.today(), activity=activity, parent=self).exec():
            self.ctx.notify("plan")

    def _select_activity(self, activity_id: str) -> None:
        for row, a in enumerate(self.activities):
            if a.id == activity_id:
                self.grid.setCurrentCell(row, 0)

    def archive_activity(self) -> None:
        activity = self.selected_activity()
        if activity is None or self.writes.busy():
            return
        if not confirm(
            self,
            _("Arkiver aktivitet"),
            _("Ta «{activity}» ut av årshjulet? Det som er krysset av, beholdes.").format(
                activity=activity.title
            ),
            yes=_("Arkiver"),
        ):
            return
        # Written on the worker thread; «Arkiver» waits until it is done.
        self.writes.run(
            [self.archive_button, self.done_button],
            partial(annual_plan.archive_activity, self.ctx.db, activity.id),
            then=lambda _none: self.ctx.notify("plan"),
            refused=lambda: self.ctx.notify("plan"),
        )

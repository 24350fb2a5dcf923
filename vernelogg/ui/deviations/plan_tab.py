"""The «Handlingsplan» tab: every open action in the undertaking, overdue ones in red,
filtered by area, owner, status, deadline and source, searched and sorted."""

from __future__ import annotations

from datetime import timedelta
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

from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import SEARCH_MAX_CHARS
from vernelogg.domain.formatting import fmt_date, fmt_int
from vernelogg.errors import UserError
from vernelogg.i18n import N_, _, ngettext, pgettext
from vernelogg.services import actions as action_service
from vernelogg.services import areas as area_service
from vernelogg.services.action_plan import (
    STATUS_FILTERS,
    ActionPlan,
    ActionRow,
    action_owners,
    export_actions,
)
from vernelogg.services.errors import ServiceError
from vernelogg.ui.common.files import CSV, XLSX, ask_save_path
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.table import Column, ListQuery, PagedModel
from vernelogg.ui.common.widgets import make_table
from vernelogg.ui.common.worker import run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.dialogs import ActionDialog
from vernelogg.ui.deviations.widgets import (
    ACTION_STATUS_COLOURS,
    OVERDUE_BACKGROUND,
    OVERDUE_RED,
    ChoiceBox,
    translated,
)

DEADLINE_FILTERS = [
    (N_("Forfalt"), "overdue"),
    (N_("Innen 7 dager"), "7"),
    (N_("Innen 30 dager"), "30"),
    (N_("Uten frist"), "none"),
]


def _background(r: ActionRow) -> str | None:
    return OVERDUE_BACKGROUND if r.overdue else None


def _deadline(r: ActionRow) -> str:
    if r.overdue:
        return _("{date} ({days} d over)").format(date=fmt_date(r.deadline), days=r.days_overdue)
    return fmt_date(r.deadline) or "—"


def _col(title, value, sort_key=None, **kw) -> Column:
    return Column(title, value, sort_key=sort_key, background=_background, **kw)


# Titles marked here, translated where the table is made (widgets.translated).
COLUMNS = [
    _col(N_("Tiltak"), lambda r: r.title, "title", tooltip=lambda r: r.description or None),
    _col(N_("Verneområde"), lambda r: r.area_name or _("Hele virksomheten"), "area"),
    _col(N_("Ansvarlig"), lambda r: r.owner_name or _("— ingen —"), "owner"),
    _col(
        N_("Frist"),
        _deadline,
        "deadline",
        foreground=lambda r: OVERDUE_RED if r.overdue else None,
        tooltip=lambda r: _("Fristen er passert") if r.overdue else None,
    ),
    _col(
        N_("Status"),
        lambda r: r.status.label,
        "status",
        foreground=lambda r: ACTION_STATUS_COLOURS.get(r.status),
    ),
    _col(N_("Kilde"), lambda r: r.source_text, "source"),
    _col(N_("Utført"), lambda r: fmt_date(r.done_date), "done_date"),
]
WIDTHS = [240, 150, 130, 168, 90, 140, 84]
TITLE_COLUMN, DONE_COLUMN = 0, 6


class ActionPlanTab(QWidget):
    """`open_source(kind, id)` asks the page to open what the action came from."""

    open_source = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = ActionPlan(ctx.db, ctx.today)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.new_button = QPushButton(_("Nytt tiltak …"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(self.new_action)
        self.edit_button = QPushButton(_("Endre …"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button = QPushButton(_("Marker som utført"))
        self.done_button.setToolTip("Ctrl+D")  # i18n-ignore
        self.done_button.clicked.connect(self.mark_done)
        self.source_button = QPushButton(_("Åpne avviket"))
        self.source_button.clicked.connect(self.open_selected_source)
        self.search = QLineEdit()
        self.search.setMaxLength(SEARCH_MAX_CHARS)
        self.search.setPlaceholderText(_("Søk i tiltak og avviksnummer … (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.export_button = QPushButton(_("Eksporter …"))
        self.export_button.clicked.connect(lambda: self.export())
        for w in (self.new_button, self.edit_button, self.done_button, self.source_button):
            top.addWidget(w)
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.status = ChoiceBox(
            [(_(label), key) for key, label in STATUS_FILTERS.items()]
            + [(s.label, s.value) for s in ActionStatus]
        )
        self.status.set_value("open")
        self.area = ChoiceBox(empty=_("Alle områder"))
        self.owner = ChoiceBox(empty=_("Alle ansvarlige"))
        self.deadline = ChoiceBox(
            [(_(label), key) for label, key in DEADLINE_FILTERS], empty=_("Alle frister")
        )
        self.kind = ChoiceBox([(k.label, k.value) for k in ActionSource], empty=_("Alle kilder"))
        for box in (self.status, self.area, self.owner, self.deadline, self.kind):
            box.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(self.apply)
            filters.addWidget(box)
        filters.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.model = PagedModel(translated(COLUMNS), self.source, page_size=100)
        self.view = make_table()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            self.view.setColumnWidth(column, width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.doubleClicked.connect(lambda *_args: self.edit_selected())
        self.view.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        for keys in ("Return", "Enter"):
            QShortcut(
                QKeySequence(keys),
                self.view,
                context=Qt.ShortcutContext.WidgetShortcut,
            ).activated.connect(self.edit_selected)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda *_args: self._timer.start())
        self._filling = False
        self.fill_filters()
        self.apply()

    def query(self) -> ListQuery:
        today = self.ctx.today()
        filters: dict = {"status": self.status.value() or "open"}
        if self.area.value():
            filters["area_id"] = self.area.value()
        if self.owner.value():
            filters["owner_id"] = self.owner.value()
        if self.kind.value():
            filters["source_kind"] = self.kind.value()
        deadline = self.deadline.value()
        if deadline == "overdue":
            filters["deadline_to"] = today - timedelta(days=1)
        elif deadline == "none":
            filters["no_deadline"] = True
        elif deadline:
            filters["deadline_from"] = today
            filters["deadline_to"] = today + timedelta(days=int(deadline))
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
        query = self.query()
        self.model.set_query(query)
        # «Utført» is empty for open actions: show it only when done ones are listed.
        status = query.filters.get("status")
        self.view.setColumnHidden(DONE_COLUMN, status in ("open", "overdue", "in_progress"))
        n = self.model.rowCount()
        self.count_label.setText(
            ngettext("{n} tiltak", "{n} tiltak", n).format(n=fmt_int(n)) if n else _("Ingen tiltak")
        )
        self._update_buttons()

    def show_filtered(
        self,
        status: str = "open",
        deadline: str | None = None,
        area_id: str | None = None,
        owner_id: str | None = None,
        source_kind: str | None = None,
    ) -> None:
        """Show the tiltak that match exactly these filters, e.g. from the overview."""
        self._filling = True
        for box, value in (
            (self.status, status),
            (self.deadline, deadline),
            (self.area, area_id),
            (self.owner, owner_id),
            (self.kind, source_kind),
        ):
            box.set_value(value)
        self.search.clear()
        self._filling = False
        self.apply()

    def fill_filters(self) -> None:
        self._filling = True
        self.area.set_choices([(a.name, a.id) for a in area_service.list_areas(self.ctx.db)])
        self.owner.set_choices(
            [(_("— uten ansvarlig —"), "none")]
            + [(name, pid) for pid, name in action_owners(self.ctx.db)]
        )
        self._filling = False

    def refresh(self) -> None:
        current = self.selected()
        self.fill_filters()
        self.apply()
        if current is not None:
            self.select(current.id)

    def select(self, action_id: str, within: int = 300) -> bool:
        """Select the tiltak if it is among the first rows of the list as filtered."""
        for row in range(min(self.model.rowCount(), within)):
            r = self.model.row_at(row)
            if r is not None and r.id == action_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    def selected(self) -> ActionRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.done_button.setEnabled(row is not None and row.status.is_open)
        self.source_button.setEnabled(
            row is not None and row.source_kind is ActionSource.DEVIATION and bool(row.source_id)
        )

    def new_action(self) -> None:
        dialog = ActionDialog(self.ctx.db, today=self.ctx.today(), parent=self)
        if dialog.exec():
            self.ctx.notify("actions")

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        action = action_service.get_action(self.ctx.db, row.id)
        if ActionDialog(self.ctx.db, today=self.ctx.today(), action=action, parent=self).exec():
            self.ctx.notify("actions")

    def mark_done(self) -> None:
        row = self.selected()
        if row is None or not row.status.is_open:
            return
        try:
            action_service.set_action_status(
                self.ctx.db, row.id, ActionStatus.DONE, today=self.ctx.today()
            )
        except UserError as error:
            show_error(self, str(error))
            return
        self.ctx.notify("actions")

    def open_selected_source(self) -> None:
        row = self.selected()
        if row is not None and row.source_id:
            self.open_source.emit(row.source_kind.value, row.source_id)

    def export(self, path: str | None = None):
        if not path:
            name = pgettext("filnavn", "handlingsplan") + ".xlsx"
            chosen = ask_save_path(self, _("Eksporter handlingsplanen"), name, [XLSX, CSV])
            if chosen is None:
                return None
            path = str(chosen)

        def done(count: int) -> None:
            self.last_export = (Path(path), count)
            self.ctx.tell(
                ngettext(
                    "Eksporterte {n} tiltak til {path}", "Eksporterte {n} tiltak til {path}", count
                ).format(n=count, path=path)
            )

        def failed(error: BaseException) -> None:
            show_error(self, str(error) if isinstance(error, ServiceError) else repr(error))

        return run_task(
            export_actions,
            self.ctx.db,
            Path(path),
            self.query(),
            self.ctx.today(),
            on_done=done,
            on_error=failed,
        )

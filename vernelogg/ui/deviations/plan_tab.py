"""The «Handlingsplan» tab: every open action in the undertaking, overdue ones in red,
filtered by area, owner, status, deadline and source, searched and sorted.

What the tab shows is read on a worker thread: on a refresh the plan as filtered with the
areas and owners of the filter boxes (`read_plan_tab`), on a change of search, filter or
order the plan alone (`read_listing`). The rows on screen stay until the new ones are in;
the newest list asked for wins, and a refresh's choices are shown even when typing has
asked for a newer list meanwhile.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import timedelta
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

from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import SEARCH_MAX_CHARS
from vernelogg.domain.formatting import fmt_date, fmt_int
from vernelogg.errors import UserError
from vernelogg.i18n import N_, _, ngettext, pgettext
from vernelogg.services import actions as action_service
from vernelogg.services.action_plan import (
    STATUS_FILTERS,
    ActionPlan,
    ActionRow,
    action_owners,
    export_actions,
)
from vernelogg.services.errors import ServiceError
from vernelogg.store.database import Database
from vernelogg.ui.common.files import CSV, XLSX, ask_save_path
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.table import Column, ListQuery
from vernelogg.ui.common.widgets import make_table
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.dialogs import area_choices
from vernelogg.ui.deviations.loading import (
    PAGE_SIZE,
    Listing,
    LoadedPagedModel,
    NewestList,
    read_listing,
)
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


@dataclass(frozen=True)
class PlanChoices:
    areas: list[tuple[str, str]]
    owners: list[tuple[str, str]]


def read_plan_choices(db: Database) -> PlanChoices:
    """The choices of the area and owner boxes (on a worker thread)."""
    return PlanChoices(
        area_choices(db),
        [(name, pid) for pid, name in action_owners(db)],
    )


@dataclass(frozen=True)
class ActionPlanTabData:
    listing: Listing
    choices: PlanChoices


def read_plan_tab(
    db: Database, source: ActionPlan, query: ListQuery, pages: int
) -> ActionPlanTabData:
    """Everything the tab shows on a refresh (on a worker thread): the plan's first
    `pages` pages and the choices of the filter boxes."""
    return ActionPlanTabData(read_listing(source, query, PAGE_SIZE, pages), read_plan_choices(db))


class ActionPlanTab(NewestList, QWidget):
    """`open_source(kind, id)` asks the page to open what the action came from."""

    read_with_choices = staticmethod(read_plan_tab)
    listing_args = ()
    fetching_text = N_("Henter tiltak …")

    open_source = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = ActionPlan(ctx.db, ctx.today)
        # Nothing is read here: the tab is loaded on a worker thread when it is shown.
        self.loader = PageLoader(self)  # the plan, as search, filters and order change
        self.refresh_loader = PageLoader(self)  # the plan with the filter boxes' choices
        self._asked = self._answered = 0  # lists asked for; the newest one answered
        self._filling = False
        self._loaded = False  # the first rows are in
        self._wanted: dict[str, Any] = {}  # filters set before the boxes had the choice
        self._keep: str | None = None  # the tiltak to select when the list is in
        self._marking = False  # a tiltak is being marked done (on the worker thread)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        # Each widget is made in its place (parent first): see widgets.tab_parent.
        self.new_button = QPushButton(_("Nytt tiltak …"), self)
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(self.new_action)
        self.edit_button = QPushButton(_("Endre …"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button = QPushButton(_("Marker som utført"), self)
        self.done_button.setToolTip("Ctrl+D")  # i18n-ignore
        self.done_button.clicked.connect(self.mark_done)
        self.source_button = QPushButton(_("Åpne avviket"), self)
        self.source_button.clicked.connect(self.open_selected_source)
        self.search = QLineEdit(self)
        self.search.setMaxLength(SEARCH_MAX_CHARS)
        self.search.setPlaceholderText(_("Søk i tiltak og avviksnummer … (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.export_button = QPushButton(_("Eksporter …"), self)
        self.export_button.clicked.connect(lambda: self.export())
        for w in (self.new_button, self.edit_button, self.done_button, self.source_button):
            top.addWidget(w)
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.status = ChoiceBox(
            [(_(label), key) for key, label in STATUS_FILTERS.items()]
            + [(s.label, s.value) for s in ActionStatus],
            parent=self,
        )
        self.status.set_value("open")
        self.area = ChoiceBox(empty=_("Alle områder"), parent=self)
        self.owner = ChoiceBox(empty=_("Alle ansvarlige"), parent=self)
        self.deadline = ChoiceBox(
            [(_(label), key) for label, key in DEADLINE_FILTERS],
            empty=_("Alle frister"),
            parent=self,
        )
        self.kind = ChoiceBox(
            [(k.label, k.value) for k in ActionSource], empty=_("Alle kilder"), parent=self
        )
        self.choice_boxes = {"area_id": self.area, "owner_id": self.owner}
        for box in (self.status, self.area, self.owner, self.deadline, self.kind):
            box.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda *_args, box=box: self._chosen(box))
            box.currentIndexChanged.connect(self.apply)
            filters.addWidget(box)
        filters.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("pageSubtitle")
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.model = LoadedPagedModel(translated(COLUMNS), self.source, page_size=PAGE_SIZE)
        self.view = make_table(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            self.view.setColumnWidth(column, width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.model.sort_requested.connect(self.apply)
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

    def query(self) -> ListQuery:
        today = self.ctx.today()
        filters: dict = {"status": self.status.value() or "open"}
        area = self._wanted.get("area_id") or self.area.value()
        if area:
            filters["area_id"] = area
        owner = self._wanted.get("owner_id") or self.owner.value()
        if owner:
            filters["owner_id"] = owner
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
            sort=self.model.sort_key,
            descending=self.model.sort_descending,
        )

    def is_loading(self) -> bool:
        loaders = (self.loader, self.refresh_loader, self.model)
        return self._marking or any(loader.is_loading() for loader in loaders)

    def _show(self, listing: Listing) -> None:
        self._loaded = True
        query = listing.query
        self.model.show_loaded(listing)
        # «Utført» is empty for open actions: show it only when done ones are listed.
        status = query.filters.get("status")
        self.view.setColumnHidden(DONE_COLUMN, status in ("open", "overdue", "in_progress"))
        n = self.model.rowCount()
        self.count_label.setText(
            ngettext("{n} tiltak", "{n} tiltak", n).format(n=fmt_int(n)) if n else _("Ingen tiltak")
        )
        keep, self._keep = self._keep, None
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def _chosen(self, box: ChoiceBox) -> None:
        if not self._filling:  # the person chose: a filter still waiting for its box goes
            for key, choice_box in self.choice_boxes.items():
                if choice_box is box:
                    self._wanted.pop(key, None)

    def show_filtered(
        self,
        status: str = "open",
        deadline: str | None = None,
        area_id: str | None = None,
        owner_id: str | None = None,
        source_kind: str | None = None,
    ) -> None:
        """Show the tiltak that match exactly these filters, e.g. from the overview. A
        choice the box does not have yet (its choices are still being read) is asked for
        all the same, and chosen in the box when the choices are in."""
        self._filling = True
        self._wanted.clear()
        for box, value in (
            (self.status, status),
            (self.deadline, deadline),
            (self.area, area_id),
            (self.owner, owner_id),
            (self.kind, source_kind),
        ):
            box.set_value(value)
        for key, value in (("area_id", area_id), ("owner_id", owner_id)):
            if value is not None and self.choice_boxes[key].findData(value) < 0:
                self._wanted[key] = value
        self.search.clear()
        self._filling = False
        self.apply()

    def _fill_choices(self, choices: PlanChoices) -> None:
        """Areas and owners change: fill the boxes again, keeping the choice (or making
        the one asked for before the boxes had it)."""
        before = self._choice_filters()
        self._filling = True
        wanted, self._wanted = self._wanted, {}
        self.area.set_choices(choices.areas)
        self.owner.set_choices([(_("— uten ansvarlig —"), "none"), *choices.owners])
        for key, value in wanted.items():
            self.choice_boxes[key].set_value(value)
        self._filling = False
        if self._choice_filters() != before:
            self.apply()  # a choice that is gone (an area deleted meanwhile): list without it

    def _choice_filters(self) -> dict[str, str]:
        """The filters of the boxes filled from the database, as the list is asked for."""
        return {k: str(v) for k, v in self.query().filters.items() if k in self.choice_boxes}

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.done_button.setEnabled(row is not None and row.status.is_open and not self._marking)
        self.source_button.setEnabled(
            row is not None and row.source_kind is ActionSource.DEVIATION and bool(row.source_id)
        )

    def new_action(self) -> None:
        from vernelogg.ui.deviations.dialogs import ActionDialog

        dialog = ActionDialog(self.ctx.db, today=self.ctx.today(), parent=self)
        if dialog.exec():
            self.ctx.notify("actions")

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        action = action_service.get_action(self.ctx.db, row.id)
        from vernelogg.ui.deviations.dialogs import ActionDialog

        if ActionDialog(self.ctx.db, today=self.ctx.today(), action=action, parent=self).exec():
            self.ctx.notify("actions")

    def mark_done(self) -> None:
        """«Marker som utført» (Ctrl+D): written on the worker thread, the button off
        meanwhile; the plan is read again when it is done."""
        row = self.selected()
        if row is None or not row.status.is_open or self._marking:
            return
        self._marking = True
        self.done_button.setEnabled(False)

        def done(_result: object) -> None:
            if alive(self):
                self.ctx.notify("actions")  # the plan is read again (is_loading stays on)
                self._marking = False
                self._update_buttons()

        def failed(error: BaseException) -> None:
            if not alive(self):
                return
            self._marking = False
            self._update_buttons()
            if isinstance(error, UserError):
                show_error(self, str(error))
            else:
                sys.excepthook(type(error), error, error.__traceback__)

        run_task(
            action_service.set_action_status,
            self.ctx.db,
            row.id,
            ActionStatus.DONE,
            today=self.ctx.today(),
            on_done=done,
            on_error=failed,
        )

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

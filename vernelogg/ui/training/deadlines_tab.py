"""Frister: everything due soon, overdue or missing, sorted by date, with filters."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import N_, _, ngettext
from vernelogg.services.deadlines import (
    KIND_LABELS,
    DeadlineEntry,
    count_deadlines,
)
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, Badge, fit_columns, make_table
from vernelogg.ui.common.worker import Requests
from vernelogg.ui.context import AppContext

ATTENTION = "attention"
ALL = "all"

# The status filter's choices: (text, data); the statuses' own labels are added as shown.
STATUS_FILTERS = [
    (N_("Trenger oppfølging"), ATTENTION),
    (N_("Alle"), ALL),
]
FILTERED_STATUSES = (Status.OVERDUE, Status.DUE_SOON, Status.MISSING, Status.OK)


def _status_filters() -> list[tuple[str, str]]:
    return [(_(text), data) for text, data in STATUS_FILTERS] + [
        (status.label, status.value) for status in FILTERED_STATUSES
    ]


ROW_BACKGROUND = {
    Status.OVERDUE: "#fdecea",
    Status.MISSING: "#fff1f0",
    Status.DUE_SOON: "#fff8e1",
}


def columns() -> list[Column]:
    """The list's columns, headed in the current language."""
    return [
        Column(
            _("Status"),
            lambda e: e.item.status.label,
            foreground=lambda e: STATUS_COLORS[e.item.status.value],
            background=lambda e: ROW_BACKGROUND.get(e.item.status),
        ),
        Column(_("Frist"), lambda e: fmt_date(e.item.due) if e.item.due else "—"),
        Column(_("Type"), lambda e: e.kind_label),
        Column(_("Person"), lambda e: e.item.person or ""),
        Column(_("Verv"), lambda e: e.role_label),
        Column(_("Verneområde"), lambda e: e.item.area or ""),
        Column(_("Hva"), lambda e: e.item.title, tooltip=lambda e: e.item.title),
    ]


def _combo(items: Sequence[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


class DeadlinesTab(QWidget):
    """The list; `open_requested` carries the entry a row concerns (Enter/double-click)."""

    open_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[DeadlineEntry] = []
        self.requests = Requests(self)
        self._wanted_filters: dict[QComboBox, str | None] | None = None
        layout = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.area_filter = _combo([(_("Alle verneområder"), None)])
        self.person_filter = _combo([(_("Alle personer"), None)])
        self.kind_filter = _combo(
            [(_("Alle typer"), None), *[(_(v), k) for k, v in KIND_LABELS.items()]]
        )
        self.status_filter = _combo(_status_filters())
        for label, box in (
            (_("Område"), self.area_filter),
            (_("Person"), self.person_filter),
            (_("Type"), self.kind_filter),
            (_("Status"), self.status_filter),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(box)
            box.currentIndexChanged.connect(self.apply_filters)
        filters.addStretch(1)
        layout.addLayout(filters)

        badges = QHBoxLayout()
        self.overdue_badge = Badge("", "overdue")
        self.week_badge = Badge("", "due_soon")
        self.missing_badge = Badge("", "missing")
        self.shown_label = QLabel()
        self.shown_label.setStyleSheet("color: #5f6368;")
        for w in (self.overdue_badge, self.week_badge, self.missing_badge):
            badges.addWidget(w)
        badges.addSpacing(8)
        badges.addWidget(self.shown_label)
        badges.addStretch(1)
        self.open_button = QPushButton(_("Åpne"))
        self.open_button.setToolTip(
            _("Enter eller dobbeltklikk: åpne kurset, vervet eller aktiviteten")
        )
        self.open_button.clicked.connect(self.open_current)
        badges.addWidget(self.open_button)
        layout.addLayout(badges)

        self.model = RowsModel(columns())
        self.view = make_table()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        # Enter and double-click both «activate» a row.
        self.view.activated.connect(lambda *_: self.open_current())
        layout.addWidget(self.view, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("deadlineDetail")
        self.detail.setMinimumHeight(38)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())

    # --- data ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """The deadlines as of today, shared with the status bar and the overview: at
        once when they are known, else when the worker gathering them is done (the
        list shows the last ones meanwhile).

        Asked from the event loop, not here: the list of a large undertaking takes a
        few tens of milliseconds to fill, which should not add to the time the page
        takes to open (the window repaints in between)."""
        asked, today = self.requests.ask(), self.ctx.today()

        def ask() -> None:
            if self.requests.is_current(asked):
                self.ctx.deadlines.get(
                    lambda entries: self._arrived(asked, today, entries),
                    lambda error: self._failed(asked, error),
                )

        QTimer.singleShot(1, self, ask)

    def is_loading(self) -> bool:
        return self.requests.loading

    def _failed(self, asked: int, error: BaseException) -> None:
        if self.requests.answer(asked):
            self.shown_label.setText(_("Fristene kunne ikke hentes: {error}").format(error=error))

    def _arrived(self, asked: int, today: date, entries: list[DeadlineEntry]) -> None:
        if not self.requests.answer(asked):
            return  # the page is gone, or a newer refresh is on its way
        self.entries = entries
        self._fill_choices()
        if self._wanted_filters is not None:  # chosen before the entries were in
            wanted, self._wanted_filters = self._wanted_filters, None
            for box in wanted:
                box.blockSignals(True)
            self._set_filter_boxes(wanted)
            for box in wanted:
                box.blockSignals(False)
        counts = count_deadlines(self.entries, today)
        self.overdue_badge.set_status(
            ngettext("{n} forfalt", "{n} forfalt", counts.overdue).format(n=counts.overdue),
            "overdue",
        )
        self.week_badge.set_status(_("{n} innen en uke").format(n=counts.due_this_week), "due_soon")
        self.missing_badge.set_status(_("{n} mangler").format(n=counts.missing), "missing")
        self.apply_filters()

    def _fill_choices(self) -> None:
        for box, values in (
            (self.area_filter, sorted({e.item.area for e in self.entries if e.item.area})),
            (self.person_filter, sorted({e.item.person for e in self.entries if e.item.person})),
        ):
            current = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
            box.blockSignals(False)

    def filter_predicate(self) -> Callable[[DeadlineEntry], bool]:
        area = self.area_filter.currentData()
        person = self.person_filter.currentData()
        kind = self.kind_filter.currentData()
        status = self.status_filter.currentData()

        def keep(e: DeadlineEntry) -> bool:
            i = e.item
            if area and i.area != area:
                return False
            if person and i.person != person:
                return False
            if kind and i.kind != kind:
                return False
            if status == ATTENTION:
                return i.status is not Status.OK
            return status == ALL or i.status.value == status

        return keep

    def apply_filters(self, *_args) -> None:
        keep = self.filter_predicate()
        rows = [e for e in self.entries if keep(e)]
        self.model.set_rows(rows)
        fit_columns(self.view, max_width=160)
        self.shown_label.setText(
            ngettext(
                "Viser {shown} av {total} frister",
                "Viser {shown} av {total} frister",
                len(self.entries),
            ).format(shown=len(rows), total=len(self.entries))
        )
        self.open_button.setEnabled(bool(rows))
        if rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)

    def _show_detail(self) -> None:
        """The selected row in full, since «Hva» is often longer than its column."""
        entry = self.current_entry()
        if entry is None:
            self.detail.clear()
            return
        i = entry.item
        who = " · ".join(x for x in (i.person, entry.role_label, i.area) if x)
        color = STATUS_COLORS[i.status.value]
        when = " · " + _("frist {date}").format(date=fmt_date(i.due)) if i.due else ""
        text = (
            f"<span style='color:{color}; font-weight:600'>{i.status.label}{when}</span>"
            f"{' · ' + html.escape(who) if who else ''}<br>{html.escape(i.title)}"
        )
        self.detail.setText(text)

    def visible_entries(self) -> list[DeadlineEntry]:
        return list(self.model.rows)

    def set_filters(
        self,
        *,
        area: str | None = None,
        person: str | None = None,
        kind: str | None = None,
        status: str = ATTENTION,
    ) -> None:
        """Choose the filters; an area or person not in the list yet (the deadlines are
        being gathered) is chosen when the deadlines are in."""
        wanted = {
            self.area_filter: area,
            self.person_filter: person,
            self.kind_filter: kind,
            self.status_filter: status,
        }
        self._wanted_filters = wanted if self.is_loading() else None
        self._set_filter_boxes(wanted)

    def _set_filter_boxes(self, wanted: dict[QComboBox, str | None]) -> None:
        for box, value in wanted.items():
            box.setCurrentIndex(max(0, box.findData(value)))

    def current_entry(self) -> DeadlineEntry | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.open_requested.emit(entry)

"""Sentrale verv: the HVO, the VO of every area, the AMU by side, BHT and the leaders.

Vacancies and terms that have run out stand out in red, terms ending soon in amber;
the training column says how the holder's training for that role stands. The roster is
read on a worker thread and shown when it is in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.roles import Role
from vernelogg.i18n import N_, _, ngettext
from vernelogg.services.roster import RosterRow, RosterSection, central_roster
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.widgets import STATUS_COLORS
from vernelogg.ui.context import AppContext

COLUMNS = [
    N_("Verv"),
    N_("Person"),
    N_("Verneområde"),
    N_("Fra"),
    N_("Funksjonstid til"),
    N_("Opplæring"),
    N_("Status"),
]
TRAINING_COL, STATUS_COL = 5, 6
VACANT_BACKGROUND = "#fdecea"
SOON_BACKGROUND = "#fff6d6"


def _status_text(row: RosterRow) -> str:
    if row.vacant:
        return row.note
    if row.status is Status.OK or row.status is None:
        return "OK"
    return row.note or row.status.label


class RosterTab(QWidget):
    """`fill_requested(role, area_id)` for a vacancy, `end_requested(row)` for a holder,
    `training_requested(person_id)` to show the person's training."""

    fill_requested = Signal(object, object)
    end_requested = Signal(object)
    person_requested = Signal(object)
    training_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = PageLoader(self)
        self._wanted: tuple[Role | None, str | None] | None = None  # select when read
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.fill_button = QPushButton(_("Besett verv …"))
        self.fill_button.setObjectName("primary")
        self.fill_button.setToolTip(_("Gi vervet til en person (Enter på en ledig rad)"))
        self.fill_button.clicked.connect(self.fill_selected)
        self.end_button = QPushButton(_("Avslutt verv …"))
        self.end_button.clicked.connect(self.end_selected)
        self.training_button = QPushButton(_("Vis opplæring"))
        self.training_button.clicked.connect(self.training_selected)
        for b in (self.fill_button, self.end_button, self.training_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.summary = QLabel()
        buttons.addWidget(self.summary)
        layout.addLayout(buttons)
        self.remarks = QLabel()
        self.remarks.setObjectName("notice")
        self.remarks.setWordWrap(True)
        self.remarks.hide()
        layout.addWidget(self.remarks)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_(title) for title in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.tree.itemActivated.connect(lambda *_args: self.activate_selected())
        layout.addWidget(self.tree, 1)

    def refresh(self) -> None:
        """Read the roster on a worker thread; the old rows stay until it is in."""
        self.loader.load(central_roster, self.ctx.db, self.ctx.today(), then=self._show)

    def is_loading(self) -> bool:
        return self.loader.is_loading()

    def _show(self, sections: list[RosterSection]) -> None:
        current = self.selected_row()
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        vacancies = expiring = 0
        remarks: list[str] = []
        target = None
        for section in sections:
            head = QTreeWidgetItem([section.title])
            head.setFirstColumnSpanned(True)
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setForeground(0, QBrush(QColor("#17324d")))
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            remarks += section.remarks
            for row in section.rows:
                item = self._item(row)
                head.addChild(item)
                if row.vacant and row.status is not None:
                    vacancies += 1
                elif not row.vacant and row.status in (Status.DUE_SOON, Status.OVERDUE):
                    expiring += 1
                if current and _same(current, row):
                    target = item
        self.tree.expandAll()
        for col in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(col)
            if self.tree.columnWidth(col) > 260:
                self.tree.setColumnWidth(col, 260)
        self.remarks.setText("\n".join(remarks))
        self.remarks.setVisible(bool(remarks))
        parts = []
        if vacancies:
            text = ngettext("{n} ledig verv", "{n} ledige verv", vacancies).format(n=vacancies)
            color = STATUS_COLORS["missing"]
            parts.append(f"<span style='color:{color}'>{text}</span>")
        if expiring:
            text = ngettext(
                "{n} funksjonstid går ut", "{n} funksjonstider går ut", expiring
            ).format(n=expiring)
            color = STATUS_COLORS["due_soon"]
            parts.append(f"<span style='color:{color}'>{text}</span>")
        self.summary.setText(" · ".join(parts) or _("Alle lovpålagte verv er besatt"))
        if target is not None:
            self.tree.setCurrentItem(target)
        if self._wanted is not None:
            role, area_id = self._wanted
            self._wanted = None
            self.select(role, area_id)
        self._update_buttons()

    def _item(self, row: RosterRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                row.label,
                row.person_name or _("— ledig —"),
                row.area_name or "",
                fmt_date(row.start),
                fmt_date(row.term_end),
                row.training.label if row.training else "",
                _status_text(row),
            ]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, row)
        if row.status is not None and row.status is not Status.OK:
            color = QColor(STATUS_COLORS[row.status.value])
            item.setForeground(STATUS_COL, QBrush(color))
            background = VACANT_BACKGROUND if row.status is not Status.DUE_SOON else SOON_BACKGROUND
            for col in range(len(COLUMNS)):
                item.setBackground(col, QBrush(QColor(background)))
            if row.vacant:
                item.setForeground(1, QBrush(color))
        elif row.vacant:
            for col in (1, STATUS_COL):
                item.setForeground(col, QBrush(QColor("#5f6368")))
        elif row.status is Status.OK:
            item.setForeground(STATUS_COL, QBrush(QColor(STATUS_COLORS["ok"])))
        if row.training is not None:
            item.setForeground(TRAINING_COL, QBrush(QColor(STATUS_COLORS[row.training.value])))
            item.setToolTip(TRAINING_COL, row.training_note)
        if row.note or row.detail:
            item.setToolTip(STATUS_COL, row.detail or row.note)
        return item

    # --- selection and actions ---------------------------------------------------------------

    def _row_items(self) -> list[QTreeWidgetItem]:
        """The items of the rows, heading by heading (the tree is two levels deep)."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            assert head is not None  # i is below topLevelItemCount()
            for j in range(head.childCount()):
                item = head.child(j)
                assert item is not None  # j is below childCount()
                found.append(item)
        return found

    def rows(self) -> list[RosterRow]:
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in self._row_items()]

    def selected_row(self) -> RosterRow | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def select(self, role: Role | None, area_id: str | None) -> bool:
        """Select the row of `role` (and area), or the first vacancy. While the roster is
        being read, the row is selected when it is in (and False is returned)."""
        if self.is_loading():
            self._wanted = (role, area_id)
            return False
        for item in self._row_items():
            row: RosterRow = item.data(0, Qt.ItemDataRole.UserRole)
            if (role is None or row.role is role) and (area_id is None or row.area_id == area_id):
                if role is None and not row.vacant:
                    continue
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.fill_button.setEnabled(row is not None)
        self.end_button.setEnabled(row is not None and not row.vacant)
        self.training_button.setEnabled(row is not None and not row.vacant)

    def activate_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.vacant:
            self.fill_requested.emit(row.role, row.area_id)
        else:
            self.person_requested.emit(row)

    def fill_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.fill_requested.emit(row.role, row.area_id)

    def end_selected(self) -> None:
        row = self.selected_row()
        if row is not None and not row.vacant:
            self.end_requested.emit(row)

    def training_selected(self) -> None:
        row = self.selected_row()
        if row is not None and row.person_id:
            self.training_requested.emit(row.person_id)


def _same(a: RosterRow, b: RosterRow) -> bool:
    return (a.role, a.area_id, a.assignment_id) == (b.role, b.area_id, b.assignment_id)

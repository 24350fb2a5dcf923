"""Verneområder og roller: the area tree, who holds which role, and their history."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.domain.roles import Role
from vernelogg.errors import UserError
from vernelogg.i18n import N_, _
from vernelogg.services import areas as area_service
from vernelogg.services import people as people_service
from vernelogg.ui.areas.dialogs import (
    AreaDialog,
    AssignmentDialog,
    EndRoleDialog,
    MergeDialog,
    OrganisationDialog,
    PersonDialog,
)
from vernelogg.ui.areas.roster import RosterTab
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import PageHeader, fit_columns, make_table
from vernelogg.ui.context import AppContext

if TYPE_CHECKING:
    from vernelogg.ui.training.page import TrainingPage

PEOPLE_TAB, ROSTER_TAB = 1, 2


def _period(a: people_service.AssignmentInfo) -> str:
    end = fmt_date(a.end_date) if a.end_date else "…"
    return f"{fmt_date(a.start_date)} – {end}"


def _chosen(a: people_service.AssignmentInfo) -> str:
    if a.chosen_by:
        text = _("Valgt av {who}") if a.elected else _("Utpekt av {who}")
        return text.format(who=a.chosen_by)
    return _("Valgt") if a.elected else _("Utpekt")


# Titles marked only: the table translates them where it shows them.
ASSIGNMENT_COLUMNS = [
    Column(N_("Verv"), lambda a: a.role_label),
    Column(N_("Person"), lambda a: a.person_name),
    Column(N_("Verneområde"), lambda a: a.area_name or ""),
    Column(N_("Periode"), _period),
    Column(N_("Valgt/utpekt"), _chosen),
    Column(N_("Merknad"), lambda a: a.end_reason),
]


class AreasPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(
            PageHeader(
                _("Verneområder og roller"),
                _(
                    "Verneområdene, hvem som har hvilke verv og når funksjonstiden går ut. "
                    "Ingenting slettes: områder arkiveres og historikken beholdes."
                ),
            )
        )
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_areas_tab(), _("Verneområder"))
        self.tabs.addTab(self._build_people_tab(), _("Personer og verv"))
        self.roster = RosterTab(ctx)
        self.roster.fill_requested.connect(self.fill_role)
        self.roster.end_requested.connect(self._end_roster_role)
        self.roster.person_requested.connect(
            lambda row: self.show_assignment(row.person_id, row.assignment_id)
        )
        self.roster.training_requested.connect(self._show_training)
        self.tabs.addTab(self.roster, _("Sentrale verv"))
        self.tabs.currentChanged.connect(self._tab_changed)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_area)

    # --- areas tab -----------------------------------------------------------------

    def _build_areas_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        buttons = QHBoxLayout()
        self.new_area_button = QPushButton(_("Nytt verneområde"))
        self.new_area_button.setObjectName("primary")
        self.new_area_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_area_button.clicked.connect(self.new_area)
        self.edit_area_button = QPushButton(_("Endre …"))
        self.edit_area_button.clicked.connect(self.edit_area)
        self.merge_button = QPushButton(_("Slå sammen …"))
        self.merge_button.clicked.connect(self.merge_area)
        self.archive_button = QPushButton(_("Arkiver"))
        self.archive_button.clicked.connect(self.toggle_archive)
        self.add_role_button = QPushButton(_("Nytt verv i området …"))
        self.add_role_button.clicked.connect(self.add_role_in_area)
        self.org_button = QPushButton(_("Virksomheten …"))
        self.org_button.clicked.connect(self.edit_organisation)
        self.show_archived = QCheckBox(_("Vis arkiverte"))
        self.show_archived.toggled.connect(self.refresh)
        for b in (
            self.new_area_button,
            self.edit_area_button,
            self.merge_button,
            self.archive_button,
            self.add_role_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        buttons.addWidget(self.org_button)
        layout.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Verneområde"), _("Type")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_args: self._show_area())
        self.tree.itemActivated.connect(lambda *_args: self.edit_area())
        split.addWidget(self.tree)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(12, 0, 0, 0)
        self.area_title = QLabel()
        self.area_title.setObjectName("cardTitle")
        detail_layout.addWidget(self.area_title)
        self.area_facts = QLabel()
        self.area_facts.setWordWrap(True)
        detail_layout.addWidget(self.area_facts)
        detail_layout.addWidget(QLabel("<b>{}</b>".format(_("Verv i området (nå og tidligere)"))))
        self.area_roles_model = RowsModel(ASSIGNMENT_COLUMNS)
        self.area_roles = make_table()
        self.area_roles.setModel(self.area_roles_model)
        self.area_roles.setColumnHidden(2, True)  # the area is the one selected
        self.area_roles.doubleClicked.connect(
            lambda *_args: self.end_selected_role(self.area_roles, self.area_roles_model)
        )
        detail_layout.addWidget(self.area_roles, 2)
        end_row = QHBoxLayout()
        self.end_area_role_button = QPushButton(_("Avslutt valgt verv …"))
        self.end_area_role_button.clicked.connect(
            lambda: self.end_selected_role(self.area_roles, self.area_roles_model)
        )
        end_row.addWidget(self.end_area_role_button)
        end_row.addStretch(1)
        detail_layout.addLayout(end_row)
        detail_layout.addWidget(QLabel("<b>{}</b>".format(_("Historikk"))))
        self.history = QListWidget()
        detail_layout.addWidget(self.history, 1)
        split.addWidget(detail)
        split.setSizes([400, 720])
        layout.addWidget(split, 1)
        return tab

    def selected_area(self) -> area_service.AreaInfo | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _fill_tree(self) -> None:
        current = self.selected_area()
        areas = area_service.list_areas(
            self.ctx.db, include_archived=self.show_archived.isChecked()
        )
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for a in areas:
            text = _("{name} (arkivert)").format(name=a.name) if a.archived else a.name
            item = QTreeWidgetItem([text, a.kind_label])
            item.setData(0, Qt.ItemDataRole.UserRole, a)
            if a.archived:
                item.setForeground(0, Qt.GlobalColor.gray)
            items[a.id] = item
        for a in areas:
            parent = items.get(a.parent_id) if a.parent_id else None
            (parent.addChild(items[a.id]) if parent else self.tree.addTopLevelItem(items[a.id]))
        self.tree.expandAll()
        target = items.get(current.id) if current else None
        if target is None and self.tree.topLevelItemCount():
            target = self.tree.topLevelItem(0)
        if target is not None:
            self.tree.setCurrentItem(target)
        self._show_area()

    def _show_area(self) -> None:
        area = self.selected_area()
        has = area is not None
        for b in (
            self.edit_area_button,
            self.merge_button,
            self.archive_button,
            self.add_role_button,
        ):
            b.setEnabled(has)
        if area is None:
            self.area_title.setText(
                _("Ingen verneområder ennå – lag det første med «Nytt verneområde».")
            )
            self.area_facts.clear()
            self.area_roles_model.set_rows([])
            self.history.clear()
            return
        self.archive_button.setText(_("Hent fram") if area.archived else _("Arkiver"))
        self.merge_button.setEnabled(not area.archived)
        self.area_title.setText(area.name)
        facts = [area.kind_label]
        if area.chemical_biological:
            facts.append(_("kjemikalier/biologiske faktorer"))
        if area.complex_conditions:
            facts.append(_("særlig komplekse forhold"))
        if area.description:
            facts.append(area.description)
        self.area_facts.setText(" · ".join(facts))
        self.area_roles_model.set_rows(
            people_service.list_assignments(self.ctx.db, area_id=area.id)
        )
        fit_columns(self.area_roles)
        self.history.clear()
        for e in reversed(area_service.area_history(self.ctx.db, area.id)):
            self.history.addItem(f"{fmt_datetime(e.at)}  {e.detail}  ({e.by})")

    def new_area(self) -> None:
        if self.tabs.currentIndex() == ROSTER_TAB:
            self.roster.fill_selected()
            return
        if self.tabs.currentIndex() != 0:
            self.new_person()
            return
        dialog = AreaDialog(self.ctx.db, parent=self)
        if dialog.exec():
            self.ctx.notify("areas")
            self._select_area(dialog.saved().id)

    def _select_area(self, area_id: str) -> None:
        self._fill_tree()
        for item in self.tree.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        ):
            if item.data(0, Qt.ItemDataRole.UserRole).id == area_id:
                self.tree.setCurrentItem(item)

    def edit_area(self) -> None:
        area = self.selected_area()
        if area and AreaDialog(self.ctx.db, area, parent=self).exec():
            self.ctx.notify("areas")

    def merge_area(self) -> None:
        area = self.selected_area()
        if area and MergeDialog(self.ctx.db, area, parent=self).exec():
            self.ctx.notify("areas")

    def toggle_archive(self) -> None:
        area = self.selected_area()
        if area is None:
            return
        try:
            if area.archived:
                area_service.restore_area(self.ctx.db, area.id)
            else:
                if not confirm(
                    self,
                    _("Arkiver verneområde"),
                    _(
                        "Arkivere «{name}»? Området forsvinner fra lister og rapporter, "
                        "men alt som er registrert beholdes og kan hentes fram igjen."
                    ).format(name=area.name),
                    yes=_("Arkiver"),
                ):
                    return
                area_service.archive_area(self.ctx.db, area.id)
        except UserError as error:
            show_error(self, str(error))
        self.ctx.notify("areas")

    def add_role_in_area(self) -> None:
        area = self.selected_area()
        if area and AssignmentDialog(self.ctx.db, area_id=area.id, parent=self).exec():
            self.ctx.notify("roles")

    def edit_organisation(self) -> None:
        if OrganisationDialog(self.ctx.db, parent=self).exec():
            self.ctx.notify("organisation")

    # --- people tab ----------------------------------------------------------------

    def _build_people_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        buttons = QHBoxLayout()
        self.new_person_button = QPushButton(_("Ny person"))
        self.new_person_button.setObjectName("primary")
        self.new_person_button.clicked.connect(self.new_person)
        self.edit_person_button = QPushButton(_("Endre …"))
        self.edit_person_button.clicked.connect(self.edit_person)
        self.archive_person_button = QPushButton(_("Arkiver person"))
        self.archive_person_button.clicked.connect(self.archive_person)
        self.new_role_button = QPushButton(_("Nytt verv …"))
        self.new_role_button.clicked.connect(self.new_role_for_person)
        self.end_role_button = QPushButton(_("Avslutt verv …"))
        self.end_role_button.clicked.connect(
            lambda: self.end_selected_role(self.person_roles, self.person_roles_model)
        )
        for b in (
            self.new_person_button,
            self.edit_person_button,
            self.archive_person_button,
            self.new_role_button,
            self.end_role_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.people_model = RowsModel(
            [Column(_("Navn"), lambda p: p.name), Column(_("Stilling"), lambda p: p.title)]
        )
        self.people = make_table()
        self.people.setModel(self.people_model)
        self.people.selectionModel().currentRowChanged.connect(lambda *_args: self._show_person())
        split.addWidget(self.people)
        self.person_roles_model: RowsModel = RowsModel(ASSIGNMENT_COLUMNS)
        self.person_roles: QTableView = make_table()
        self.person_roles.setModel(self.person_roles_model)
        split.addWidget(self.person_roles)
        split.setSizes([340, 780])
        layout.addWidget(split, 1)
        return tab

    def selected_person(self) -> people_service.PersonInfo | None:
        index = self.people.currentIndex()
        return self.people_model.row_at(index.row()) if index.isValid() else None

    def _fill_people(self) -> None:
        current = self.selected_person()
        people = people_service.list_people(self.ctx.db)
        self.people_model.set_rows(people)
        fit_columns(self.people)
        row = next(
            (i for i, p in enumerate(people) if current and p.id == current.id), 0 if people else -1
        )
        if row >= 0:
            self.people.selectRow(row)
        self._show_person()

    def _show_person(self) -> None:
        person = self.selected_person()
        for b in (
            self.edit_person_button,
            self.archive_person_button,
            self.new_role_button,
            self.end_role_button,
        ):
            b.setEnabled(person is not None)
        rows = people_service.list_assignments(self.ctx.db, person_id=person.id) if person else []
        self.person_roles_model.set_rows(rows)
        fit_columns(self.person_roles)

    def new_person(self) -> None:
        dialog = PersonDialog(self.ctx.db, parent=self)
        if dialog.exec():
            self.ctx.notify("people")
            people = self.people_model.rows
            row = next((i for i, p in enumerate(people) if p.id == dialog.saved().id), -1)
            if row >= 0:
                self.people.selectRow(row)

    def edit_person(self) -> None:
        person = self.selected_person()
        if person and PersonDialog(self.ctx.db, person, parent=self).exec():
            self.ctx.notify("people")

    def archive_person(self) -> None:
        person = self.selected_person()
        if person and confirm(
            self,
            _("Arkiver person"),
            _(
                "Arkivere {name}? Verv personen har nå, avsluttes i dag. "
                "Alt som er registrert beholdes."
            ).format(name=person.name),
            yes=_("Arkiver"),
        ):
            people_service.archive_person(self.ctx.db, person.id, self.ctx.today())
            self.ctx.notify("people")

    def new_role_for_person(self) -> None:
        person = self.selected_person()
        if person and AssignmentDialog(self.ctx.db, person_id=person.id, parent=self).exec():
            self.ctx.notify("roles")

    def end_selected_role(self, view, model: RowsModel) -> None:
        index = view.currentIndex()
        assignment = model.row_at(index.row()) if index.isValid() else None
        if assignment is None:
            show_error(
                self,
                _("Velg vervet som skal avsluttes i listen først."),
                title=_("Ingen verv valgt"),
            )
            return
        if EndRoleDialog(self.ctx.db, assignment, parent=self).exec():
            self.ctx.notify("roles")

    # --- central roles -----------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if index == ROSTER_TAB:
            self.roster.refresh()

    def fill_role(self, role: Role, area_id: str | None) -> None:
        """Give a (vacant) role to someone: the new-role dialog with role and area chosen."""
        dialog = AssignmentDialog(self.ctx.db, area_id=area_id, role=role, parent=self)
        if dialog.exec():
            self.ctx.notify("roles")

    def _end_roster_role(self, row) -> None:
        found = [
            a
            for a in people_service.list_assignments(self.ctx.db, person_id=row.person_id)
            if a.id == row.assignment_id
        ]
        if found and EndRoleDialog(self.ctx.db, found[0], parent=self).exec():
            self.ctx.notify("roles")

    def _show_training(self, person_id: str) -> None:
        page = cast("TrainingPage | None", self.ctx.show_page("frister"))
        if page is not None:
            page.show_person_training(person_id)

    def show_roster(self, role: Role | None = None, area_id: str | None = None) -> bool:
        """Show «Sentrale verv» with the row for this role (and area) selected."""
        self.tabs.setCurrentIndex(ROSTER_TAB)
        found = self.roster.select(role, area_id)
        self.roster.tree.setFocus()
        return found

    def show_assignment(self, person_id: str | None, assignment_id: str | None) -> bool:
        """Show «Personer og verv» with the person and that role selected."""
        self.tabs.setCurrentIndex(PEOPLE_TAB)
        rows = self.people_model.rows
        row = next((i for i, p in enumerate(rows) if p.id == person_id), -1)
        if row < 0:
            return False
        self.people.selectRow(row)
        self._show_person()
        for i, a in enumerate(self.person_roles_model.rows):
            if a.id == assignment_id:
                self.person_roles.selectRow(i)
                self.person_roles.setFocus()
                return True
        return False

    # --- refresh -------------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_tree()
        self._fill_people()
        if self.tabs.currentIndex() == ROSTER_TAB:
            self.roster.refresh()

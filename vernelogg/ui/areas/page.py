"""Verneområder og roller: the area tree, who holds which role, and their history.

What the page shows is read on a worker thread (`read_page`, `read_area`,
`read_person_roles`) and put on screen when it is in; until then the old rows stay up.
The dialogs save on the worker thread too, and so do «Arkiver» / «Hent fram» and
«Arkiver person», their button waiting until the write is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
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
from vernelogg.i18n import N_, _
from vernelogg.services import areas as area_service
from vernelogg.services import people as people_service
from vernelogg.store.database import Database
from vernelogg.ui.areas.dialogs import (
    AreaDialog,
    AssignmentDialog,
    EndRoleDialog,
    MergeDialog,
    OrganisationDialog,
    PersonDialog,
)
from vernelogg.ui.areas.roster import RosterTab
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import PageHeader, fit_columns, make_table
from vernelogg.ui.common.writes import Writes
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


@dataclass(frozen=True)
class AreaDetail:
    """The roles (now and before) and the history of one area."""

    area_id: str
    roles: list[people_service.AssignmentInfo]
    history: list[area_service.AreaEventInfo]


@dataclass(frozen=True)
class PersonRoles:
    person_id: str
    roles: list[people_service.AssignmentInfo]


@dataclass(frozen=True)
class PageData:
    """The areas and people, and the detail of the area and person to be selected."""

    areas: list[area_service.AreaInfo]
    people: list[people_service.PersonInfo]
    area: AreaDetail | None
    person: PersonRoles | None


def area_to_select(areas: list[area_service.AreaInfo], area_id: str | None) -> str | None:
    """The area the tree selects: `area_id` when it is listed, else the first at the top
    (an area whose parent is not listed stands at the top)."""
    ids = {a.id for a in areas}
    if area_id in ids:
        return area_id
    return next((a.id for a in areas if not a.parent_id or a.parent_id not in ids), None)


def read_area(db: Database, area_id: str) -> AreaDetail:
    return AreaDetail(
        area_id,
        people_service.list_assignments(db, area_id=area_id),
        area_service.area_history(db, area_id),
    )


def read_person_roles(db: Database, person_id: str) -> PersonRoles:
    return PersonRoles(person_id, people_service.list_assignments(db, person_id=person_id))


def read_page(
    db: Database, include_archived: bool, area_id: str | None, person_id: str | None
) -> PageData:
    """On a worker thread: the areas, the people, and the detail of the area and the
    person that will be selected (`area_id`, `person_id` when still listed, else the
    first)."""
    areas = area_service.list_areas(db, include_archived=include_archived)
    people = people_service.list_people(db)
    chosen_area = area_to_select(areas, area_id)
    chosen_person = next(
        (p.id for p in people if p.id == person_id), people[0].id if people else None
    )
    return PageData(
        areas,
        people,
        read_area(db, chosen_area) if chosen_area else None,
        read_person_roles(db, chosen_person) if chosen_person else None,
    )


class AreasPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loader = PageLoader(self)
        self.area_loader = PageLoader(self)  # the selected area's roles and history
        self.person_loader = PageLoader(self)  # the selected person's roles
        self._filling = False  # while new rows are put in: no detail read per row
        self._wanted_area: str | None = None  # select it when the areas are in
        self._wanted_person: str | None = None
        self._wanted_assignment: str | None = None
        self.writes = Writes(self)  # «Arkiver», «Hent fram», «Arkiver person»
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
        self.tree.currentItemChanged.connect(lambda *_args: self._area_changed())
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

    def _fill_tree(self, areas: list[area_service.AreaInfo], area: AreaDetail | None) -> None:
        """Put the areas in the tree, keep (or make) the selection, and show its detail
        (`area` when it was read with the areas, else read now)."""
        current = self.selected_area()
        wanted = self._wanted_area or (current.id if current else None)
        self._wanted_area = None
        self._filling = True
        try:
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
            target = items.get(wanted) if wanted else None
            if target is None and self.tree.topLevelItemCount():
                target = self.tree.topLevelItem(0)
            if target is not None:
                self.tree.setCurrentItem(target)
        finally:
            self._filling = False
        selected = self.selected_area()
        if area is not None and selected is not None and selected.id == area.area_id:
            self._update_area_buttons()
            self._show_area_detail(area)
        else:
            self._area_changed()

    def _update_area_buttons(self) -> None:
        area = self.selected_area()
        for b in (
            self.edit_area_button,
            self.merge_button,
            self.archive_button,
            self.add_role_button,
        ):
            b.setEnabled(area is not None)
        if self.writes.busy():
            self.archive_button.setEnabled(False)  # until the archiving is written
        if area is not None:
            self.archive_button.setText(_("Hent fram") if area.archived else _("Arkiver"))
            self.merge_button.setEnabled(not area.archived)

    def _area_changed(self) -> None:
        """Another area is selected: its roles and history are read on a worker thread
        (what is shown stays until they are in)."""
        if self._filling:
            return
        self._update_area_buttons()
        area = self.selected_area()
        if area is None:
            self.area_title.setText(
                _("Ingen verneområder ennå – lag det første med «Nytt verneområde».")
            )
            self.area_facts.clear()
            self.area_roles_model.set_rows([])
            self.history.clear()
            return
        self.area_loader.load(read_area, self.ctx.db, area.id, then=self._show_area_detail)

    def _show_area_detail(self, detail: AreaDetail) -> None:
        area = self.selected_area()
        if area is None or area.id != detail.area_id:
            return  # another area was selected meanwhile; its detail is on its way
        self.area_title.setText(area.name)
        facts = [area.kind_label]
        if area.chemical_biological:
            facts.append(_("kjemikalier/biologiske faktorer"))
        if area.complex_conditions:
            facts.append(_("særlig komplekse forhold"))
        if area.description:
            facts.append(area.description)
        self.area_facts.setText(" · ".join(facts))
        self.area_roles_model.set_rows(detail.roles)
        fit_columns(self.area_roles)
        self.history.clear()
        for e in reversed(detail.history):
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
            self._wanted_area = dialog.saved().id  # selected when the areas are read
            self.ctx.notify("areas")
            if not self.loader.is_loading():
                self.refresh()

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
        if area is None or self.writes.busy():
            return
        if area.archived:
            work = partial(area_service.restore_area, self.ctx.db, area.id)
        elif confirm(
            self,
            _("Arkiver verneområde"),
            _(
                "Arkivere «{name}»? Området forsvinner fra lister og rapporter, "
                "men alt som er registrert beholdes og kan hentes fram igjen."
            ).format(name=area.name),
            yes=_("Arkiver"),
        ):
            work = partial(area_service.archive_area, self.ctx.db, area.id)
        else:
            return
        # Written on the worker thread; «Arkiver» waits until it is done.
        self.writes.run(
            [self.archive_button],
            work,
            then=lambda _area: self.ctx.notify("areas"),
            refused=lambda: self.ctx.notify("areas"),
        )

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
        self.people.selectionModel().currentRowChanged.connect(
            lambda *_args: self._person_changed()
        )
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

    def _fill_people(
        self, people: list[people_service.PersonInfo], roles: PersonRoles | None
    ) -> None:
        """Put the people in the list, keep (or make) the selection, and show the
        person's roles (`roles` when they were read with the people, else read now)."""
        current = self.selected_person()
        wanted = self._wanted_person or (current.id if current else None)
        self._wanted_person = None
        self._filling = True
        try:
            self.people_model.set_rows(people)
            fit_columns(self.people)
            row = next((i for i, p in enumerate(people) if p.id == wanted), 0 if people else -1)
            if row >= 0:
                self.people.selectRow(row)
        finally:
            self._filling = False
        person = self.selected_person()
        if roles is not None and person is not None and person.id == roles.person_id:
            self._update_person_buttons()
            self._show_person_roles(roles)
        else:
            self._person_changed()

    def _update_person_buttons(self) -> None:
        person = self.selected_person()
        for b in (
            self.edit_person_button,
            self.archive_person_button,
            self.new_role_button,
            self.end_role_button,
        ):
            b.setEnabled(person is not None)
        if self.writes.busy():
            self.archive_person_button.setEnabled(False)  # until the archiving is written

    def _person_changed(self) -> None:
        """Another person is selected: their roles are read on a worker thread."""
        if self._filling:
            return
        self._update_person_buttons()
        person = self.selected_person()
        if person is None:
            self.person_roles_model.set_rows([])
            return
        self.person_loader.load(
            read_person_roles, self.ctx.db, person.id, then=self._show_person_roles
        )

    def _show_person_roles(self, roles: PersonRoles) -> None:
        person = self.selected_person()
        if person is None or person.id != roles.person_id:
            return  # another person was selected meanwhile
        self.person_roles_model.set_rows(roles.roles)
        fit_columns(self.person_roles)
        wanted, self._wanted_assignment = self._wanted_assignment, None
        for i, a in enumerate(roles.roles):
            if wanted and a.id == wanted:
                self.person_roles.selectRow(i)
                self.person_roles.setFocus()

    def new_person(self) -> None:
        dialog = PersonDialog(self.ctx.db, parent=self)
        if dialog.exec():
            self._wanted_person = dialog.saved().id  # selected when the people are read
            self.ctx.notify("people")
            if not self.loader.is_loading():
                self.refresh()

    def edit_person(self) -> None:
        person = self.selected_person()
        if person and PersonDialog(self.ctx.db, person, parent=self).exec():
            self.ctx.notify("people")

    def archive_person(self) -> None:
        person = self.selected_person()
        if (
            person
            and not self.writes.busy()
            and confirm(
                self,
                _("Arkiver person"),
                _(
                    "Arkivere {name}? Verv personen har nå, avsluttes i dag. "
                    "Alt som er registrert beholdes."
                ).format(name=person.name),
                yes=_("Arkiver"),
            )
        ):
            self.writes.run(
                [self.archive_person_button],
                partial(people_service.archive_person, self.ctx.db, person.id, self.ctx.today()),
                then=lambda _none: self.ctx.notify("people"),
            )

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
        """Show «Sentrale verv» with the row for this role (and area) selected (while the
        roster is being read: when it is in, and False is returned)."""
        self.tabs.setCurrentIndex(ROSTER_TAB)
        found = self.roster.select(role, area_id)
        self.roster.tree.setFocus()
        return found

    def show_assignment(self, person_id: str | None, assignment_id: str | None) -> bool:
        """Show «Personer og verv» with the person and that role selected. While the
        people or their roles are being read, they are selected when they are in (and
        False is returned)."""
        self.tabs.setCurrentIndex(PEOPLE_TAB)
        if self.loader.is_loading():
            self._wanted_person, self._wanted_assignment = person_id, assignment_id
            return False
        rows = self.people_model.rows
        row = next((i for i, p in enumerate(rows) if p.id == person_id), -1)
        if row < 0:
            return False
        person = self.selected_person()
        if person is not None and person.id == person_id and not self.person_loader.is_loading():
            for i, a in enumerate(self.person_roles_model.rows):
                if a.id == assignment_id:
                    self.person_roles.selectRow(i)
                    self.person_roles.setFocus()
                    return True
            return False
        self._wanted_assignment = assignment_id
        self.people.selectRow(row)  # the person's roles are read, then the role selected
        return False

    def is_loading(self) -> bool:
        """Whether something is read, or a one-click write is under way (what is shown is
        read again after it)."""
        return (
            self.writes.busy()
            or self.loader.is_loading()
            or self.area_loader.is_loading()
            or self.person_loader.is_loading()
            or self.roster.is_loading()
        )

    # --- refresh -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the areas and people again on a worker thread (the selected area's and
        person's detail with them); they are shown when they are in."""
        area, person = self.selected_area(), self.selected_person()
        self.loader.load(
            read_page,
            self.ctx.db,
            self.show_archived.isChecked(),
            self._wanted_area or (area.id if area else None),
            self._wanted_person or (person.id if person else None),
            then=self._show,
        )
        if self.tabs.currentIndex() == ROSTER_TAB:
            self.roster.refresh()

    def _show(self, data: PageData) -> None:
        self._fill_tree(data.areas, data.area)
        self._fill_people(data.people, data.person)

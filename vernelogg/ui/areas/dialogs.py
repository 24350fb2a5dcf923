"""Dialogs for areas, persons and roles. Each saves in one step or shows what is wrong.

Each gives its save as `writer()`: the fields are read on the GUI thread and the service
calls run on the worker thread (see ui/common/form_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from vernelogg import clock, i18n
from vernelogg.domain.roles import AREA_ROLES, ELECTED_TERM_ROLES, Role
from vernelogg.i18n import _
from vernelogg.services import areas as area_service
from vernelogg.services import letterhead as letterhead_service
from vernelogg.services import organisation as org_service
from vernelogg.services import people as people_service
from vernelogg.services.errors import ServiceError
from vernelogg.store.database import Database
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog
from vernelogg.ui.common.forms import Form


class OrganisationForm(Form):
    """Name, organisation number, employees and branch of the undertaking."""

    def __init__(
        self,
        info: org_service.OrganisationInfo | None = None,
        logo: QWidget | None = None,
        document_language: str | None = None,
    ) -> None:
        super().__init__()
        self.name = self.add_row(
            "name", _("Navn på virksomheten"), QLineEdit(info.name if info else "")
        )
        self.org_number = self.add_row(
            "org_number",
            _("Organisasjonsnummer"),
            QLineEdit(info.org_number or "" if info else ""),
            hint=_("Ni siffer, kan stå tomt."),
        )
        self.employees = QSpinBox()
        self.employees.setRange(0, 1_000_000)
        self.employees.setValue(info.employees if info else 0)
        self.add_row(
            "employees",
            _("Antall ansatte"),
            self.employees,
            hint=_("Styrer lovkravene: verneombud fra 5 ansatte, AMU fra 30."),
        )
        self.branch = QComboBox()
        self.branch.addItems(org_service.BRANCHES)
        if info and info.branch:
            if self.branch.findText(info.branch) < 0:
                self.branch.addItem(info.branch)
            self.branch.setCurrentText(info.branch)
        self.add_row("branch", _("Bransje"), self.branch)
        if logo is not None:
            self.add_row(
                "logo",
                _("Logo"),
                logo,
                hint=_("Står med navnet øverst på første side av hver rapport. PNG eller JPEG."),
            )
        self.document_language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.document_language.addItem(name, code)  # each named in itself
        chosen = document_language or i18n.language()
        self.document_language.setCurrentIndex(self.document_language.findData(chosen))
        self.add_row(
            "document_language",
            _("Dokumentspråk"),
            self.document_language,
            hint=_(
                "Språket i rapporter, referater og eksporter, uansett hvilket språk den som "
                "skriver dem ut, bruker i programmet."
            ),
        )
        self.finish()

    def values(self) -> dict:
        """What `save_organisation` takes, read from the fields (on the GUI thread)."""
        return dict(
            name=self.name.text(),
            org_number=self.org_number.text(),
            employees=self.employees.value(),
            branch=self.branch.currentText(),
            document_language=self.document_language.currentData(),
        )


def save_organisation(
    db: Database,
    *,
    name: str,
    org_number: str,
    employees: int,
    branch: str,
    document_language: str,
    logo: bytes | None = None,
    logo_changed: bool = False,
) -> org_service.OrganisationInfo:
    """The undertaking, its document language and (when `logo_changed`) its logo, saved
    in one go; touches no widget, so it runs on the worker thread. A picture that cannot
    be used stops the save before anything is written."""
    from vernelogg.services.document_language import (
        set_document_language,
        stored_document_language,
    )

    if logo_changed and logo is not None:
        letterhead_service.prepare_logo(logo)  # a bad picture stops here
    info = org_service.save_organisation(
        db, name=name, org_number=org_number, employees=employees, branch=branch
    )
    if document_language != stored_document_language(db):
        set_document_language(db, document_language)
    if logo_changed:
        if logo is None:
            letterhead_service.remove_logo(db)
        else:
            letterhead_service.set_logo(db, logo)
    return info


class LogoField(QWidget):
    """The undertaking's logo for the letterhead: a preview, choose and remove."""

    def __init__(self, logo: bytes | None) -> None:
        super().__init__()
        self.logo = logo
        self.changed = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setMinimumHeight(48)
        row.addWidget(self.preview, 1)
        self.choose = QPushButton(_("Velg bilde …"))
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.choose)
        self.remove = QPushButton(_("Fjern logo"))
        self.remove.clicked.connect(lambda: self.set_logo(None))
        row.addWidget(self.remove)
        self._show()

    def set_logo(self, data: bytes | None) -> None:
        self.logo = data
        self.changed = True
        self._show()

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Velg logo"), "", _("Bilder (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_logo(Path(path).read_bytes())

    def _show(self) -> None:
        picture = QPixmap()
        if self.logo and picture.loadFromData(self.logo):
            self.preview.setPixmap(picture.scaledToHeight(48))
        else:
            self.preview.setText(_("Ingen logo valgt") if not self.logo else _("Kan ikke vises"))
        self.remove.setEnabled(self.logo is not None)


class OrganisationDialog(FormDialog[org_service.OrganisationInfo]):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Virksomheten"), parent)
        self.db = db
        layout = self.column
        layout.removeWidget(self.form)
        self.form.deleteLater()
        self.logo = LogoField(letterhead_service.get_logo(db))
        from vernelogg.services.document_language import stored_document_language

        self.form = OrganisationForm(
            org_service.get_organisation(db), self.logo, stored_document_language(db)
        )
        layout.insertWidget(0, self.form)

    def writer(self) -> Callable[[], org_service.OrganisationInfo]:
        assert isinstance(self.form, OrganisationForm)
        return partial(
            save_organisation,
            self.db,
            **self.form.values(),
            logo=self.logo.logo,
            logo_changed=self.logo.changed,
        )


class AreaDialog(FormDialog[area_service.AreaInfo]):
    def __init__(
        self, db: Database, area: area_service.AreaInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Endre verneområde") if area else _("Nytt verneområde"), parent)
        self.db, self.area = db, area
        self.name = self.form.add_row("name", _("Navn"), QLineEdit(area.name if area else ""))
        self.kind = QComboBox()
        for key, label in area_service.AREA_KINDS.items():
            self.kind.addItem(_(label), key)
        if area:
            self.kind.setCurrentIndex(self.kind.findData(area.kind))
        self.form.add_row("kind", _("Type"), self.kind)
        self.parent_box = QComboBox()
        self.parent_box.addItem(_("— øverste nivå —"), None)
        for other in area_service.list_areas(db):
            if area is None or other.id != area.id:
                self.parent_box.addItem(other.name, other.id)
        if area and area.parent_id:
            self.parent_box.setCurrentIndex(self.parent_box.findData(area.parent_id))
        self.form.add_row("parent_id", _("Ligger under"), self.parent_box)
        self.description = QPlainTextEdit(area.description if area else "")
        self.description.setFixedHeight(70)
        self.description.setTabChangesFocus(True)
        self.form.add_row("description", _("Beskrivelse"), self.description)
        self.chemical = QCheckBox(_("Kjemikalier eller biologiske faktorer"))
        self.chemical.setChecked(bool(area and area.chemical_biological))
        self.form.add_row("chemical_biological", _("Særlige forhold"), self.chemical)
        self.complex = QCheckBox(_("Særlig komplekse forhold"))
        self.complex.setChecked(bool(area and area.complex_conditions))
        self.form.add_row(
            "complex_conditions",
            "",
            self.complex,
            hint=_("Gir krav om tilleggsopplæring for verneombudet (OLM § 3-18)."),
        )
        self.form.finish()

    def writer(self) -> Callable[[], area_service.AreaInfo]:
        parent_id = self.parent_box.currentData()
        values = dict(
            name=self.name.text(),
            kind=self.kind.currentData(),
            description=self.description.toPlainText(),
            chemical_biological=self.chemical.isChecked(),
            complex_conditions=self.complex.isChecked(),
        )
        if self.area is None:
            return partial(area_service.create_area, self.db, parent_id=parent_id, **values)
        moved = parent_id != self.area.parent_id
        return partial(
            _update_area, self.db, self.area.id, parent_id=parent_id if moved else _STAYS, **values
        )


_STAYS = object()  # `_update_area`'s parent_id when the area stays where it is


def _update_area(
    db: Database, area_id: str, *, parent_id: object = _STAYS, **values
) -> area_service.AreaInfo:
    """An area changed, and moved under `parent_id` (None: to the top) unless it is
    `_STAYS`; on the worker thread."""
    info = area_service.update_area(db, area_id, **values)
    if parent_id is not _STAYS:
        info = area_service.move_area(db, area_id, cast("str | None", parent_id))
    return info


class MergeDialog(FormDialog[area_service.AreaInfo]):
    def __init__(
        self, db: Database, source: area_service.AreaInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Slå sammen «{name}»").format(name=source.name), parent, ok_text=_("Slå sammen")
        )
        self.db, self.source = db, source
        self.target = QComboBox()
        for other in area_service.list_areas(db):
            if other.id != source.id:
                self.target.addItem(other.name, other.id)
        self.form.add_row(
            "target",
            _("Slå sammen med"),
            self.target,
            hint=_(
                "«{name}» arkiveres og peker til området du velger. Verv i området "
                "avsluttes på datoen; historikken beholdes."
            ).format(name=source.name),
        )
        self.on = self.form.add_row("on", _("Dato"), DateField(clock.today()))
        self.form.finish()

    def writer(self) -> Callable[[], area_service.AreaInfo]:
        if self.target.currentData() is None:
            raise ServiceError(_("Det finnes ikke noe annet verneområde å slå sammen med."))
        return partial(
            area_service.merge_areas,
            self.db,
            self.source.id,
            self.target.currentData(),
            self.on.value(),
        )


class PersonDialog(FormDialog[people_service.PersonInfo]):
    def __init__(
        self,
        db: Database,
        person: people_service.PersonInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Endre person") if person else _("Ny person"), parent)
        self.db, self.person = db, person
        self.name = self.form.add_row(
            "name", _("Navn"), QLineEdit(person.name if person else ""), limit=200
        )
        self.title = self.form.add_row(
            "title", _("Stilling"), QLineEdit(person.title if person else ""), limit=200
        )
        self.email = self.form.add_row(
            "email", _("E-post"), QLineEdit(person.email if person else ""), limit=200
        )
        self.phone = self.form.add_row(
            "phone", _("Telefon"), QLineEdit(person.phone if person else ""), limit=50
        )
        # Team mode: the database login that signs in as this person. On SQLite the file
        # is one person's, and there is nothing to connect.
        self.db_login: QLineEdit | None = None
        if not db.is_sqlite:
            self.db_login = self.form.add_row(
                "db_login",
                _("Databasebruker"),
                QLineEdit(person.db_login if person else ""),
                hint=_(
                    "Påloggingen IT-avdelingen har laget til personen på databasetjeneren. "
                    "Rettighetene og endringsloggen følger den. Tom: personen logger ikke inn."
                ),
                limit=63,
            )
        self.form.finish()
        self.name.setFocus()

    def writer(self) -> Callable[[], people_service.PersonInfo]:
        name, title = self.name.text(), self.title.text()
        email, phone = self.email.text(), self.phone.text()
        login = self.db_login.text() if self.db_login is not None else None
        if self.person is None:
            return partial(
                people_service.create_person,
                self.db,
                name=name,
                title=title,
                email=email,
                phone=phone,
                db_login=login,
            )
        return partial(
            people_service.update_person,
            self.db,
            self.person.id,
            name=name,
            title=title,
            email=email,
            phone=phone,
            db_login=login,
        )


class AssignmentDialog(FormDialog[people_service.AssignmentInfo]):
    """Nytt verv: person, role, area, period, elected or appointed, by whom."""

    def __init__(
        self,
        db: Database,
        *,
        person_id: str | None = None,
        area_id: str | None = None,
        role: Role | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Nytt verv"), parent)
        self.db = db
        self.person = QComboBox()
        self.person.setEditable(False)
        for p in people_service.list_people(db):
            self.person.addItem(p.name, p.id)
        if person_id:
            self.person.setCurrentIndex(self.person.findData(person_id))
        # The first verv of a new undertaking: the person can be added right here.
        self.new_person_button = QPushButton(_("Ny person …"))
        self.new_person_button.setAutoDefault(False)
        self.new_person_button.clicked.connect(self.add_person)
        person_row = QWidget()
        person_row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(person_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.person, 1)
        row.addWidget(self.new_person_button)
        self.form.add_row("person_id", _("Person"), person_row)
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(r.label, r.value)
        if role:
            self.role.setCurrentIndex(self.role.findData(role.value))
        self.form.add_row("role", _("Verv"), self.role)
        self.area = QComboBox()
        self.area.addItem(_("— ingen —"), None)
        for a in area_service.list_areas(db):
            self.area.addItem(a.name, a.id)
        if area_id:
            self.area.setCurrentIndex(self.area.findData(area_id))
        self.form.add_row("area_id", _("Verneområde"), self.area)
        self.start = self.form.add_row("start_date", _("Fra"), DateField(clock.today()))
        self.end = self.form.add_row(
            "end_date",
            _("Til og med"),
            DateField(None, optional=True),
            hint=_("Verneombud velges for to år (OLM § 3-4); tom dato gir to år fra startdato."),
        )
        self.elected = QComboBox()
        self.elected.addItem(_("Valgt"), True)
        self.elected.addItem(_("Utpekt"), False)
        self.form.add_row("elected", _("Valgt eller utpekt"), self.elected)
        self.chosen_by = self.form.add_row("chosen_by", _("Valgt/utpekt av"), QLineEdit())
        self.form.finish()
        self.role.currentIndexChanged.connect(self._role_changed)
        self.start.dateChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        role = Role(self.role.currentData())
        self.area.setEnabled(role in AREA_ROLES)
        if role in ELECTED_TERM_ROLES:
            start = self.start.value() or clock.today()
            self.end.set_date(people_service.default_term_end(start))
        elif (end := self.end.value()) and (
            end - (self.start.value() or clock.today()) >= timedelta(days=700)
        ):
            self.end.set_date(None)

    def add_person(self) -> None:
        dialog = PersonDialog(self.db, parent=self)
        if dialog.exec():
            person = dialog.saved()
            self.person.addItem(person.name, person.id)
            self.person.setCurrentIndex(self.person.count() - 1)
            self.role.setFocus()

    def writer(self) -> Callable[[], people_service.AssignmentInfo]:
        role = Role(self.role.currentData())
        if self.person.currentData() is None:
            raise ServiceError(_("Ingen person er valgt: legg inn personen med «Ny person …»."))
        return partial(
            people_service.assign_role,
            self.db,
            person_id=self.person.currentData(),
            role=role,
            area_id=self.area.currentData() if role in AREA_ROLES else None,
            start_date=self.start.value(),
            end_date=self.end.value(),
            elected=bool(self.elected.currentData()),
            chosen_by=self.chosen_by.text(),
        )


class EndRoleDialog(FormDialog):
    """End a role and say who takes over (a deputy completes the term, OLM § 3-4)."""

    def __init__(
        self, db: Database, assignment: people_service.AssignmentInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Avslutt verv: {role} – {person}").format(
                role=assignment.role_label, person=assignment.person_name
            ),
            parent,
            ok_text=_("Avslutt verv"),
        )
        self.db, self.assignment = db, assignment
        self.end = self.form.add_row("end_date", _("Siste dag"), DateField(clock.today()))
        self.reason = self.form.add_row("reason", _("Årsak"), QLineEdit())
        self.successor = QComboBox()
        self.successor.addItem(_("— ingen ennå —"), None)
        deputies = (
            {
                a.person_id
                for a in people_service.list_assignments(
                    db, on=clock.today(), area_id=assignment.area_id, role=Role.DEPUTY_DELEGATE
                )
            }
            if assignment.area_id
            else set()
        )
        for p in people_service.list_people(db):
            if p.id != assignment.person_id:
                label = _("{name} (vara)").format(name=p.name) if p.id in deputies else p.name
                self.successor.addItem(label, p.id)
                if p.id in deputies and self.successor.currentData() is None:
                    self.successor.setCurrentIndex(self.successor.count() - 1)
        self.form.add_row("successor_id", _("Hvem tar over?"), self.successor)
        self.complete = QCheckBox(_("Fullfører resten av perioden"))
        self.complete.setChecked(True)
        self.form.add_row(
            "complete_term",
            "",
            self.complete,
            hint=_("Når verneombudet går av, trer varaen inn for resten av perioden (OLM § 3-4)."),
        )
        self.form.finish()

    def writer(self) -> Callable[[], people_service.AssignmentInfo | None]:
        return partial(
            people_service.end_role,
            self.db,
            self.assignment.id,
            end_date=self.end.value() or clock.today(),
            reason=self.reason.text(),
            successor_id=self.successor.currentData(),
            complete_term=self.complete.isChecked(),
        )

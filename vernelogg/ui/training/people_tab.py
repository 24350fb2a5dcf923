"""Opplæring: persons with their requirements and courses; add or edit a course.

The persons and the selected person's courses are read on a worker thread
(`read_training`, `read_courses`) and shown when they are in. A course is saved, and
archived, on the worker thread too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import DeadlineItem, RuleSettings, Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.training import CourseKind
from vernelogg.i18n import _
from vernelogg.services import training as training_service
from vernelogg.services.errors import ServiceError
from vernelogg.services.rule_settings import load_rule_settings
from vernelogg.services.training_status import PersonTraining, training_overview
from vernelogg.store.database import Database
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, fit_columns, make_table
from vernelogg.ui.common.writes import Writes
from vernelogg.ui.context import AppContext

if TYPE_CHECKING:
    from vernelogg.ui.training.dialogs import TrainingDialog


def _status_text(p: PersonTraining) -> str:
    worst = p.worst
    return worst.label if worst else _("Ingen krav")


def _status_color(status: Status | None) -> str | None:
    return STATUS_COLORS[status.value] if status else "#5f6368"


def people_columns() -> list[Column]:
    return [
        Column(_("Navn"), lambda p: p.name),
        Column(_("Opplæring"), _status_text, foreground=lambda p: _status_color(p.worst)),
        Column(_("Verv"), lambda p: p.roles_text, tooltip=lambda p: p.roles_text or None),
    ]


def _requirement_name(i: DeadlineItem) -> str:
    kind = CourseKind(i.ref or "other")
    return _("Oppfriskningskurs") if i.kind == "refresher" else kind.label


def _requirement_note(i: DeadlineItem) -> str:
    """The item's title without the course name the first column already shows."""
    label = CourseKind(i.ref or "other").label
    return i.title.removeprefix(f"{label}: ").removeprefix(f"{label} ")


def requirement_columns() -> list[Column]:
    return [
        Column(_("Krav"), _requirement_name),
        Column(
            _("Status"),
            lambda i: i.status.label,
            foreground=lambda i: STATUS_COLORS[i.status.value],
        ),
        Column(_("Frist"), lambda i: fmt_date(i.due) if i.due else ""),
        Column(_("Verv"), lambda i: i.role.label if i.role else ""),
        Column(_("Merknad"), _requirement_note, tooltip=lambda i: i.title),
    ]


@dataclass(frozen=True)
class PersonCourses:
    person_id: str
    records: list[training_service.TrainingInfo]


@dataclass(frozen=True)
class TrainingData:
    """The rules, every person's training, and the courses of the person to be selected."""

    settings: RuleSettings
    people: list[PersonTraining]
    courses: PersonCourses | None


def read_courses(db: Database, person_id: str) -> PersonCourses:
    return PersonCourses(person_id, training_service.list_training(db, person_id=person_id))


def read_training(
    db: Database, today: date, only_required: bool, person_id: str | None
) -> TrainingData:
    """On a worker thread: the rules, the persons' training, and the courses of the
    person that will be selected (`person_id` when listed, else the first)."""
    settings = load_rule_settings(db)
    people = training_overview(db, today, settings)
    shown = [p for p in people if p.requirements] if only_required else people
    chosen = next(
        (p.person_id for p in shown if p.person_id == person_id),
        shown[0].person_id if shown else None,
    )
    return TrainingData(settings, people, read_courses(db, chosen) if chosen else None)


class TrainingTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = RuleSettings()
        self.everybody: list[PersonTraining] = []  # as read; `people` as shown
        self.people: list[PersonTraining] = []
        self.records: list[training_service.TrainingInfo] = []
        self.loader = PageLoader(self)
        self.courses_loader = PageLoader(self)  # the selected person's courses
        self.writes = Writes(self)  # «Arkiver kurs» on the worker thread
        self._filling = False  # while the list is filled: no reading per row
        self._wanted: tuple[str | None, str | None] | None = None  # (person, course kind)
        layout = QVBoxLayout(self)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("Nytt kurs …"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(lambda: self.new_course())
        self.edit_button = QPushButton(_("Endre kurs …"))
        self.edit_button.clicked.connect(self.edit_course)
        self.archive_button = QPushButton(_("Arkiver kurs"))
        self.archive_button.clicked.connect(self.archive_course)
        self.open_file_button = QPushButton(_("Åpne kursbevis"))
        self.open_file_button.clicked.connect(self.open_certificate)
        for b in (self.new_button, self.edit_button, self.archive_button, self.open_file_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.only_required = QCheckBox(_("Bare personer med opplæringskrav"))
        self.only_required.setChecked(True)
        self.only_required.toggled.connect(lambda *_: self._fill_people(None))
        buttons.addWidget(self.only_required)
        layout.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.people_model = RowsModel(people_columns())
        self.people_view = make_table()
        self.people_view.setModel(self.people_model)
        self.people_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._person_changed()
        )
        split.addWidget(self.people_view)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(12, 0, 0, 0)
        self.person_title = QLabel()
        self.person_title.setObjectName("cardTitle")
        detail_layout.addWidget(self.person_title)
        self.person_facts = QLabel()
        self.person_facts.setWordWrap(True)
        self.person_facts.setStyleSheet("color: #5f6368;")
        detail_layout.addWidget(self.person_facts)
        detail_layout.addWidget(QLabel("<b>{}</b>".format(_("Krav og frister"))))
        self.requirements_model = RowsModel(requirement_columns())
        self.requirements_view = make_table()
        self.requirements_view.setModel(self.requirements_model)
        self.requirements_view.activated.connect(lambda *_: self.course_for_requirement())
        detail_layout.addWidget(self.requirements_view, 2)
        detail_layout.addWidget(QLabel("<b>{}</b>".format(_("Kurs"))))
        self.records_model = RowsModel(self._record_columns())
        self.records_view = make_table()
        self.records_view.setModel(self.records_model)
        self.records_view.activated.connect(lambda *_: self.edit_course())
        self.records_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        detail_layout.addWidget(self.records_view, 3)
        split.addWidget(detail)
        split.setSizes([330, 800])
        layout.addWidget(split, 1)

    def _record_columns(self) -> list[Column]:
        def verdict(r: training_service.TrainingInfo) -> str:
            return r.state_text(self.ctx.today(), self.settings)

        def verdict_color(r: training_service.TrainingInfo) -> str | None:
            if r.completed_date is None:
                return None
            ok = r.counts_as_complete(self.ctx.today(), self.settings)
            return STATUS_COLORS["ok" if ok else "missing"]

        return [
            Column(_("Kurs"), lambda r: r.display_title, tooltip=lambda r: r.display_title),
            Column(_("Startet"), lambda r: fmt_date(r.start_date)),
            Column(_("Fullført"), lambda r: fmt_date(r.completed_date)),
            Column(_("Timer"), lambda r: r.hours_text, align_right=True),
            Column(_("Vurdering"), verdict, foreground=verdict_color),
            Column(_("Avtale"), lambda r: fmt_date(r.agreement_date)),
            Column(_("Kursbevis"), lambda r: _("Ja") if r.certificates else ""),
            Column(_("Leverandør"), lambda r: r.provider),
            Column(_("Form"), lambda r: r.format_label),
        ]

    # --- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the persons' training on a worker thread; the old rows stay until then."""
        current = self.selected_person()
        wanted = self._wanted[0] if self._wanted else None
        self.loader.load(
            read_training,
            self.ctx.db,
            self.ctx.today(),
            self.only_required.isChecked(),
            wanted or (current.person_id if current else None),
            then=self._show,
        )

    def is_loading(self) -> bool:
        """Whether something is read, or a course is being archived (the courses are
        read again after it)."""
        return self.loader.is_loading() or self.courses_loader.is_loading() or self.writes.busy()

    def _show(self, data: TrainingData) -> None:
        self.settings = data.settings
        self.everybody = data.people
        self._fill_people(data.courses)

    def _fill_people(self, courses: PersonCourses | None) -> None:
        """Show the persons (those with requirements, when so chosen), keep or make the
        selection, and show the person's courses (`courses` when read with the list)."""
        current = self.selected_person()
        person_id, course_kind = self._wanted or (None, None)
        self._wanted = None
        hidden = person_id and not any(
            p.person_id == person_id and p.requirements for p in self.everybody
        )
        if hidden and self.only_required.isChecked():
            self.only_required.blockSignals(True)
            self.only_required.setChecked(False)  # show everybody
            self.only_required.blockSignals(False)
        people = self.everybody
        if self.only_required.isChecked():
            people = [p for p in people if p.requirements]
        self.people = people
        self._filling = True
        try:
            self.people_model.set_rows(people)
            fit_columns(self.people_view, max_width=160)
            ids = [p.person_id for p in people]
            row = next(
                (ids.index(x) for x in (person_id, current and current.person_id) if x in ids),
                0 if people else -1,
            )
            if row >= 0:
                self.people_view.selectRow(row)
        finally:
            self._filling = False
        person = self.selected_person()
        if person is not None and courses is not None and courses.person_id == person.person_id:
            self._show_person(courses, course_kind)
        else:
            self._person_changed(course_kind)

    def select_person(self, person_id: str | None, *, course_kind: str | None = None) -> bool:
        """Select the person (showing everybody if needed) and the requirement for that
        course; returns whether found. While the persons are being read, they are
        selected when they are in (and False is returned)."""
        if self.loader.is_loading():
            self._wanted = (person_id, course_kind)
            return False
        self._wanted = (person_id, course_kind)
        self._fill_people(None)
        return any(p.person_id == person_id for p in self.people)

    def selected_person(self) -> PersonTraining | None:
        index = self.people_view.currentIndex()
        return self.people_model.row_at(index.row()) if index.isValid() else None

    def selected_record(self) -> training_service.TrainingInfo | None:
        index = self.records_view.currentIndex()
        return self.records_model.row_at(index.row()) if index.isValid() else None

    def requirement_rows(self) -> list[DeadlineItem]:
        return list(self.requirements_model.rows)

    def _person_changed(self, course_kind: str | None = None) -> None:
        """Another person is selected: their courses are read on a worker thread."""
        if self._filling:
            return
        person = self.selected_person()
        if person is None:
            self.person_title.setText(_("Ingen personer med opplæringskrav"))
            self.person_facts.setText(_("Gi noen et verv under «Verneområder og roller»."))
            self.requirements_model.set_rows([])
            self.records = []
            self.records_model.set_rows([])
            self._update_buttons()
            return
        self.courses_loader.load(
            read_courses,
            self.ctx.db,
            person.person_id,
            then=lambda courses: self._show_person(courses, course_kind),
        )

    def _show_person(self, courses: PersonCourses, course_kind: str | None = None) -> None:
        person = self.selected_person()
        if person is None or person.person_id != courses.person_id:
            return  # another person was selected meanwhile
        self.person_title.setText(person.name)
        facts = [x for x in (person.job_title, person.roles_text) if x]
        self.person_facts.setText(" · ".join(facts) or _("Ingen verv nå"))
        self.requirements_model.set_rows(person.requirements)
        fit_columns(self.requirements_view, max_width=230)
        self.records = courses.records
        self.records_model.set_rows(self.records)
        fit_columns(self.records_view, max_width=210)
        if self.records:
            self.records_view.selectRow(0)
        if course_kind:
            for i, item in enumerate(self.requirements_model.rows):
                if item.ref == course_kind:
                    self.requirements_view.selectRow(i)
                    break
        self._update_buttons()

    def _update_buttons(self) -> None:
        record = self.selected_record()
        self.new_button.setEnabled(self.selected_person() is not None)
        self.edit_button.setEnabled(record is not None)
        self.archive_button.setEnabled(record is not None and not self.writes.busy())
        self.open_file_button.setEnabled(bool(record and record.certificates))

    # --- actions ---------------------------------------------------------------------------

    def new_course(self, kind: CourseKind | None = None) -> TrainingDialog | None:
        from vernelogg.ui.training.dialogs import TrainingDialog

        person = self.selected_person()
        dialog = TrainingDialog(
            self.ctx.db,
            self.ctx.today(),
            person_id=person.person_id if person else None,
            kind=kind,
            settings=self.settings,
            parent=self,
        )
        if dialog.exec():
            self.ctx.notify("training")
        return dialog

    def course_for_requirement(self) -> None:
        index = self.requirements_view.currentIndex()
        item = self.requirements_model.row_at(index.row()) if index.isValid() else None
        if item is None:
            return
        kind = CourseKind(item.ref or "other")
        existing = next((r for r in self.records if r.kind is kind), None)
        if existing is not None and item.status is not Status.OK and item.kind == "training":
            self._edit(existing)
        else:
            self.new_course(kind)

    def edit_course(self) -> None:
        record = self.selected_record()
        if record is not None:
            self._edit(record)

    def _edit(self, record: training_service.TrainingInfo) -> None:
        from vernelogg.ui.training.dialogs import TrainingDialog

        dialog = TrainingDialog(
            self.ctx.db, self.ctx.today(), record=record, settings=self.settings, parent=self
        )
        if dialog.exec():
            self.ctx.notify("training")

    def archive_course(self) -> None:
        record = self.selected_record()
        if record is None or self.writes.busy():
            return
        if not confirm(
            self,
            _("Arkiver kurs"),
            _(
                "Arkivere «{course}» for {person}? Kurset teller ikke lenger, men alt som er "
                "registrert beholdes."
            ).format(course=record.display_title, person=record.person_name),
            yes=_("Arkiver"),
        ):
            return
        # Written on the worker thread; «Arkiver kurs» waits until it is done.
        self.writes.run(
            [self.archive_button],
            partial(training_service.archive_training, self.ctx.db, record.id),
            then=lambda _none: self.ctx.notify("training"),
            refused=lambda: self.ctx.notify("training"),
        )

    def open_certificate(self) -> None:
        record = self.selected_record()
        if record and record.certificates:
            from vernelogg.ui.training.files import open_attachment

            try:
                open_attachment(self.ctx.db, record.certificates[-1])
            except (OSError, ServiceError) as error:
                show_error(self, str(error))

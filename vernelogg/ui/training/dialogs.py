"""Dialogs for a course (with certificate and agreement) and for the deadline rules.

Each gives its save as `writer()`: the fields are read on the GUI thread and the service
call runs on the worker thread (see ui/common/form_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from vernelogg.domain.deadlines import RuleSettings
from vernelogg.domain.training import OLM_TOPICS, CourseFormat, CourseKind, CourseRecord
from vernelogg.domain.training import is_complete as course_is_complete
from vernelogg.i18n import N_, _, format_number
from vernelogg.services import people as people_service
from vernelogg.services import rule_settings
from vernelogg.services import training as training_service
from vernelogg.store.database import Database
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog
from vernelogg.ui.common.widgets import STATUS_COLORS
from vernelogg.ui.training.files import FileList

# Short labels for the checkboxes; the full text of OLM § 3-18 is the tooltip.
TOPIC_SHORT = {
    "a": N_("a) Roller og ansvar"),
    "b": N_("b) Det løpende HMS-arbeidet"),
    "c": N_("c) Enkel risikovurdering"),
    "d": N_("d) Psykososialt og organisatorisk"),
    "e": N_("e) Ergonomi, støy, inneklima"),
    "f": N_("f) Lover og regler"),
}

# OLM § 3-19: the parties may agree on a shorter course when they jointly find it
# justifiable; the regulation does not demand writing, recording it is good practice.
AGREEMENT_HINT = N_(
    "Partene kan i fellesskap avtale kortere opplæring enn 40 timer når det er "
    "forsvarlig (OLM § 3-19). Registrer avtalen med dato og dokumentet – god praksis, "
    "forskriften krever ikke at den er skriftlig."
)


class TrainingDialog(FormDialog[training_service.TrainingInfo]):
    """Nytt kurs / Endre kurs. Shows live whether the course counts as complete."""

    def __init__(
        self,
        db: Database,
        today: date,
        *,
        record: training_service.TrainingInfo | None = None,
        person_id: str | None = None,
        kind: CourseKind | None = None,
        settings: RuleSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Endre kurs") if record else _("Nytt kurs"), parent)
        self.db, self.today, self.record = db, today, record
        self.settings = settings or RuleSettings()
        self.setMinimumWidth(620)

        self.person = QComboBox()
        for p in people_service.list_people(db):
            self.person.addItem(p.name, p.id)
        chosen = record.person_id if record else person_id
        if record and self.person.findData(record.person_id) < 0:
            # An archived person: shown as such (saving asks for an active person).
            self.person.addItem(
                _("{name} (arkivert)").format(name=record.person_name), record.person_id
            )
        if chosen:
            self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        self.form.add_row("person_id", _("Person"), self.person)

        self.kind = QComboBox()
        for k in CourseKind:
            self.kind.addItem(k.label, k.value)
        chosen_kind = record.kind if record else kind
        if chosen_kind:
            self.kind.setCurrentIndex(self.kind.findData(chosen_kind.value))
        self.form.add_row("kind", _("Kurs"), self.kind)
        self.title = self.form.add_row(
            "title",
            _("Kursnavn"),
            QLineEdit(record.title if record else ""),
            hint=_("Må fylles ut for «Annet kurs»; ellers valgfritt."),
            limit=200,
        )

        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        self.start = DateField(record.start_date if record else None, optional=True)
        self.completed = DateField(record.completed_date if record else None, optional=True)
        dates_row.addWidget(QLabel(_("Startet")))
        dates_row.addWidget(self.start)
        dates_row.addSpacing(12)
        dates_row.addWidget(QLabel(_("Fullført")))
        dates_row.addWidget(self.completed)
        dates_row.addStretch(1)
        self.form.add_row("start_date", _("Datoer"), dates)
        self.form.fields["completed_date"] = self.completed
        self.form.errors["completed_date"] = self.form.errors["start_date"]

        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, training_service.MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(_(" timer"))
        self.hours.setSpecialValueText(_("Ikke oppgitt"))
        self.hours.setValue(record.hours or 0 if record else 0)
        self.form.add_row("hours", _("Varighet"), self.hours)

        self.provider = self.form.add_row(
            "provider", _("Kursleverandør"), QLineEdit(record.provider if record else "")
        )
        self.course_format = QComboBox()
        self.course_format.addItem(_("— ikke oppgitt —"), None)
        for f in CourseFormat:
            self.course_format.addItem(f.label, f.value)
        if record and record.course_format:
            self.course_format.setCurrentIndex(
                self.course_format.findData(record.course_format.value)
            )
        self.form.add_row("course_format", _("Kursform"), self.course_format)

        topics = QWidget()
        grid = QGridLayout(topics)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.topic_boxes: dict[str, QCheckBox] = {}
        for i, (key, text) in enumerate(OLM_TOPICS.items()):
            box = QCheckBox(_(TOPIC_SHORT[key]))
            box.setToolTip(_(text))
            box.setChecked(bool(record and key in record.topics))
            self.topic_boxes[key] = box
            grid.addWidget(box, i // 2, i % 2)
        self.topics_other = QLineEdit(record.topics_other if record else "")
        self.topics_other.setPlaceholderText(_("Andre temaer (fritekst)"))
        grid.addWidget(self.topics_other, 3, 0, 1, 2)
        self.form.add_row("topics", _("Temaer (OLM § 3-18)"), topics)

        self.certificates = FileList(
            db, record.certificates if record else (), add_text=_("Legg ved kursbevis …")
        )
        self.form.add_row(
            "certificate_file", _("Kursbevis"), self.certificates, hint=_("PDF eller bilde.")
        )

        agreement = QWidget()
        agreement.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        agreement_row = QHBoxLayout(agreement)
        agreement_row.setContentsMargins(0, 0, 0, 0)
        self.agreement_date = DateField(record.agreement_date if record else None, optional=True)
        self.agreement_note = QLineEdit(record.agreement_note if record else "")
        self.agreement_note.setPlaceholderText(_("Hvem avtalen er inngått mellom"))
        agreement_row.addWidget(self.agreement_date)
        agreement_row.addWidget(self.agreement_note, 1)
        self.form.add_row(
            "agreement_date",
            _("Avtale om kortere kurs"),
            agreement,
            hint=_(AGREEMENT_HINT),
        )
        self.agreements = FileList(
            db, record.agreements if record else (), add_text=_("Legg ved avtalen …")
        )
        self.form.add_row("agreement_file", _("Avtaledokument"), self.agreements)

        self.note = QPlainTextEdit(record.note if record else "")
        self.note.setFixedHeight(48)
        self.note.setTabChangesFocus(True)
        self.form.add_row("note", _("Merknad"), self.note)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.form.layout_.addRow("", self.verdict)
        self.form.finish()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        for signal in (
            self.kind.currentIndexChanged,
            self.completed.dateChanged,
            self.agreement_date.dateChanged,
            self.agreements.changed,
        ):
            signal.connect(self._update_verdict)
        self.hours.valueChanged.connect(self._update_verdict)
        self._update_verdict()

    # --- live feedback --------------------------------------------------------------------

    def _kind_changed(self, *_args) -> None:
        """The written agreement only matters where the 40-hour rule applies."""
        applies = CourseKind(self.kind.currentData()).hours_rule_applies
        for widget in (self.agreement_date, self.agreement_note, self.agreements):
            widget.setEnabled(applies or self.agreements.count() > 0)

    def hours_value(self) -> float | None:
        return self.hours.value() or None

    def verdict_text(self) -> tuple[str, str]:
        kind = CourseKind(self.kind.currentData())
        completed = self.completed.value()
        hours = self.hours_value()
        has_agreement = self.agreement_date.value() is not None and self.agreements.count() > 0
        record = CourseRecord(
            person="",
            kind=kind,
            start=self.start.value(),
            completed=completed,
            hours=hours,
            agreement_date=self.agreement_date.value() if has_agreement else None,
        )
        minimum = self.settings.min_course_hours
        if completed is None:
            return _("Ikke fullført ennå: fyll inn fullført-dato når kurset er holdt."), "info"
        if course_is_complete(record, self.today, self.settings):
            if kind.hours_rule_applies and hours is not None and hours < minimum:
                return (
                    _("Teller som fullført: kortere enn {hours} timer, men med avtale.").format(
                        hours=format_number(minimum)
                    ),
                    "ok",
                )
            return _("Teller som fullført."), "ok"
        if self.agreement_date.value() and not self.agreements.count():
            return (
                _("Legg ved avtaledokumentet; først da teller kurset som fullført."),
                "due_soon",
            )
        return (
            _(
                "Teller ikke som fullført: under {hours} timer, og det er ikke registrert at "
                "partene har avtalt kortere opplæring (OLM § 3-19)."
            ).format(hours=format_number(minimum)),
            "missing",
        )

    def _update_verdict(self, *_args) -> None:
        text, status = self.verdict_text()
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {STATUS_COLORS[status]}; font-weight: 600;")

    # --- save -------------------------------------------------------------------------------

    def writer(self) -> Callable[[], training_service.TrainingInfo]:
        """The course and its files are saved on the worker thread (the files were read
        when they were chosen)."""
        return partial(
            training_service.save_training,
            self.db,
            today=self.today,
            record_id=self.record.id if self.record else None,
            person_id=self.person.currentData(),
            kind=self.kind.currentData(),
            title=self.title.text(),
            start_date=self.start.value(),
            completed_date=self.completed.value(),
            hours=self.hours_value(),
            provider=self.provider.text(),
            course_format=self.course_format.currentData(),
            topics=[k for k, box in self.topic_boxes.items() if box.isChecked()],
            topics_other=self.topics_other.text(),
            agreement_date=self.agreement_date.value(),
            agreement_note=self.agreement_note.text(),
            note=self.note.toPlainText(),
            certificates=self.certificates.uploads(),
            agreement_documents=self.agreements.uploads(),
            remove_attachment_ids=self.certificates.removed_ids() + self.agreements.removed_ids(),
        )


class RuleSettingsDialog(FormDialog[RuleSettings]):
    """Regler for frister: training start and completion, refresher, warnings."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Regler for frister"), parent)
        self.db = db
        self.setMinimumWidth(620)
        current = rule_settings.load_rule_settings(db)
        self.start = self._spin(1, 24, current.start_within_months, _(" måneder"))
        self.form.add_row(
            "start_within_months",
            _("Opplæring påbegynt innen"),
            self.start,
            hint=_(
                "Anbefaling i hovedavtalene, ikke lov: regnet fra oppstart i vervet. Loven "
                "sier bare «så snart som mulig» (OLM § 3-20)."
            ),
        )
        self.complete = self._spin(1, 36, current.complete_within_months, _(" måneder"))
        self.form.add_row(
            "complete_within_months",
            _("Påbegynt senest innen"),
            self.complete,
            hint=_(
                "Anbefaling i hovedavtalene, ikke lov: «i alle fall innen 12 måneder». "
                "Fullføring har ingen frist; den følges opp."
            ),
        )
        refresher = QWidget()
        row = QHBoxLayout(refresher)
        row.setContentsMargins(0, 0, 0, 0)
        self.refresher_on = QCheckBox(_("Påminn om oppfriskning hvert"))
        self.refresher_on.setChecked(current.refresher_years is not None)
        self.refresher = self._spin(1, 10, current.refresher_years or 3, _(". år"))
        self.refresher_on.toggled.connect(self.refresher.setEnabled)
        self.refresher.setEnabled(self.refresher_on.isChecked())
        row.addWidget(self.refresher_on)
        row.addWidget(self.refresher)
        row.addStretch(1)
        self.form.add_row(
            "refresher_years",
            _("Oppfriskningskurs"),
            refresher,
            hint=_("Virksomhetens eget valg, ikke lovpålagt; verneombud anbefaler hvert 2.–4. år."),
        )
        self.due_soon = self._spin(1, 365, current.due_soon_days, _(" dager før"))
        self.form.add_row(
            "due_soon_days",
            _("Varsle «snart frist»"),
            self.due_soon,
            hint=_("Virksomhetens eget valg."),
        )
        self.election = self._spin(1, 365, current.election_reminder_days, _(" dager før"))
        self.form.add_row(
            "election_reminder_days",
            _("Påminn om valg"),
            self.election,
            hint=_("Før funksjonstiden går ut (to år: lov, OLM § 3-4)."),
        )
        self.form.finish()

    @staticmethod
    def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def writer(self) -> Callable[[], RuleSettings]:
        return partial(
            rule_settings.save_rule_settings,
            self.db,
            start_within_months=self.start.value(),
            complete_within_months=self.complete.value(),
            refresher_years=self.refresher.value() if self.refresher_on.isChecked() else None,
            due_soon_days=self.due_soon.value(),
            election_reminder_days=self.election.value(),
        )

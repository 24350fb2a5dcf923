"""Dialogs for a course (with certificate and agreement) and for the deadline rules."""

from __future__ import annotations

from datetime import date

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
    "a": "a) Roller og ansvar",
    "b": "b) Det løpende HMS-arbeidet",
    "c": "c) Enkel risikovurdering",
    "d": "d) Psykososialt og organisatorisk",
    "e": "e) Ergonomi, støy, inneklima",
    "f": "f) Lover og regler",
}

# OLM § 3-19: the parties may agree on a shorter course when they jointly find it
# justifiable; the regulation does not demand writing, recording it is good practice.
AGREEMENT_HINT = (
    "Partene kan i fellesskap avtale kortere opplæring enn 40 timer når det er "
    "forsvarlig (OLM § 3-19). Registrer avtalen med dato og dokumentet – god praksis, "
    "forskriften krever ikke at den er skriftlig."
)


class TrainingDialog(FormDialog):
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
        super().__init__("Endre kurs" if record else "Nytt kurs", parent)
        self.db, self.today, self.record = db, today, record
        self.settings = settings or RuleSettings()
        self.setMinimumWidth(620)

        self.person = QComboBox()
        for p in people_service.list_people(db):
            self.person.addItem(p.name, p.id)
        chosen = record.person_id if record else person_id
        if record and self.person.findData(record.person_id) < 0:
            # An archived person: shown as such (saving asks for an active person).
            self.person.addItem(f"{record.person_name} (arkivert)", record.person_id)
        if chosen:
            self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        self.form.add_row("person_id", "Person", self.person)

        self.kind = QComboBox()
        for k in CourseKind:
            self.kind.addItem(k.label, k.value)
        chosen_kind = record.kind if record else kind
        if chosen_kind:
            self.kind.setCurrentIndex(self.kind.findData(chosen_kind.value))
        self.form.add_row("kind", "Kurs", self.kind)
        self.title = self.form.add_row(
            "title",
            "Kursnavn",
            QLineEdit(record.title if record else ""),
            hint="Må fylles ut for «Annet kurs»; ellers valgfritt.",
            limit=200,
        )

        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        self.start = DateField(record.start_date if record else None, optional=True)
        self.completed = DateField(record.completed_date if record else None, optional=True)
        dates_row.addWidget(QLabel("Startet"))
        dates_row.addWidget(self.start)
        dates_row.addSpacing(12)
        dates_row.addWidget(QLabel("Fullført"))
        dates_row.addWidget(self.completed)
        dates_row.addStretch(1)
        self.form.add_row("start_date", "Datoer", dates)
        self.form.fields["completed_date"] = self.completed
        self.form.errors["completed_date"] = self.form.errors["start_date"]

        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, training_service.MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" timer")
        self.hours.setSpecialValueText("Ikke oppgitt")
        self.hours.setValue(record.hours or 0 if record else 0)
        self.form.add_row("hours", "Varighet", self.hours)

        self.provider = self.form.add_row(
            "provider", "Kursleverandør", QLineEdit(record.provider if record else "")
        )
        self.course_format = QComboBox()
        self.course_format.addItem("— ikke oppgitt —", None)
        for f in CourseFormat:
            self.course_format.addItem(f.label, f.value)
        if record and record.course_format:
            self.course_format.setCurrentIndex(
                self.course_format.findData(record.course_format.value)
            )
        self.form.add_row("course_format", "Kursform", self.course_format)

        topics = QWidget()
        grid = QGridLayout(topics)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.topic_boxes: dict[str, QCheckBox] = {}
        for i, (key, text) in enumerate(OLM_TOPICS.items()):
            box = QCheckBox(TOPIC_SHORT[key])
            box.setToolTip(text)
            box.setChecked(bool(record and key in record.topics))
            self.topic_boxes[key] = box
            grid.addWidget(box, i // 2, i % 2)
        self.topics_other = QLineEdit(record.topics_other if record else "")
        self.topics_other.setPlaceholderText("Andre temaer (fritekst)")
        grid.addWidget(self.topics_other, 3, 0, 1, 2)
        self.form.add_row("topics", "Temaer (OLM § 3-18)", topics)

        self.certificates = FileList(
            db, record.certificates if record else (), add_text="Legg ved kursbevis …"
        )
        self.form.add_row(
            "certificate_file", "Kursbevis", self.certificates, hint="PDF eller bilde."
        )

        agreement = QWidget()
        agreement.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        agreement_row = QHBoxLayout(agreement)
        agreement_row.setContentsMargins(0, 0, 0, 0)
        self.agreement_date = DateField(record.agreement_date if record else None, optional=True)
        self.agreement_note = QLineEdit(record.agreement_note if record else "")
        self.agreement_note.setPlaceholderText("Hvem avtalen er inngått mellom")
        agreement_row.addWidget(self.agreement_date)
        agreement_row.addWidget(self.agreement_note, 1)
        self.form.add_row(
            "agreement_date",
            "Avtale om kortere kurs",
            agreement,
            hint=AGREEMENT_HINT,
        )
        self.agreements = FileList(
            db, record.agreements if record else (), add_text="Legg ved avtalen …"
        )
        self.form.add_row("agreement_file", "Avtaledokument", self.agreements)

        self.note = QPlainTextEdit(record.note if record else "")
        self.note.setFixedHeight(48)
        self.note.setTabChangesFocus(True)
        self.form.add_row("note", "Merknad", self.note)

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
        minimum = f"{self.settings.min_course_hours:g}"
        if completed is None:
            return "Ikke fullført ennå: fyll inn fullført-dato når kurset er holdt.", "info"
        if course_is_complete(record, self.today, self.settings):
            if kind.hours_rule_applies and hours is not None and hours < float(minimum):
                return (
                    f"Teller som fullført: kortere enn {minimum} timer, men med avtale.",
                    "ok",
                )
            return "Teller som fullført.", "ok"
        if self.agreement_date.value() and not self.agreements.count():
            return "Legg ved avtaledokumentet; først da teller kurset som fullført.", "due_soon"
        return (
            f"Teller ikke som fullført: under {minimum} timer, og det er ikke registrert at "
            "partene har avtalt kortere opplæring (OLM § 3-19).",
            "missing",
        )

    def _update_verdict(self, *_args) -> None:
        text, status = self.verdict_text()
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {STATUS_COLORS[status]}; font-weight: 600;")

    # --- save -------------------------------------------------------------------------------

    def save(self):
        return training_service.save_training(
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


class RuleSettingsDialog(FormDialog):
    """Regler for frister: training start and completion, refresher, warnings."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("Regler for frister", parent)
        self.db = db
        self.setMinimumWidth(620)
        current = rule_settings.load_rule_settings(db)
        self.start = self._spin(1, 24, current.start_within_months, " måneder")
        self.form.add_row(
            "start_within_months",
            "Opplæring påbegynt innen",
            self.start,
            hint="Anbefaling i hovedavtalene, ikke lov: regnet fra oppstart i vervet. Loven "
            "sier bare «så snart som mulig» (OLM § 3-20).",
        )
        self.complete = self._spin(1, 36, current.complete_within_months, " måneder")
        self.form.add_row(
            "complete_within_months",
            "Påbegynt senest innen",
            self.complete,
            hint="Anbefaling i hovedavtalene, ikke lov: «i alle fall innen 12 måneder». "
            "Fullføring har ingen frist; den følges opp.",
        )
        refresher = QWidget()
        row = QHBoxLayout(refresher)
        row.setContentsMargins(0, 0, 0, 0)
        self.refresher_on = QCheckBox("Påminn om oppfriskning hvert")
        self.refresher_on.setChecked(current.refresher_years is not None)
        self.refresher = self._spin(1, 10, current.refresher_years or 3, ". år")
        self.refresher_on.toggled.connect(self.refresher.setEnabled)
        self.refresher.setEnabled(self.refresher_on.isChecked())
        row.addWidget(self.refresher_on)
        row.addWidget(self.refresher)
        row.addStretch(1)
        self.form.add_row(
            "refresher_years",
            "Oppfriskningskurs",
            refresher,
            hint="Virksomhetens eget valg, ikke lovpålagt; verneombud anbefaler hvert 2.–4. år.",
        )
        self.due_soon = self._spin(1, 365, current.due_soon_days, " dager før")
        self.form.add_row(
            "due_soon_days",
            "Varsle «snart frist»",
            self.due_soon,
            hint="Virksomhetens eget valg.",
        )
        self.election = self._spin(1, 365, current.election_reminder_days, " dager før")
        self.form.add_row(
            "election_reminder_days",
            "Påminn om valg",
            self.election,
            hint="Før funksjonstiden går ut (to år: lov, OLM § 3-4).",
        )
        self.form.finish()

    @staticmethod
    def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def save(self):
        return rule_settings.save_rule_settings(
            self.db,
            start_within_months=self.start.value(),
            complete_within_months=self.complete.value(),
            refresher_years=self.refresher.value() if self.refresher_on.isChecked() else None,
            due_soon_days=self.due_soon.value(),
            election_reminder_days=self.election.value(),
        )

"""Dialogs for risk assessments: the assessment, a hazard with its tiltak, sign-off, review.

Each gives its save as `writer()`: the fields are read on the GUI thread and the service
call runs on the worker thread (see ui/common/form_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernelogg import clock
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.risk import AssessmentKind, HazardCategory, involvement_warning
from vernelogg.domain.risk_matrix import RiskMatrix
from vernelogg.i18n import N_, _
from vernelogg.services import areas as area_service
from vernelogg.services import risk as risk_service
from vernelogg.services.risk import AssessmentDetail, HazardInfo, NewAction
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import person_combo
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog

CHOOSE = N_("— velg —")


def _text_edit(text: str = "", height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setFixedHeight(height)
    edit.setTabChangesFocus(True)
    return edit


def level_style(color: str) -> str:
    return (
        f"QLabel {{ background: {color}; color: #111; border-radius: 4px; padding: 3px 8px; "
        "font-weight: 600; }"
    )


class AssessmentDialog(FormDialog[AssessmentDetail]):
    """Ny / endre risikovurdering: what, where, when, who, and when the VO was told."""

    def __init__(
        self,
        db: Database,
        info: AssessmentDetail | None = None,
        *,
        today: date | None = None,
        area_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Endre risikovurdering") if info else _("Ny risikovurdering"), parent)
        self.db, self.info = db, info
        today = today or clock.today()
        self.setMinimumWidth(560)
        f = self.form
        self.title = f.add_row("title", _("Tittel"), QLineEdit(info.title if info else ""))
        self.title.setPlaceholderText(_("F.eks. Truckkjøring i lageret"))
        self.area = QComboBox()
        self.area.addItem(_(CHOOSE), None)
        for a in area_service.list_areas(db):
            self.area.addItem(a.name, a.id)
        chosen = info.area_id if info else area_id
        if chosen:
            self.area.setCurrentIndex(max(0, self.area.findData(chosen)))
        f.add_row("area_id", _("Verneområde"), self.area)
        self.kind = QComboBox()
        for k in AssessmentKind:
            self.kind.addItem(k.label, k.value)
        if info:
            self.kind.setCurrentIndex(self.kind.findData(info.kind.value))
        f.add_row("kind", _("Hva vurderes"), self.kind)
        self.description = f.add_row(
            "description",
            _("Beskrivelse"),
            _text_edit(info.description if info else ""),
            hint=_("Hva som skal gjøres eller endres, og hvor."),
            limit=4000,
        )
        self.assessed_on = f.add_row(
            "assessed_on", _("Dato"), DateField(info.assessed_on if info else today)
        )
        self.participants = QLineEdit(info.participants if info else "")
        self.participants.setPlaceholderText(_("Navn, skilt med komma"))
        self.participants.setCursorPosition(0)
        self.add_person = person_combo(db, None, _("Legg til fra personregisteret …"))
        self.add_person.activated.connect(self._append_participant)
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.participants, 4)
        line.addWidget(self.add_person, 2)
        f.add_row("participants", _("Deltakere"), box)
        f.fields["participants"] = self.participants
        self.responsible = f.add_row(
            "responsible_id",
            _("Ansvarlig leder"),
            person_combo(db, info.responsible_id if info else None, _("— ingen —")),
        )
        self.vo_participated = QCheckBox(_("Verneombudet deltok i vurderingen"))
        self.vo_participated.setChecked(info.vo_participated if info else True)
        f.add_row("vo_participated", _("Verneombud"), self.vo_participated)
        self.vo_informed_on = f.add_row(
            "vo_informed_on",
            _("Verneombudet informert"),
            DateField(info.vo_informed_on if info else None, optional=True),
        )
        self.decided_on = f.add_row(
            "decided_on",
            _("Beslutning tatt"),
            DateField(info.decided_on if info else None, optional=True),
        )
        self.decided_on.setToolTip(_("Særlig ved omorganisering og ny teknologi."))
        self.vo_warning = QLabel()
        self.vo_warning.setObjectName("warning")
        self.vo_warning.setWordWrap(True)
        f.layout_.addRow(self.vo_warning)
        self.review_on = f.add_row(
            "review_on",
            _("Neste gjennomgang"),
            DateField(info.review_on if info else today + relativedelta(years=1), optional=True),
        )
        self.review_on.setToolTip(_("Tom («Ingen dato») for en sikker jobbanalyse."))
        f.finish()
        for signal in (
            self.vo_participated.toggled,
            self.vo_informed_on.dateChanged,
            self.decided_on.dateChanged,
            self.assessed_on.dateChanged,
        ):
            signal.connect(self._update_warning)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._update_warning()

    def _append_participant(self, index: int) -> None:
        name = self.add_person.itemText(index)
        if self.add_person.itemData(index) is None:
            return
        names = risk_service.split_participants(self.participants.text())
        if name not in names:
            names.append(name)
        self.participants.setText(", ".join(names))
        self.add_person.setCurrentIndex(0)

    def _kind_changed(self) -> None:
        if self.info is None and self.kind.currentData() == AssessmentKind.SJA.value:
            self.review_on.set_date(None)

    def _update_warning(self) -> None:
        text = involvement_warning(
            vo_participated=self.vo_participated.isChecked(),
            vo_informed_on=self.vo_informed_on.value(),
            decided_on=self.decided_on.value(),
            assessed_on=self.assessed_on.value(),
        )
        self.vo_warning.setText(text or "")
        self.vo_warning.setVisible(bool(text))

    def writer(self) -> Callable[[], AssessmentDetail]:
        values = dict(
            title=self.title.text(),
            area_id=self.area.currentData(),
            kind=self.kind.currentData(),
            assessed_on=self.assessed_on.value(),
            description=self.description.toPlainText(),
            participants=self.participants.text(),
            responsible_id=self.responsible.currentData(),
            vo_participated=self.vo_participated.isChecked(),
            vo_informed_on=self.vo_informed_on.value(),
            decided_on=self.decided_on.value(),
            review_on=self.review_on.value(),
        )
        if self.info is None:
            return partial(risk_service.create_assessment, self.db, **values)
        return partial(risk_service.update_assessment, self.db, self.info.id, **values)


def _scale_combo(steps, selected: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_(CHOOSE), None)
    for step in steps:
        combo.addItem(f"{step.value} – {step.label}", step.value)
        if step.description:
            combo.setItemData(combo.count() - 1, step.description, Qt.ItemDataRole.ToolTipRole)
    if selected:
        combo.setCurrentIndex(combo.findData(selected))
    return combo


class TiltakEditor(QWidget):
    """New tiltak for a hazard: what, owner, deadline; «Legg til» collects several."""

    def __init__(self, db: Database, owner_id: str | None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("Hva skal gjøres?"))
        self.owner = person_combo(db, owner_id, _("— ansvarlig —"))
        self.deadline = DateField(None, optional=True)
        self.deadline.setToolTip(_("Frist"))
        self.add_button = QPushButton(_("&Legg til"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_current)
        line = QHBoxLayout()
        line.addWidget(self.title, 3)
        line.addWidget(self.owner, 2)
        line.addWidget(self.deadline, 1)
        line.addWidget(self.add_button)
        layout.addLayout(line)
        self.pending = QListWidget()
        self.pending.setMaximumHeight(70)
        self.pending.setAccessibleName(_("Nye tiltak som lagres med faren"))
        self.pending.hide()
        QShortcut(QKeySequence.StandardKey.Delete, self.pending).activated.connect(
            self.remove_selected
        )
        layout.addWidget(self.pending)

    def _current(self) -> NewAction | None:
        if not self.title.text().strip():
            return None
        return NewAction(
            title=self.title.text().strip(),
            owner_id=self.owner.currentData(),
            deadline=self.deadline.value(),
        )

    def add_current(self) -> None:
        action = self._current()
        if action is None:
            self.title.setFocus()
            return
        owner = self.owner.currentText() if action.owner_id else _("ingen ansvarlig")
        when = fmt_date(action.deadline) or _("ingen frist")
        item = QListWidgetItem(f"{action.title} ({owner}, {when})")
        item.setData(Qt.ItemDataRole.UserRole, action)
        self.pending.addItem(item)
        self.pending.show()
        self.title.clear()
        self.deadline.set_date(None)
        self.title.setFocus()

    def remove_selected(self) -> None:
        row = self.pending.currentRow()
        if row >= 0:
            self.pending.takeItem(row)
        self.pending.setVisible(self.pending.count() > 0)

    def collected(self) -> list[NewAction]:
        """Collected tiltak, plus the one typed but not yet added (nothing is lost)."""
        found = [
            self.pending.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.pending.count())
        ]
        current = self._current()
        return [*found, current] if current else found


class HazardDialog(FormDialog):
    """Ny / endre fare: the unwanted event, risk before, measures, risk after."""

    def __init__(
        self,
        db: Database,
        assessment: AssessmentDetail,
        hazard: HazardInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        number = hazard.number if hazard else len(assessment.hazards) + 1
        super().__init__(
            _("Fare {number} – {title}").format(number=number, title=assessment.title), parent
        )
        self.db, self.assessment, self.hazard = db, assessment, hazard
        self.matrix: RiskMatrix = assessment.matrix
        self.setMinimumWidth(640)
        f = self.form
        self.description = f.add_row(
            "description",
            _("Uønsket hendelse"),
            _text_edit(hazard.description if hazard else "", 54),
            hint=_("Hva kan skje, og hvem kan bli skadet?"),
            limit=2000,
        )
        self.category = QComboBox()
        self.category.addItem(_(CHOOSE), None)
        for c in HazardCategory:
            self.category.addItem(c.label, c.value)
        if hazard:
            self.category.setCurrentIndex(self.category.findData(hazard.category.value))
        f.add_row("category", _("Kategori"), self.category)
        self.probability = f.add_row(
            "probability",
            _("Sannsynlighet"),
            _scale_combo(self.matrix.probability, hazard.before.probability if hazard else None),
        )
        self.consequence = f.add_row(
            "consequence",
            _("Konsekvens"),
            _scale_combo(self.matrix.consequence, hazard.before.consequence if hazard else None),
        )
        self.before_label = QLabel()
        f.layout_.addRow(_("Risiko før tiltak"), self.before_label)
        self.existing = f.add_row(
            "existing_measures",
            _("Eksisterende tiltak"),
            _text_edit(hazard.existing_measures if hazard else "", 46),
        )
        if hazard and hazard.actions:
            done = QLabel(
                "\n".join(
                    f"• {a.title if len(a.title) <= 80 else a.title[:79] + '…'}"
                    for a in hazard.actions
                )
            )
            f.layout_.addRow(_("Nye tiltak (lagret)"), done)
        self.tiltak = TiltakEditor(db, assessment.responsible_id)
        f.add_row(
            "actions",
            _("Nye tiltak"),
            self.tiltak,
            hint=_("Tiltakene legges i handlingsplanen med ansvarlig og frist."),
        )
        self.residual_probability = f.add_row(
            "residual_probability",
            _("Sannsynlighet etter"),
            _scale_combo(self.matrix.probability, hazard.after.probability if hazard else None),
        )
        self.residual_consequence = f.add_row(
            "residual_consequence",
            _("Konsekvens etter"),
            _scale_combo(self.matrix.consequence, hazard.after.consequence if hazard else None),
        )
        self.after_label = QLabel()
        f.layout_.addRow(_("Restrisiko"), self.after_label)
        f.finish()
        self._follow = {
            self.residual_probability: hazard is None,
            self.residual_consequence: hazard is None,
        }
        self.probability.currentIndexChanged.connect(
            lambda: self._follow_before(self.probability, self.residual_probability)
        )
        self.consequence.currentIndexChanged.connect(
            lambda: self._follow_before(self.consequence, self.residual_consequence)
        )
        for combo in (self.residual_probability, self.residual_consequence):
            combo.activated.connect(lambda _i, c=combo: self._follow.__setitem__(c, False))
            combo.currentIndexChanged.connect(self._update_levels)
        self._update_levels()

    def _follow_before(self, before: QComboBox, after: QComboBox) -> None:
        """Until the user picks a residual value, it is the same as before."""
        if self._follow[after]:
            after.blockSignals(True)
            after.setCurrentIndex(before.currentIndex())
            after.blockSignals(False)
        self._update_levels()

    def _level_text(self, p: int | None, c: int | None) -> tuple[str, str]:
        if not p or not c:
            return (_("Velg sannsynlighet og konsekvens"), "#eef1f4")
        acceptance = self.matrix.acceptance(p, c)
        return (f"{p} × {c} = {p * c}  {acceptance.label}", acceptance.color)

    def _update_levels(self) -> None:
        for label, p, c in (
            (self.before_label, self.probability, self.consequence),
            (self.after_label, self.residual_probability, self.residual_consequence),
        ):
            text, color = self._level_text(p.currentData(), c.currentData())
            label.setText(text)
            label.setStyleSheet(level_style(color))
            label.setAccessibleName(text)

    def writer(self) -> Callable[[], str]:
        return partial(
            risk_service.save_hazard,
            self.db,
            self.assessment.id,
            hazard_id=self.hazard.id if self.hazard else None,
            description=self.description.toPlainText(),
            category=self.category.currentData(),
            probability=self.probability.currentData(),
            consequence=self.consequence.currentData(),
            existing_measures=self.existing.toPlainText(),
            residual_probability=self.residual_probability.currentData(),
            residual_consequence=self.residual_consequence.currentData(),
            new_actions=self.tiltak.collected(),
        )


def _add_actions(db: Database, hazard_id: str, actions: list[NewAction]) -> str:
    """The new tiltak saved with their hazard (on the worker thread); the hazard's id."""
    risk_service.add_hazard_actions(db, hazard_id, actions)
    return hazard_id


class NewActionsDialog(FormDialog):
    """Nye tiltak for a hazard that is already saved."""

    def __init__(
        self,
        db: Database,
        assessment: AssessmentDetail,
        hazard: HazardInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Nye tiltak for fare {number}").format(number=hazard.number), parent)
        self.db, self.hazard = db, hazard
        self.setMinimumWidth(620)
        about = QLabel(hazard.description)
        about.setWordWrap(True)
        self.form.layout_.addRow(_("Fare"), about)
        self.tiltak = self.form.add_row(
            "actions", _("Nye tiltak"), TiltakEditor(db, assessment.responsible_id)
        )
        self.form.finish()

    def writer(self) -> Callable[[], str]:
        return partial(_add_actions, self.db, self.hazard.id, self.tiltak.collected())


class ApproveDialog(FormDialog):
    """Sign-off: who approves and when."""

    def __init__(
        self, db: Database, info: AssessmentDetail, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Godkjenn «{title}»").format(title=info.title), parent, ok_text=_("Godkjenn")
        )
        self.db, self.info = db, info
        self.approved_by = self.form.add_row(
            "approved_by",
            _("Godkjent av"),
            QLineEdit(info.responsible_name or ""),
            hint=_("Leder med ansvar for området. Verneombudet signerer på utskriften."),
        )
        self.approved_on = self.form.add_row("approved_on", _("Dato"), DateField(today))
        self.form.finish()

    def writer(self) -> Callable[[], AssessmentDetail]:
        return partial(
            risk_service.approve_assessment,
            self.db,
            self.info.id,
            approved_by=self.approved_by.text(),
            approved_on=self.approved_on.value(),
        )


class ReviewDialog(FormDialog):
    """The assessment was gone through again."""

    def __init__(
        self, db: Database, info: AssessmentDetail, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Gjennomgang av «{title}»").format(title=info.title), parent, ok_text=_("Registrer")
        )
        self.db, self.info = db, info
        self.reviewed_on = self.form.add_row("reviewed_on", _("Gjennomgått"), DateField(today))
        self.next_review_on = self.form.add_row(
            "next_review_on",
            _("Neste gjennomgang"),
            DateField(today + relativedelta(years=1), optional=True),
        )
        self.note = self.form.add_row(
            "note",
            _("Merknad"),
            _text_edit(),
            hint=_("Hva ble funnet? Endrer risikoen seg, gjenåpne vurderingen og oppdater farene."),
        )
        self.form.finish()

    def writer(self) -> Callable[[], AssessmentDetail]:
        return partial(
            risk_service.record_review,
            self.db,
            self.info.id,
            reviewed_on=self.reviewed_on.value(),
            next_review_on=self.next_review_on.value(),
            note=self.note.toPlainText(),
        )

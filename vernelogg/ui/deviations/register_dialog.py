"""Meld avvik: six things, keyboard only, Enter saves. Under a minute by design.

Area, what happened, when (now unless changed), type, severity, and who reports (or
«Anonym»). Place, immediate action and the confidential mark are optional. A serious
personal injury shows what aml. § 5-2 requires and lets the user record it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from vernelogg import clock
from vernelogg.domain.deviations import (
    DeviationKind,
    Severity,
    requires_notification,
)
from vernelogg.i18n import N_, _
from vernelogg.services import areas as area_service
from vernelogg.services import deviations as deviation_service
from vernelogg.services.deviations import DeviationRef
from vernelogg.services.deviations.register import MAX_DESCRIPTION
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import text_box
from vernelogg.ui.common.form_dialog import FormDialog
from vernelogg.ui.deviations.widgets import ChoiceBox, DateTimeField


class _EnterSaves(QObject):
    """In «Hva skjedde», Enter saves the form and Shift+Enter starts a new line."""

    def __init__(self, dialog: FormDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.dialog._accept()
            return True
        return False


NOTICE_LINES = N_(
    "Alvorlig skade (også ved vold eller trusler): arbeidsgiveren skal straks varsle\n"
    "Arbeidstilsynet og politiet og deretter bekrefte skriftlig; verneombudet skal ha\n"
    "kopi av bekreftelsen (arbeidsmiljøloven § 5-2).\n"
    "Kryss av for det som er gjort – resten kan registreres senere."
)


class NotificationBox(QWidget):
    """The § 5-2 notice with a tick and a time for each of the four steps."""

    LABELS = {
        "authority_notified_at": N_("Arbeidstilsynet er varslet"),
        "police_notified_at": N_("Politiet er varslet"),
        "written_confirmation_at": N_("Skriftlig bekreftelse er sendt"),
        "delegate_copy_at": N_("Verneombudet har fått kopi av bekreftelsen"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel(_(NOTICE_LINES))
        self.notice.setObjectName("warning")
        grid.addWidget(self.notice, 0, 0, 1, 2)
        self.checks: dict[str, QCheckBox] = {}
        self.times: dict[str, DateTimeField] = {}
        for row, (key, label) in enumerate(self.LABELS.items(), start=1):
            check = QCheckBox(_(label))
            moment = DateTimeField()
            moment.setEnabled(False)
            check.toggled.connect(moment.setEnabled)
            check.toggled.connect(lambda on, m=moment: on and m.set_value(clock.local_now()))
            grid.addWidget(check, row, 0)
            grid.addWidget(moment, row, 1)
            self.checks[key], self.times[key] = check, moment

    def values(self) -> dict[str, datetime | None]:
        return {
            key: self.times[key].value() if check.isChecked() else None
            for key, check in self.checks.items()
        }


class RegisterDialog(FormDialog[DeviationRef]):
    """Meld nytt avvik. `result_value` is the DeviationRef after saving."""

    # Remembered while the app runs: a VO often registers several from one round.
    last_area_id: str | None = None
    last_reporter: str = ""

    def __init__(
        self, db: Database, parent: QWidget | None = None, area_id: str | None = None
    ) -> None:
        super().__init__(_("Meld avvik"), parent, ok_text=_("Registrer"))
        self.db = db
        self.setMinimumWidth(640)
        form = self.form
        areas = area_service.list_areas(db)
        if areas:
            self.area = ChoiceBox([(a.name, a.id) for a in areas], empty=_("— velg område —"))
            self.area.set_value(area_id or RegisterDialog.last_area_id)
            form.add_row("area_id", _("Verneområde"), self.area)
        else:
            # A new undertaking without areas can still register its first avvik.
            self.area = ChoiceBox(
                [(_(area_service.WHOLE_UNDERTAKING_NAME), area_service.WHOLE_UNDERTAKING)]
            )
            self.area.set_value(area_service.WHOLE_UNDERTAKING)
            form.add_row(
                "area_id",
                _("Verneområde"),
                self.area,
                hint=_(
                    "Ingen verneområder ennå: avviket føres på hele virksomheten. "
                    "Legg til verneområder under «Verneområder og roller» (Ctrl+2)."
                ),
            )
        self.description = text_box(height=70)
        self.description.setPlaceholderText(_("Hva skjedde? (Shift+Enter gir ny linje)"))
        self.description.installEventFilter(_EnterSaves(self))
        form.add_row("description", _("Hva skjedde"), self.description, limit=MAX_DESCRIPTION)
        self.occurred = DateTimeField()
        self.occurred.setMaximumDateTime(self.occurred.dateTime().addSecs(60))
        form.add_row("occurred_at", _("Når"), self.occurred)
        self.kind = ChoiceBox([(k.label, k.value) for k in DeviationKind], empty=_("— velg type —"))
        form.add_row("kind", _("Type"), self.kind)
        self.severity = ChoiceBox(
            [(s.label, s.value) for s in Severity], empty=_("— velg alvorlighetsgrad —")
        )
        form.add_row("severity", _("Alvorlighetsgrad"), self.severity)
        self.notification = NotificationBox()
        form.add_row("notification", "", self.notification)
        for key in NotificationBox.LABELS:
            form.fields[key] = self.notification.checks[key]
            form.errors[key] = form.errors["notification"]
        reporter = QWidget()
        row = QHBoxLayout(reporter)
        row.setContentsMargins(0, 0, 0, 0)
        self.reporter = QLineEdit(RegisterDialog.last_reporter)
        self.reporter.setPlaceholderText(_("Navn"))
        self.anonymous = QCheckBox(_("Anonym"))
        self.anonymous.toggled.connect(lambda on: self.reporter.setEnabled(not on))
        row.addWidget(self.reporter, 1)
        row.addWidget(self.anonymous)
        form.add_row("reporter_name", _("Meldt av"), reporter)
        form.fields["reporter_name"] = self.reporter

        optional = QLabel(_("Kan fylles ut nå eller senere:"))
        optional.setStyleSheet("color: #5f6368; margin-top: 6px;")
        form.layout_.addRow(optional)
        self.location = form.add_row("location", _("Sted"), QLineEdit())
        self.location.setPlaceholderText(_("Rom, maskin, adresse …"))
        self.immediate = text_box(height=46)
        form.add_row("immediate_action", _("Strakstiltak"), self.immediate, limit=MAX_DESCRIPTION)
        self.confidential = QCheckBox(_("Konfidensielt (personlige forhold, OLM § 3-17)"))
        form.add_row(
            "confidential",
            "",
            self.confidential,
            hint=_("Teksten holdes utenfor delte rapporter og eksporter."),
        )
        form.finish()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.severity.currentIndexChanged.connect(self._kind_changed)
        self.kind.currentIndexChanged.connect(self._suggest_confidential)
        self._kind_changed()
        (self.description if self.area.value() else self.area).setFocus()

    def _kind_changed(self) -> None:
        kind, severity = self.kind.value(), self.severity.value()
        serious = bool(
            kind and severity and requires_notification(DeviationKind(kind), Severity(severity))
        )
        self.notification.setVisible(serious)
        row = self.notification.parentWidget()
        assert row is not None  # the form row that add_row put it in
        self.form.layout_.setRowVisible(row, serious)
        self.adjustSize()

    def _suggest_confidential(self) -> None:
        kind = self.kind.value()
        if kind and DeviationKind(kind).is_psychosocial:
            self.confidential.setChecked(True)

    @property
    def shows_notification(self) -> bool:
        return self.notification.isVisibleTo(self)

    def writer(self) -> Callable[[], DeviationRef]:
        notification = self.notification.values() if self.shows_notification else {}
        anonymous = self.anonymous.isChecked()
        area_id = self.area.value()
        return partial(
            register,
            self.db,
            remember_area=area_id if area_id != area_service.WHOLE_UNDERTAKING else None,
            remember_reporter="" if anonymous else self.reporter.text(),
            area_id=area_id,
            description=self.description.toPlainText(),
            occurred_at=self.occurred.value(),
            kind=self.kind.value(),
            severity=self.severity.value(),
            reporter_name=None if anonymous else self.reporter.text(),
            anonymous=anonymous,
            confidential=self.confidential.isChecked(),
            immediate_action=self.immediate.toPlainText(),
            location=self.location.text(),
            **notification,
        )


def register(
    db: Database, *, remember_area: str | None, remember_reporter: str, **values: Any
) -> DeviationRef:
    """The avvik registered (on the worker thread), then the area and reporter remembered
    for the next one."""
    ref = deviation_service.register_deviation(db, **values)
    if remember_area is not None:
        RegisterDialog.last_area_id = remember_area
    RegisterDialog.last_reporter = remember_reporter
    return ref

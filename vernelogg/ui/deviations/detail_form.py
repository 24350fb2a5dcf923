"""The fields of one avvik in the detail view: what was registered and its treatment."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.i18n import _
from vernelogg.services.deviations import DeviationDetail
from vernelogg.services.deviations.register import MAX_DESCRIPTION
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import text_box
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.forms import Form
from vernelogg.ui.deviations.dialogs import area_choices, people_choices
from vernelogg.ui.deviations.widgets import ChoiceBox, DateTimeField


class DeviationForm(Form):
    """Registration fields, then «Behandling»: leader, deadline, immediate action, cause."""

    def __init__(
        self,
        db: Database,
        areas: list[tuple[str, str]] | None = None,
        people: list[tuple[str, str]] | None = None,
    ) -> None:
        """`areas` and `people` are the choices (name, id), read here when not given."""
        super().__init__()
        self.db = db
        if areas is None:
            areas = area_choices(db)
        self.area = ChoiceBox(areas)
        self.add_row("area_id", _("Verneområde"), self.area)
        self.occurred = DateTimeField()
        self.add_row("occurred_at", _("Når"), self.occurred)
        self.kind = ChoiceBox([(k.label, k.value) for k in DeviationKind])
        self.add_row("kind", _("Type"), self.kind)
        self.severity = ChoiceBox([(s.label, s.value) for s in Severity])
        self.add_row("severity", _("Alvorlighetsgrad"), self.severity)
        self.location = self.add_row("location", _("Sted"), QLineEdit())
        self.description = text_box(height=80)
        self.add_row("description", _("Hva skjedde"), self.description, limit=MAX_DESCRIPTION)
        self.confidential = QCheckBox(_("Konfidensielt (holdes utenfor delte rapporter)"))
        self.add_row("confidential", "", self.confidential)
        self.layout_.addRow(QLabel("<b>{}</b>".format(_("Behandling"))))
        self.responsible = ChoiceBox(
            people if people is not None else people_choices(db), empty=_("— ikke valgt —")
        )
        self.add_row("responsible_id", _("Ansvarlig leder"), self.responsible)
        self.deadline = DateField(None, optional=True)
        self.add_row("deadline", _("Frist"), self.deadline)
        self.immediate = text_box(height=54)
        self.add_row("immediate_action", _("Strakstiltak"), self.immediate, limit=MAX_DESCRIPTION)
        self.cause = text_box(height=54)
        self.add_row(
            "cause", _("Årsak"), self.cause, hint=_("Hvorfor skjedde det? Se etter flere årsaker.")
        )
        self.finish()

    def fill(self, d: DeviationDetail) -> None:
        self.area.set_value(d.area_id)
        self.occurred.set_value(d.occurred_at)
        self.kind.set_value(d.kind.value)
        self.severity.set_value(d.severity.value)
        self.location.setText(d.location)
        self.description.setPlainText(d.description)
        self.confidential.setChecked(d.confidential)
        self.responsible.set_choices(people_choices(self.db))
        self.responsible.set_value(d.responsible_id)
        self.deadline.set_date(d.deadline)
        self.immediate.setPlainText(d.immediate_action)
        self.cause.setPlainText(d.cause)
        self._filled = self.values()

    def set_editable(self, editable: bool) -> None:
        """Closed: texts stay readable (read-only), choices are locked."""
        for w in (self.location, self.description, self.immediate, self.cause):
            w.setReadOnly(not editable)
        for field in (
            self.area,
            self.occurred,
            self.kind,
            self.severity,
            self.confidential,
            self.responsible,
            self.deadline,
        ):
            field.setEnabled(editable)

    def changes(self) -> dict[str, Any]:
        """Only the fields the person changed since the form was filled: a save never
        writes back a field as it was when the avvik was opened."""
        filled = getattr(self, "_filled", {})
        return {k: v for k, v in self.values().items() if k not in filled or filled[k] != v}

    def values(self) -> dict[str, Any]:
        """Every editable field as the form shows it now."""
        return {
            "area_id": self.area.value(),
            "occurred_at": self.occurred.value(),
            "kind": self.kind.value(),
            "severity": self.severity.value(),
            "location": self.location.text(),
            "description": self.description.toPlainText(),
            "confidential": self.confidential.isChecked(),
            "responsible_id": self.responsible.value(),
            "deadline": self.deadline.value(),
            "immediate_action": self.immediate.toPlainText(),
            "cause": self.cause.toPlainText(),
        }

"""Dialogs for a stop: timeline events, editing the stop, and the avvik and tiltak after it.

Each saves in one step, or keeps the dialog open with the message next to the field.
The save is given as `writer()`: the fields are read on the GUI thread and the service
call runs on the worker thread (see ui/common/form_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.stoppage import (
    AUTHORITY_CHANNELS,
    EMPLOYER_CHANNELS,
    EventKind,
    StoppageOutcome,
    suggested_outcome,
)
from vernelogg.i18n import N_, _, pgettext
from vernelogg.services import areas as area_service
from vernelogg.services import people as people_service
from vernelogg.services import stoppage as svc
from vernelogg.services.stoppage.records import MAX_DANGER
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import person_combo, text_box
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog
from vernelogg.ui.context import AppContext
from vernelogg.ui.stoppage.fields import DateTimeField, ctrl_enter_saves, wide

# Per kind: (label of the person field, label of the channel field, label of the text
# field, whether the reference field is shown).
EVENT_FIELDS = {
    EventKind.EMPLOYER_INFORMED: (N_("Hvem ble varslet"), N_("Hvordan"), N_("Merknad"), False),
    EventKind.EMPLOYER_RESPONSE: (N_("Fra hvem"), None, N_("Arbeidsgivers svar"), False),
    EventKind.AUTHORITY_CONTACTED: (None, N_("Hvordan"), N_("Merknad"), True),
    EventKind.AUTHORITY_DECISION: (None, None, N_("Avgjørelsen"), True),
    EventKind.RESUMED: (None, None, N_("Merknad"), False),
    EventKind.NOTE: (None, None, N_("Notat"), False),
}
CHANNELS = {
    EventKind.EMPLOYER_INFORMED: EMPLOYER_CHANNELS,
    EventKind.AUTHORITY_CONTACTED: AUTHORITY_CHANNELS,
}
HINTS = {
    EventKind.EMPLOYER_INFORMED: N_(
        "Arbeidsgiver eller arbeidsgivers representant skal "
        "varsles om stansingen med en gang (§ 6-3)."
    ),
    EventKind.RESUMED: N_(
        "Stansen er avsluttet når den har et utfall og et tidspunkt for når "
        "arbeidet ble tatt opp igjen."
    ),
}


def _editable_combo(items: list[str], current: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems([_(item) for item in items])  # suggestions; what is chosen is stored
    combo.setCurrentIndex(-1)
    combo.setCurrentText(current)
    line = combo.lineEdit()
    assert line is not None  # an editable combo box has its line
    line.setPlaceholderText(_("Velg eller skriv"))
    return combo


def _outcome_combo(current: StoppageOutcome | None, empty: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(empty, None)
    for outcome in StoppageOutcome:
        combo.addItem(outcome.label, outcome.value)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current.value))
    return combo


class _SaveWithCtrlEnter(FormDialog):
    """Enter saves from a one-line field; Ctrl+Enter saves from anywhere."""

    def showEvent(self, event) -> None:
        if not getattr(self, "_keys_ready", False):
            self._keys_ready = True
            ctrl_enter_saves(self, self._accept)
        super().showEvent(event)


class EventDialog(_SaveWithCtrlEnter):
    """Add (or correct) one event in a stop's timeline."""

    def __init__(
        self,
        db: Database,
        detail: svc.StoppageDetail,
        kind: EventKind,
        event: svc.EventInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (_("Endre: {event} – {number}") if event else _("{event} – {number}")).format(
            event=kind.label, number=detail.number
        )
        super().__init__(title, parent)
        self.db, self.detail, self.kind, self.event_info = db, detail, kind, event
        person_label, channel_label, text_label, show_reference = EVENT_FIELDS[kind]
        self.at = DateTimeField(event.at if event else None)
        hint = HINTS.get(kind)
        self.form.add_row("at", _("Tidspunkt"), wide(self.at), hint=_(hint) if hint else "")
        self.person = self.channel = self.reference = self.outcome = None
        if person_label:
            self.person = _editable_combo(self._people(), event.person if event else self._who())
            self.form.add_row("person", _(person_label), wide(self.person))
        if channel_label:
            self.channel = _editable_combo(CHANNELS[kind], event.channel if event else "")
            self.form.add_row("channel", _(channel_label), wide(self.channel))
        if show_reference:
            reference = event.reference if event else detail.authority_reference
            self.reference = self.form.add_row(
                "reference",
                _("Arbeidstilsynets referanse"),
                QLineEdit(reference),
                hint=_("Saksnummer eller referanse fra Arbeidstilsynet, om dere har fått det."),
            )
        if kind is EventKind.RESUMED:
            kinds = {e.kind for e in detail.timeline}
            self.outcome = _outcome_combo(
                detail.row.outcome or suggested_outcome(kinds), _("— velg utfall —")
            )
            self.form.add_row("outcome", _("Hvordan endte stansen"), wide(self.outcome))
        self.text = self.form.add_row("text", _(text_label), text_box(event.text if event else ""))
        self.form.finish()
        (self.person or self.channel or self.text).setFocus()

    def _people(self) -> list[str]:
        names = [p.name for p in people_service.list_people(self.db)]
        leader = self.detail.area_leader
        return ([leader] if leader else []) + [n for n in names if n != leader]

    def _who(self) -> str:
        """Pre-fill: the one who was informed answers; otherwise the area's leader."""
        informed = self.detail.informed
        if self.kind is EventKind.EMPLOYER_RESPONSE and informed is not None:
            return informed.person
        return self.detail.area_leader or ""

    def values(self) -> dict:
        return dict(
            at=self.at.value(),
            person=self.person.currentText() if self.person else "",
            channel=self.channel.currentText() if self.channel else "",
            reference=self.reference.text() if self.reference else "",
            text=self.text.toPlainText(),
            outcome=self.outcome.currentData() if self.outcome else None,
        )

    def writer(self) -> Callable[[], svc.EventInfo]:
        if self.event_info is not None and self.event_info.id:
            return partial(svc.update_event, self.db, self.event_info.id, **self.values())
        return partial(svc.add_event, self.db, self.detail.id, self.kind, **self.values())


def ask_employer_informed(parent: QWidget, ctx: AppContext, stoppage_id: str) -> bool:
    """After the notice: was the employer told, and how? Recorded on the timeline."""
    detail = svc.get_stoppage(ctx.db, stoppage_id)
    if detail.informed is not None:
        return False
    dialog = EventDialog(ctx.db, detail, EventKind.EMPLOYER_INFORMED, parent=parent)
    dialog.setWindowTitle(_("Er arbeidsgiver varslet? – {number}").format(number=detail.number))
    if not dialog.exec():
        return False
    ctx.notify("stoppage")
    return True


class EditStoppageDialog(_SaveWithCtrlEnter):
    """Everything about the stop itself, including why it could not be averted otherwise."""

    def __init__(
        self, db: Database, detail: svc.StoppageDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Endre stansing {number}").format(number=detail.number), parent)
        self.db, self.detail = db, detail
        self.setMinimumWidth(680)
        row = detail.row
        self.area = QComboBox()
        for a in area_service.list_areas(db, include_archived=True):
            if not a.archived or a.id == row.area_id:
                self.area.addItem(a.name, a.id)
        self.area.setCurrentIndex(self.area.findData(row.area_id))
        self.form.add_row("area_id", _("Verneområde"), wide(self.area))
        self.stopped_at = DateTimeField(row.stopped_at)
        self.form.add_row("stopped_at", pgettext("tidspunkt", "Stanset"), wide(self.stopped_at))
        self.stopped_by = QComboBox()
        on = row.stopped_at.astimezone(OSLO).date()
        for option in svc.eligible_stoppers(db, on, row.area_id):
            self.stopped_by.addItem(option.text, option.person_id)
        if self.stopped_by.findData(row.stopped_by_id) < 0:
            self.stopped_by.addItem(row.stopped_by_name, row.stopped_by_id)
        self.stopped_by.setCurrentIndex(self.stopped_by.findData(row.stopped_by_id))
        self.form.add_row("stopped_by_id", _("Stanset av"), wide(self.stopped_by))
        self.work = self.form.add_row(
            "work", _("Arbeid eller utstyr"), QLineEdit(row.work), limit=300
        )
        self.danger = self.form.add_row(
            "danger", _("Umiddelbar fare"), text_box(detail.danger), limit=MAX_DANGER
        )
        self.why = self.form.add_row(
            "why_not_averted",
            _("Hvorfor ikke avverget på annen måte"),
            text_box(detail.why_not_averted),
            hint=_(
                "Stansing er siste utvei: skriv hvorfor faren ikke straks kunne fjernes "
                "på annen måte."
            ),
            limit=2000,
        )
        self.outcome = _outcome_combo(row.outcome, _("— ikke avgjort ennå —"))
        self.form.add_row("outcome", _("Utfall"), wide(self.outcome))
        self.reference = self.form.add_row(
            "authority_reference",
            _("Arbeidstilsynets referanse"),
            QLineEdit(detail.authority_reference),
        )
        self.form.finish()
        self.work.setFocus()

    def writer(self) -> Callable[[], svc.StoppageRow]:
        return partial(
            svc.update_stoppage,
            self.db,
            self.detail.id,
            area_id=self.area.currentData(),
            work=self.work.text(),
            danger=self.danger.toPlainText(),
            stopped_by_id=self.stopped_by.currentData(),
            stopped_at=self.stopped_at.value(),
            why_not_averted=self.why.toPlainText(),
            outcome=self.outcome.currentData(),
            authority_reference=self.reference.text(),
        )


class DeviationDialog(_SaveWithCtrlEnter):
    """Register an avvik from the stop: area, time and reporter come from the stop."""

    def __init__(
        self, db: Database, detail: svc.StoppageDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Nytt avvik fra stansing {number}").format(number=detail.number),
            parent,
            _("Registrer avvik"),
        )
        self.db, self.detail = db, detail
        self.description = self.form.add_row(
            "description",
            _("Hva skjedde"),
            text_box(detail.deviation_draft, 96),
            hint=_("Verneområde {area}, tidspunkt og melder ({name}) hentes fra stansen.").format(
                area=detail.row.area_name, name=detail.row.stopped_by_name
            ),
        )
        self.kind = QComboBox()
        for kind in DeviationKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(DeviationKind.DANGEROUS_CONDITION.value))
        self.form.add_row("kind", _("Type"), wide(self.kind))
        self.severity = QComboBox()
        for severity in Severity:
            self.severity.addItem(severity.label, severity.value)
        self.severity.setCurrentIndex(self.severity.findData(Severity.HIGH.value))
        self.form.add_row("severity", _("Alvorlighetsgrad"), wide(self.severity))
        self.form.finish()

    def writer(self) -> Callable[[], svc.DeviationLink]:
        return partial(
            svc.create_deviation_for_stoppage,
            self.db,
            self.detail.id,
            description=self.description.toPlainText(),
            kind=self.kind.currentData(),
            severity=self.severity.currentData(),
        )


class LinkDeviationDialog(FormDialog):
    def __init__(
        self, db: Database, detail: svc.StoppageDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Knytt avvik til {number}").format(number=detail.number), parent, _("Knytt til")
        )
        self.db, self.detail = db, detail
        self.number = self.form.add_row(
            "number",
            _("Avviksnummer"),
            QLineEdit(),
            hint=_("Nummeret på et avvik som allerede er registrert, f.eks. AV-2026-0042."),
        )
        self.number.setPlaceholderText(_("AV-ÅÅÅÅ-NNNN"))
        self.form.finish()

    def writer(self) -> Callable[[], svc.DeviationLink]:
        return partial(svc.link_deviation, self.db, self.detail.id, self.number.text())


class ActionDialog(_SaveWithCtrlEnter):
    """A tiltak that follows from the stop, owned by someone, with a deadline."""

    def __init__(
        self, db: Database, detail: svc.StoppageDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Nytt tiltak fra stansing {number}").format(number=detail.number),
            parent,
            _("Lagre tiltak"),
        )
        self.db, self.detail = db, detail
        self.title = self.form.add_row("title", _("Hva skal gjøres"), QLineEdit())
        self.owner = person_combo(db, None, _("— ingen ennå —"))
        if detail.area_leader:
            self.owner.setCurrentIndex(max(self.owner.findText(detail.area_leader), 0))
        self.form.add_row("owner_id", _("Ansvarlig"), wide(self.owner))
        self.deadline = DateField(None, optional=True)
        self.form.add_row("deadline", _("Frist"), wide(self.deadline), hint=_("Kan stå tom."))
        self.description = self.form.add_row("description", _("Beskrivelse"), text_box())
        self.form.finish()
        self.title.setFocus()

    def writer(self) -> Callable[[], object]:
        return partial(
            svc.create_action_for_stoppage,
            self.db,
            self.detail.id,
            title=self.title.text(),
            description=self.description.toPlainText(),
            owner_id=self.owner.currentData(),
            deadline=self.deadline.value(),
        )

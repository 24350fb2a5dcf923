"""Dialogs for the annual plan: an activity with a friendly recurrence, and «utført».

Each gives its save as `writer()`: the fields are read on the GUI thread and the service
call runs on the worker thread (see ui/common/form_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from vernelogg.domain.annual_plan import (
    PRESETS,
    ActivityKind,
    planned_dates,
    preset_for_rule,
    with_until,
)
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.recurrence import Recurrence
from vernelogg.i18n import _
from vernelogg.services import annual_plan
from vernelogg.services import areas as area_service
from vernelogg.store.database import Database
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog

CUSTOM = "custom"


class ActivityDialog(FormDialog[annual_plan.ActivityInfo]):
    """Ny aktivitet / Endre aktivitet in the årshjul."""

    def __init__(
        self,
        db: Database,
        today: date,
        *,
        activity: annual_plan.ActivityInfo | None = None,
        area_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Endre aktivitet") if activity else _("Ny aktivitet i årshjulet"), parent
        )
        self.db, self.today, self.activity = db, today, activity
        self._auto_title = activity is None
        self.setMinimumWidth(600)

        self.kind = QComboBox()
        for k in ActivityKind:
            self.kind.addItem(k.label, k.value)
        if activity:
            self.kind.setCurrentIndex(self.kind.findData(activity.kind.value))
        self.form.add_row("kind", _("Type"), self.kind)

        self.area = QComboBox()
        self.area.addItem(_("— hele virksomheten —"), None)
        for a in area_service.list_areas(db):
            self.area.addItem(a.name, a.id)
        chosen_area = activity.area_id if activity else area_id
        if chosen_area:
            self.area.setCurrentIndex(max(0, self.area.findData(chosen_area)))
        self.form.add_row("area_id", _("Verneområde"), self.area)

        self.title = self.form.add_row(
            "title", _("Tittel"), QLineEdit(activity.title if activity else ""), limit=200
        )
        self.title.textEdited.connect(self._title_edited)

        self.preset = QComboBox()
        for p in PRESETS:
            self.preset.addItem(_(p.label), p.key)
        self._custom_rule: str | None = None
        if activity:
            preset = preset_for_rule(activity.rrule)
            if preset is None:
                self._custom_rule = activity.rrule
                described = Recurrence.from_rrule_string(activity.rrule or "").describe()
                self.preset.addItem(_("Egendefinert: {rule}").format(rule=described), CUSTOM)
                self.preset.setCurrentIndex(self.preset.count() - 1)
            else:
                self.preset.setCurrentIndex(self.preset.findData(preset.key))
        self.form.add_row("rrule", _("Gjentas"), self.preset)

        self.start = self.form.add_row(
            "start_date", _("Første dato"), DateField(activity.start_date if activity else today)
        )
        self.until = self.form.add_row(
            "until",
            _("Til og med"),
            DateField(activity.until if activity else None, optional=True),
            hint=_("Tom dato: gjentas til aktiviteten arkiveres."),
        )
        self.remind = QSpinBox()
        self.remind.setRange(0, annual_plan.MAX_REMIND_DAYS)
        self.remind.setSuffix(_(" dager før"))
        self.remind.setValue(activity.remind_days if activity else 7)
        self.form.add_row(
            "remind_days", _("Påminnelse"), self.remind, hint=_("Varsel i kalenderfilen (.ics).")
        )
        self.note = QPlainTextEdit(activity.note if activity else "")
        self.note.setFixedHeight(48)
        self.note.setTabChangesFocus(True)
        self.form.add_row("note", _("Merknad"), self.note)
        self.preview = QLabel()
        self.preview.setStyleSheet("color: #5f6368;")
        self.form.layout_.addRow(_("Neste datoer"), self.preview)
        self.form.finish()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.area.currentIndexChanged.connect(self._kind_changed)
        self.preset.currentIndexChanged.connect(self._update)
        self.start.dateChanged.connect(self._update)
        self.until.dateChanged.connect(self._update)
        if activity is None:
            self._kind_changed()
        self._update()

    def _title_edited(self, _text: str) -> None:
        self._auto_title = False

    def _kind_changed(self, *_args) -> None:
        kind = ActivityKind(self.kind.currentData())
        if self._auto_title:
            area = self.area.currentText() if self.area.currentData() else ""
            title = kind.label if kind is not ActivityKind.OTHER else ""
            if area and kind is ActivityKind.ROUND:
                title = _("Vernerunde {area}").format(area=area)
            elif area and title:
                title = f"{title}, {area}"
            self.title.setText(title)
        if self.activity is None:
            default = {
                ActivityKind.ROUND: "quarterly",
                ActivityKind.AMU_MEETING: "quarterly",
                ActivityKind.ELECTION: "biennial",
                ActivityKind.AMU_ANNUAL_REPORT: "yearly",
                ActivityKind.EMPLOYEE_SURVEY: "yearly",
            }.get(kind)
            if default:
                self.preset.setCurrentIndex(self.preset.findData(default))
        self._update()

    def rule_text(self) -> str | None:
        key = self.preset.currentData()
        if key == CUSTOM:
            return self._custom_rule
        preset = next(p for p in PRESETS if p.key == key)
        return preset.rule

    def _update(self, *_args) -> None:
        rule = self.rule_text()
        self.until.setEnabled(rule is not None)
        start = self.start.value()
        if start is None:
            self.preview.setText("")
            return
        if rule is not None and self.until.value():
            rule = with_until(rule, self.until.value())
        first = max(start, self.today - timedelta(days=1))
        dates = [p.planned for p in planned_dates(rule, start, first, first + timedelta(days=800))]
        self.preview.setText(", ".join(fmt_date(d) for d in dates[:4]) or _("ingen flere datoer"))

    def writer(self) -> Callable[[], annual_plan.ActivityInfo]:
        rule = self.rule_text()
        return partial(
            annual_plan.save_activity,
            self.db,
            activity_id=self.activity.id if self.activity else None,
            title=self.title.text(),
            kind=self.kind.currentData(),
            area_id=self.area.currentData(),
            rrule=rule,
            start_date=self.start.value(),
            until=self.until.value() if rule else None,
            remind_days=self.remind.value(),
            note=self.note.toPlainText(),
        )


class DoneDialog(FormDialog):
    """Marker som utført: when it was done and a note."""

    def __init__(
        self,
        db: Database,
        today: date,
        occurrence: annual_plan.Occurrence,
        parent: QWidget | None = None,
    ) -> None:
        a = occurrence.activity
        super().__init__(
            _("Utført: {activity}").format(activity=a.title), parent, ok_text=_("Marker utført")
        )
        self.db, self.today, self.occurrence = db, today, occurrence
        self.form.add_row("planned", _("Planlagt"), QLabel(fmt_date(occurrence.planned)))
        self.done_on = self.form.add_row(
            "done_date",
            _("Utført"),
            DateField(
                occurrence.done_date or annual_plan.default_done_date(occurrence.planned, today)
            ),
        )
        self.note = self.form.add_row("note", _("Merknad"), QLineEdit(occurrence.note))
        self.form.finish()

    def writer(self) -> Callable[[], None]:
        return partial(
            annual_plan.mark_done,
            self.db,
            self.occurrence.activity.id,
            self.occurrence.planned,
            done_date=self.done_on.value() or self.today,
            today=self.today,
            note=self.note.text(),
        )

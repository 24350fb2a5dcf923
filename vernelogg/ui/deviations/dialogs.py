"""Small dialogs of the avvik workflow: close (did it work?), reopen (why?), an action,
the § 5-2 notification, a reason to archive."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from vernelogg.domain.actions import ActionStatus
from vernelogg.i18n import _, ngettext
from vernelogg.services import actions as action_service
from vernelogg.services import areas as area_service
from vernelogg.services import deviations as deviation_service
from vernelogg.services import people as people_service
from vernelogg.services.deviations import DeviationDetail
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import text_box
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.register_dialog import NotificationBox
from vernelogg.ui.deviations.widgets import ChoiceBox


def saved(write: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Run a write (on the worker thread) for a dialog whose result is only «saved»."""
    write(*args, **kwargs)
    return True


def people_choices(db: Database) -> list[tuple[str, str]]:
    return [(p.name, p.id) for p in people_service.list_people(db)]


def area_choices(db: Database) -> list[tuple[str, str]]:
    return [(a.name, a.id) for a in area_service.list_areas(db)]


class CloseDialog(FormDialog):
    """Lukk avvik: «Virket tiltakene?» must be answered; if not, what happens next."""

    def __init__(self, db: Database, detail: DeviationDetail, parent: QWidget | None = None):
        super().__init__(
            _("Lukk {number}").format(number=detail.number), parent, ok_text=_("Lukk avviket")
        )
        self.db, self.detail = db, detail
        answer = QWidget()
        row = QHBoxLayout(answer)
        row.setContentsMargins(0, 0, 0, 0)
        self.yes = QRadioButton(_("Ja, tiltakene virket"))
        self.no = QRadioButton(_("Nei"))
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.form.add_row("effective", _("Virket tiltakene?"), answer)
        self.form.fields["effective"] = self.yes
        self.note = text_box(height=60)
        self.form.add_row(
            "note",
            _("Merknad"),
            self.note,
            hint=_("Hvis nei: hva gjøres videre? (Eller gjenåpne avviket senere.)"),
        )
        open_actions = detail.open_actions()
        self.allow_open = QCheckBox(_("Lukk likevel – de åpne tiltakene blir i handlingsplanen"))
        if open_actions:
            n = len(open_actions)
            titles = ", ".join(f"«{a.title}»" for a in open_actions[:3])
            if n > 3:
                hint = ngettext(
                    "{n} tiltak er ikke utført: {titles} og {more} til.",
                    "{n} tiltak er ikke utført: {titles} og {more} til.",
                    n,
                ).format(n=n, titles=titles, more=n - 3)
            else:
                hint = ngettext(
                    "{n} tiltak er ikke utført: {titles}.",
                    "{n} tiltak er ikke utført: {titles}.",
                    n,
                ).format(n=n, titles=titles)
            self.form.add_row("open_actions", _("Åpne tiltak"), self.allow_open, hint=hint)
        self.form.finish()
        self.yes.setFocus()

    def effective(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def writer(self) -> Callable[[], bool]:
        return partial(
            saved,
            deviation_service.close_deviation,
            self.db,
            self.detail.id,
            effective=self.effective(),
            note=self.note.toPlainText(),
            allow_open_actions=self.allow_open.isChecked(),
        )


class ReasonDialog(FormDialog):
    """Gjenåpne / tilbake til behandling: a reason is required."""

    def __init__(self, db: Database, detail: DeviationDetail, parent: QWidget | None = None):
        reopen = detail.is_closed
        if reopen:
            title = _("Gjenåpne {number}").format(number=detail.number)
        else:
            title = _("{number} tilbake til behandling").format(number=detail.number)
        super().__init__(
            title,
            parent,
            ok_text=_("Gjenåpne") if reopen else _("Tilbake til behandling"),
        )
        self.db, self.detail = db, detail
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("F.eks. «Ny hendelse samme sted – tiltaket virket ikke»"))
        self.form.add_row("reason", _("Begrunnelse"), self.reason, limit=4000)
        self.form.finish()

    def writer(self) -> Callable[[], bool]:
        return partial(
            saved,
            deviation_service.change_status,
            self.db,
            self.detail.id,
            self.detail.previous_status,
            reason=self.reason.text(),
        )


class ActionDialog(FormDialog):
    """Nytt tiltak (for an avvik or standing alone) or change one: what, who, by when."""

    def __init__(
        self,
        db: Database,
        *,
        today: date,
        deviation: DeviationDetail | None = None,
        action: action_service.ActionInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        if action:
            title = _("Endre tiltak")
        elif deviation:
            title = _("Nytt tiltak for {number}").format(number=deviation.number)
        else:
            title = _("Nytt tiltak i handlingsplanen")
        super().__init__(title, parent)
        self.db, self.today, self.deviation, self.action = db, today, deviation, action
        self.title = self.form.add_row(
            "title", _("Tiltak"), QLineEdit(action.title if action else ""), limit=300
        )
        self.title.setPlaceholderText(_("Hva skal gjøres?"))
        self.owner = ChoiceBox(people_choices(db), empty=_("— ingen ennå —"))
        self.owner.set_value(
            action.owner_id if action else (deviation.responsible_id if deviation else None)
        )
        self.form.add_row("owner_id", _("Ansvarlig"), self.owner)
        suggested = None
        if deviation is not None and deviation.deadline and deviation.deadline >= today:
            suggested = deviation.deadline  # the avvik's own deadline, while it lies ahead
        self.deadline = DateField(action.deadline if action else suggested, optional=True)
        self.form.add_row("deadline", _("Frist"), self.deadline)
        self.area = ChoiceBox(area_choices(db), empty=_("— hele virksomheten —"))
        if deviation is None:
            self.area.set_value(action.area_id if action else None)
            self.form.add_row("area_id", _("Verneområde"), self.area)
        self.description = text_box(action.description if action else "", height=54)
        self.form.add_row("description", _("Beskrivelse"), self.description)
        self.status = ChoiceBox([(s.label, s.value) for s in ActionStatus])
        self.done_date = DateField(None, optional=True)
        if action:
            self.status.set_value(action.status.value)
            self.form.add_row("status", _("Status"), self.status)
            self.done_date.set_date(action.done_date)
            self.form.add_row(
                "done_date",
                _("Utført"),
                self.done_date,
                hint=_("Tom dato gir dagens dato når utført."),
            )
            self.mail_button = self.buttons.addButton(
                _("Send til ansvarlig"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.mail_button.setToolTip(
                _("Lager en e-post med tiltaket som PDF, til den ansvarlige")
            )
            self.mail_button.clicked.connect(self.send_to_owner)
        self.form.finish()
        self.title.setFocus()

    def send_to_owner(self):
        from vernelogg.reports.drafts import action_draft
        from vernelogg.ui.files.mail import send_draft

        db, action_id = self.db, self.action.id
        return send_draft(self.mail_button, lambda: action_draft(db, action_id), self)

    def writer(self) -> Callable[[], Any]:
        if self.action is not None:
            a = self.action
            shown = {
                "title": (self.title.text(), a.title),
                "description": (self.description.toPlainText(), a.description),
                "owner_id": (self.owner.value(), a.owner_id),
                "deadline": (self.deadline.value(), a.deadline),
                "area_id": (self.area.value() if self.deviation is None else a.area_id, a.area_id),
                "status": (self.status.value(), a.status.value),
                "done_date": (self.done_date.value(), a.done_date),
            }
            # Only what the person changed, checked against the version they opened.
            changes = {key: now for key, (now, before) in shown.items() if now != before}
            return partial(
                action_service.update_action, self.db, a.id, today=self.today, seen=a, **changes
            )
        if self.deviation is not None:
            return partial(
                deviation_service.add_deviation_action,
                self.db,
                self.deviation.id,
                title=self.title.text(),
                owner_id=self.owner.value(),
                deadline=self.deadline.value(),
                description=self.description.toPlainText(),
            )
        return partial(
            action_service.add_action,
            self.db,
            title=self.title.text(),
            description=self.description.toPlainText(),
            area_id=self.area.value(),
            owner_id=self.owner.value(),
            deadline=self.deadline.value(),
        )


class NotificationDialog(FormDialog):
    """Record when Arbeidstilsynet and the police were told and the VO got a copy."""

    def __init__(self, ctx: AppContext, detail, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Varsling etter aml. § 5-2 – {number}").format(number=detail.number), parent
        )
        self.ctx, self.detail = ctx, detail
        self.box = NotificationBox()
        for key in NotificationBox.LABELS:
            moment = getattr(detail, key)
            if moment is not None:
                self.box.checks[key].setChecked(True)
                self.box.times[key].set_value(moment)
            self.form.fields[key] = self.box.checks[key]
        self.form.add_row("notification", "", self.box)
        for key in NotificationBox.LABELS:
            self.form.errors[key] = self.form.errors["notification"]
        self.note = self.form.add_row(
            "notification_note", _("Merknad"), QLineEdit(detail.notification_note)
        )
        self.form.finish()

    def writer(self) -> Callable[[], bool]:
        return partial(
            saved,
            deviation_service.record_notification,
            self.ctx.db,
            self.detail.id,
            note=self.note.text(),
            **self.box.values(),
        )


class TextPromptDialog(FormDialog):
    """One required line of text (a reason), handed to `save_text` on the worker thread
    (so `save_text` must touch no widget)."""

    def __init__(self, title: str, label: str, ok_text: str, save_text, parent=None) -> None:
        super().__init__(title, parent, ok_text=ok_text)
        self.save_text = save_text
        self.text = self.form.add_row("reason", label, QLineEdit())
        self.form.finish()

    def writer(self) -> Callable[[], bool]:
        return partial(saved, self.save_text, self.text.text())

"""Dialogs for rounds: plan, free finding, avvik and tiltak from a finding, sign-off and
addendum. Each saves in one step or shows what is wrong next to the field.

Each gives its save as `writer()`: the fields are read on the GUI thread, and the service
call runs on the worker thread (see ui/common/form_dialog.py); what follows a save
(reading the round again, a message) is done by the caller once `exec()` has returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from vernelogg.domain.checklists import HazardGroup
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.rounds import RoundStatus
from vernelogg.i18n import _, ngettext, pgettext
from vernelogg.services import areas as area_service
from vernelogg.services import people as people_service
from vernelogg.services import rounds
from vernelogg.services.people import PersonInfo
from vernelogg.services.rounds.conduct import MAX_COMMENT
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import person_combo, text_box
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog, T
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.worker import read_then


def fill_template_combo(combo: QComboBox, templates: Sequence[rounds.TemplateInfo]) -> None:
    """The checklists to choose from (already read), each with its number of points."""
    for t in templates:
        combo.addItem(
            ngettext("{name} – {n} punkter", "{name} – {n} punkter", t.item_count).format(
                name=t.label, n=t.item_count
            ),
            t.ref,
        )


def template_combo(
    db: Database, selected: str | None, templates: list[rounds.TemplateInfo] | None = None
) -> QComboBox:
    combo = QComboBox()
    fill_template_combo(combo, templates if templates is not None else rounds.list_templates(db))
    if selected:
        index = combo.findData(selected)
        if index >= 0:
            combo.setCurrentIndex(index)
    return combo


class RoundFormDialog(FormDialog[T]):
    """FormDialog where Ctrl+Enter saves from any field, also from multi-line text."""

    def __init__(
        self, title: str, parent: QWidget | None = None, ok_text: str | None = None
    ) -> None:
        super().__init__(title, parent, _("Lagre") if ok_text is None else ok_text)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._accept)


@dataclass(frozen=True)
class PlanChoices:
    """What the plan dialog offers when it opens, read ahead on a worker thread: the
    areas, checklists and people, and for a new round the area chosen first, with its
    suggested checklist and participants."""

    areas: list[tuple[str, str]]
    templates: list[rounds.TemplateInfo]
    people: list[PersonInfo]
    area_id: str | None
    template_ref: str | None
    participants: tuple[str | None, str | None]


def read_plan_choices(
    db: Database, today: date, area_id: str | None = None, info: rounds.RoundInfo | None = None
) -> PlanChoices:
    areas = [(a.name, a.id) for a in area_service.list_areas(db)]
    ids = [area for _name, area in areas]
    chosen = info.area_id if info else (area_id if area_id in ids else next(iter(ids), None))
    participants: tuple[str | None, str | None] = (None, None)
    if info is None and chosen is not None:
        participants = rounds.default_participants(db, chosen, today)
    return PlanChoices(
        areas=areas,
        templates=rounds.list_templates(db),
        people=people_service.list_people(db),
        area_id=chosen,
        template_ref=info.template_ref if info else rounds.suggested_template(db, chosen),
        participants=participants,
    )


def open_plan_dialog(
    parent: QWidget,
    db: Database,
    *,
    today: date,
    then: Callable[[PlanDialog], None],
    area_id: str | None = None,
    info: rounds.RoundInfo | None = None,
) -> None:
    """Plan a round (or change one): what the dialog offers is read on the worker thread
    first, then it opens; `then(dialog)` follows when it was saved. Asked again while it
    is being read, it opens once."""

    def opened(choices: PlanChoices) -> None:
        if info is None and not choices.areas:
            show_error(parent, _("Lag et verneområde først (under «Verneområder og roller»)."))
            return
        dialog = PlanDialog(
            db, today=today, area_id=area_id, info=info, parent=parent, choices=choices
        )
        if dialog.exec():
            then(dialog)

    read_then(parent, read_plan_choices, db, today, area_id, info, then=opened)


class PlanDialog(RoundFormDialog[rounds.RoundInfo]):
    """Plan a round, or change the plan (area, date and checklist only before it starts)."""

    def __init__(
        self,
        db: Database,
        *,
        today: date,
        area_id: str | None = None,
        info: rounds.RoundInfo | None = None,
        parent: QWidget | None = None,
        choices: PlanChoices | None = None,
    ) -> None:
        """`choices` are what `read_plan_choices` read ahead; without them they are read
        here."""
        if info is None:
            title = _("Planlegg vernerunde")
        elif info.status is RoundStatus.PLANNED:
            title = _("Endre planlagt runde {number}").format(number=info.number)
        else:
            title = _("Deltakere i {number}").format(number=info.number)
        super().__init__(title, parent)
        self.db, self.info, self.today = db, info, today
        choices = choices or read_plan_choices(db, today, area_id, info)
        self.area = QComboBox()
        for name, area in choices.areas:
            self.area.addItem(name, area)
        chosen_area = choices.area_id
        if chosen_area and self.area.findData(chosen_area) >= 0:
            self.area.setCurrentIndex(self.area.findData(chosen_area))
        no_areas = _(
            "Ingen verneområder ennå. Legg dem inn under «Verneområder og roller» (Ctrl+2); "
            "en runde går i ett verneområde."
        )
        self.form.add_row(
            "area_id", _("Verneområde"), self.area, hint=no_areas if not self.area.count() else ""
        )
        self.planned = self.form.add_row(
            "planned_date",
            _("Dato"),
            DateField(info.planned_date if info else today + timedelta(days=7)),
        )
        self.template = template_combo(db, choices.template_ref, choices.templates)
        self.form.add_row(
            "template_ref",
            _("Sjekkliste"),
            self.template,
            hint=_(
                "Teksten i punktene kopieres inn når runden starter; senere endringer i "
                "sjekklisten endrer ikke runden."
            ),
        )
        self.delegate = person_combo(
            db, info.delegate_id if info else None, _("— ikke valgt —"), people=choices.people
        )
        self.form.add_row("delegate_id", _("Verneombud"), self.delegate)
        self.leader = person_combo(
            db, info.leader_id if info else None, _("— ikke valgt —"), people=choices.people
        )
        self.form.add_row("leader_id", pgettext("person", "Leder"), self.leader)
        self.others = self.form.add_row(
            "other_participants",
            _("Andre deltakere"),
            QLineEdit(info.other_participants if info else ""),
            hint=_("F.eks. BHT, tillitsvalgt eller ansatte fra området."),
        )
        self.form.finish()
        self._template_touched = info is not None
        self.template.activated.connect(self._touch_template)
        self.area.currentIndexChanged.connect(self._area_changed)
        if info is None:
            self._apply_defaults(*choices.participants)
        else:
            started = info.status is not RoundStatus.PLANNED
            for w in (self.area, self.planned, self.template):
                w.setEnabled(not started)
        self.area.setFocus()

    def _touch_template(self) -> None:
        self._template_touched = True

    def _area_changed(self) -> None:
        """Another area: its verneombud and leader, and the checklist it used last."""
        area_id = self.area.currentData()
        if not area_id:
            return
        delegate, leader = rounds.default_participants(self.db, area_id, self.today)
        self._apply_defaults(delegate, leader)
        if not self._template_touched:
            index = self.template.findData(rounds.suggested_template(self.db, area_id))
            if index >= 0:
                self.template.setCurrentIndex(index)

    def _apply_defaults(self, delegate: str | None, leader: str | None) -> None:
        for combo, person in ((self.delegate, delegate), (self.leader, leader)):
            index = combo.findData(person) if person else 0
            combo.setCurrentIndex(max(index, 0))

    def writer(self) -> Callable[[], rounds.RoundInfo]:
        values = dict(
            area_id=self.area.currentData(),
            planned_date=self.planned.value(),
            template_ref=self.template.currentData(),
            delegate_id=self.delegate.currentData(),
            leader_id=self.leader.currentData(),
            other_participants=self.others.text(),
            today=self.today,
        )
        if self.info is None:
            return partial(rounds.plan_round, self.db, **values)
        return partial(rounds.update_round, self.db, self.info.id, **values)


class FindingDialog(RoundFormDialog[rounds.ItemInfo]):
    """A free finding outside the checklist (or edit one)."""

    def __init__(
        self,
        db: Database,
        round_id: str,
        item: rounds.ItemInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Endre funn") if item else _("Nytt funn"), parent)
        self.db, self.round_id, self.item = db, round_id, item
        self.text = self.form.add_row(
            "text",
            _("Hva ble funnet?"),
            QLineEdit(item.text if item else ""),
            hint=_("Kort og konkret, f.eks. «Løs kabel over gangveien ved port 2»."),
        )
        self.group = QComboBox()
        self.group.addItem(_("— ingen faregruppe —"), None)
        for g in HazardGroup:
            self.group.addItem(g.label, g.value)
        if item and item.group:
            self.group.setCurrentIndex(self.group.findData(item.group.value))
        self.form.add_row("group", _("Faregruppe"), self.group)
        self.comment = text_box()
        if item is None:
            self.form.add_row("comment", _("Kommentar"), self.comment, limit=MAX_COMMENT)
        self.form.finish()
        self.text.setFocus()

    def writer(self) -> Callable[[], rounds.ItemInfo]:
        if self.item is None:
            return partial(
                rounds.add_finding,
                self.db,
                self.round_id,
                text=self.text.text(),
                group=self.group.currentData(),
                comment=self.comment.toPlainText(),
            )
        return partial(
            rounds.update_finding,
            self.db,
            self.item.id,
            text=self.text.text(),
            group=self.group.currentData(),
        )


def _photos_note(count: int) -> str:
    if count == 0:
        return _("Funnet har ingen bilder.")
    return ngettext("{n} bilde følger med.", "{n} bilder følger med.", count).format(n=count)


class DeviationDialog(RoundFormDialog[rounds.FollowUpInfo]):
    """«Lag avvik»: pre-filled from the finding; saved as a registered avvik linked to it."""

    def __init__(self, db: Database, item_id: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Lag avvik fra funnet"), parent, ok_text=_("Lag avvik"))
        self.db, self.item_id = db, item_id
        d = rounds.finding_defaults(db, item_id)
        self.defaults = d
        self.form.add_row("area_id", _("Verneområde"), QLabel(d.area_name))
        self.kind = QComboBox()
        for k in DeviationKind:
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(self.kind.findData(DeviationKind.DANGEROUS_CONDITION.value))
        self.form.add_row("kind", _("Type"), self.kind)
        self.severity = QComboBox()
        for s in Severity:
            self.severity.addItem(s.label, s.value)
        self.severity.setCurrentIndex(self.severity.findData(Severity.MEDIUM.value))
        self.form.add_row("severity", _("Alvorlighet"), self.severity)
        self.description = self.form.add_row(
            "description", _("Hva er galt?"), text_box(d.description, 110)
        )
        self.immediate = self.form.add_row(
            "immediate_action",
            _("Strakstiltak"),
            text_box("", 50),
            hint=_("Hva ble gjort med en gang?"),
        )
        reporter = QWidget()
        row = QHBoxLayout(reporter)
        row.setContentsMargins(0, 0, 0, 0)
        self.reporter = QLineEdit(d.reporter_name)
        self.reporter.setPlaceholderText(_("Navn"))
        self.anonymous = QCheckBox(_("Anonym"))
        self.anonymous.toggled.connect(lambda on: self.reporter.setEnabled(not on))
        row.addWidget(self.reporter, 1)
        row.addWidget(self.anonymous)
        self.form.add_row("reporter_name", _("Meldt av"), reporter)
        self.form.fields["reporter_name"] = self.reporter
        self.confidential = QCheckBox(_("Konfidensielt (personlige forhold, OLM § 3-17)"))
        self.form.add_row("confidential", "", self.confidential)
        self.form.add_row("photos", _("Bilder"), QLabel(_photos_note(d.photo_count)))
        self.form.add_row("occurred_at", _("Observert"), QLabel(d.round_label))
        self.form.finish()
        self.setMinimumWidth(560)
        self.kind.setFocus()

    def writer(self) -> Callable[[], rounds.FollowUpInfo]:
        return partial(
            rounds.create_deviation_from_item,
            self.db,
            self.item_id,
            description=self.description.toPlainText(),
            kind=self.kind.currentData(),
            severity=self.severity.currentData(),
            reporter_name=None
            if self.anonymous.isChecked()
            else self.reporter.text().strip() or None,
            immediate_action=self.immediate.toPlainText(),
            confidential=self.confidential.isChecked(),
        )


class ActionDialog(RoundFormDialog[rounds.FollowUpInfo]):
    """«Lag tiltak»: what to do, who owns it and the deadline; linked to the finding."""

    def __init__(
        self, db: Database, item_id: str, *, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Lag tiltak fra funnet"), parent, ok_text=_("Lag tiltak"))
        self.db, self.item_id, self.today = db, item_id, today
        d = rounds.finding_defaults(db, item_id)
        self.form.add_row("area_id", _("Verneområde"), QLabel(d.area_name))
        self.problem = QLabel(d.title)
        self.problem.setWordWrap(True)
        self.problem.setMinimumWidth(400)  # wraps at the form's width, not at a word or two
        self.form.add_row("problem", _("Funnet"), self.problem)
        self.title_edit = self.form.add_row("title", _("Hva skal gjøres?"), QLineEdit())
        self.title_edit.setPlaceholderText(_("Tiltaket, f.eks. «Fest kabelen i kabelbro»"))
        self.description = self.form.add_row(
            "description", _("Bakgrunn"), text_box(d.description, 90)
        )
        self.owner = person_combo(db, d.owner_id, _("— ikke valgt —"))
        self.form.add_row("owner_id", _("Ansvarlig"), self.owner)
        self.deadline = self.form.add_row(
            "deadline", _("Frist"), DateField(today + timedelta(days=30), optional=True)
        )
        self.form.add_row("photos", _("Bilder"), QLabel(_photos_note(d.photo_count)))
        self.form.finish()
        self.setMinimumWidth(560)
        self.title_edit.setFocus()

    def writer(self) -> Callable[[], rounds.FollowUpInfo]:
        return partial(
            rounds.create_action_from_item,
            self.db,
            self.item_id,
            title=self.title_edit.text(),
            description=self.description.toPlainText(),
            owner_id=self.owner.currentData(),
            deadline=self.deadline.value(),
            today=self.today,
        )


def _short(text: str, limit: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def without_follow_up_text(items: Sequence[rounds.ItemInfo]) -> str:
    """The warning before signing a round whose findings have neither avvik nor tiltak."""
    shown = [
        _("• Punkt {point}: {text}").format(point=i.label, text=_short(i.comment or i.text))
        for i in items[:8]
    ]
    if len(items) > 8:
        shown.append(_("• … og {n} til").format(n=len(items) - 8))
    return (
        ngettext(
            "Disse funnene har verken avvik eller tiltak:",
            "Disse funnene har verken avvik eller tiltak:",
            len(items),
        )
        + "\n\n"
        + "\n".join(shown)
        + "\n\n"
        + _(
            "Et funn uten oppfølging blir lett glemt. Gå tilbake til runden for å lage "
            "avvik (A) eller tiltak (T), eller signer likevel (de kan lages etter signering "
            "også)."
        )
    )


class CloseDialog(RoundFormDialog[rounds.RoundInfo]):
    """Close and sign off: names of VO and leader, the date, and a summary.

    Findings with neither avvik nor tiltak are listed before signing; the person can go
    back to the round (`went_back`) or sign anyway."""

    def __init__(
        self,
        db: Database,
        info: rounds.RoundInfo,
        *,
        today: date,
        without_follow_up: Sequence[rounds.ItemInfo] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Avslutt og signer {number}").format(number=info.number),
            parent,
            ok_text=_("Avslutt og signer"),
        )
        self.db, self.info, self.today = db, info, today
        self.without_follow_up = tuple(without_follow_up)
        self.went_back = False
        self._warned = False
        c = info.counts
        summary = QLabel(
            ngettext(
                "{n} av {total} punkter besvart: {ok} OK, {not_ok} ikke OK, "
                "{not_relevant} ikke relevant.",
                "{n} av {total} punkter besvart: {ok} OK, {not_ok} ikke OK, "
                "{not_relevant} ikke relevant.",
                c.points,
            ).format(
                n=c.answered,
                total=c.points,
                ok=c.ok,
                not_ok=c.not_ok,
                not_relevant=c.not_relevant,
            )
            + " "
            + ngettext("{n} frie funn.", "{n} frie funn.", c.free_findings).format(
                n=c.free_findings
            )
        )
        summary.setWordWrap(True)
        self.form.add_row("items", _("Oppsummering"), summary)
        spacer = QWidget()
        spacer.setFixedHeight(0)
        self.form.add_row("comments", "", spacer)  # where a missing comment is reported
        self.delegate = self.form.add_row(
            "signed_delegate", _("Verneombud"), QLineEdit(info.delegate_name or "")
        )
        self.leader = self.form.add_row(
            "signed_leader", pgettext("person", "Leder"), QLineEdit(info.leader_name or "")
        )
        self.closed_on = self.form.add_row("closed_on", _("Dato"), DateField(today))
        self.notes = self.form.add_row(
            "notes", _("Merknader"), text_box(info.notes, 80), limit=8000
        )
        self.form.finish()
        hint = QLabel(
            _(
                "Etter signering kan runden ikke endres. Senere merknader skrives som et "
                "datert tillegg."
            )
        )
        hint.setObjectName("notice")
        hint.setWordWrap(True)
        self.column.insertWidget(1, hint)
        self.setMinimumWidth(520)
        self.delegate.setFocus()

    def _accept(self) -> None:
        if self.without_follow_up and not self._warned:
            sign = confirm(
                self,
                _("Funn uten avvik eller tiltak"),
                without_follow_up_text(self.without_follow_up),
                yes=_("Signer likevel"),
                no=_("Gå tilbake til runden"),
                default_yes=False,
            )
            if not sign:
                self.went_back = True
                self.reject()
                return
            self._warned = True  # asked once: a name to fix does not ask again
        super()._accept()

    def writer(self) -> Callable[[], rounds.RoundInfo]:
        return partial(
            rounds.close_round,
            self.db,
            self.info.id,
            signed_delegate=self.delegate.text(),
            signed_leader=self.leader.text(),
            closed_on=self.closed_on.value(),
            notes=self.notes.toPlainText(),
            today=self.today,
        )


class AddendumDialog(RoundFormDialog[rounds.AddendumInfo]):
    """A dated note on a closed round."""

    def __init__(self, db: Database, info: rounds.RoundInfo, parent: QWidget | None = None):
        super().__init__(
            _("Tillegg til {number}").format(number=info.number),
            parent,
            ok_text=_("Lagre tillegg"),
        )
        self.db, self.info = db, info
        self.text = self.form.add_row(
            "text",
            _("Tillegg"),
            text_box("", 110),
            hint=_(
                "Runden ble signert {date}. Tillegget får dagens dato og endrer ikke det som "
                "ble signert."
            ).format(date=fmt_date(info.closed_on)),
        )
        self.written_by = self.form.add_row(
            "written_by", _("Skrevet av"), QLineEdit(info.signed_delegate)
        )
        self.form.finish()
        self.text.setFocus()

    def writer(self) -> Callable[[], rounds.AddendumInfo]:
        return partial(
            rounds.add_addendum,
            self.db,
            self.info.id,
            self.text.toPlainText(),
            written_by=self.written_by.text(),
        )

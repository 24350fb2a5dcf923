"""AMU dialogs. Each saves in one step or shows what is wrong next to the field.

A dialog that writes gives its save as `writer()`: the fields are read on the GUI thread,
and the service call runs on the worker thread (see ui/common/form_dialog.py).

On approved minutes the same dialogs become corrections: they ask for a reason and save
the change as a dated correction (who, when, old → new, why).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from vernelogg import clock
from vernelogg.domain.amu import ItemKind, Presence, Side
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.roles import AMU_ROLES, Role
from vernelogg.i18n import N_, _
from vernelogg.services import amu
from vernelogg.services import areas as area_service
from vernelogg.services import people as people_service
from vernelogg.services.errors import ServiceError
from vernelogg.store.database import Database
from vernelogg.ui.common.choosers import person_combo
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.form_dialog import FormDialog, T
from vernelogg.ui.common.forms import Form

CORRECTION_HINT = N_(
    "Protokollen er godkjent. Endringen lagres som en rettelse med dato, hvem som rettet, "
    "hva som ble endret og begrunnelsen, og vises i protokollen."
)


def date_field(value: date | None = None, *, optional: bool = False) -> DateField:
    field = DateField(value, optional=optional)
    field.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    field.setMinimumWidth(130)
    return field


def text_edit(text: str = "", height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class AmuDialog(FormDialog[T]):
    """A FormDialog whose fields (and their hints) take the full width."""

    def __init__(
        self, title: str, parent: QWidget | None = None, ok_text: str | None = None
    ) -> None:
        super().__init__(title, parent, ok_text or _("Lagre"))
        self.form.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)


class _CorrectionMixin:
    """Adds «Begrunnelse for rettelsen» to a FormDialog when the minutes are locked."""

    locked: bool
    form: Form
    reason: QLineEdit | None

    def add_reason_row(self) -> None:
        self.reason = None
        if self.locked:
            self.reason = self.form.add_row(
                "reason",
                _("Begrunnelse for rettelsen"),
                QLineEdit(),
                hint=_(CORRECTION_HINT),
            )

    def reason_value(self) -> str | None:
        return self.reason.text() if self.reason is not None else None


class MeetingDialog(_CorrectionMixin, AmuDialog[amu.MeetingInfo]):
    """Plan a meeting or change when and where."""

    def __init__(
        self,
        db: Database,
        meeting: amu.MeetingInfo | None = None,
        *,
        default_date: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.locked = bool(meeting and meeting.locked)
        if meeting is None:
            title = _("Nytt AMU-møte")
        elif self.locked:
            title = _("Rettelse: {title}").format(title=meeting.title)
        else:
            title = _("Endre {title}").format(title=meeting.title)
        super().__init__(title, parent, ok_text=_("Lagre rettelse") if self.locked else _("Lagre"))
        self.db, self.meeting = db, meeting
        self.meeting_date = self.form.add_row(
            "meeting_date",
            _("Dato"),
            date_field(meeting.meeting_date if meeting else default_date or clock.today()),
        )
        self.start_time = self.form.add_row(
            "start_time",
            _("Fra kl."),
            QLineEdit(meeting.start_time if meeting else "09:00"),
            hint=_("tt:mm"),
        )
        self.end_time = self.form.add_row(
            "end_time", _("Til kl."), QLineEdit(meeting.end_time if meeting else "11:00")
        )
        self.place = self.form.add_row(
            "place", _("Sted"), QLineEdit(meeting.place if meeting else ""), limit=200
        )
        self.place.setPlaceholderText(_("Møterom, adresse eller Teams"))
        hint = "" if meeting else _("Tom: leder og sekretær i utvalget på møtedagen.")
        self.chair = self.form.add_row(
            "chair_id",
            _("Møteleder"),
            person_combo(
                db,
                meeting.chair_id if meeting else None,
                _("— utvalgets leder —"),
                with_title=True,
            ),
            hint=hint,
        )
        self.secretary = self.form.add_row(
            "secretary_id",
            _("Sekretær (referent)"),
            person_combo(
                db,
                meeting.secretary_id if meeting else None,
                _("— utvalgets sekretær —"),
                with_title=True,
            ),
        )
        self.note = self.form.add_row(
            "invitation_note",
            _("Melding i innkallingen"),
            text_edit(meeting.invitation_note if meeting else "", 60),
        )
        self.note.setEnabled(not self.locked)
        self.add_reason_row()
        self.form.finish()

    def writer(self) -> Callable[[], amu.MeetingInfo]:
        values = dict(
            meeting_date=self.meeting_date.value(),
            start_time=self.start_time.text(),
            end_time=self.end_time.text(),
            place=self.place.text(),
            chair_id=self.chair.currentData(),
            secretary_id=self.secretary.currentData(),
            invitation_note=self.note.toPlainText(),
        )
        if self.meeting is None:
            return partial(amu.create_meeting, self.db, **values)
        return partial(
            amu.update_meeting, self.db, self.meeting.id, reason=self.reason_value(), **values
        )


class ItemDialog(_CorrectionMixin, AmuDialog[amu.AgendaItemInfo]):
    """A case: title, kind, presenter, background and (in the meeting) the discussion."""

    def __init__(
        self,
        db: Database,
        meeting: amu.MeetingInfo,
        item: amu.AgendaItemInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.locked = meeting.locked
        if item is None:
            title = _("Ny sak")
        elif self.locked:
            title = _("Rettelse: {title}").format(title=item.number)
        else:
            title = _("{number}: {title}").format(number=item.number, title=item.title)
        super().__init__(title, parent, ok_text=_("Lagre rettelse") if self.locked else _("Lagre"))
        self.db, self.meeting, self.item = db, meeting, item
        self.setMinimumWidth(620)
        self.title = self.form.add_row(
            "title", _("Tittel"), QLineEdit(item.title if item else ""), limit=300
        )
        self.kind = QComboBox()
        for kind in ItemKind:
            if kind is not ItemKind.STANDING or (item and item.kind is ItemKind.STANDING):
                self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(
            self.kind.findData((item.kind if item else ItemKind.DECISION).value)
        )
        self.form.add_row(
            "kind",
            _("Type"),
            self.kind,
            hint=_(
                "Orientering: til informasjon. Drøfting: utvalget gir råd. Vedtak: utvalget "
                "bestemmer."
            ),
        )
        self.presenter = self.form.add_row(
            "presenter_id",
            _("Innleder"),
            person_combo(db, item.presenter_id if item else None, _("— ingen —"), with_title=True),
        )
        self.background = self.form.add_row(
            "background", _("Bakgrunn"), text_edit(item.background if item else "", 90)
        )
        self.discussion = None
        if item is not None:
            self.discussion = self.form.add_row(
                "discussion",
                _("Drøfting i møtet"),
                text_edit(item.discussion, 90),
                hint=_("Hva utvalget sa om saken; skrives i protokollen."),
            )
        self.add_reason_row()
        self.form.finish()

    def writer(self) -> Callable[[], amu.AgendaItemInfo]:
        if self.item is None:
            return partial(
                amu.add_item,
                self.db,
                self.meeting.id,
                title=self.title.text(),
                kind=self.kind.currentData(),
                background=self.background.toPlainText(),
                presenter_id=self.presenter.currentData(),
            )
        assert self.discussion is not None
        return partial(
            amu.update_item,
            self.db,
            self.item.id,
            title=self.title.text(),
            kind=self.kind.currentData(),
            background=self.background.toPlainText(),
            discussion=self.discussion.toPlainText(),
            presenter_id=self.presenter.currentData(),
            reason=self.reason_value(),
        )


class DecisionDialog(_CorrectionMixin, AmuDialog):
    """A decision (vedtak): the text, and for follow-up an owner and a deadline."""

    def __init__(
        self,
        db: Database,
        meeting: amu.MeetingInfo,
        item: amu.AgendaItemInfo,
        decision: amu.DecisionInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.locked = meeting.locked
        proposal = meeting.status.value == "planned"
        if self.locked:
            title = _("Rettelse: vedtak i {number}").format(number=item.number)
        elif decision is not None:
            title = _("Endre forslag til vedtak") if proposal else _("Endre vedtak")
        elif proposal:
            title = _("Forslag til vedtak i {number}").format(number=item.number)
        else:
            title = _("Vedtak i {number}").format(number=item.number)
        super().__init__(title, parent, ok_text=_("Lagre rettelse") if self.locked else _("Lagre"))
        self.db, self.item, self.decision = db, item, decision
        self.setMinimumWidth(600)
        self.text = self.form.add_row(
            "text", _("Vedtak"), text_edit(decision.text if decision else "", 100), limit=4000
        )
        self.owner = self.form.add_row(
            "owner_id",
            _("Ansvarlig"),
            person_combo(
                db,
                decision.owner_id if decision else None,
                _("— ingen oppfølging —"),
                with_title=True,
            ),
            hint=_(
                "Med ansvarlig blir vedtaket et tiltak i handlingsplanen når møtet er holdt, "
                "og det følges opp i senere møter til det er utført."
            ),
        )
        self.deadline = self.form.add_row(
            "deadline",
            _("Frist"),
            date_field(decision.deadline if decision else None, optional=True),
        )
        self.area = QComboBox()
        self.area.addItem(_("— hele virksomheten —"), None)
        for a in area_service.list_areas(db):
            self.area.addItem(a.name, a.id)
        if decision and decision.area_id:
            self.area.setCurrentIndex(max(0, self.area.findData(decision.area_id)))
        self.form.add_row("area_id", _("Verneområde"), self.area)
        self.add_reason_row()
        self.form.finish()

    def writer(self) -> Callable[[], amu.DecisionInfo]:
        values = dict(
            text=self.text.toPlainText(),
            owner_id=self.owner.currentData(),
            deadline=self.deadline.value(),
            area_id=self.area.currentData(),
            reason=self.reason_value(),
        )
        if self.decision is None:
            return partial(amu.add_decision, self.db, self.item.id, **values)
        return partial(amu.update_decision, self.db, self.decision.id, **values)


class ReasonDialog(AmuDialog):
    """Ask why, for a step on approved minutes (withdrawing a decision). `action` takes
    the reason and writes; it runs on the worker thread, so it must touch no widget."""

    def __init__(
        self, title: str, action: Callable[[str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent, ok_text=_("Lagre rettelse"))
        self.action = action
        self.reason = self.form.add_row(
            "reason", _("Begrunnelse for rettelsen"), QLineEdit(), hint=_(CORRECTION_HINT)
        )
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        return partial(self.action, self.reason.text())


class PresenceDialog(AmuDialog):
    """Presence of one person; a deputy may stand in for an absent member of their side.
    On approved minutes this is a correction with a reason."""

    def __init__(
        self,
        db: Database,
        meeting: amu.MeetingInfo,
        row: amu.AttendanceInfo,
        members: list[amu.AttendanceInfo],
        *,
        stand_in: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        self.locked = meeting.locked
        title = _("Oppmøte: {name}").format(name=row.name)
        if stand_in:
            title = _("{name} møter for …").format(name=row.name)
        if self.locked:
            title = _("Rettelse av oppmøte: {name}").format(name=row.name)
        super().__init__(title, parent, ok_text=_("Lagre rettelse") if self.locked else _("Lagre"))
        self.db, self.row = db, row
        self.presence = QComboBox()
        for p in (Presence.PRESENT, Presence.ABSENT, Presence.INVITED, Presence.NOT_CALLED):
            self.presence.addItem(p.label, p.value)
        self.presence.setCurrentIndex(
            self.presence.findData(Presence.PRESENT.value if stand_in else row.presence.value)
        )
        self.form.add_row("presence", _("Oppmøte"), self.presence)
        self.stands_in = QComboBox()
        self.stands_in.addItem(_("— møter ikke for noen —"), None)
        absent_members = []
        for m in members:
            if m.capacity.is_member and m.capacity.side is row.capacity.side:
                if m.presence is Presence.ABSENT:
                    absent_members.append(m.person_id)
                    label = m.name
                else:
                    label = _("{name} (ikke meldt forfall)").format(name=m.name)
                self.stands_in.addItem(label, m.person_id)
        if row.stands_in_for_id:
            self.stands_in.setCurrentIndex(self.stands_in.findData(row.stands_in_for_id))
        elif stand_in and absent_members:
            self.stands_in.setCurrentIndex(self.stands_in.findData(absent_members[0]))
        self.form.add_row(
            "stands_in_for_id",  # i18n-ignore
            _("Vara for"),
            self.stands_in,
            hint=_(
                "En vara har stemmerett bare når hen møter for et medlem som har meldt forfall."
            ),
        )
        self.stands_in.setEnabled(row.capacity.is_deputy)
        self.reason = None
        if self.locked:
            self.reason = self.form.add_row(
                "reason", _("Begrunnelse for rettelsen"), QLineEdit(), hint=_(CORRECTION_HINT)
            )
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        return partial(
            amu.set_presence,
            self.db,
            self.row.id,
            self.presence.currentData(),
            stands_in_for_id=self.stands_in.currentData() if self.row.capacity.is_deputy else None,
            reason=self.reason.text() if self.reason is not None else None,
        )


class GuestDialog(AmuDialog[amu.AttendanceInfo]):
    def __init__(self, db: Database, meeting: amu.MeetingInfo, parent: QWidget | None = None):
        super().__init__(_("Legg til gjest"), parent, ok_text=_("Legg til"))
        self.db, self.meeting = db, meeting
        self.person = self.form.add_row("person_id", _("Person"), person_combo(db, with_title=True))
        self.note = self.form.add_row(
            "note", _("Merknad"), QLineEdit(), hint=_("F.eks. «innleder i sak 12/2026».")
        )
        self.form.finish()

    def writer(self) -> Callable[[], amu.AttendanceInfo]:
        return partial(
            amu.add_guest, self.db, self.meeting.id, self.person.currentData(), self.note.text()
        )


class ApproveDialog(AmuDialog):
    """Approve and lock the minutes."""

    def __init__(
        self, db: Database, meeting: amu.MeetingInfo, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Godkjenn protokollen for {meeting}").format(meeting=meeting.title),
            parent,
            ok_text=_("Godkjenn"),
        )
        self.db, self.meeting, self.today = db, meeting, today
        self.approved_on = self.form.add_row("approved_on", _("Godkjent dato"), date_field(today))
        self.approved_by = self.form.add_row(
            "approved_by",
            _("Godkjent av"),
            QLineEdit(amu.default_approver(db, meeting.id)),
            hint=_("F.eks. leder og sekretær, eller «AMU i møte 10.12.2026»."),
            limit=200,
        )
        info = QLabel(
            _(
                "Når protokollen er godkjent, låses den. Senere endringer føres som rettelser "
                "med dato og begrunnelse. Oppfølgingstabellen lagres slik den var på møtedagen."
            )
        )
        info.setWordWrap(True)
        info.setObjectName("notice")
        self.form.add_row("info", "", info)
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        return partial(
            amu.approve_minutes,
            self.db,
            self.meeting.id,
            approved_on=self.approved_on.value(),
            approved_by=self.approved_by.text(),
            today=self.today,
        )


class DoneDialog(AmuDialog):
    """Follow-up: the action made from a decision was carried out on a day."""

    def __init__(self, db: Database, row: amu.FollowUpRow, today: date, parent=None) -> None:
        super().__init__(
            _("Utført: {number}").format(number=row.number),
            parent,
            ok_text=_("Marker som utført"),
        )
        self.db, self.row, self.today = db, row, today
        text = QLabel(row.text)
        text.setWordWrap(True)
        self.form.add_row("decision_text", _("Vedtak"), text)
        self.done_date = self.form.add_row("done_date", _("Utført dato"), date_field(today))
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        return partial(
            amu.mark_decision_done,
            self.db,
            self.row.decision_id,
            self.done_date.value(),
            today=self.today,
        )


class MoveItemDialog(AmuDialog):
    def __init__(
        self, db: Database, item: amu.AgendaItemInfo, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Flytt {number} til et annet møte").format(number=item.number),
            parent,
            ok_text=_("Flytt"),
        )
        self.db, self.item = db, item
        self.target = QComboBox()
        for m in amu.list_meetings(db):
            if m.id != item.meeting_id and m.status.value == "planned":
                self.target.addItem(f"{m.title} – {fmt_date(m.meeting_date)}", m.id)
        self.form.add_row(
            "meeting_id",
            _("Til møte"),
            self.target,
            hint=_("Saken beholder nummeret sitt. Lag et nytt møte først hvis det mangler."),
        )
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        if self.target.currentData() is None:
            raise ServiceError(
                _("Det finnes ikke noe annet planlagt møte. Lag det nye møtet først.")
            )
        return partial(amu.move_item_to_meeting, self.db, self.item.id, self.target.currentData())


class ChairYearDialog(AmuDialog):
    def __init__(self, db: Database, year: int, side: Side | None, parent=None) -> None:
        super().__init__(_("Ledersiden for et år"), parent)
        self.db = db
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.form.add_row("year", _("År"), self.year)
        self.side = QComboBox()
        for s in Side:
            self.side.addItem(s.label, s.value)
        if side is not None:
            self.side.setCurrentIndex(self.side.findData(side.value))
        self.form.add_row(
            "side",
            _("Leder kommer fra"),
            self.side,
            hint=_(
                "Ledervervet veksler mellom arbeidsgiversiden og arbeidstakersiden (aml. § 7-1)."
            ),
        )
        self.note = self.form.add_row("note", _("Merknad"), QLineEdit())
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        return partial(
            amu.set_chair_side,
            self.db,
            self.year.value(),
            self.side.currentData(),
            self.note.text(),
        )


class CommitteeRoleDialog(AmuDialog):
    """A seat in the committee (member or deputy on a side) or an office, for a period."""

    def __init__(self, db: Database, today: date, role: Role | None = None, parent=None) -> None:
        super().__init__(_("Nytt AMU-verv"), parent)
        self.db = db
        self.person = self.form.add_row("person_id", _("Person"), person_combo(db, with_title=True))
        self.role = QComboBox()
        for r in AMU_ROLES:
            self.role.addItem(r.label, r.value)
        if role is not None:
            self.role.setCurrentIndex(self.role.findData(role.value))
        self.form.add_row("role", _("Verv"), self.role)
        self.start = self.form.add_row("start_date", _("Fra"), date_field(today))
        self.end = self.form.add_row(
            "end_date",
            _("Til og med"),
            date_field(None, optional=True),
            hint=_("Valgperioden for AMU er vanligvis to år. Tom dato: til vervet avsluttes."),
        )
        self.chosen_by = self.form.add_row("chosen_by", _("Valgt/utpekt av"), QLineEdit())
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        if self.person.currentData() is None:
            raise ServiceError(_("Legg inn personen først (Verneområder og roller → Ny person)."))
        return partial(
            amu.assign_committee_role,
            self.db,
            person_id=self.person.currentData(),
            role=Role(self.role.currentData()),
            start_date=self.start.value(),
            end_date=self.end.value(),
            chosen_by=self.chosen_by.text(),
        )


class AnnualDialog(AmuDialog):
    """Choose the year of the annual report."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("AMU-årsrapport"), parent, ok_text=_("Lag PDF"))
        self.today = today
        self.year = QSpinBox()
        self.year.setRange(2000, today.year)
        self.year.setValue(today.year - 1 if today.month <= 3 else today.year)
        self.form.add_row(
            "year",
            _("År"),
            self.year,
            hint=_("For året som pågår, tas tallene med fram til i dag."),
        )
        self.form.finish()

    def save(self):
        return self.year.value()


class EndSeatDialog(AmuDialog):
    """End an AMU role; someone may take the seat for the rest of the period."""

    def __init__(
        self, db: Database, seat: amu.CommitteeSeat, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Avslutt verv: {role} – {name}").format(role=seat.role.label, name=seat.name),
            parent,
            ok_text=_("Avslutt verv"),
        )
        self.db, self.seat = db, seat
        self.end = self.form.add_row("end_date", _("Siste dag"), date_field(today))
        self.reason = self.form.add_row("reason", _("Årsak"), QLineEdit())
        self.successor = person_combo(db, None, _("— ingen ennå —"), with_title=True)
        index = self.successor.findData(seat.person_id)
        if index >= 0:
            self.successor.removeItem(index)
        self.form.add_row(
            "successor_id",
            _("Hvem tar over plassen?"),
            self.successor,
            hint=_("Den som tar over, får samme verv fra dagen etter, ut perioden."),
        )
        self.form.finish()

    def writer(self) -> Callable[[], object]:
        return partial(
            people_service.end_role,
            self.db,
            self.seat.assignment_id,
            end_date=self.end.value() or clock.today(),
            reason=self.reason.text(),
            successor_id=self.successor.currentData(),
            complete_term=True,
        )

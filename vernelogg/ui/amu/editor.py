"""One meeting: when and where, status and its next step, the PDFs, and the tabs for the
agenda, attendance, follow-up and corrections.

The meeting and what its tabs show are read together on a worker thread (`read_meeting`);
the editor keeps showing the meeting it has until the new one is in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.amu import MeetingStatus
from vernelogg.domain.formatting import fmt_date
from vernelogg.errors import UserError
from vernelogg.i18n import _, ngettext
from vernelogg.services import amu
from vernelogg.services.errors import NotFoundError
from vernelogg.store.database import Database
from vernelogg.ui.amu.agenda import AgendaTab
from vernelogg.ui.amu.attendance import AttendanceTab
from vernelogg.ui.amu.common import tab_parent
from vernelogg.ui.amu.dialogs import ApproveDialog, MeetingDialog
from vernelogg.ui.amu.followup import CorrectionsTab, FollowUpTab
from vernelogg.ui.amu.pdf import PdfButton
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.widgets import Badge
from vernelogg.ui.common.writes import Writes
from vernelogg.ui.context import AppContext

STATUS_BADGE = {
    MeetingStatus.PLANNED: "info",
    MeetingStatus.HELD: "due_soon",
    MeetingStatus.APPROVED: "ok",
}


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting and what its tabs show; `meeting` is None when none is chosen (or it is
    gone)."""

    meeting: amu.MeetingInfo | None
    items: list[amu.AgendaItemInfo] = field(default_factory=list)
    attendance: list[amu.AttendanceInfo] = field(default_factory=list)
    follow_up: list[amu.FollowUpRow] = field(default_factory=list)
    corrections: list[amu.CorrectionInfo] = field(default_factory=list)


def read_meeting(db: Database, meeting_id: str | None, today: date) -> MeetingDetail:
    """Everything the editor shows of a meeting (on a worker thread: no widgets here)."""
    if meeting_id is None:
        return MeetingDetail(None)
    try:
        meeting = amu.get_meeting(db, meeting_id)
    except NotFoundError:
        return MeetingDetail(None)
    return MeetingDetail(
        meeting,
        items=amu.list_items(db, meeting.id),
        attendance=amu.list_attendance(db, meeting.id),
        follow_up=amu.list_follow_up(db, meeting.id, today),
        corrections=amu.list_corrections(db, meeting.id),
    )


class MeetingEditor(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        changed: Callable[[str | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.list_changed = changed  # the meeting list refreshes (and selects the id)
        self.meeting: amu.MeetingInfo | None = None  # the meeting shown
        self.meeting_id: str | None = None  # the meeting asked for (shown when it is in)
        self.loader = PageLoader(self)
        self.writes = Writes(self)  # «Møtet er holdt» on the worker thread
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.badge = Badge("", "info")
        head.addWidget(self.badge)
        layout.addLayout(head)
        self.facts = QLabel()
        self.facts.setObjectName("pageSubtitle")
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        layout.addWidget(self.banner)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_("Endre møte …"))
        self.edit_button.clicked.connect(self.edit_meeting)
        self.held_button = QPushButton(_("Møtet er &holdt"))
        self.held_button.clicked.connect(self.mark_held)
        self.approve_button = QPushButton(_("&Godkjenn protokoll …"))
        self.approve_button.setObjectName("primary")
        self.approve_button.clicked.connect(self.approve)
        self.cancel_button = QPushButton(_("Avlys møte"))
        self.cancel_button.clicked.connect(self.cancel_meeting)
        for b in (self.edit_button, self.held_button, self.approve_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.pdf_status = QLabel()
        self.pdf_status.setObjectName("pageSubtitle")
        buttons.addWidget(self.pdf_status)
        self.invitation_button = PdfButton(
            _("Innkalling (PDF)"), self._invitation_job, self.pdf_status
        )
        self.minutes_button = PdfButton(_("Protokoll (PDF)"), self._minutes_job, self.pdf_status)
        self.send_button = QPushButton(_("Send innkalling"))
        self.send_button.setToolTip(
            _("Lager en e-post til AMU-medlemmene med innkallingen som PDF")
        )
        self.send_button.clicked.connect(self.send_invitation)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.invitation_button)
        buttons.addWidget(self.minutes_button)
        layout.addLayout(buttons)

        # Each tab is made in its place (parent first): see common.tab_parent.
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        pages = tab_parent(self.tabs)
        self.agenda = AgendaTab(ctx, self._child_changed, pages)
        self.attendance = AttendanceTab(ctx, self._child_changed, pages)
        self.follow_up = FollowUpTab(ctx, self._child_changed, pages)
        self.corrections = CorrectionsTab(ctx, pages)
        self.tabs.addTab(self.agenda, _("Saksliste"))
        self.tabs.addTab(self.attendance, _("Oppmøte"))
        self.tabs.addTab(self.follow_up, _("Oppfølging"))
        self.tabs.addTab(self.corrections, _("Rettelser"))
        self.show_detail(MeetingDetail(None))

    # --- showing -------------------------------------------------------------------

    def set_meeting(self, meeting_id: str | None) -> None:
        """Read the meeting on a worker thread; it is shown when it is in."""
        self.meeting_id = meeting_id
        self.loader.load(
            read_meeting, self.ctx.db, meeting_id, self.ctx.today(), then=self.show_detail
        )

    def is_loading(self) -> bool:
        """Whether the meeting is being read, or a one-click write of the editor or its
        tabs is under way (the meeting is read again after it)."""
        return (
            self.loader.is_loading()
            or self.writes.busy()
            or self.agenda.writes.busy()
            or self.attendance.writes.busy()
        )

    def show_detail(self, detail: MeetingDetail) -> None:
        self.meeting = detail.meeting
        self._show()
        self.agenda.show_items(self.meeting, detail.items)
        self.attendance.show_rows(self.meeting, detail.attendance)
        self.follow_up.show_rows(self.meeting, detail.follow_up)
        self.corrections.show_rows(detail.corrections)
        self._count_corrections()

    def _count_corrections(self) -> None:
        count = self.corrections.model.rowCount()
        self.tabs.setTabText(
            3, _("Rettelser ({count})").format(count=count) if count else _("Rettelser")
        )

    def _show(self) -> None:
        m = self.meeting
        has = m is not None
        for w in (
            self.edit_button,
            self.held_button,
            self.approve_button,
            self.cancel_button,
            self.invitation_button,
            self.send_button,
            self.minutes_button,
            self.tabs,
        ):
            w.setEnabled(has)
        self.badge.setVisible(has)
        if m is None:
            self.title.setText(_("Ingen møte valgt"))
            self.facts.setText(_("Velg et møte i listen, eller planlegg et nytt med «Nytt møte»."))
            self.banner.hide()
            return
        self.title.setText(m.heading)
        self.badge.set_status(m.status.label, STATUS_BADGE[m.status])
        self.facts.setText(
            _("Møteleder: {chair} · Sekretær: {secretary} · {items} · {decisions}").format(
                chair=m.chair_name or "—",
                secretary=m.secretary_name or "—",
                items=ngettext("{n} sak", "{n} saker", m.item_count).format(n=m.item_count),
                decisions=ngettext("{n} vedtak", "{n} vedtak", m.decision_count).format(
                    n=m.decision_count
                ),
            )
        )
        today = self.ctx.today()
        self.edit_button.setText(_("Rettelse i møtedata …") if m.locked else _("Endre møte …"))
        self.held_button.setVisible(m.status is MeetingStatus.PLANNED and m.meeting_date <= today)
        self.approve_button.setVisible(not m.locked and m.meeting_date <= today)
        self.cancel_button.setVisible(m.status is MeetingStatus.PLANNED)
        if m.locked:
            self.banner.setObjectName("okNotice")
            self.banner.setText(
                _(
                    "Protokollen ble godkjent {date} av {name} og er låst. Endringer føres som "
                    "rettelser med dato og begrunnelse."
                ).format(date=fmt_date(m.approved_on), name=m.approved_by)
            )
        elif m.status is MeetingStatus.HELD:
            self.banner.setObjectName("notice")
            self.banner.setText(
                _(
                    "Møtet er holdt, og vedtak med ansvarlig er lagt i handlingsplanen. Fullfør "
                    "oppmøte og vedtak, og godkjenn protokollen."
                )
            )
        elif m.meeting_date > today:
            self.banner.setObjectName("notice")
            self.banner.setText(
                _(
                    "Planlagt møte. Sett opp sakslisten, hent de faste sakene og send "
                    "innkallingen. Vedtak som registreres nå, er forslag til vedtak."
                )
            )
        else:
            self.banner.setObjectName("notice")
            self.banner.setText(
                _(
                    "Registrer oppmøte, drøfting og vedtak, og marker møtet som holdt. Vedtak "
                    "med ansvarlig blir da tiltak i handlingsplanen."
                )
            )
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def refresh(self) -> None:
        self.set_meeting(self.meeting_id)

    def _child_changed(self) -> None:
        """Something in a tab changed: the meeting with its header counts and every tab
        are read again, and the list."""
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        self.set_meeting(meeting_id)
        self.ctx.notify("amu")
        self.list_changed(meeting_id)

    # --- actions -------------------------------------------------------------------

    def edit_meeting(self) -> None:
        if self.meeting is None:
            return
        if MeetingDialog(self.ctx.db, self.meeting, parent=self).exec():
            self.refresh()
            self.ctx.notify("amu")
            self.list_changed(self.meeting.id)

    def mark_held(self) -> None:
        if self.meeting is None or self.writes.busy():
            return
        self.writes.run(
            [self.held_button, self.approve_button, self.cancel_button, self.edit_button],
            partial(amu.mark_held, self.ctx.db, self.meeting.id, today=self.ctx.today()),
            then=self._held,
        )

    def _held(self, meeting: amu.MeetingInfo) -> None:
        self.refresh()
        self.ctx.notify("amu")
        self.list_changed(meeting.id)

    def approve(self) -> None:
        if self.meeting is None:
            return
        dialog = ApproveDialog(self.ctx.db, self.meeting, self.ctx.today(), parent=self)
        if dialog.exec():
            self.refresh()
            self.ctx.notify("amu")
            self.list_changed(self.meeting.id)

    def cancel_meeting(self) -> None:
        m = self.meeting
        if m is None:
            return
        if not confirm(
            self,
            _("Avlys møte"),
            _(
                "Avlyse {meeting} {date}? Møtet og sakene arkiveres; saksnumrene brukes ikke "
                "igjen. Flytt saker som skal behandles senere, først."
            ).format(meeting=m.title, date=fmt_date(m.meeting_date)),
            yes=_("Avlys møtet"),
        ):
            return
        try:
            amu.cancel_meeting(self.ctx.db, m.id)
        except UserError as error:
            show_error(self, str(error))
            return
        self.ctx.notify("amu")
        self.list_changed(None)

    # --- PDFs ----------------------------------------------------------------------

    def send_invitation(self):
        from vernelogg.reports.drafts import meeting_draft
        from vernelogg.ui.files.mail import send_draft

        if self.meeting is None:
            return None
        db, meeting_id, today = self.ctx.db, self.meeting.id, self.ctx.today()
        return send_draft(self.send_button, lambda: meeting_draft(db, meeting_id, today), self)

    def _invitation_job(self):
        from vernelogg.reports.amu_invitation import write_invitation

        if self.meeting is None:
            return None
        db, meeting_id, today = self.ctx.db, self.meeting.id, self.ctx.today()
        name = _("AMU-innkalling {date}.pdf").format(date=self.meeting.meeting_date.isoformat())
        return name, lambda path: write_invitation(db, meeting_id, path, today)

    def _minutes_job(self):
        from vernelogg.reports.amu_minutes import write_minutes

        if self.meeting is None:
            return None
        db, meeting_id, today = self.ctx.db, self.meeting.id, self.ctx.today()
        name = _("AMU-protokoll {date}.pdf").format(date=self.meeting.meeting_date.isoformat())
        return name, lambda path: write_minutes(db, meeting_id, path, today)

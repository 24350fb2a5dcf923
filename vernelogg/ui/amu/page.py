"""AMU: the meetings with their agenda, attendance, decisions and minutes, the committee,
and the annual report.

What the tabs show is read on worker threads: the meeting list (with the years for its
filter) here, the chosen meeting by its editor, the committee by its tab. Until the new
data is in, the page keeps showing what it has.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.amu import MeetingStatus
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.services import amu
from vernelogg.store.database import Database
from vernelogg.ui.amu.committee import CommitteeTab
from vernelogg.ui.amu.common import tab_parent
from vernelogg.ui.amu.dialogs import AnnualDialog, MeetingDialog
from vernelogg.ui.amu.editor import MeetingEditor
from vernelogg.ui.amu.pdf import PdfButton
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, PageHeader, fit_columns, make_table
from vernelogg.ui.context import AppContext

STATUS_COLOR = {
    MeetingStatus.PLANNED: STATUS_COLORS["info"],
    MeetingStatus.HELD: STATUS_COLORS["due_soon"],
    MeetingStatus.APPROVED: STATUS_COLORS["ok"],
}


def meeting_columns() -> list[Column]:
    return [
        Column(_("Møte"), lambda m: m.title),
        Column(_("Dato"), lambda m: fmt_date(m.meeting_date)),
        Column(_("Tid"), lambda m: m.time_text),
        Column(_("Status"), lambda m: m.status.label, foreground=lambda m: STATUS_COLOR[m.status]),
        Column(_("Saker"), lambda m: str(m.item_count), align_right=True),
        Column(_("Vedtak"), lambda m: str(m.decision_count), align_right=True),
        Column(_("Sted"), lambda m: m.place),
    ]


@dataclass(frozen=True)
class MeetingList:
    years: list[int]  # the years with meetings, newest first
    year: int | None  # the year shown; None: all years
    meetings: list[amu.MeetingInfo]


def read_meetings(db: Database, year: int | None) -> MeetingList:
    """The meetings of `year` (all years when it is None or has no meetings any more) and
    the years for the filter (on a worker thread: no widgets here)."""
    every = amu.list_meetings(db)
    years = sorted({m.meeting_date.year for m in every}, reverse=True)
    if year not in years:
        year = None
    meetings = every if year is None else amu.list_meetings(db, year=year)
    return MeetingList(years, year, meetings)


class MeetingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = PageLoader(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.new_button = QPushButton(_("&Nytt møte …"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(self.new_meeting)
        bar.addWidget(self.new_button)
        bar.addWidget(QLabel(_("Vis:")))
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda *_args: self.refresh())
        bar.addWidget(self.year)
        bar.addStretch(1)
        self.annual_status = QLabel()
        self.annual_status.setObjectName("pageSubtitle")
        bar.addWidget(self.annual_status)
        self.annual_button = PdfButton(
            _("Årsrapport (PDF) …"), self._annual_job, self.annual_status
        )
        bar.addWidget(self.annual_button)
        layout.addLayout(bar)

        # Each part is made in its place (parent first): see common.tab_parent.
        split = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(split, 1)
        self.model = RowsModel(meeting_columns())
        self.table = make_table(split)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._selected())
        split.addWidget(self.table)
        self.editor = MeetingEditor(ctx, self._list_changed, split)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([128, 600])

    def selected(self) -> amu.MeetingInfo | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def is_loading(self) -> bool:
        return self.loader.is_loading() or self.editor.is_loading()

    def refresh(self, select_id: str | None = None) -> None:
        """Read the meetings on a worker thread; then select `select_id` (else the one
        selected, else the next planned meeting) and read it into the editor."""
        self.loader.load(
            read_meetings,
            self.ctx.db,
            self.year.currentData(),
            then=lambda found: self._show(found, select_id, reload_editor=True),
        )

    def _fill_years(self, found: MeetingList) -> None:
        with QSignalBlocker(self.year):
            self.year.clear()
            self.year.addItem(_("Alle år"), None)
            for y in found.years:
                self.year.addItem(str(y), y)
            self.year.setCurrentIndex(max(0, self.year.findData(found.year)))

    def _show(self, found: MeetingList, select_id: str | None, reload_editor: bool) -> None:
        selected = self.selected()
        if reload_editor:  # a refresh: the meeting asked for wins
            current = select_id or (selected.id if selected else None)
        else:  # after a change: the meeting the editor shows now
            current = selected.id if selected else select_id
        self._fill_years(found)
        meetings = found.meetings
        with QSignalBlocker(self.table.selectionModel()):
            self.model.set_rows(meetings)
            row = next((i for i, m in enumerate(meetings) if m.id == current), -1)
            if reload_editor and row < 0 and meetings:
                row = self._default_row(meetings)
            if row >= 0:
                self.table.selectRow(row)
        fit_columns(self.table, 320)
        if reload_editor or current is None or row < 0:
            self._selected()

    def _default_row(self, meetings: list[amu.MeetingInfo]) -> int:
        """The next planned meeting, else the newest."""
        today = self.ctx.today()
        upcoming = [(m.meeting_date, i) for i, m in enumerate(meetings) if m.meeting_date >= today]
        return min(upcoming)[1] if upcoming else 0

    def _selected(self) -> None:
        meeting = self.selected()
        self.editor.set_meeting(meeting.id if meeting else None)

    def _list_changed(self, meeting_id: str | None) -> None:
        """The editor changed something: update the row without reloading the editor."""
        self.loader.load(
            read_meetings,
            self.ctx.db,
            self.year.currentData(),
            then=lambda found: self._show(found, meeting_id, reload_editor=False),
        )

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self.ctx.db, default_date=self.ctx.today(), parent=self)
        if dialog.exec():
            self.ctx.notify("amu")
            with QSignalBlocker(self.year):
                self.year.setCurrentIndex(0)
            self.refresh(dialog.saved().id)
            self.editor.tabs.setCurrentWidget(self.editor.agenda)

    def _annual_job(self):
        from vernelogg.reports.amu_annual import write_annual

        dialog = AnnualDialog(self.ctx.today(), parent=self)
        if not dialog.exec():
            return None
        year, db, today = dialog.result_value, self.ctx.db, self.ctx.today()
        return _("AMU-årsrapport {year}.pdf").format(year=year), lambda path: write_annual(
            db, year, path, today
        )


class AmuPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(
            PageHeader(
                _("Arbeidsmiljøutvalget (AMU)"),
                _(
                    "Møter med nummererte saker, faste saker hentet fra dataene, oppmøte, vedtak "
                    "som blir tiltak og følges opp, protokoll og årsrapport."
                ),
            )
        )
        # Each part is made in its place (parent first): see common.tab_parent.
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.meetings = MeetingsTab(ctx, tab_parent(self.tabs))
        self.committee = CommitteeTab(ctx, tab_parent(self.tabs))
        self.tabs.addTab(self.meetings, _("Møter"))
        self.tabs.addTab(self.committee, _("Utvalget"))
        self.tabs.currentChanged.connect(lambda *_args: self.refresh())
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new)

    def new(self) -> None:
        if self.tabs.currentWidget() is self.committee:
            self.committee.new_role()
        else:
            self.meetings.new_meeting()

    def is_loading(self) -> bool:
        return self.meetings.is_loading() or self.committee.is_loading()

    def refresh(self) -> None:
        if self.tabs.currentWidget() is self.committee:
            self.committee.refresh()
        else:
            self.meetings.refresh()

"""Oppfølging (earlier decisions not yet carried out) and Rettelser (corrections made to
approved minutes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from vernelogg.domain.amu import FollowUpState
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import _
from vernelogg.services import amu
from vernelogg.ui.amu.common import fit_and_stretch
from vernelogg.ui.amu.dialogs import DoneDialog
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, make_table
from vernelogg.ui.context import AppContext

STATE_COLORS = {
    FollowUpState.DONE: STATUS_COLORS["ok"],
    FollowUpState.OVERDUE: STATUS_COLORS["overdue"],
    FollowUpState.OPEN: STATUS_COLORS["due_soon"],
    FollowUpState.IN_PROGRESS: STATUS_COLORS["info"],
    FollowUpState.CANCELLED: "#5f6368",
}


def follow_up_columns() -> list[Column]:
    return [
        Column(_("Sak"), lambda r: r.number),
        Column(_("Møte"), lambda r: fmt_date(r.meeting_date)),
        Column(_("Vedtak"), lambda r: " ".join(r.text.split()), tooltip=lambda r: r.text),
        Column(_("Ansvarlig"), lambda r: r.owner_name or ""),
        Column(_("Frist"), lambda r: fmt_date(r.deadline)),
        Column(_("Status"), lambda r: r.state_text, foreground=lambda r: STATE_COLORS[r.state]),
    ]


def correction_columns() -> list[Column]:
    return [
        Column(_("Tidspunkt"), lambda c: fmt_datetime(c.at)),
        Column(_("Av"), lambda c: c.by),
        Column(_("Hva"), lambda c: c.target),
        Column(_("Før"), lambda c: " ".join(c.old.split()), tooltip=lambda c: c.old),
        Column(_("Etter"), lambda c: " ".join(c.new.split()), tooltip=lambda c: c.new),
        Column(_("Begrunnelse"), lambda c: c.reason),
    ]


class FollowUpTab(QWidget):
    def __init__(
        self, ctx: AppContext, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = changed
        self.meeting: amu.MeetingInfo | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setObjectName("pageSubtitle")
        layout.addWidget(self.explain)
        self.model = RowsModel(follow_up_columns())
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(lambda *_args: self.mark_done())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.done_button = QPushButton(_("Marker som &utført …"))
        self.done_button.clicked.connect(self.mark_done)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_rows(self, meeting: amu.MeetingInfo | None, rows: list[amu.FollowUpRow]) -> None:
        """Show what waits for follow-up in a meeting (read by the editor)."""
        self.meeting = meeting
        self.model.set_rows(rows)
        fit_and_stretch(self.table, 2)
        if self.meeting and self.meeting.locked:
            text = _(
                "Vedtak fra tidligere møter slik de sto på møtedagen (lagret da protokollen "
                "ble godkjent). Tiltak kan fortsatt markeres som utført; de følges da opp i "
                "neste møte."
            )
        else:
            text = _(
                "Vedtak fra tidligere møter som ikke er utført, og de som er utført siden "
                "forrige møte. Listen kommer med i innkallingen og protokollen."
            )
        if self.meeting and not rows:
            text += " " + _("Ingen vedtak venter på oppfølging.")
        self.explain.setText(text)
        self.done_button.setEnabled(bool(rows))

    def mark_done(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None or row.state is FollowUpState.DONE:
            return
        if DoneDialog(self.ctx.db, row, self.ctx.today(), parent=self).exec():
            self.changed()  # the editor reads the list again, with the meeting


class CorrectionsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        explain = QLabel(
            _(
                "En godkjent protokoll er låst. Endringer gjøres som rettelser (knappene "
                "«Rettelse» på de andre fanene) og vises her og i protokollen med tidspunkt, "
                "hvem, hva og hvorfor."
            )
        )
        explain.setWordWrap(True)
        explain.setObjectName("pageSubtitle")
        layout.addWidget(explain)
        self.model = RowsModel(correction_columns())
        self.table = make_table(self)
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)

    def show_rows(self, rows: list[amu.CorrectionInfo]) -> None:
        """Show the corrections to a meeting's minutes (read by the editor)."""
        self.model.set_rows(rows)
        fit_and_stretch(self.table, 5, 300)

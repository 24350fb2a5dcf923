"""Oppmøte: who was called, who came, who sent apologies, and deputies standing in."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from vernelogg.domain.amu import Presence, Side
from vernelogg.errors import UserError
from vernelogg.i18n import _, ngettext
from vernelogg.services import amu
from vernelogg.ui.amu.common import fit_and_stretch
from vernelogg.ui.amu.dialogs import GuestDialog, PresenceDialog
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, make_table
from vernelogg.ui.common.writes import Writes
from vernelogg.ui.context import AppContext

PRESENCE_COLORS = {
    Presence.PRESENT: STATUS_COLORS["ok"],
    Presence.ABSENT: STATUS_COLORS["overdue"],
    Presence.INVITED: STATUS_COLORS["info"],
    Presence.NOT_CALLED: "#5f6368",
}


def columns() -> list[Column]:
    return [
        Column(_("Navn"), lambda a: a.name),
        Column(_("Representerer"), lambda a: a.role_text),
        Column(
            _("Oppmøte"),
            lambda a: a.presence_text,
            foreground=lambda a: PRESENCE_COLORS[a.presence],
        ),
        Column(_("Merknad"), lambda a: a.note),
    ]


class AttendanceTab(QWidget):
    def __init__(
        self, ctx: AppContext, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = changed  # the editor reads the meeting and its tabs again
        self.meeting: amu.MeetingInfo | None = None
        self._select_id: str | None = None  # the row to select when the rows are in
        self.writes = Writes(self)  # «Til stede», «Forfall», «Alle …» on the worker thread
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.model = RowsModel(columns())
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(lambda *_args: self.edit())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._picked())
        layout.addWidget(self.table, 1)
        self.votes = QLabel()
        layout.addWidget(self.votes)
        buttons = QHBoxLayout()
        self.present_button = QPushButton(_("&Til stede"))
        self.present_button.clicked.connect(lambda: self.set(Presence.PRESENT))
        self.absent_button = QPushButton(_("&Forfall"))
        self.absent_button.clicked.connect(lambda: self.set(Presence.ABSENT))
        self.stand_in_button = QPushButton(_("Vara &møter for …"))
        self.stand_in_button.clicked.connect(self.stand_in)
        self.all_button = QPushButton(_("&Alle innkalte til stede"))
        self.all_button.clicked.connect(self.all_present)
        self.guest_button = QPushButton(_("Legg til &gjest …"))
        self.guest_button.clicked.connect(self.add_guest)
        self.remove_guest_button = QPushButton(_("Fjern gjest"))
        self.remove_guest_button.clicked.connect(self.remove_guest)
        self.correct_button = QPushButton(_("R&ett oppmøte …"))
        self.correct_button.clicked.connect(self.edit)
        for b in (
            self.present_button,
            self.absent_button,
            self.stand_in_button,
            self.all_button,
            self.guest_button,
            self.remove_guest_button,
            self.correct_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        hint = QLabel(
            _(
                "Vara kalles inn når et medlem melder forfall, og har da stemmerett i "
                "medlemmets sted. BHT og gjester deltar uten stemmerett."
            )
        )
        hint.setObjectName("pageSubtitle")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    @property
    def locked(self) -> bool:
        return bool(self.meeting and self.meeting.locked)

    def show_rows(self, meeting: amu.MeetingInfo | None, rows: list[amu.AttendanceInfo]) -> None:
        """Show a meeting's attendance (read by the editor), keeping the selected row."""
        self.meeting = meeting
        selected = self.selected()
        current = self._select_id or (selected.id if selected else None)
        self._select_id = None
        self.model.set_rows(rows)
        fit_and_stretch(self.table, 3)
        row = next((i for i, r in enumerate(rows) if r.id == current), 0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        counts = amu.votes(rows)
        pending = sum(1 for r in rows if r.presence is Presence.INVITED)
        text = _(
            "Stemmeberettigede til stede: arbeidsgiversiden {employer}, "
            "arbeidstakersiden {employee}."
        ).format(employer=counts[Side.EMPLOYER], employee=counts[Side.EMPLOYEE])
        if pending:
            text += " " + ngettext(
                "{n} er ikke registrert ennå.", "{n} er ikke registrert ennå.", pending
            ).format(n=pending)
        if counts[Side.EMPLOYER] != counts[Side.EMPLOYEE] and not pending:
            text += " " + _("Sidene er ulikt representert.")
        self.votes.setText(text if rows else "")
        self._enable()

    def selected(self) -> amu.AttendanceInfo | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _picked(self) -> None:
        self._select_id = None  # a row chosen now wins over one asked for before
        self._enable()

    def _enable(self) -> None:
        row = self.selected()
        editable = self.meeting is not None and not self.locked
        for b in (self.present_button, self.absent_button):
            b.setEnabled(editable and row is not None)
            b.setVisible(not self.locked)
        self.stand_in_button.setEnabled(editable and row is not None and row.capacity.is_deputy)
        self.stand_in_button.setVisible(not self.locked)
        self.all_button.setEnabled(editable)
        self.all_button.setVisible(not self.locked)
        self.guest_button.setEnabled(editable)
        self.guest_button.setVisible(not self.locked)
        self.remove_guest_button.setEnabled(
            editable and row is not None and row.capacity.value == "guest"
        )
        self.remove_guest_button.setVisible(not self.locked)
        self.correct_button.setVisible(self.locked)
        self.correct_button.setEnabled(row is not None)

    def _after(self, select_id: str | None = None) -> None:
        """The rows are read again (with the meeting) and `select_id` selected."""
        self._select_id = select_id
        self.changed()

    def _buttons(self) -> list[QWidget]:
        return [self.present_button, self.absent_button, self.all_button]

    def set(self, presence: Presence) -> None:
        row = self.selected()
        if row is None or self.locked or self.writes.busy():
            return
        following = self.model.row_at(self.table.currentIndex().row() + 1)
        self.writes.run(
            self._buttons(),
            partial(amu.set_presence, self.ctx.db, row.id, presence),
            then=lambda _saved: self._after((following or row).id),  # on to the next person
        )

    def stand_in(self) -> None:
        row = self.selected()
        if row is None or self.meeting is None or not row.capacity.is_deputy:
            return
        dialog = PresenceDialog(
            self.ctx.db, self.meeting, row, list(self.model.rows), stand_in=True, parent=self
        )
        if dialog.exec():
            self._after(row.id)

    def edit(self) -> None:
        row = self.selected()
        if row is None or self.meeting is None:
            return
        dialog = PresenceDialog(self.ctx.db, self.meeting, row, list(self.model.rows), parent=self)
        if dialog.exec():
            self._after(row.id)

    def all_present(self) -> None:
        if self.meeting is None or self.writes.busy():
            return
        self.writes.run(
            self._buttons(),
            partial(amu.mark_all_present, self.ctx.db, self.meeting.id),
            then=lambda _count: self._after(),
            refused=self._after,
        )

    def add_guest(self) -> None:
        if self.meeting is None:
            return
        dialog = GuestDialog(self.ctx.db, self.meeting, parent=self)
        if dialog.exec():
            self._after(dialog.saved().id)

    def remove_guest(self) -> None:
        row = self.selected()
        if row is None:
            return
        if confirm(
            self,
            _("Fjern gjest"),
            _("Ta {name} av oppmøtelisten?").format(name=row.name),
            yes=_("Fjern"),
        ):
            try:
                amu.remove_guest(self.ctx.db, row.id)
            except UserError as error:
                show_error(self, str(error))
            self._after()

"""Saksliste: the cases of a meeting, and the selected case with its background, figures,
attachments, discussion and decisions."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.amu import MeetingStatus
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.services import amu
from vernelogg.services.attachments import attachment_data
from vernelogg.ui.amu.common import fit_and_stretch
from vernelogg.ui.amu.dialogs import DecisionDialog, ItemDialog, MoveItemDialog, ReasonDialog
from vernelogg.ui.amu.pdf import open_file
from vernelogg.ui.common.messages import confirm, show_error, show_info
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.temp_files import write_temp_file
from vernelogg.ui.common.widgets import make_table
from vernelogg.ui.common.writes import Writes
from vernelogg.ui.context import AppContext


def item_columns() -> list[Column]:
    return [
        Column(_("Sak"), lambda i: i.number),
        Column(_("Tittel"), lambda i: i.title, tooltip=lambda i: i.title),
        Column(_("Type"), lambda i: i.kind_label),
        Column(
            _("Vedtak"), lambda i: str(len(i.decisions)) if i.decisions else "", align_right=True
        ),
    ]


def decision_columns() -> list[Column]:
    return [
        Column(_("Nr."), lambda d: str(d.position), align_right=True),
        Column(_("Vedtak"), lambda d: " ".join(d.text.split())),
        Column(_("Ansvarlig"), lambda d: d.owner_name or ""),
        Column(_("Frist"), lambda d: fmt_date(d.deadline)),
        Column(_("Oppfølging"), lambda d: d.follow_up_text),
    ]


def _bold(text: str) -> str:
    return f"<b>{html.escape(text)}</b>"


def standing_html(item: amu.StandingItem) -> str:
    """A standing item as HTML for a QTextBrowser: summary, figure tables and rows."""
    e = html.escape
    parts = []
    if item.period_text:
        period = _("Periode: {period}").format(period=item.period_text)
        parts.append(f"<p style='color:#5f6368'>{e(period)}</p>")
    parts.append(f"<p>{e(item.summary)}</p>")

    def table(columns, rows) -> str:
        head = "".join(f"<th align='left'>{e(c)}</th>" for c in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>" for row in rows
        )
        return (
            "<table cellspacing='0' cellpadding='3' border='1' "
            "style='border-color:#dde1e6; border-collapse:collapse'>"
            f"<tr style='background:#eef1f4'>{head}</tr>{body}</table>"
        )

    for figure in item.figures:
        parts.append(f"<p style='color:#5f6368'>{e(figure.caption)}</p>")
        parts.append(table(figure.columns, figure.rows))
    if item.rows:
        parts.append("<p></p>")
        parts.append(table(item.columns, item.rows))
    if item.note:
        parts.append(f"<p style='color:#5f6368'>{e(item.note)}</p>")
    return "".join(parts)


class _Section(QLabel):
    """A section's text; its heading above it is hidden with it."""

    def __init__(self, heading: QLabel) -> None:
        super().__init__()
        self.heading = heading


class AgendaTab(QWidget):
    def __init__(
        self, ctx: AppContext, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = changed  # the editor reads the meeting and its tabs again
        self.meeting: amu.MeetingInfo | None = None
        self._select_id: str | None = None  # the case to select when the cases are in
        self.writes = Writes(self)  # «Hent faste saker», «Opp», «Ned» on the worker thread
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(split, 1)

        left = QWidget(split)  # made in its place: see common.tab_parent
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.items_model = RowsModel(item_columns())
        self.items = make_table(left)
        self.items.setModel(self.items_model)
        self.items.selectionModel().currentRowChanged.connect(lambda *_args: self._picked())
        self.items.doubleClicked.connect(lambda *_args: self.edit_item())
        left_layout.addWidget(self.items, 1)
        buttons = QHBoxLayout()
        self.new_item_button = QPushButton(_("&Ny sak …"))
        self.new_item_button.clicked.connect(self.new_item)
        self.standing_button = QPushButton(_("&Hent faste saker"))
        self.standing_button.setToolTip(
            _(
                "Fyller inn avvik og skader, handlingsplanen og andre faste saker fra dataene "
                "siden forrige møte."
            )
        )
        self.standing_button.clicked.connect(self.pull_standing)
        buttons.addWidget(self.new_item_button)
        buttons.addWidget(self.standing_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        buttons2 = QHBoxLayout()
        self.up_button = QPushButton(_("Opp"))
        self.up_button.setToolTip(_("Flytt saken opp i sakslisten (Alt+Opp)"))
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button = QPushButton(_("Ned"))
        self.down_button.setToolTip(_("Flytt saken ned i sakslisten (Alt+Ned)"))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.move_button = QPushButton(_("Flytt til møte …"))
        self.move_button.clicked.connect(self.move_to_meeting)
        self.remove_button = QPushButton(_("Fjern sak"))
        self.remove_button.clicked.connect(self.remove_item)
        for b in (self.up_button, self.down_button, self.move_button, self.remove_button):
            buttons2.addWidget(b)
        buttons2.addStretch(1)
        left_layout.addLayout(buttons2)
        self.message = QLabel()
        self.message.setObjectName("pageSubtitle")
        self.message.setWordWrap(True)
        left_layout.addWidget(self.message)
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.items)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.move_item(step))
        split.addWidget(left)

        scroll = QScrollArea(split)
        scroll.setWidgetResizable(True)
        detail = QWidget()
        scroll.setWidget(detail)
        d = QVBoxLayout(detail)
        d.setContentsMargins(12, 0, 6, 6)
        head = QHBoxLayout()
        self.item_title = QLabel()
        self.item_title.setObjectName("cardTitle")
        self.item_title.setWordWrap(True)
        head.addWidget(self.item_title, 1)
        self.edit_item_button = QPushButton(_("&Endre sak …"))
        self.edit_item_button.clicked.connect(self.edit_item)
        head.addWidget(self.edit_item_button, 0, Qt.AlignmentFlag.AlignTop)
        d.addLayout(head)
        self.item_meta = QLabel()
        self.item_meta.setObjectName("pageSubtitle")
        d.addWidget(self.item_meta)
        self.background = self._section(d, _("Bakgrunn"))
        self.standing = QTextBrowser()
        self.standing.setMinimumHeight(160)
        self.standing_label = QLabel(_bold(_("Tall fra dataene")))
        d.addWidget(self.standing_label)
        d.addWidget(self.standing)
        self.discussion = self._section(d, _("Drøfting"))
        self.decisions_label = QLabel(_bold(_("Vedtak")))
        d.addWidget(self.decisions_label)
        self.decisions_model = RowsModel(decision_columns())
        self.decisions = make_table(detail)
        self.decisions.setModel(self.decisions_model)
        self.decisions.setMinimumHeight(110)
        self.decisions.setWordWrap(True)
        self.decisions.doubleClicked.connect(lambda *_args: self.edit_decision())
        d.addWidget(self.decisions)
        dec_buttons = QHBoxLayout()
        self.new_decision_button = QPushButton(_("Nytt &vedtak …"))
        self.new_decision_button.clicked.connect(self.new_decision)
        self.edit_decision_button = QPushButton(_("Endre vedtak …"))
        self.edit_decision_button.clicked.connect(self.edit_decision)
        self.remove_decision_button = QPushButton(_("Fjern vedtak"))
        self.remove_decision_button.clicked.connect(self.remove_decision)
        for b in (
            self.new_decision_button,
            self.edit_decision_button,
            self.remove_decision_button,
        ):
            dec_buttons.addWidget(b)
        dec_buttons.addStretch(1)
        d.addLayout(dec_buttons)
        self.attachments_label = QLabel(_bold(_("Vedlegg")))
        d.addWidget(self.attachments_label)
        self.attachments = QListWidget()
        self.attachments.setMaximumHeight(58)
        self.attachments.itemActivated.connect(lambda *_args: self.open_attachment())
        d.addWidget(self.attachments)
        att_buttons = QHBoxLayout()
        self.attach_button = QPushButton(_("Legg ved fil …"))
        self.attach_button.clicked.connect(self.attach)
        self.open_attachment_button = QPushButton(_("Åpne"))
        self.open_attachment_button.clicked.connect(self.open_attachment)
        self.remove_attachment_button = QPushButton(_("Fjern vedlegg"))
        self.remove_attachment_button.clicked.connect(self.remove_attachment)
        for b in (self.attach_button, self.open_attachment_button, self.remove_attachment_button):
            att_buttons.addWidget(b)
        att_buttons.addStretch(1)
        d.addLayout(att_buttons)
        d.addStretch(1)
        split.addWidget(scroll)
        split.setSizes([470, 590])

    def _section(self, layout: QVBoxLayout, heading: str) -> _Section:
        title = QLabel(_bold(heading))
        layout.addWidget(title)
        text = _Section(title)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        return text

    # --- state ---------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return bool(self.meeting and self.meeting.locked)

    def show_items(self, meeting: amu.MeetingInfo | None, rows: list[amu.AgendaItemInfo]) -> None:
        """Show a meeting's cases (read by the editor), keeping the selected case."""
        if (meeting.id if meeting else None) != (self.meeting.id if self.meeting else None):
            self.message.clear()
        self.meeting = meeting
        selected = self.selected_item()
        current = self._select_id or (selected.id if selected else None)
        self._select_id = None
        self.items_model.set_rows(rows)
        fit_and_stretch(self.items, 1)
        row = next((i for i, x in enumerate(rows) if x.id == current), 0 if rows else -1)
        if row >= 0:
            self.items.selectRow(row)
        editable = self.meeting is not None and not self.locked
        for b in (
            self.new_item_button,
            self.standing_button,
            self.up_button,
            self.down_button,
            self.move_button,
            self.remove_button,
            self.attach_button,
            self.remove_attachment_button,
        ):
            b.setVisible(not self.locked)
        for b in (self.new_item_button, self.standing_button):
            b.setEnabled(editable)
        self.new_decision_button.setText(
            _("Nytt vedtak (rettelse) …") if self.locked else _("Nytt &vedtak …")
        )
        self.edit_decision_button.setText(
            _("Rettelse i vedtak …") if self.locked else _("Endre vedtak …")
        )
        self.remove_decision_button.setText(
            _("Trekk vedtak (rettelse) …") if self.locked else _("Fjern vedtak")
        )
        self._show_item()

    def selected_item(self) -> amu.AgendaItemInfo | None:
        index = self.items.currentIndex()
        return self.items_model.row_at(index.row()) if index.isValid() else None

    def selected_decision(self) -> amu.DecisionInfo | None:
        index = self.decisions.currentIndex()
        return self.decisions_model.row_at(index.row()) if index.isValid() else None

    def _picked(self) -> None:
        self._select_id = None  # a case chosen now wins over one asked for before
        self._show_item()

    def _show_item(self) -> None:
        item = self.selected_item()
        has = item is not None
        editable = has and not self.locked
        for b in (self.up_button, self.down_button, self.move_button, self.remove_button):
            b.setEnabled(editable)
        self.attach_button.setEnabled(editable)
        self.edit_item_button.setEnabled(has)
        self.edit_item_button.setText(_("R&ettelse …") if self.locked else _("&Endre sak …"))
        self.new_decision_button.setEnabled(has)
        self.edit_decision_button.setEnabled(has)
        self.remove_decision_button.setEnabled(has)
        self.open_attachment_button.setEnabled(item is not None and bool(item.attachments))
        self.remove_attachment_button.setEnabled(
            editable and item is not None and bool(item.attachments)
        )
        if item is None:
            self.item_title.setText(
                _("Ingen saker ennå. Legg til en sak, eller hent de faste sakene fra dataene.")
                if self.meeting
                else _("Velg et møte.")
            )
            self.item_meta.clear()
            for label in (self.background, self.discussion):
                label.clear()
            self.standing.clear()
            self.standing.hide()
            self.standing_label.hide()
            self.attachments.clear()
            self.decisions_model.set_rows([])
            return
        self.item_title.setText(f"{item.number}  {item.title}")
        meta = [item.kind.case_label]
        if item.presenter_name:
            meta.append(_("Innleder: {name}").format(name=item.presenter_name))
        self.item_meta.setText(" · ".join(meta))
        self.background.setText(item.background or "—")
        show_background = bool(item.background) or item.standing is None
        self.background.setVisible(show_background)
        self.background.heading.setVisible(show_background)
        if item.discussion:
            self.discussion.setText(item.discussion)
        elif self.locked:
            self.discussion.setText("—")
        else:
            self.discussion.setText(_("— skrives i møtet med «Endre sak» —"))
        if item.standing is not None:
            self.standing.setHtml(standing_html(item.standing))
        self.standing.setVisible(item.standing is not None)
        self.standing_label.setVisible(item.standing is not None)
        self.attachments.clear()
        self.attachments.setVisible(bool(item.attachments))
        heading = _bold(_("Vedlegg"))
        self.attachments_label.setText(
            heading if item.attachments else _("{heading} — ingen").format(heading=heading)
        )
        for a in item.attachments:
            entry = QListWidgetItem(f"{a.filename}  ({max(1, a.size // 1024)} kB)")
            entry.setData(Qt.ItemDataRole.UserRole, a)
            self.attachments.addItem(entry)
        planned = self.meeting is not None and self.meeting.status is MeetingStatus.PLANNED
        self.decisions_label.setText(_bold(_("Forslag til vedtak") if planned else _("Vedtak")))
        self.decisions_model.set_rows(item.decisions)
        fit_and_stretch(self.decisions, 1)
        self.decisions.resizeRowsToContents()

    # --- cases ---------------------------------------------------------------------

    def _after_change(self, select_id: str | None = None) -> None:
        """The cases are read again (with the meeting) and `select_id` selected."""
        self._select_id = select_id
        self.changed()

    def new_item(self) -> None:
        if self.meeting is None or self.locked:
            return
        dialog = ItemDialog(self.ctx.db, self.meeting, parent=self)
        if dialog.exec():
            self._after_change(dialog.saved().id)

    def edit_item(self) -> None:
        item = self.selected_item()
        if item is None or self.meeting is None:
            return
        dialog = ItemDialog(self.ctx.db, self.meeting, item, parent=self)
        if dialog.exec():
            self._after_change(item.id)

    def pull_standing(self) -> None:
        if self.meeting is None or self.writes.busy():
            return
        self.writes.run(
            [self.standing_button],
            partial(amu.pull_standing_items, self.ctx.db, self.meeting.id, today=self.ctx.today()),
            then=self._standing_pulled,
        )

    def _standing_pulled(self, result: amu.PullResult) -> None:
        self._after_change(result.added[0] if result.added else None)
        parts = []
        if result.added:
            parts.append(_("La til {cases}.").format(cases=", ".join(result.added)))
        if result.updated:
            parts.append(_("Oppdaterte tallene i {cases}.").format(cases=", ".join(result.updated)))
        period = f"{fmt_date(result.date_from)}–{fmt_date(result.date_to)}"
        self.message.setText(
            _("Faste saker for {period}: {changes}").format(period=period, changes=" ".join(parts))
        )

    def move_item(self, step: int) -> None:
        item = self.selected_item()
        if item is None or self.writes.busy():
            return
        self.writes.run(
            [self.up_button, self.down_button],
            partial(amu.move_item, self.ctx.db, item.id, step),
            then=lambda _moved: self._after_change(item.id),
            refused=lambda: self._after_change(item.id),
        )

    def move_to_meeting(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if MoveItemDialog(self.ctx.db, item, self.ctx.today(), parent=self).exec():
            self._after_change()

    def remove_item(self) -> None:
        item = self.selected_item()
        if item is None or self.writes.busy():
            return
        if not confirm(
            self,
            _("Fjern sak"),
            _(
                "Ta {number} «{title}» av sakslisten? Saken arkiveres, og nummeret brukes "
                "ikke igjen."
            ).format(number=item.number, title=item.title),
            yes=_("Fjern sak"),
        ):
            return
        self.writes.run(
            [self.remove_button],
            partial(amu.remove_item, self.ctx.db, item.id),
            then=lambda _removed: self._after_change(),
            refused=self._after_change,
        )

    # --- attachments ---------------------------------------------------------------

    def attach(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Legg ved fil"),
            str(Path.home()),
            _("Bilder og PDF ({patterns})").format(patterns="*.pdf *.jpg *.jpeg *.png"),
        )
        if not name or self.writes.busy():
            return
        self.writes.run(
            [],
            partial(amu.attach_to_item, self.ctx.db, item.id, Path(name)),
            then=lambda _attached: self._after_change(item.id),
            refused=lambda: self._after_change(item.id),
        )

    def _selected_attachment(self):
        entry = self.attachments.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry else None

    def open_attachment(self) -> None:
        attachment = self._selected_attachment()
        if attachment is None:
            return
        path = write_temp_file(attachment.filename, attachment_data(self.ctx.db, attachment.id))
        if not open_file(path):
            show_info(self, _("Vedlegget er lagret i {path}.").format(path=path))

    def remove_attachment(self) -> None:
        item, attachment = self.selected_item(), self._selected_attachment()
        if item is None or attachment is None:
            return
        if (
            confirm(
                self,
                _("Fjern vedlegg"),
                _("Fjerne «{name}» fra saken?").format(name=attachment.filename),
                yes=_("Fjern"),
            )
            and not self.writes.busy()
        ):
            self.writes.run(
                [],
                partial(amu.remove_item_attachment, self.ctx.db, item.id, attachment.id),
                then=lambda _removed: self._after_change(item.id),
                refused=lambda: self._after_change(item.id),
            )

    # --- decisions -----------------------------------------------------------------

    def new_decision(self) -> None:
        item = self.selected_item()
        if item is None or self.meeting is None:
            return
        if DecisionDialog(self.ctx.db, self.meeting, item, parent=self).exec():
            self._after_change(item.id)

    def edit_decision(self) -> None:
        item, decision = self.selected_item(), self.selected_decision()
        if item is None or self.meeting is None:
            return
        if decision is None:
            show_error(self, _("Velg vedtaket i listen først."), title=_("Ingen vedtak valgt"))
            return
        if DecisionDialog(self.ctx.db, self.meeting, item, decision, parent=self).exec():
            self._after_change(item.id)

    def remove_decision(self) -> None:
        item, decision = self.selected_item(), self.selected_decision()
        if item is None or decision is None:
            return
        if self.locked:
            db = self.ctx.db
            dialog = ReasonDialog(
                _("Trekk vedtak {position} i {number}").format(
                    position=decision.position, number=item.number
                ),
                lambda reason: amu.remove_decision(db, decision.id, reason=reason),
                parent=self,
            )
            if dialog.exec():
                self._after_change(item.id)
            return
        if not confirm(
            self,
            _("Fjern vedtak"),
            _(
                "Fjerne vedtak {position} i {number}? Et åpent tiltak som er laget av "
                "vedtaket, avlyses."
            ).format(position=decision.position, number=item.number),
            yes=_("Fjern vedtak"),
        ):
            return
        if self.writes.busy():
            return
        self.writes.run(
            [],
            partial(amu.remove_decision, self.ctx.db, decision.id),
            then=lambda _removed: self._after_change(item.id),
            refused=lambda: self._after_change(item.id),
        )

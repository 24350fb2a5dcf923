"""The list of rounds: areas on the left, planned and running rounds, then done ones.

What the list shows is read on a worker thread (`read_rounds_list`, one read for the
years, the rounds and the areas) and put on screen when it is in; until then the list
keeps what it shows. A round asked to be selected meanwhile is selected when it arrives.

The one-click writes of the list («Avlys», «Angre utsjekk») run on the worker thread too,
their buttons disabled until the answer comes; the list is read again after them.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import escape
from typing import Any, cast

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.domain.rounds import RoundStatus
from vernelogg.errors import UserError
from vernelogg.i18n import _, ngettext
from vernelogg.services import areas as area_service
from vernelogg.services import rounds
from vernelogg.services.areas import AreaInfo
from vernelogg.services.transfer.checkout import OfflineCopyInfo, offline_copy_info
from vernelogg.store.database import Database
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, PageHeader, fit_columns, make_table
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.rounds import pdf


@dataclass(frozen=True)
class RoundsListData:
    offline: OfflineCopyInfo | None  # set in a laptop file
    years: list[int]  # the years to choose between, newest first
    year: int | None  # the year the done rounds are from (None: every year)
    running: list[rounds.RoundInfo]
    done: list[rounds.RoundInfo]
    areas: list[AreaInfo]


def read_rounds_list(db: Database, chosen: int | None, this_year: int) -> RoundsListData:
    """Everything the list shows (on a worker thread). The done rounds are those held in
    `chosen` (None: every year); a year no round was held in gives the newest year."""
    years = rounds.held_years(db)
    if this_year not in years:
        years.insert(0, this_year)
    year = chosen if chosen is None or chosen in years else years[0]
    return RoundsListData(
        offline=offline_copy_info(db),
        years=years,
        year=year,
        running=rounds.list_rounds(db, statuses=[RoundStatus.PLANNED, RoundStatus.IN_PROGRESS]),
        done=rounds.list_rounds(db, statuses=[RoundStatus.CLOSED], held_in=year),
        areas=area_service.list_areas(db),
    )


def _status_text(r: rounds.RoundInfo, today) -> str:
    if r.is_checked_out:
        return _("På laptop ({person})").format(person=r.checked_out_by)
    if r.status is RoundStatus.IN_PROGRESS:
        return _("Pågår ({n} av {total})").format(n=r.counts.answered, total=r.counts.points)
    if r.is_overdue(today):
        return _("Forfalt")
    return r.status.label


def _status_color(r: rounds.RoundInfo, today) -> str | None:
    if r.is_checked_out:
        return STATUS_COLORS["due_soon"]
    if r.status is RoundStatus.IN_PROGRESS:
        return STATUS_COLORS["due_soon"]
    if r.is_overdue(today):
        return STATUS_COLORS["overdue"]
    return None


class RoundsListView(QWidget):
    open_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._all: list[rounds.RoundInfo] = []
        self.loader = PageLoader(self)
        # Asked for while the list is read: selected, or chosen, when it arrives.
        self._select_wish: str | None = None
        self._year_wished = False
        self._year_wish: int | None = None
        self._writing = False  # «Avlys» or «Angre utsjekk» is being written
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        header = PageHeader(_("Vernerunder"))
        layout.addWidget(header)
        # Set after the header has a parent: PageHeader(title, subtitle) shows the subtitle
        # label as a window for a moment, which takes the keyboard from the main window.
        header.set_subtitle(
            _(
                "Planlegg runder per verneområde, gjennomfør dem med tastaturet og signer. "
                "Alt lagres fortløpende – også om maskinen slås av midt i runden."
            )
        )
        layout.addLayout(self._buttons())
        # In a laptop file (Ta med på laptop): which round it holds and where it goes.
        self.offline_notice = QLabel()
        self.offline_notice.setObjectName("notice")
        self.offline_notice.setWordWrap(True)
        self.offline_notice.hide()
        layout.addWidget(self.offline_notice)
        self._offline: OfflineCopyInfo | None = None
        split = QSplitter(Qt.Orientation.Horizontal)
        self.areas = QListWidget()
        self.areas.setMinimumWidth(200)
        self.areas.setToolTip(_("Utført: runder gjennomført i året som er valgt ved «Gjennomført»"))
        self.areas.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.areas.currentRowChanged.connect(lambda _row: self._fill_tables())
        split.addWidget(self.areas)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(12, 0, 0, 0)
        self.planned_label = QLabel("<b>{}</b>".format(_("Planlagt og pågår")))
        column.addWidget(self.planned_label)
        today = ctx.today
        self.planned_model = RowsModel(
            [
                Column(_("Nr"), lambda r: r.number),
                Column(_("Verneområde"), lambda r: r.area_name),
                Column(_("Dato"), lambda r: fmt_date(r.date)),
                Column(
                    _("Status"),
                    lambda r: _status_text(r, today()),
                    foreground=lambda r: _status_color(r, today()),
                ),
                Column(_("Sjekkliste"), lambda r: r.checklist_name),
                Column(_("Verneombud"), lambda r: r.delegate_name or "—"),
            ]
        )
        self.planned = self._table(self.planned_model)
        column.addWidget(self.planned, 2)
        done_row = QHBoxLayout()
        self.done_label = QLabel("<b>{}</b>".format(_("Gjennomført")))
        done_row.addWidget(self.done_label)
        # Done rounds one year at a time: a large undertaking holds a thousand a year.
        self.year = QComboBox()
        self.year.setToolTip(_("Vis runder gjennomført i året"))
        self.year.currentIndexChanged.connect(lambda _i: self._year_chosen())
        done_row.addWidget(self.year)
        done_row.addStretch(1)
        column.addLayout(done_row)
        self.done_model = RowsModel(
            [
                Column(_("Nr"), lambda r: r.number),
                Column(_("Verneområde"), lambda r: r.area_name),
                Column(_("Gjennomført"), lambda r: fmt_date(r.held_on)),
                Column(
                    _("Ikke OK"),
                    lambda r: r.counts.not_ok,
                    align_right=True,
                    foreground=lambda r: STATUS_COLORS["overdue"] if r.counts.not_ok else None,
                ),
                Column(_("Frie funn"), lambda r: r.counts.free_findings, align_right=True),
                Column(_("Sjekkliste"), lambda r: r.checklist_name),
                Column(_("Signert av"), lambda r: f"{r.signed_delegate}, {r.signed_leader}"),
            ]
        )
        self.done = self._table(self.done_model)
        column.addWidget(self.done, 3)
        split.addWidget(right)
        split.setSizes([230, 920])
        layout.addWidget(split, 1)
        self._active_table: QTableView = self.planned
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.plan_round)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.edit_templates)
        delete = QShortcut(QKeySequence("Delete"), self)
        delete.activated.connect(self.cancel_round)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.plan_button = QPushButton(_("Planlegg runde …"))
        self.plan_button.setObjectName("primary")
        self.plan_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.plan_button.clicked.connect(self.plan_round)
        self.open_button = QPushButton(_("Åpne runden"))
        self.open_button.setToolTip("Enter")  # i18n-ignore
        self.open_button.clicked.connect(self.open_selected)
        self.edit_button = QPushButton(_("Endre plan …"))
        self.edit_button.clicked.connect(self.edit_plan)
        self.cancel_button = QPushButton(_("Avlys …"))
        self.cancel_button.setToolTip("Delete")  # i18n-ignore
        self.cancel_button.clicked.connect(self.cancel_round)
        self.pdf_button = QPushButton(_("Lagre PDF …"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.templates_button = QPushButton(_("Sjekklister …"))
        self.templates_button.setToolTip(_("Ctrl+K: se, kopier og tilpass sjekklistene"))
        self.templates_button.clicked.connect(self.edit_templates)
        self.checkout_button = QPushButton(_("Ta med på laptop …"))
        self.checkout_button.setToolTip(
            _("Gjennomfør runden uten nett, i en fil på denne maskinen")
        )
        self.checkout_button.clicked.connect(self.checkout_round)
        self.checkin_button = QPushButton(_("Lever runden …"))
        self.checkin_button.setObjectName("primary")
        self.checkin_button.setToolTip(_("Ta inn runden som er gjennomført i filen på laptopen"))
        self.checkin_button.clicked.connect(self.checkin_round)
        self.release_button = QPushButton(_("Angre utsjekk …"))
        self.release_button.clicked.connect(self.release_round)
        for b in (
            self.plan_button,
            self.open_button,
            self.edit_button,
            self.cancel_button,
            self.checkout_button,
            self.checkin_button,
            self.release_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.pdf_button)
        row.addWidget(self.templates_button)
        return row

    def _table(self, model: RowsModel) -> QTableView:
        view = make_table()
        view.setModel(model)
        view.activated.connect(lambda _index: self.open_selected())
        view.selectionModel().currentRowChanged.connect(
            lambda current, _prev, v=view: self._table_selected(v, current.row())
        )
        return view

    def _table_selected(self, view: QTableView, row: int) -> None:
        if row < 0:
            return
        self._active_table = view
        other = self.done if view is self.planned else self.planned
        other.selectionModel().clearSelection()
        self._update_buttons()

    # ------------------------------------------------------------------ data

    def refresh(self) -> None:
        """Read the list again on a worker thread; it is shown when it is in. The year
        chosen is kept; the first time it is this year."""
        this_year = self.ctx.today().year
        if self._year_wished:
            chosen = self._year_wish
        else:
            chosen = self.year.currentData() if self.year.count() else this_year
        self.loader.load(read_rounds_list, self.ctx.db, chosen, this_year, then=self._show)

    def is_loading(self) -> bool:
        """Whether the list is being read, or a one-click write is under way (the list
        is read again after it)."""
        return self.loader.is_loading() or self._writing

    def _year_chosen(self) -> None:
        self._year_wished = False
        self.refresh()

    def _show(self, data: RoundsListData) -> None:
        keep = self._select_wish
        if keep is None:
            shown = self.selected_round()
            keep = shown.id if shown is not None else None
        self._select_wish = None
        self._year_wished = False
        self._show_offline(data.offline)
        self._fill_years(data.years, data.year)
        self._all = data.running + data.done
        current_area = self.selected_area_id()
        self.areas.blockSignals(True)
        self.areas.clear()
        everything = QListWidgetItem(self._area_text(_("Alle verneområder"), self._all))
        everything.setData(Qt.ItemDataRole.UserRole, None)
        self.areas.addItem(everything)
        by_area: dict[str, list[rounds.RoundInfo]] = {}
        for r in self._all:
            by_area.setdefault(r.area_id, []).append(r)
        for a in data.areas:
            item = QListWidgetItem(self._area_text(a.name, by_area.get(a.id, [])))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.areas.addItem(item)
        row = next(
            (
                i
                for i in range(self.areas.count())
                if self.areas.item(i).data(Qt.ItemDataRole.UserRole) == current_area
            ),
            0,
        )
        self.areas.setCurrentRow(row)
        self.areas.blockSignals(False)
        self._fill_tables()
        if not (keep and self.select_round(keep)) and self.planned_model.rows:
            self.select_round(self.planned_model.rows[0].id)

    def _show_offline(self, offline: OfflineCopyInfo | None) -> None:
        """A laptop file holds one round that belongs to the server: say so, and offer
        nothing that would not reach the server (planning, taking along)."""
        self._offline = offline
        self.offline_notice.setVisible(offline is not None)
        self.plan_button.setEnabled(offline is None)
        self.plan_button.setToolTip(
            "Ctrl+N" if offline is None else _("Nye runder planlegges på serveren.")
        )
        if offline is None:
            return
        if offline.delivered:
            numbers = ", ".join(
                _("{provisional} er nå {number}").format(provisional=p, number=n)
                for p, n in offline.numbers
            )
            values = {
                "number": escape(offline.number),
                "server": escape(offline.server_name),
                "when": fmt_datetime(offline.delivered_at),
                "person": escape(offline.delivered_by),
                "numbers": escape(numbers),
            }
            if numbers:
                text = _(
                    "Denne filen er runden <b>{number}</b> tatt med fra serveren «{server}». "
                    "Den ble <b>levert</b> {when} av {person} ({numbers}). Runden hører nå til "
                    "serveren: det som endres i denne filen, leveres ikke."
                )
            else:
                text = _(
                    "Denne filen er runden <b>{number}</b> tatt med fra serveren «{server}». "
                    "Den ble <b>levert</b> {when} av {person}. Runden hører nå til serveren: "
                    "det som endres i denne filen, leveres ikke."
                )
            self.offline_notice.setText(text.format(**values))
            return
        self.offline_notice.setText(
            _(
                "Denne filen er runden <b>{number}</b>, tatt med fra serveren «{server}» av "
                "{person} {when}. Gjennomfør runden her, også uten nett. Runden hører til "
                "serveren: når du har nett, åpner du teamdatabasen og velger «Lever runden …» "
                "der. Avvik laget her har foreløpige numre til da."
            ).format(
                number=escape(offline.number),
                server=escape(offline.server_name),
                person=escape(offline.checked_out_by),
                when=fmt_datetime(offline.checked_out_at),
            )
        )

    def _fill_years(self, years: list[int], chosen: int | None) -> None:
        """Every year rounds were held in, newest first, and «Alle år»; `chosen` is
        the year the done rounds shown are from."""
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        self.year.addItem(_("Alle år"), None)
        index = self.year.findData(chosen)
        self.year.setCurrentIndex(index if index >= 0 else 0)
        self.year.blockSignals(False)

    def selected_year(self) -> int | None:
        return self.year.currentData()

    def set_year(self, year: int | None) -> None:
        """Show the done rounds of `year` (None: every year). While the list is read
        the years may not be known yet: the year is then asked for with the read."""
        if self.loader.is_loading() or not self.year.count():
            self._year_wished, self._year_wish = True, year
            self.refresh()
            return
        index = self.year.findData(year)
        if index >= 0:
            self.year.setCurrentIndex(index)

    def _area_text(self, name: str, items: list[rounds.RoundInfo]) -> str:
        today = self.ctx.today()
        counts = Counter(
            "overdue"
            if r.is_overdue(today)
            else ("done" if r.status is RoundStatus.CLOSED else "open")
            for r in items
        )
        parts = [
            ngettext("{n} planlagt", "{n} planlagt", counts["open"]).format(n=counts["open"]),
            ngettext("{n} utført", "{n} utført", counts["done"]).format(n=counts["done"]),
        ]
        if counts["overdue"]:
            parts.append(
                ngettext("{n} forfalt", "{n} forfalt", counts["overdue"]).format(
                    n=counts["overdue"]
                )
            )
        return f"{name}\n" + " · ".join(parts)

    def selected_area_id(self) -> str | None:
        item = self.areas.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _fill_tables(self) -> None:
        area_id = self.selected_area_id()
        shown = [r for r in self._all if area_id is None or r.area_id == area_id]
        running = sorted(
            (r for r in shown if r.status is not RoundStatus.CLOSED),
            key=lambda r: (r.status is not RoundStatus.IN_PROGRESS, r.date, r.number),
        )
        done = [r for r in shown if r.status is RoundStatus.CLOSED]
        self.planned_model.set_rows(running)
        self.done_model.set_rows(done)
        self.planned_label.setText("<b>{}</b> ({})".format(_("Planlagt og pågår"), len(running)))
        self.done_label.setText("<b>{}</b> ({})".format(_("Gjennomført"), len(done)))
        self._fit_columns([self.planned, self.done])
        self._update_buttons()

    def _fit_columns(self, views: list[QTableView]) -> None:
        """Fit the tables' columns to the rows just shown, one table per turn of the
        event loop: measuring the text of a few hundred rows is the longest part of
        showing the list, and the window answers keys and repaints between the two."""
        if views:
            QTimer.singleShot(0, self, lambda: self._fit_next(views))

    def _fit_next(self, views: list[QTableView]) -> None:
        fit_columns(views[0])
        self._fit_columns(views[1:])

    def selected_round(self) -> rounds.RoundInfo | None:
        for view in (self._active_table, self.planned, self.done):
            index = view.selectionModel().currentIndex()
            if index.isValid() and view.selectionModel().isRowSelected(index.row()):
                return cast(RowsModel, view.model()).row_at(index.row())
        return None

    def select_round(self, round_id: str) -> bool:
        """Select the round in the list; while the list is read, also when it arrives."""
        if self.loader.is_loading():
            self._select_wish = round_id
        for view, model in ((self.planned, self.planned_model), (self.done, self.done_model)):
            for row, r in enumerate(model.rows):
                if r.id == round_id:
                    view.selectionModel().setCurrentIndex(
                        model.index(row, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    view.setFocus()
                    return True
        return False

    def _update_buttons(self) -> None:
        r = self.selected_round()
        self.open_button.setEnabled(r is not None)
        out = r is not None and r.is_checked_out
        self.edit_button.setEnabled(
            r is not None and r.status is not RoundStatus.CLOSED and not out
        )
        self.cancel_button.setEnabled(
            r is not None and r.status is RoundStatus.PLANNED and not out and not self._writing
        )
        self.checkout_button.setEnabled(
            r is not None and r.status is RoundStatus.PLANNED and not out
        )
        # One laptop step at a time, so the row fits: take along, or deliver / undo.
        self.checkout_button.setVisible(self._offline is None and not out)
        self.checkin_button.setVisible(out)
        self.release_button.setVisible(out)
        self.release_button.setEnabled(not self._writing)
        self.pdf_button.setEnabled(r is not None and r.status is not RoundStatus.PLANNED)

    # ------------------------------------------------------------------ actions

    def plan_round(self) -> None:
        from vernelogg.ui.rounds.dialogs import open_plan_dialog

        def planned(dialog) -> None:
            self.refresh()
            self.select_round(dialog.saved().id)
            self.ctx.notify("rounds")

        open_plan_dialog(
            self,
            self.ctx.db,
            today=self.ctx.today(),
            area_id=self.selected_area_id(),
            then=planned,
        )

    def open_selected(self) -> None:
        r = self.selected_round()
        if r is not None:
            self.open_requested.emit(r.id)

    def edit_plan(self) -> None:
        r = self.selected_round()
        if r is None or r.status is RoundStatus.CLOSED:
            return
        from vernelogg.ui.rounds.dialogs import open_plan_dialog

        def changed(_dialog) -> None:
            self.refresh()
            self.select_round(r.id)
            self.ctx.notify("rounds")

        open_plan_dialog(self, self.ctx.db, today=self.ctx.today(), info=r, then=changed)

    def _write(self, fn: Callable[[], Any], *, then: Callable[[], None]) -> None:
        """A one-click write on the worker thread: «Avlys» and «Angre utsjekk» stay
        disabled until it is done, and `then()` follows on the GUI thread; a refusal
        (UserError) is shown as a message."""
        self._writing = True
        self._update_buttons()

        def finished() -> bool:
            self._writing = False
            if not alive(self):
                return False
            self._update_buttons()
            return True

        def done(_result: object) -> None:
            if finished():
                then()

        def failed(error: BaseException) -> None:
            if not finished():
                return
            if isinstance(error, UserError):
                show_error(self, str(error))
                self.refresh()  # someone else may have changed the round meanwhile
                return
            sys.excepthook(type(error), error, error.__traceback__)

        run_task(fn, on_done=done, on_error=failed)

    def _written(self, select_id: str | None = None) -> None:
        self.refresh()
        if select_id is not None:
            self.select_round(select_id)
        self.ctx.notify("rounds")

    def cancel_round(self) -> None:
        r = self.selected_round()
        if r is None or r.status is not RoundStatus.PLANNED or self._writing:
            return
        if not confirm(
            self,
            _("Avlyse runden?"),
            _(
                "{number} i {area} ({date}) avlyses. Den arkiveres og telles ikke som planlagt."
            ).format(number=r.number, area=r.area_name, date=fmt_date(r.planned_date)),
            yes=_("Avlys runden"),
        ):
            return
        self._write(partial(rounds.cancel_round, self.ctx.db, r.id), then=self._written)

    def checkout_round(self) -> None:
        from vernelogg.ui.rounds.checkout_dialog import CheckoutDialog

        r = self.selected_round()
        if r is None or r.status is not RoundStatus.PLANNED or r.is_checked_out:
            return
        dialog = CheckoutDialog(self.ctx.db, r, parent=self)
        if dialog.exec() or dialog.result_value is not None:
            self.refresh()
            self.select_round(r.id)
            self.ctx.notify("rounds")

    def checkin_round(self) -> None:
        from vernelogg.ui.rounds.checkin_dialog import CheckinDialog

        r = self.selected_round()
        if r is None or not r.is_checked_out:
            return
        dialog = CheckinDialog(self.ctx.db, r, parent=self)
        if dialog.exec() or dialog.result_value is not None:
            self.refresh()
            self.select_round(r.id)
            self.ctx.notify("rounds")

    def release_round(self) -> None:
        from vernelogg.services.transfer.checkout import release_round

        r = self.selected_round()
        if r is None or not r.is_checked_out or self._writing:
            return
        if not confirm(
            self,
            _("Angre utsjekken?"),
            _(
                "{number} ble tatt med på laptop av {person} til {file}. Runden blir fri her "
                "igjen, og det som er gjort i den filen, leveres ikke."
            ).format(number=r.number, person=r.checked_out_by, file=r.checked_out_to),
            yes=_("Angre utsjekken"),
        ):
            return
        self._write(partial(release_round, self.ctx.db, r.id), then=lambda: self._written(r.id))

    def save_pdf(self) -> None:
        r = self.selected_round()
        if r is not None and r.status is not RoundStatus.PLANNED:
            pdf.save_round_pdf(self, self.ctx.db, r, on_message=self._message)

    def _message(self, text: str, error: bool = False) -> None:
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 10_000)
        if error:
            show_error(self, text)

    def edit_templates(self) -> None:
        from vernelogg.ui.rounds.templates_dialog import TemplateEditorDialog

        TemplateEditorDialog(self.ctx.db, parent=self).exec()
        self.refresh()

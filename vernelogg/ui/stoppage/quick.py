"""«Stans farlig arbeid» from anywhere: a quick dialog that asks only the essentials.

Area, the work or equipment and the immediate danger; the time is now and the area's VO
is filled in; why the danger could not be averted otherwise is one line that may wait.
The notice to the employer can be printed right away, and then the app asks whether and
how the employer was informed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from vernelogg.domain.stoppage import LEGAL_SHORT
from vernelogg.i18n import _
from vernelogg.services import areas as area_service
from vernelogg.services import stoppage as svc
from vernelogg.services.stoppage.records import MAX_DANGER
from vernelogg.ui.common.form_dialog import FormDialog
from vernelogg.ui.context import AppContext
from vernelogg.ui.stoppage import pdf
from vernelogg.ui.stoppage.dialogs import ask_employer_informed
from vernelogg.ui.stoppage.fields import DateTimeField, ctrl_enter_saves, wide

if TYPE_CHECKING:
    from vernelogg.ui.main_window import MainWindow
    from vernelogg.ui.stoppage.page import StoppagePage

PAGE_KEY = "stansing"


class QuickStopDialog(FormDialog[svc.StoppageRow]):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Stans farlig arbeid"), parent, ok_text=_("Registrer stansen"))
        self.ctx = ctx
        self.setMinimumWidth(560)
        intro = QLabel(_(LEGAL_SHORT))
        intro.setWordWrap(True)
        intro.setObjectName("notice")
        self.column.insertWidget(0, intro)

        self.area = QComboBox()
        self.area.addItem(_("— velg verneområde —"), None)
        area_list = area_service.list_areas(ctx.db)
        for a in area_list:
            self.area.addItem(a.name, a.id)
        no_areas = _(
            "Ingen verneområder ennå. Bare et verneombud kan stanse arbeid (§ 6-3): legg inn "
            "verneområdet og verneombudet under «Verneområder og roller» (Ctrl+2) først."
        )
        self.form.add_row(
            "area_id", _("Verneområde"), wide(self.area), hint="" if area_list else no_areas
        )
        self.work = self.form.add_row(
            "work",
            _("Arbeid eller utstyr"),
            QLineEdit(),
            hint=_("Hva som er stanset, f.eks. «Dreiebenk 3» eller «Stillaset på sørfasaden»."),
        )
        self.work.setPlaceholderText(_("Hvilket arbeid eller utstyr er stanset?"))
        self.danger = QPlainTextEdit()
        self.danger.setTabChangesFocus(True)
        self.danger.setFixedHeight(72)
        self.danger.setPlaceholderText(_("Hva er den umiddelbare faren for liv eller helse?"))
        self.form.add_row("danger", _("Umiddelbar fare"), self.danger, limit=MAX_DANGER)
        self.why = self.form.add_row(
            "why_not_averted",
            _("Hvorfor ikke avverget på annen måte"),
            QLineEdit(),
            hint=_(
                "§ 6-3 gjelder når faren ikke straks kan avverges på annen måte. "
                "Én linje; kan fylles ut senere."
            ),
        )
        self.why.setPlaceholderText(_("Hvorfor kunne faren ikke fjernes straks på annen måte?"))
        self.stopped_at = DateTimeField()
        self.form.add_row("stopped_at", _("Tidspunkt"), wide(self.stopped_at))
        self.stopped_by = QComboBox()
        self.form.add_row(
            "stopped_by_id",
            _("Stanset av"),
            wide(self.stopped_by),
            hint=_("Verneombudet (eller vara som trer inn, eller hovedverneombudet)."),
        )
        self.print_notice = QCheckBox(_("Lag melding til arbeidsgiver (PDF) med en gang"))
        self.print_notice.setChecked(True)
        self.form.add_row("print", "", self.print_notice)
        self.form.finish()

        self.area.currentIndexChanged.connect(self._fill_stoppers)
        self.stopped_at.dateChanged.connect(self._fill_stoppers)
        self._fill_stoppers()
        ctrl_enter_saves(self, self._accept)
        self.area.setFocus()

    def _fill_stoppers(self) -> None:
        """Who may stop on that day; the area's VO (or deputy) chosen by default."""
        area_id = self.area.currentData()
        on = self.stopped_at.value().date()
        keep = self.stopped_by.currentData()
        options = svc.eligible_stoppers(self.ctx.db, on, area_id)
        self.stopped_by.blockSignals(True)
        self.stopped_by.clear()
        self.stopped_by.addItem(
            _("— velg —") if options else _("— ingen verneombud er registrert —"), None
        )
        for option in options:
            self.stopped_by.addItem(option.text, option.person_id)
        wanted = svc.default_stopper(self.ctx.db, area_id, on) or keep
        index = self.stopped_by.findData(wanted) if wanted else -1
        self.stopped_by.setCurrentIndex(max(index, 0))
        self.stopped_by.blockSignals(False)

    def writer(self) -> Callable[[], svc.StoppageRow]:
        """The stop is registered on the worker thread; the fields are read here."""
        return partial(
            svc.start_stoppage,
            self.ctx.db,
            area_id=self.area.currentData(),
            work=self.work.text(),
            danger=self.danger.toPlainText(),
            stopped_by_id=self.stopped_by.currentData(),
            stopped_at=self.stopped_at.value(),
            why_not_averted=self.why.text(),
        )


def start_stop(parent: QWidget, ctx: AppContext) -> svc.StoppageRow | None:
    """Ask for the essentials, save, and print the notice if asked. The new row or None."""
    dialog = QuickStopDialog(ctx, parent)
    if not dialog.exec():
        return None
    row = dialog.saved()
    ctx.notify("stoppage")
    if dialog.print_notice.isChecked():
        pdf.make_pdf(
            parent,
            ctx.db,
            row.id,
            notice=True,
            number=row.number,
            on_done=lambda _path: ask_employer_informed(parent, ctx, row.id),
        )
    return row


def show_stop(window: QWidget, stoppage_id: str) -> None:
    """Show one stop on the Stansing page, when the window has that page."""
    specs = getattr(window, "specs", [])
    if any(s.key == PAGE_KEY for s in specs):
        main = cast("MainWindow", window)  # only the main window has page specs
        cast("StoppagePage", main.show_page(PAGE_KEY)).select_stoppage(stoppage_id)

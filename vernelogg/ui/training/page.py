"""Opplæring og frister: deadlines, training per person, and the annual plan (årshjul)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import Status
from vernelogg.domain.roles import Role
from vernelogg.i18n import _, ngettext
from vernelogg.services.deadlines import DeadlineEntry
from vernelogg.ui.common.files import ICS, ask_save_path
from vernelogg.ui.common.messages import show_error, show_info
from vernelogg.ui.common.widgets import PageHeader
from vernelogg.ui.common.worker import run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.training.deadlines_tab import DeadlinesTab
from vernelogg.ui.training.people_tab import TrainingTab
from vernelogg.ui.training.plan_tab import PlanTab

if TYPE_CHECKING:
    from vernelogg.store.database import Database
    from vernelogg.ui.areas.page import AreasPage
    from vernelogg.ui.risk.page import RiskPage


def _write_calendar(db: Database, path: Path, today: date) -> int:
    """On a worker thread: the calendar library is loaded there, when first needed, not
    on the GUI thread when the page opens."""
    from vernelogg.services.calendar_export import write_calendar

    return write_calendar(db, path, today)


# Other features open their own deadline kinds (e.g. "review" → the risk assessment):
# kind → opener(page, entry). One line per feature.
def _open_risk_review(page: TrainingPage, entry: DeadlineEntry) -> None:
    risk = cast("RiskPage | None", page.ctx.show_page("risiko"))
    if entry.item.ref and risk is not None:
        risk.open(entry.item.ref)


ROW_OPENERS: dict[str, Callable[[TrainingPage, DeadlineEntry], None]] = {
    "review": _open_risk_review
}

FRISTER, OPPLAERING, ARSHJUL = 0, 1, 2


class TrainingPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        top = QHBoxLayout()
        top.addWidget(
            PageHeader(
                _("Opplæring og frister"),
                _(
                    "Hva som forfaller, hvem som mangler opplæring, og årshjulet. "
                    "Fristene regnes ut fra vervene, kursene og reglene."
                ),
            ),
            1,
        )
        self.calendar_button = QPushButton(_("Eksporter kalender …"))
        self.calendar_button.setToolTip(
            _("Frister og årshjul som .ics-fil med påminnelser (Outlook, Google, Apple)")
        )
        self.calendar_button.clicked.connect(self.choose_calendar_file)
        self.rules_button = QPushButton(_("Regler for frister …"))
        self.rules_button.clicked.connect(self.edit_rules)
        top.addWidget(self.calendar_button)
        top.addWidget(self.rules_button)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.deadlines = DeadlinesTab(ctx)
        self.training = TrainingTab(ctx)
        self.plan = PlanTab(ctx)
        self.tabs.addTab(self.deadlines, _("Frister"))
        self.tabs.addTab(self.training, _("Opplæring"))
        self.tabs.addTab(self.plan, _("Årshjul"))
        self.tabs.currentChanged.connect(lambda *_: self.refresh())
        layout.addWidget(self.tabs, 1)
        self.deadlines.open_requested.connect(self.open_entry)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_in_tab)
        self.last_export: tuple[Path, int] | None = None

    def refresh(self) -> None:
        """Refresh the tab on show (the others refresh when they are shown)."""
        cast("DeadlinesTab | TrainingTab | PlanTab", self.tabs.currentWidget()).refresh()

    def is_loading(self) -> bool:
        return any(tab.is_loading() for tab in (self.deadlines, self.training, self.plan))

    def new_in_tab(self) -> None:
        if self.tabs.currentIndex() == ARSHJUL:
            self.plan.new_activity()
        else:
            if self.tabs.currentIndex() != OPPLAERING:
                self.tabs.setCurrentIndex(OPPLAERING)
            self.training.new_course()

    # --- opening the record a deadline concerns ---------------------------------------------

    def open_entry(self, entry: DeadlineEntry) -> None:
        kind = entry.item.kind
        if kind in ROW_OPENERS:
            ROW_OPENERS[kind](self, entry)
        elif kind in ("training", "refresher") and entry.person_id:
            self.show_person_training(entry.person_id, entry.item.ref)
        elif kind == "planned_activity" and entry.activity_id and entry.planned_date:
            self.tabs.setCurrentIndex(ARSHJUL)
            self.plan.show_occurrence(entry.activity_id, entry.planned_date)
        elif kind in ("term_end", "election", "legal_requirement"):
            self._open_role(entry)
        else:
            show_info(self, _("Denne fristen har ingen egen post å åpne."))

    def show_person_training(self, person_id: str, course_kind: str | None = None) -> None:
        self.tabs.setCurrentIndex(OPPLAERING)
        self.training.select_person(person_id, course_kind=course_kind)
        self.training.requirements_view.setFocus()

    def _open_role(self, entry: DeadlineEntry) -> None:
        areas_page = cast("AreasPage | None", self.ctx.show_page("verneomrader"))
        if areas_page is None:
            return
        if entry.item.status is Status.MISSING or entry.assignment_id is None:
            # A missing AMU has no role on the item: show its first member row.
            role = entry.item.role or Role.AMU_EMPLOYER
            areas_page.show_roster(role, entry.area_id)
        else:
            areas_page.show_assignment(entry.person_id, entry.assignment_id)

    # --- rules and calendar --------------------------------------------------------------------

    def edit_rules(self) -> None:
        from vernelogg.ui.training.dialogs import RuleSettingsDialog

        if RuleSettingsDialog(self.ctx.db, parent=self).exec():
            self.ctx.notify("rules")

    def choose_calendar_file(self) -> None:
        name = _("vernelogg-frister-{date}.ics").format(date=f"{self.ctx.today():%Y-%m-%d}")
        path = ask_save_path(self, _("Lagre kalenderfil"), name, [ICS])
        if path is not None:
            self.export_calendar(path)

    def export_calendar(self, path: Path) -> None:
        """Write the .ics file on a worker thread; tell the user how many events it has."""
        today: date = self.ctx.today()
        self.calendar_button.setEnabled(False)
        self.calendar_button.setText(_("Eksporterer …"))

        def done(count: int) -> None:
            self._export_finished()
            self.last_export = (path, count)
            window = self.window()
            bar = getattr(window, "statusBar", None)
            if callable(bar):
                bar().showMessage(
                    ngettext(
                        "Kalenderfil lagret: {path} ({count} hendelser)",
                        "Kalenderfil lagret: {path} ({count} hendelser)",
                        count,
                    ).format(path=path, count=count),
                    15_000,
                )

        def failed(error: BaseException) -> None:
            self._export_finished()
            show_error(self, str(error))

        run_task(_write_calendar, self.ctx.db, path, today, on_done=done, on_error=failed)

    def _export_finished(self) -> None:
        self.calendar_button.setEnabled(True)
        self.calendar_button.setText(_("Eksporter kalender …"))

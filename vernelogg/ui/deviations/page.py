"""Avvik og tiltak: the avvik list and the action plan, with register and detail dialogs.

Keys: Ctrl+N new avvik (or new action on the plan), Ctrl+F search, Enter opens the
selected row, Ctrl+D marks the selected action done, Alt+1 / Alt+2 switch tabs.

Each tab reads what it shows on a worker thread when it is shown or refreshed; the page
is loading while either tab is (`is_loading`). The dialogs are imported when first opened,
so that opening the page does not wait for them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.widgets import PageHeader
from vernelogg.ui.common.worker import is_reading, read_then
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.list_tab import DeviationsTab
from vernelogg.ui.deviations.widgets import tab_parent

if TYPE_CHECKING:
    from vernelogg.ui.deviations.detail_dialog import DialogData
    from vernelogg.ui.deviations.plan_tab import ActionPlanTab

LIST_TAB, PLAN_TAB = 0, 1


class DeviationsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        # Each part is made in its place (parent first): see widgets.tab_parent.
        layout.addWidget(
            PageHeader(
                _("Avvik og tiltak"),
                _(
                    "Meld avvik på under ett minutt, følg dem fra registrert til lukket, og se "
                    "alle tiltak som ikke er utført i handlingsplanen. Forfalte tiltak er røde."
                )
                + "\n"
                + _(
                    "Ctrl+N nytt · Ctrl+F søk · Enter åpner · Ctrl+D tiltak utført · "
                    "Alt+1 avvik · Alt+2 handlingsplan · Ctrl+Shift+A meld avvik fra alle sider"
                ),
                self,
            )
        )
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.deviations = DeviationsTab(ctx, tab_parent(self.tabs))
        self.tabs.addTab(self.deviations, _("Avvik"))
        # The action plan is made in its tab when it is first shown (or asked for), so
        # opening the page does not wait for it.
        self._plan: ActionPlanTab | None = None
        self._plan_place = QWidget(tab_parent(self.tabs))
        self._plan_layout = QVBoxLayout(self._plan_place)
        self._plan_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._plan_place, _("Handlingsplan"))

        self.deviations.new_requested.connect(self.new_deviation)
        self.deviations.open_requested.connect(self.open_deviation)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_item)
        QShortcut(QKeySequence("Ctrl+D"), self).activated.connect(self._mark_done)
        QShortcut(QKeySequence("Alt+1"), self).activated.connect(
            lambda: self.tabs.setCurrentIndex(LIST_TAB)
        )
        QShortcut(QKeySequence("Alt+2"), self).activated.connect(
            lambda: self.tabs.setCurrentIndex(PLAN_TAB)
        )
        self.tabs.currentChanged.connect(lambda *_args: self.current_tab().refresh())

    @property
    def plan(self) -> ActionPlanTab:
        """The «Handlingsplan» tab, made the first time it is needed."""
        if self._plan is None:
            from vernelogg.ui.deviations.plan_tab import ActionPlanTab

            self._plan = ActionPlanTab(self.ctx, self._plan_place)
            self._plan_layout.addWidget(self._plan)
            self._plan.open_source.connect(lambda _kind, source_id: self.open_deviation(source_id))
        return self._plan

    def plan_shown(self) -> bool:
        return self.tabs.currentIndex() == PLAN_TAB

    def current_tab(self) -> DeviationsTab | ActionPlanTab:
        return self.plan if self.plan_shown() else self.deviations

    def refresh(self) -> None:
        self.current_tab().refresh()

    def is_loading(self) -> bool:
        plan = self._plan
        return self.deviations.is_loading() or (plan is not None and plan.is_loading())

    def _mark_done(self) -> None:
        if self._plan is not None:
            self._plan.mark_done()

    def show_deviations(self, **filters: str) -> DeviationsTab:
        """The avvik tab with exactly these filters (see `DeviationsTab.show_filtered`)."""
        self.tabs.setCurrentIndex(LIST_TAB)
        self.deviations.show_filtered(**filters)
        return self.deviations

    def show_actions(self, **filters: str) -> ActionPlanTab:
        """The action plan with exactly these filters (see `ActionPlanTab.show_filtered`)."""
        self.tabs.setCurrentIndex(PLAN_TAB)
        self.plan.show_filtered(**filters)
        return self.plan

    def focus_search(self) -> None:
        search = self.current_tab().search
        search.setFocus()
        search.selectAll()

    def new_item(self) -> None:
        if self.plan_shown():
            self.plan.new_action()
        else:
            self.new_deviation()

    def new_deviation(self) -> None:
        from vernelogg.ui.deviations.register_dialog import RegisterDialog

        dialog = RegisterDialog(self.ctx.db, parent=self)
        if dialog.exec():
            ref = dialog.saved()
            self.ctx.notify("deviations")
            self.tabs.setCurrentWidget(self.deviations)
            self.deviations.refresh()
            self.deviations.select(ref.id)
            self.ctx.tell(_("Avvik {number} er registrert.").format(number=ref.number))

    def open_deviation(self, deviation_id: str) -> None:
        """Open the avvik window; what it shows is read on a worker thread first (an Enter
        pressed again meanwhile opens it once)."""
        from vernelogg.ui.deviations.detail_dialog import read_dialog

        if not is_reading(self):
            self.ctx.tell(_("Åpner avviket …"), 3000)
        read_then(
            self,
            read_dialog,
            self.ctx.db,
            deviation_id,
            then=lambda data: self._show_deviation(deviation_id, data),
            failed=self._not_opened,
        )

    def is_opening(self) -> bool:
        return is_reading(self)

    def _not_opened(self, error: BaseException) -> None:
        if isinstance(error, NotFoundError):
            show_error(self, str(error))
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    def _show_deviation(self, deviation_id: str, data: DialogData) -> None:
        from vernelogg.ui.deviations.detail_dialog import DeviationDialog

        dialog = DeviationDialog(self.ctx, deviation_id, parent=self, data=data)
        dialog.exec()
        if dialog.changed:
            self.ctx.notify("deviations")
            self.refresh()

"""Avvik og tiltak: the avvik list and the action plan, with register and detail dialogs.

Keys: Ctrl+N new avvik (or new action on the plan), Ctrl+F search, Enter opens the
selected row, Ctrl+D marks the selected action done, Alt+1 / Alt+2 switch tabs.

Each tab reads what it shows on a worker thread when it is shown or refreshed; the page
is loading while either tab is (`is_loading`).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from vernelogg.i18n import _
from vernelogg.services.errors import NotFoundError
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.widgets import PageHeader
from vernelogg.ui.context import AppContext
from vernelogg.ui.deviations.detail_dialog import DeviationDialog
from vernelogg.ui.deviations.list_tab import DeviationsTab
from vernelogg.ui.deviations.plan_tab import ActionPlanTab
from vernelogg.ui.deviations.register_dialog import RegisterDialog


class DeviationsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
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
            )
        )
        self.tabs = QTabWidget()
        self.deviations = DeviationsTab(ctx)
        self.plan = ActionPlanTab(ctx)
        self.tabs.addTab(self.deviations, _("Avvik"))
        self.tabs.addTab(self.plan, _("Handlingsplan"))
        layout.addWidget(self.tabs, 1)

        self.deviations.new_requested.connect(self.new_deviation)
        self.deviations.open_requested.connect(self.open_deviation)
        self.plan.open_source.connect(lambda _kind, source_id: self.open_deviation(source_id))
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_item)
        QShortcut(QKeySequence("Ctrl+D"), self).activated.connect(self.plan.mark_done)
        QShortcut(QKeySequence("Alt+1"), self).activated.connect(
            lambda: self.tabs.setCurrentIndex(0)
        )
        QShortcut(QKeySequence("Alt+2"), self).activated.connect(
            lambda: self.tabs.setCurrentIndex(1)
        )
        self.tabs.currentChanged.connect(lambda *_args: self.current_tab().refresh())

    def current_tab(self):
        return self.plan if self.tabs.currentWidget() is self.plan else self.deviations

    def refresh(self) -> None:
        self.current_tab().refresh()

    def is_loading(self) -> bool:
        return self.deviations.is_loading() or self.plan.is_loading()

    def show_deviations(self, **filters: str) -> DeviationsTab:
        """The avvik tab with exactly these filters (see `DeviationsTab.show_filtered`)."""
        self.tabs.setCurrentWidget(self.deviations)
        self.deviations.show_filtered(**filters)
        return self.deviations

    def show_actions(self, **filters: str) -> ActionPlanTab:
        """The action plan with exactly these filters (see `ActionPlanTab.show_filtered`)."""
        self.tabs.setCurrentWidget(self.plan)
        self.plan.show_filtered(**filters)
        return self.plan

    def focus_search(self) -> None:
        search = self.current_tab().search
        search.setFocus()
        search.selectAll()

    def new_item(self) -> None:
        if self.tabs.currentWidget() is self.plan:
            self.plan.new_action()
        else:
            self.new_deviation()

    def new_deviation(self) -> None:
        dialog = RegisterDialog(self.ctx.db, parent=self)
        if dialog.exec():
            ref = dialog.saved()
            self.ctx.notify("deviations")
            self.tabs.setCurrentWidget(self.deviations)
            self.deviations.refresh()
            self.deviations.select(ref.id)
            self.ctx.tell(_("Avvik {number} er registrert.").format(number=ref.number))

    def open_deviation(self, deviation_id: str) -> None:
        try:
            dialog = DeviationDialog(self.ctx, deviation_id, parent=self)
        except NotFoundError as error:
            show_error(self, str(error))
            return
        dialog.exec()
        if dialog.changed:
            self.ctx.notify("deviations")
            self.refresh()

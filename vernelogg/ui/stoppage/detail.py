"""One stop in full: facts, the timeline with add-event buttons, avvik and tiltak, PDFs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.domain.stoppage import ADDABLE_EVENTS, NOT_INFORMED, WHY_MISSING, EventKind
from vernelogg.errors import UserError
from vernelogg.i18n import N_, _, pgettext
from vernelogg.services import stoppage as svc
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import Badge, fit_columns, make_table
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.stoppage import pdf
from vernelogg.ui.stoppage.dialogs import (
    ActionDialog,
    DeviationDialog,
    EditStoppageDialog,
    EventDialog,
    LinkDeviationDialog,
    ask_employer_informed,
)

# How to put right what a stop lacks, by the domain's flag (its untranslated text).
FIXES = {
    WHY_MISSING: N_("Fyll det ut med «Endre …»."),
    NOT_INFORMED: N_("Registrer det med «Arbeidsgiver varslet»."),
}
EVENT_BUTTON_TEXT = {
    EventKind.EMPLOYER_INFORMED: N_("Arbeidsgiver &varslet …"),
    EventKind.EMPLOYER_RESPONSE: N_("Arbeidsgivers &svar …"),
    EventKind.AUTHORITY_CONTACTED: N_("Arbeidstilsynet &kontaktet …"),
    EventKind.AUTHORITY_DECISION: N_("Arbei&dstilsynets avgjørelse …"),
    EventKind.RESUMED: N_("Arbeidet &gjenopptatt …"),
    EventKind.NOTE: N_("&Notat …"),
}


@dataclass(frozen=True)
class LinkRow:
    """An avvik or a tiltak, as one line in the «Avvik og tiltak» table."""

    kind: str
    what: str
    status: str
    who: str


def _link_rows(detail: svc.StoppageDetail) -> list[LinkRow]:
    rows = [
        LinkRow(_("Avvik"), f"{d.number}: {d.description}", d.status_label, d.kind_label)
        for d in detail.deviations
    ]
    for a in detail.actions:
        deadline = _("frist {date}").format(date=fmt_date(a.deadline)) if a.deadline else ""
        who = ", ".join(x for x in (a.owner_name, deadline) if x)
        rows.append(LinkRow(_("Tiltak"), a.title, a.status.label, who))
    return rows


class StoppageDetailView(QWidget):
    """Shows one stop; `changed` fires after anything was saved."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: svc.StoppageDetail | None = None
        self.loader = PageLoader(self)  # the stop chosen, read on a worker thread
        self._wanted: str | None = None  # the stop that should show
        self._writing = False  # «Fjern valgt» or «Arkiver» is being written
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(8)

        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        head.addWidget(self.title)
        self.badge = Badge("", "info")
        head.addWidget(self.badge)
        head.addStretch(1)
        self.edit_button = QPushButton(_("&Endre …"))
        self.edit_button.clicked.connect(self.edit)
        self.notice_button = QPushButton(_("&Melding til arbeidsgiver (PDF)"))
        self.notice_button.setToolTip(
            _("Meldingen om stansingen, med § 6-3 og plass til underskrift")
        )
        self.notice_button.clicked.connect(lambda: self.make_pdf(notice=True))
        self.record_button = QPushButton(_("Full &rapport (PDF)"))
        self.record_button.setToolTip(_("Hele stansingen med tidslinje, avvik og tiltak"))
        self.record_button.clicked.connect(lambda: self.make_pdf(notice=False))
        self.archive_button = QPushButton(_("Arkiver"))
        self.archive_button.clicked.connect(self.toggle_archive)
        for b in (self.edit_button, self.notice_button, self.record_button, self.archive_button):
            head.addWidget(b)
        layout.addLayout(head)
        self.flag = QLabel()
        self.flag.setObjectName("warning")
        self.flag.setWordWrap(True)
        layout.addWidget(self.flag)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        layout.addLayout(columns, 1)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 9)
        columns.addLayout(right, 11)

        self.facts = QFormLayout()
        self.facts.setHorizontalSpacing(14)
        self.facts.setVerticalSpacing(4)
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.fact_labels: dict[str, QLabel] = {}
        for key, label in (
            ("stopped_by", _("Stanset av")),
            ("stopped_at", pgettext("tidspunkt", "Stanset")),
            ("work", _("Arbeid eller utstyr")),
            ("danger", _("Umiddelbar fare")),
            ("why", _("Hvorfor ikke avverget\npå annen måte")),
            ("outcome", _("Utfall")),
            ("resumed", _("Gjenopptatt")),
            ("reference", _("Arbeidstilsynets ref.")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name = QLabel(label)
            name.setStyleSheet("color: #5f6368;")
            self.facts.addRow(name, value)
            self.fact_labels[key] = value
        left.addLayout(self.facts)

        left.addWidget(self._heading(_("Avvik og tiltak")))
        self.links_model = RowsModel(
            [
                Column(_("Type"), lambda r: r.kind),
                Column(_("Status"), lambda r: r.status),
                Column(_("Ansvarlig / art"), lambda r: r.who),
                Column(_("Hva"), lambda r: r.what, tooltip=lambda r: r.what),
            ]
        )
        self.links = make_table()
        self.links.setModel(self.links_model)
        self.links.setMinimumHeight(80)
        self.links.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        left.addWidget(self.links, 1)
        self.deviation_button = QPushButton(_("Nytt &avvik …"))
        self.deviation_button.clicked.connect(self.new_deviation)
        self.link_button = QPushButton(_("Knytt til avvik …"))
        self.link_button.clicked.connect(self.link_deviation)
        self.action_button = QPushButton(_("Nytt &tiltak …"))
        self.action_button.clicked.connect(self.new_action)
        link_buttons = QHBoxLayout()
        for b in (self.deviation_button, self.link_button, self.action_button):
            link_buttons.addWidget(b)
        link_buttons.addStretch(1)
        left.addLayout(link_buttons)

        timeline_head = QHBoxLayout()
        timeline_head.addWidget(self._heading(_("Tidslinje")))
        timeline_head.addStretch(1)
        right.addLayout(timeline_head)
        self.timeline_model = RowsModel(
            [
                Column(_("Tidspunkt"), lambda e: fmt_datetime(e.at)),
                Column(_("Hendelse"), lambda e: e.label),
                Column(
                    _("Detaljer"),
                    lambda e: e.details if e.kind is not EventKind.STOPPED else self._stop_line(),
                    tooltip=lambda e: e.text or None,
                ),
            ]
        )
        self.timeline = make_table()
        self.timeline.setWordWrap(True)
        self.timeline.setModel(self.timeline_model)
        self.timeline.setMinimumHeight(120)
        # Take what room there is, but do not ask for more (keeps the buttons in view).
        self.timeline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.timeline.doubleClicked.connect(lambda *_args: self.edit_event())
        self.timeline.selectionModel().currentRowChanged.connect(self._selection_changed)
        right.addWidget(self.timeline, 1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.event_buttons: dict[EventKind, QPushButton] = {}
        for i, kind in enumerate(ADDABLE_EVENTS):
            button = QPushButton(_(EVENT_BUTTON_TEXT[kind]))
            button.clicked.connect(lambda _checked=False, k=kind: self.add_event(k))
            grid.addWidget(button, i // 2, i % 2)
            self.event_buttons[kind] = button
        right.addLayout(grid)
        self.edit_event_button = QPushButton(_("Endre valgt …"))
        self.edit_event_button.setToolTip(
            _("Rett tidspunkt eller tekst for hendelsen (dobbeltklikk)")
        )
        self.edit_event_button.clicked.connect(self.edit_event)
        self.remove_event_button = QPushButton(_("Fjern valgt"))
        self.remove_event_button.setToolTip(_("Ta hendelsen ut av tidslinjen (Delete)"))
        self.remove_event_button.clicked.connect(self.remove_event)
        timeline_head.addWidget(self.edit_event_button)
        timeline_head.addWidget(self.remove_event_button)
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.timeline,
            context=Qt.ShortcutContext.WidgetShortcut,
        ).activated.connect(self.remove_event)
        self.show_detail(None)

    def heightForWidth(self, width: int) -> int:
        """At least the height every row needs at this width. The page's scroll area asks
        for the layout's preferred height, which Qt computes below the minimum when the
        wrapped facts (a long «Umiddelbar fare») sit beside the timeline; the rows were
        then squeezed and their last lines cut instead of the area scrolling."""
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return max(layout.totalHeightForWidth(width), layout.minimumHeightForWidth(width))

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: 700; color: #17324d; margin-top: 4px;")
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return label

    def _stop_line(self) -> str:
        d = self.detail
        return f"{d.row.stopped_by_name}: {d.row.work}" if d else ""

    # --- showing -------------------------------------------------------------------

    def show_stoppage(self, stoppage_id: str | None) -> None:
        """Read one stop on a worker thread and show it when it is in; what is shown
        stays until then."""
        if stoppage_id is None:
            self.show_detail(None)
            return
        self._wanted = stoppage_id
        self.loader.load(svc.get_stoppage, self.ctx.db, stoppage_id, then=self._arrived)

    def is_loading(self) -> bool:
        """Whether the stop is being read, or a one-click write is under way (the stop is
        read again after it)."""
        return self.loader.is_loading() or self._writing

    def _arrived(self, detail: svc.StoppageDetail) -> None:
        if detail.id == self._wanted:  # no other stop was shown since it was asked for
            self.show_detail(detail)

    def show_detail(self, detail: svc.StoppageDetail | None) -> None:
        self.detail = detail
        self._wanted = detail.id if detail else None
        has = detail is not None
        for w in self.findChildren(QPushButton):
            w.setEnabled(has)
        flags = detail.row.flags if detail and not detail.row.archived else []
        self.flag.setText("\n".join(f"{_(flag)} {_(FIXES[flag])}" for flag in flags))
        self.flag.setVisible(bool(flags))
        self.badge.setVisible(has)
        if detail is None:
            self.title.setText(_("Ingen stansing valgt."))
            for label in self.fact_labels.values():
                label.clear()
            self.timeline_model.set_rows([])
            self.links_model.set_rows([])
            return
        row = detail.row
        self.title.setText(f"{row.number} · {row.area_name}")
        self.badge.set_status(
            row.status_label if not row.archived else _("Arkivert"),
            "overdue" if row.is_open and not row.archived else "ok",
        )
        role = detail.stopped_by_role
        role = f" ({role[0].lower()}{role[1:]})" if role else ""
        values = {
            "stopped_by": f"{row.stopped_by_name}{role}",
            "stopped_at": fmt_datetime(row.stopped_at),
            "work": row.work,
            "danger": detail.danger,
            "why": detail.why_not_averted or _("— ikke fylt ut (Endre …) —"),
            "outcome": row.outcome.label if row.outcome else _("Ikke avgjort ennå"),
            "resumed": fmt_datetime(row.resumed_at) or _("Ikke gjenopptatt"),
            "reference": detail.authority_reference or "–",
        }
        for key, text in values.items():
            self.fact_labels[key].setText(text)
        self.timeline_model.set_rows(list(detail.timeline))
        fit_columns(self.timeline, 200)
        self.timeline.resizeRowsToContents()
        self.links_model.set_rows(_link_rows(detail))
        fit_columns(self.links, 160)
        self.event_buttons[EventKind.RESUMED].setEnabled(row.resumed_at is None)
        self.archive_button.setText(_("Hent fram") if row.archived else _("Arkiver"))
        if row.archived:
            for w in self.findChildren(QPushButton):
                w.setEnabled(w is self.archive_button or w is self.record_button)
        self._selection_changed()

    def _selection_changed(self, *_args) -> None:
        event = self.selected_event()
        editable = event is not None and event.id is not None
        archived = bool(self.detail and self.detail.row.archived)
        self.edit_event_button.setEnabled(editable and not archived)
        self.remove_event_button.setEnabled(editable and not archived)

    def selected_event(self) -> svc.EventInfo | None:
        index = self.timeline.currentIndex()
        return self.timeline_model.row_at(index.row()) if index.isValid() else None

    # --- actions -------------------------------------------------------------------

    def _saved(self) -> None:
        assert self.detail is not None
        self.changed.emit(self.detail.id)

    def _run(self, dialog) -> None:
        if dialog.exec():
            self._saved()

    def add_event(self, kind: EventKind) -> None:
        if self.detail is not None:
            self._run(EventDialog(self.ctx.db, self.detail, kind, parent=self))

    def edit_event(self) -> None:
        event = self.selected_event()
        if self.detail is None or event is None:
            return
        if event.id is None:  # the stop itself: edit the stop
            self.edit()
            return
        self._run(EventDialog(self.ctx.db, self.detail, event.kind, event, parent=self))

    def remove_event(self) -> None:
        event = self.selected_event()
        if self.detail is None or event is None or event.id is None or self._writing:
            return
        if not confirm(
            self,
            _("Fjern hendelse"),
            _(
                "Fjerne «{event}» ({time}) fra tidslinjen? "
                "Hendelsen arkiveres og finnes fortsatt i endringsloggen."
            ).format(event=event.label, time=fmt_datetime(event.at)),
            yes=_("Fjern"),
        ):
            return
        self._write(self.remove_event_button, partial(svc.remove_event, self.ctx.db, event.id))

    def edit(self) -> None:
        if self.detail is not None:
            self._run(EditStoppageDialog(self.ctx.db, self.detail, parent=self))

    def toggle_archive(self) -> None:
        if self.detail is None or self._writing:
            return
        row = self.detail.row
        if row.archived:
            work = partial(svc.restore_stoppage, self.ctx.db, row.id)
        elif confirm(
            self,
            _("Arkiver stansing"),
            _(
                "Arkivere {number}? Den forsvinner fra registeret og oversikten, men alt "
                "som er registrert beholdes og kan hentes fram igjen («Vis arkiverte»)."
            ).format(number=row.number),
            yes=_("Arkiver"),
        ):
            work = partial(svc.archive_stoppage, self.ctx.db, row.id)
        else:
            return
        self._write(self.archive_button, work)

    def _write(self, button: QPushButton, work: Callable[[], object]) -> None:
        """A one-click write on the worker thread; `button` waits until it is done, then
        the stop is read again (a refusal is shown instead)."""
        assert self.detail is not None
        stoppage_id = self.detail.id
        self._writing = True
        button.setEnabled(False)

        def finish(error: BaseException | None) -> None:
            self._writing = False
            if not alive(self):
                return
            button.setEnabled(True)
            if isinstance(error, UserError):
                show_error(self, str(error))
            elif error is not None:
                sys.excepthook(type(error), error, error.__traceback__)
            else:
                self.changed.emit(stoppage_id)

        run_task(work, on_done=lambda _result: finish(None), on_error=finish)

    def new_deviation(self) -> None:
        if self.detail is not None:
            self._run(DeviationDialog(self.ctx.db, self.detail, parent=self))

    def link_deviation(self) -> None:
        if self.detail is not None:
            self._run(LinkDeviationDialog(self.ctx.db, self.detail, parent=self))

    def new_action(self) -> None:
        if self.detail is not None:
            self._run(ActionDialog(self.ctx.db, self.detail, parent=self))

    def make_pdf(self, *, notice: bool) -> None:
        if self.detail is not None:
            stoppage_id = self.detail.id
            pdf.make_pdf(
                self,
                self.ctx.db,
                stoppage_id,
                notice=notice,
                number=self.detail.number,
                on_done=(lambda _path: self._ask_informed(stoppage_id)) if notice else None,
            )

    def _ask_informed(self, stoppage_id: str) -> None:
        """After the notice is written: whether and how the employer was informed."""
        if ask_employer_informed(self, self.ctx, stoppage_id):
            self.changed.emit(stoppage_id)

"""Risikovurderinger: the list per area with the highest residual risk and review date,
a preview of the selected assessment's matrix, and the editor for one assessment.

What the list shows (the areas of the filter, the rows, the selected assessment in full
for the preview and the current matrix version) is read in one go on a worker thread
(`read_list`); the old rows stay on screen until the new ones are in. Moving to another
row reads that assessment for the preview the same way.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.errors import UserError
from vernelogg.i18n import _, ngettext
from vernelogg.services import areas as area_service
from vernelogg.services import risk as risk_service
from vernelogg.services.areas import AreaInfo
from vernelogg.services.risk import AssessmentDetail, AssessmentRow, MatrixVersionInfo
from vernelogg.store.database import Database
from vernelogg.ui.common.loader import PageLoader
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, PageHeader, fit_columns, make_table
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.risk.dialogs import AssessmentDialog
from vernelogg.ui.risk.editor import AssessmentEditor, facts_text, marks_for
from vernelogg.ui.risk.matrix_dialog import MatrixDialog
from vernelogg.ui.risk.matrix_widget import RiskMatrixView


@dataclass(frozen=True)
class RiskList:
    """What the list shows, read together on a worker thread."""

    areas: list[AreaInfo] | None  # the area filter's choices; None when not read again
    area_id: str | None  # the area the rows are for (None: all, or the chosen one is gone)
    rows: list[AssessmentRow]
    selected: AssessmentDetail | None  # the row to select, in full for the preview
    version: MatrixVersionInfo


def read_list(
    db: Database,
    area_id: str | None,
    include_archived: bool,
    select_id: str | None,
    with_areas: bool,
) -> RiskList:
    """The list, its filter's areas (when asked) and the row to select, in full (the one
    with `select_id`, else the first). Runs on a worker thread: no widgets here."""
    areas = None
    if with_areas:
        areas = area_service.list_areas(db)
        if area_id is not None and all(a.id != area_id for a in areas):
            area_id = None  # the area is gone: the filter falls back to all
    rows = risk_service.list_assessments(db, area_id=area_id, include_archived=include_archived)
    row = next((r for r in rows if r.id == select_id), rows[0] if rows else None)
    selected = risk_service.get_assessment(db, row.id) if row is not None else None
    return RiskList(areas, area_id, rows, selected, risk_service.current_matrix_version(db))


class RiskPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loader = PageLoader(self)  # the list (or the open assessment, on a refresh)
        self.preview_loader = PageLoader(self)  # the assessment of the row moved to
        self._areas_wanted = False  # the area filter is read again with the next list
        self._placing = False  # the page itself selects a row: its preview came with it
        self._archiving = False  # «Arkiver» / «Hent fram» is being written
        self._preview_id: str | None = None  # whose preview should show
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self.list_view = self._build_list()
        self.stack.addWidget(self.list_view)
        self.editor = AssessmentEditor(ctx)
        self.editor.back.connect(self.show_list)
        self.editor.changed.connect(lambda _id: self.ctx.notify("risk"))
        self.stack.addWidget(self.editor)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_assessment)

    # --- list ------------------------------------------------------------------------

    def _build_list(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = PageHeader(
            _("Risikovurderinger"),
            _("Kartlegging av farer og risiko per verneområde (internkontrollforskriften § 5)."),
        )
        layout.addWidget(self.header)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("Ny risikovurdering"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip("Ctrl+N")  # i18n-ignore
        self.new_button.clicked.connect(self.new_assessment)
        self.open_button = QPushButton(_("Åpne"))
        self.open_button.setToolTip("Enter")  # i18n-ignore
        self.open_button.clicked.connect(self.open_selected)
        self.archive_button = QPushButton(_("Arkiver"))
        self.archive_button.clicked.connect(self.toggle_archive)
        for b in (self.open_button, self.archive_button):
            b.setEnabled(False)  # until a row is in and selected
        self.matrix_button = QPushButton(_("Risikomatrise …"))
        self.matrix_button.clicked.connect(self.edit_matrix)
        self.area_filter = QComboBox()
        self.area_filter.setAccessibleName(_("Vis verneområde"))
        self.area_filter.currentIndexChanged.connect(lambda *_args: self._load())
        self.show_archived = QCheckBox(_("Vis arkiverte"))
        self.show_archived.toggled.connect(lambda *_args: self._load())
        for b in (self.new_button, self.open_button, self.archive_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(_("Verneområde:")))
        buttons.addWidget(self.area_filter)
        buttons.addWidget(self.show_archived)
        buttons.addWidget(self.matrix_button)
        layout.addLayout(buttons)

        today = self.ctx.today
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RowsModel(
            [
                Column(_("Nr."), lambda r: r.number),
                Column(_("Verneområde"), lambda r: r.area_name),
                Column(_("Risikovurdering"), _title_text),
                Column(_("Dato"), lambda r: fmt_date(r.assessed_on)),
                Column(
                    _("Høyeste restrisiko"),
                    lambda r: _level_text(r),
                    background=lambda r: (
                        r.highest_residual.acceptance.color if r.highest_residual else None
                    ),
                ),
                Column(
                    _("Neste gjennomgang"),
                    lambda r: _review_text(r, today()),
                    foreground=lambda r: _review_colour(r, today()),
                ),
                Column(_("Status"), lambda r: r.status.label),
                Column(
                    _("VO"),
                    lambda r: _("Sent/ikke informert") if r.vo_warning else "",
                    foreground=lambda r: STATUS_COLORS["overdue"] if r.vo_warning else None,
                    tooltip=lambda r: r.vo_warning,
                ),
                Column(_("Type"), lambda r: r.kind.label),
            ]
        )
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Risikovurderinger"))
        self.table.activated.connect(lambda *_args: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._row_changed())
        split.addWidget(self.table)

        preview = QWidget()
        row = QHBoxLayout(preview)
        row.setContentsMargins(0, 8, 0, 0)
        about = QWidget()
        pv = QVBoxLayout(about)
        pv.setContentsMargins(0, 0, 0, 0)
        self.preview_title = QLabel()
        self.preview_title.setObjectName("cardTitle")
        self.preview_title.setWordWrap(True)
        pv.addWidget(self.preview_title)
        self.preview_facts = QLabel()
        self.preview_facts.setWordWrap(True)
        self.preview_facts.setStyleSheet("color: #3c4043;")
        pv.addWidget(self.preview_facts)
        self.preview_warning = QLabel()
        self.preview_warning.setObjectName("warning")
        self.preview_warning.setWordWrap(True)
        pv.addWidget(self.preview_warning)
        self.preview_hazards = QLabel()
        self.preview_hazards.setWordWrap(True)
        self.preview_hazards.setAlignment(Qt.AlignmentFlag.AlignTop)
        pv.addWidget(self.preview_hazards, 1)
        hint = QLabel(_("Enter eller dobbeltklikk åpner vurderingen."))
        hint.setStyleSheet("color: #5f6368;")
        pv.addWidget(hint)
        row.addWidget(about, 1)
        self.preview_matrix = RiskMatrixView()
        self.preview_matrix.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview_matrix.show_current = False
        self.preview_matrix.setAccessibleName(_("Risikomatrise for valgt vurdering"))
        self.preview_matrix.setMinimumWidth(440)
        self.preview_matrix.setMaximumWidth(520)
        row.addWidget(self.preview_matrix, 1)
        split.addWidget(preview)
        split.setSizes([300, 330])
        layout.addWidget(split, 1)
        return page

    # --- loading -------------------------------------------------------------------

    def _load(self, select_id: str | None = None, *, with_areas: bool = False) -> None:
        """Read the list for the filter as it is now, on a worker thread; the rows on
        screen stay until the new ones are in. The selection stays on the same
        assessment (or moves to `select_id`)."""
        current = self.selected()
        select_id = select_id or (current.id if current else None)
        self._areas_wanted = self._areas_wanted or with_areas
        self.loader.load(
            read_list,
            self.ctx.db,
            self.area_filter.currentData(),
            self.show_archived.isChecked(),
            select_id,
            self._areas_wanted,
            then=self._show,
        )

    def is_loading(self) -> bool:
        """Whether something is read, or a one-click write is under way (what is shown
        is read again after it)."""
        return (
            self.loader.is_loading()
            or self.preview_loader.is_loading()
            or self._archiving
            or self.editor.is_writing()
        )

    def _show(self, data: RiskList) -> None:
        if data.areas is not None:
            self._areas_wanted = False
            self._show_areas(data.areas, data.area_id)
        rows = data.rows
        chosen = data.selected.id if data.selected else None
        row = next((i for i, r in enumerate(rows) if r.id == chosen), -1)
        self._placing = True
        try:
            self.model.set_rows(rows)
            fit_columns(self.table, 190)
            if row >= 0:
                self.table.selectRow(row)
        finally:
            self._placing = False
        self._row_changed(read=False)
        self._show_preview(data.selected if row >= 0 else None)
        version = data.version
        overdue = sum(1 for r in rows if r.review_status(self.ctx.today()) is Status.OVERDUE)
        subtitle = ngettext(
            "{n} vurderinger · {overdue} med forfalt gjennomgang · "
            "gjeldende risikomatrise: {version}",
            "{n} vurderinger · {overdue} med forfalt gjennomgang · "
            "gjeldende risikomatrise: {version}",
            len(rows),
        ).format(n=len(rows), overdue=overdue, version=version.label.lower())
        if version.is_shipped_default:
            subtitle += " " + _("(standardmatrisen – gå gjennom skala og akseptkriterier før bruk)")
        self.header.set_subtitle(subtitle)

    def _show_areas(self, areas: list[AreaInfo], area_id: str | None) -> None:
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.addItem(_("Alle"), None)
        for a in areas:
            self.area_filter.addItem(a.name, a.id)
        self.area_filter.setCurrentIndex(max(0, self.area_filter.findData(area_id)))
        self.area_filter.blockSignals(False)

    def rows(self) -> list[AssessmentRow]:
        return list(self.model.rows)

    def selected(self) -> AssessmentRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # --- preview ---------------------------------------------------------------------

    def _row_changed(self, read: bool = True) -> None:
        """Another row is selected: its buttons at once, its preview when it is read."""
        if self._placing:
            return
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None and not self._archiving)
        if row is not None:
            self.archive_button.setText(_("Hent fram") if row.archived else _("Arkiver"))
        if not read:
            return
        if row is None:
            self._show_preview(None)
            return
        self._preview_id = row.id
        self.preview_loader.load(
            risk_service.get_assessment, self.ctx.db, row.id, then=self._preview_arrived
        )

    def _preview_arrived(self, info: AssessmentDetail) -> None:
        if info.id == self._preview_id:  # not a row left since
            self._show_preview(info)

    def _show_preview(self, info: AssessmentDetail | None) -> None:
        self._preview_id = info.id if info else None
        if info is None:
            self.preview_title.setText(
                _("Ingen risikovurderinger ennå – lag den første med Ctrl+N.")
            )
            self.preview_facts.clear()
            self.preview_warning.hide()
            self.preview_hazards.clear()
            self.preview_matrix.set_matrix(None)
            self.preview_matrix.hide()  # an empty grid read «Ingen risikomatrise»
            return
        self.preview_matrix.show()
        self.preview_title.setText(info.title)
        self.preview_facts.setText(
            facts_text(info, self.ctx.today())
            + "\n"
            + ngettext(
                "{n} farer · {approval}", "{n} farer · {approval}", len(info.hazards)
            ).format(n=len(info.hazards), approval=risk_service.approval_text(info))
        )
        self.preview_warning.setText(info.vo_warning or "")
        self.preview_warning.setVisible(bool(info.vo_warning))
        self.preview_hazards.setText(
            "\n".join(
                f"{h.number}. {h.description} ({h.before.score} → {h.after.score})"
                for h in info.hazards
            )
            + "\n\n"
            + _("○ før tiltak   ● etter nye tiltak")
        )
        self.preview_matrix.set_matrix(info.matrix, marks_for(info))

    # --- actions ---------------------------------------------------------------------

    def new_assessment(self) -> None:
        area = self.area_filter.currentData()
        dialog = AssessmentDialog(self.ctx.db, today=self.ctx.today(), area_id=area, parent=self)
        if dialog.exec():
            self.ctx.notify("risk")
            self.open(dialog.saved().id)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open(row.id)

    def open(self, assessment_id: str) -> None:
        self.editor.load(assessment_id)
        self.stack.setCurrentWidget(self.editor)
        self.editor.hazards.setFocus()

    def show_list(self) -> None:
        select = self.editor.info.id if self.editor.info else None
        self.stack.setCurrentWidget(self.list_view)
        self._load(select)
        self.table.setFocus()

    def toggle_archive(self) -> None:
        row = self.selected()
        if row is None or self._archiving:
            return
        if row.archived:
            work = partial(risk_service.restore_assessment, self.ctx.db, row.id)
        elif confirm(
            self,
            _("Arkiver risikovurdering"),
            _(
                "Arkivere «{title}»? Den forsvinner fra listen og fristene, men alt "
                "beholdes og kan hentes fram igjen."
            ).format(title=row.title),
            yes=_("Arkiver"),
        ):
            work = partial(risk_service.archive_assessment, self.ctx.db, row.id)
        else:
            return
        # Written on the worker thread; «Arkiver» waits until it is done.
        self._archiving = True
        self.archive_button.setEnabled(False)
        run_task(work, on_done=lambda _r: self._archived(None), on_error=self._archived)

    def _archived(self, error: BaseException | None) -> None:
        self._archiving = False
        if not alive(self):
            return
        self.archive_button.setEnabled(self.selected() is not None)
        if isinstance(error, UserError):
            show_error(self, str(error))
        elif error is not None:
            sys.excepthook(type(error), error, error.__traceback__)
        self.ctx.notify("risk")

    def edit_matrix(self) -> None:
        if MatrixDialog(self.ctx.db, parent=self).exec():
            self.ctx.notify("risk")

    def refresh(self) -> None:
        """Read again on a worker thread what is shown: the list, or the open assessment
        (the area filter then follows with the next list)."""
        if self.stack.currentWidget() is self.editor and self.editor.info is not None:
            self._areas_wanted = True
            self.loader.load(
                risk_service.get_assessment,
                self.ctx.db,
                self.editor.info.id,
                then=self._editor_arrived,
            )
        else:
            self._load(with_areas=True)

    def _editor_arrived(self, info: AssessmentDetail) -> None:
        open_now = self.editor.info
        if self.stack.currentWidget() is self.editor and open_now and open_now.id == info.id:
            self.editor.show_info(info)


def _level_text(row: AssessmentRow) -> str:
    top = row.highest_residual
    if top is None:
        return _("Ingen farer")
    return f"{top.score} {top.acceptance.label}"


def _review_text(row: AssessmentRow, today) -> str:
    if row.review_on is None:
        return "—"
    status = row.review_status(today)
    text = fmt_date(row.review_on)
    if status is Status.OVERDUE:
        return _("{date} (forfalt)").format(date=text)
    if status is Status.DUE_SOON:
        return _("{date} (snart)").format(date=text)
    return text


def _title_text(row: AssessmentRow) -> str:
    return _("{title} (arkivert)").format(title=row.title) if row.archived else row.title


def _review_colour(row: AssessmentRow, today) -> str | None:
    status = row.review_status(today)
    if status in (Status.OVERDUE, Status.DUE_SOON):
        return STATUS_COLORS[status.value]
    return None

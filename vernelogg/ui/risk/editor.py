"""One risk assessment open for work: facts, hazards table, the matrix and the tiltak."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.deadlines import Status
from vernelogg.domain.formatting import fmt_date
from vernelogg.errors import UserError
from vernelogg.i18n import _
from vernelogg.services import risk as risk_service
from vernelogg.services.risk import AssessmentDetail, HazardInfo
from vernelogg.ui.common.files import PDF, ask_save_path
from vernelogg.ui.common.messages import confirm, show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import STATUS_COLORS, fit_columns, make_table
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.context import AppContext
from vernelogg.ui.risk.dialogs import (
    ApproveDialog,
    AssessmentDialog,
    HazardDialog,
    NewActionsDialog,
    ReviewDialog,
)
from vernelogg.ui.risk.matrix_widget import MatrixMark, RiskMatrixView


def hazard_columns() -> list[Column]:
    return [
        Column(_("Nr"), lambda h: h.number, align_right=True),
        Column(_("Uønsket hendelse"), lambda h: h.description.replace("\n", " ")),
        Column(
            _("Før"),
            lambda h: h.before.text,
            background=lambda h: h.before.acceptance.color,
            tooltip=lambda h: h.before.acceptance.label,
        ),
        Column(
            _("Etter"),
            lambda h: h.after.text,
            background=lambda h: h.after.acceptance.color,
            tooltip=lambda h: h.after.acceptance.label,
        ),
        Column(_("Kategori"), lambda h: h.category.short),
        Column(_("Eksisterende tiltak"), lambda h: h.existing_measures.replace("\n", " ")),
        Column(_("Nye tiltak"), lambda h: "; ".join(a.title for a in h.actions)),
    ]


def _action_deadline(item, today) -> str | None:
    return STATUS_COLORS["overdue"] if item.action.is_overdue(today) else None


def marks_for(info: AssessmentDetail) -> list[MatrixMark]:
    marks = []
    for h in info.hazards:
        for after, lv in ((False, h.before), (True, h.after)):
            marks.append(
                MatrixMark(h.number, lv.probability, lv.consequence, after, h.id, h.description)
            )
    return marks


def facts_text(info: AssessmentDetail, today=None) -> str:
    parts = [
        info.area_name,
        info.kind.label,
        fmt_date(info.assessed_on),
        _("Verneombudet deltok") if info.vo_participated else _("Verneombudet deltok ikke"),
    ]
    if info.vo_informed_on:
        parts.append(_("VO informert {date}").format(date=fmt_date(info.vo_informed_on)))
    if info.decided_on:
        parts.append(_("beslutning {date}").format(date=fmt_date(info.decided_on)))
    if info.review_on is None:
        parts.append(_("ingen gjennomgang"))
    else:
        date = fmt_date(info.review_on)
        if today is not None and info.review_status(today) is Status.OVERDUE:
            parts.append(_("neste gjennomgang {date} (forfalt)").format(date=date))
        else:
            parts.append(_("neste gjennomgang {date}").format(date=date))
    text = " · ".join(parts)
    if info.participants:
        text += "\n" + _("Deltakere: {names}").format(names=", ".join(info.participant_list))
    if info.responsible_name:
        text += " · " + _("ansvarlig leder: {name}").format(name=info.responsible_name)
    return text


class AssessmentEditor(QWidget):
    back = Signal()
    changed = Signal(str)  # assessment id
    pdf_written = Signal(Path)  # the PDF is written (and opened when asked)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.info: AssessmentDetail | None = None
        self._writing = False  # a one-click write (_run) is under way
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        self.back_button = QPushButton(_("← Alle risikovurderinger"))
        self.back_button.setToolTip("Esc")  # i18n-ignore
        self.back_button.clicked.connect(self.back.emit)
        top.addWidget(self.back_button)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title, 1)
        self.status = QLabel()
        top.addWidget(self.status)
        layout.addLayout(top)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        self.vo_warning = QLabel()
        self.vo_warning.setObjectName("warning")
        self.vo_warning.setWordWrap(True)
        layout.addWidget(self.vo_warning)
        self.matrix_notice = QLabel()
        self.matrix_notice.setObjectName("notice")
        self.matrix_notice.setWordWrap(True)
        layout.addWidget(self.matrix_notice)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_("Endre …"))
        self.edit_button.clicked.connect(self.edit_assessment)
        self.new_hazard_button = QPushButton(_("Ny fare …"))
        self.new_hazard_button.setObjectName("primary")
        self.new_hazard_button.setToolTip("Ctrl+Shift+N")  # i18n-ignore
        self.new_hazard_button.clicked.connect(self.new_hazard)
        self.edit_hazard_button = QPushButton(_("Endre fare …"))
        self.edit_hazard_button.clicked.connect(self.edit_hazard)
        self.actions_button = QPushButton(_("Nye tiltak …"))
        self.actions_button.clicked.connect(self.new_actions)
        self.remove_hazard_button = QPushButton(_("Ta ut fare"))
        self.remove_hazard_button.clicked.connect(self.remove_hazard)
        self.approve_button = QPushButton(_("Godkjenn …"))
        self.approve_button.clicked.connect(self.approve_or_reopen)
        self.review_button = QPushButton(_("Gjennomgang …"))
        self.review_button.clicked.connect(self.record_review)
        self.switch_button = QPushButton(_("Bruk gjeldende matrise"))
        self.switch_button.clicked.connect(self.switch_matrix)
        self.pdf_button = QPushButton(_("PDF …"))
        self.pdf_button.setToolTip("Ctrl+P")  # i18n-ignore
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        # The assessment's actions, locked together while one of them writes.
        self.action_buttons = [
            self.edit_button,
            self.new_hazard_button,
            self.edit_hazard_button,
            self.actions_button,
            self.remove_hazard_button,
            self.approve_button,
            self.review_button,
            self.switch_button,
        ]
        for b in self.action_buttons:
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        layout.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>{}</b>".format(_("Farer (uønskede hendelser)"))))
        self.hazards_model = RowsModel(hazard_columns())
        self.hazards = make_table()
        self.hazards.setModel(self.hazards_model)
        self.hazards.setAccessibleName(_("Farer"))
        self.hazards.activated.connect(lambda *_args: self.edit_hazard())
        self.hazards.selectionModel().currentRowChanged.connect(
            lambda *_args: self._hazard_selected()
        )
        left_layout.addWidget(self.hazards, 3)
        left_layout.addWidget(QLabel("<b>{}</b>".format(_("Tiltak"))))
        today = ctx.today
        self.actions_model = RowsModel(
            [
                Column(_("Tiltak"), lambda r: r.action.title),
                Column(_("Fare"), lambda r: r.hazard_number or "", align_right=True),
                Column(_("Ansvarlig"), lambda r: r.action.owner_name or ""),
                Column(
                    _("Frist"),
                    lambda r: fmt_date(r.action.deadline),
                    foreground=lambda r: _action_deadline(r, today()),
                ),
                Column(_("Status"), lambda r: r.action.status.label),
            ]
        )
        self.actions_table = make_table()
        self.actions_table.setModel(self.actions_model)
        self.actions_table.setAccessibleName(_("Tiltak"))
        left_layout.addWidget(self.actions_table, 2)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        self.matrix_title = QLabel()
        right_layout.addWidget(self.matrix_title)
        self.matrix = RiskMatrixView()
        self.matrix.setMinimumSize(340, 300)
        self.matrix.cellActivated.connect(self._show_cell)
        self.matrix.currentCellChanged.connect(self._show_cell)
        right_layout.addWidget(self.matrix, 3)
        legend = QLabel(
            _("○ før tiltak   ● etter nye tiltak   (Enter/mellomrom: vis farene i ruten)")
        )
        legend.setStyleSheet("color: #5f6368;")
        right_layout.addWidget(legend)
        self.cell_detail = QLabel()
        self.cell_detail.setWordWrap(True)
        self.cell_detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.cell_detail.setObjectName("cellDetail")
        self.cell_detail.setMinimumHeight(60)
        right_layout.addWidget(self.cell_detail, 1)
        split.addWidget(right)
        split.setSizes([620, 420])
        layout.addWidget(split, 1)

        QShortcut(QKeySequence("Ctrl+Shift+N"), self).activated.connect(self.new_hazard)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(lambda: self.export_pdf())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.back.emit)

    # --- showing ---------------------------------------------------------------------

    def load(self, assessment_id: str) -> None:
        self.show_info(risk_service.get_assessment(self.ctx.db, assessment_id))

    def show_info(self, info: AssessmentDetail) -> None:
        self.info = info
        self.title.setText(f"{info.number} · {info.title}")
        if info.archived:
            self._set_status(_("Arkivert"), "missing")
        elif info.is_approved:
            self._set_status(_("Godkjent"), "ok")
        else:
            self._set_status(_("Utkast"), "due_soon")
        facts = facts_text(info, self.ctx.today())
        if info.is_approved:
            facts += f"\n{risk_service.approval_text(info)}"
        if info.last_reviewed_on:
            facts += " · " + _("sist gjennomgått {date}").format(
                date=fmt_date(info.last_reviewed_on)
            )
        self.facts.setText(facts)
        warning = info.vo_warning
        self.vo_warning.setText(warning or "")
        self.vo_warning.setVisible(bool(warning))
        old_matrix = not info.uses_current_matrix
        self.matrix_notice.setText(
            _(
                "Laget med risikomatrise versjon {used}; gjeldende er versjon {current}. "
                "Fargene følger matrisen vurderingen ble gjort med."
            ).format(used=info.matrix_version.number, current=info.current_matrix_number)
            if old_matrix
            else ""
        )
        self.matrix_notice.setVisible(old_matrix)
        locked = info.is_approved or info.archived
        for b in (
            self.edit_button,
            self.new_hazard_button,
            self.edit_hazard_button,
            self.actions_button,
            self.remove_hazard_button,
        ):
            b.setEnabled(not locked)
        self.switch_button.setVisible(old_matrix and not locked)
        self.approve_button.setText(_("Gjenåpne") if info.is_approved else _("Godkjenn …"))
        self.approve_button.setEnabled(not info.archived)
        self.review_button.setEnabled(not info.archived)
        self.hazards_model.set_rows(info.hazards)
        fit_columns(self.hazards, 230)
        self.actions_model.set_rows(info.actions)
        fit_columns(self.actions_table, 260)
        self.matrix_title.setText(
            "<b>{}</b> – {}".format(_("Risikomatrise"), info.matrix_version.label)
            + " · "
            + _("høyeste restrisiko: {level}").format(level=self._highest_text(info))
        )
        self.matrix.set_matrix(info.matrix, marks_for(info))
        self._show_cell(*self.matrix.current_cell())

    def _set_status(self, text: str, status: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(
            f"QLabel {{ color: white; background: {STATUS_COLORS[status]}; border-radius: 8px; "
            "padding: 2px 10px; font-weight: 600; }"
        )

    @staticmethod
    def _highest_text(info: AssessmentDetail) -> str:
        top = info.highest_residual
        return f"{top.text} ({top.acceptance.label.lower()})" if top else "—"

    def selected_hazard(self) -> HazardInfo | None:
        index = self.hazards.currentIndex()
        return self.hazards_model.row_at(index.row()) if index.isValid() else None

    def _hazard_selected(self) -> None:
        hazard = self.selected_hazard()
        if hazard is not None:
            self.matrix.set_current_cell(hazard.after.probability, hazard.after.consequence)

    def _show_cell(self, p: int, c: int) -> None:
        if self.info is None:
            return
        text = self.matrix.cell_description(p, c)
        by_number = {h.number: h for h in self.info.hazards}
        lines = []
        for m in sorted(self.matrix.marks_in_cell(p, c), key=lambda m: (m.after, m.number)):
            h = by_number.get(m.number)
            if h:
                when = _("etter tiltak") if m.after else _("før tiltak")
                lines.append(f"{m.number} ({when}): {h.description}")
        self.cell_detail.setText(text + ("\n" + "\n".join(lines) if lines else ""))

    # --- actions ---------------------------------------------------------------------

    def _done(self, info: AssessmentDetail | None = None) -> None:
        if self.info is None:
            return
        if info is None:
            self.load(self.info.id)
        else:
            self.show_info(info)
        self.changed.emit(self.info.id)

    def edit_assessment(self) -> None:
        if self.info is None:
            return
        dialog = AssessmentDialog(self.ctx.db, self.info, today=self.ctx.today(), parent=self)
        if dialog.exec():
            self._done(dialog.result_value)

    def new_hazard(self) -> None:
        if self.info is None or not self.new_hazard_button.isEnabled():
            return
        dialog = HazardDialog(self.ctx.db, self.info, parent=self)
        if dialog.exec():
            self._done()
            self.hazards.selectRow(len(self.info.hazards) - 1)

    def edit_hazard(self) -> None:
        hazard = self.selected_hazard()
        if self.info is None or hazard is None or not self.edit_hazard_button.isEnabled():
            return
        if HazardDialog(self.ctx.db, self.info, hazard, parent=self).exec():
            self._done()

    def new_actions(self) -> None:
        hazard = self.selected_hazard()
        if self.info is None:
            return
        if hazard is None:
            show_error(
                self, _("Velg faren tiltakene gjelder i tabellen først."), _("Ingen fare valgt")
            )
            return
        if NewActionsDialog(self.ctx.db, self.info, hazard, parent=self).exec():
            self._done()

    def remove_hazard(self) -> None:
        hazard = self.selected_hazard()
        if hazard is None:
            return
        if confirm(
            self,
            _("Ta ut fare"),
            _(
                "Ta ut fare {number} «{description}» fra vurderingen? Den arkiveres og kan ses "
                "i endringsloggen. Tiltak som er opprettet, blir stående i handlingsplanen."
            ).format(number=hazard.number, description=hazard.description),
            yes=_("Ta ut"),
        ):
            self._run(partial(risk_service.archive_hazard, self.ctx.db, hazard.id))

    def approve_or_reopen(self) -> None:
        if self.info is None:
            return
        if self.info.is_approved:
            if confirm(
                self,
                _("Gjenåpne risikovurdering"),
                _(
                    "Gjenåpne vurderingen for endring? Godkjenningen fjernes og må gjøres på "
                    "nytt; den gamle godkjenningen står i endringsloggen."
                ),
                yes=_("Gjenåpne"),
            ):
                self._run(partial(risk_service.reopen_assessment, self.ctx.db, self.info.id))
            return
        dialog = ApproveDialog(self.ctx.db, self.info, self.ctx.today(), parent=self)
        if dialog.exec():
            self._done(dialog.result_value)

    def record_review(self) -> None:
        if self.info is None:
            return
        dialog = ReviewDialog(self.ctx.db, self.info, self.ctx.today(), parent=self)
        if dialog.exec():
            self._done(dialog.result_value)

    def switch_matrix(self) -> None:
        if self.info is not None and confirm(
            self,
            _("Bruk gjeldende matrise"),
            _("Fargene beregnes på nytt med gjeldende risikomatrise. Fortsette?"),
            yes=_("Bruk gjeldende"),
        ):
            self._run(partial(risk_service.switch_to_current_matrix, self.ctx.db, self.info.id))

    def _run(self, work: Callable[[], object]) -> None:
        """A one-click write («Ta ut fare», «Gjenåpne», «Bruk gjeldende matrise») on the
        worker thread; the editor's buttons wait until it is done."""
        if self._writing:
            return
        self._writing = True
        was = [(b, b.isEnabled()) for b in self.action_buttons]
        for b in self.action_buttons:
            b.setEnabled(False)

        def finish() -> bool:
            self._writing = False
            if not alive(self):
                return False
            for b, enabled in was:
                b.setEnabled(enabled)
            return True

        def written(result: object) -> None:
            if finish():
                self._done(result if isinstance(result, AssessmentDetail) else None)

        def refused(error: BaseException) -> None:
            if not finish():
                return
            if isinstance(error, UserError):
                show_error(self, str(error))
            else:
                sys.excepthook(type(error), error, error.__traceback__)

        run_task(work, on_done=written, on_error=refused)

    def is_writing(self) -> bool:
        return self._writing

    def export_pdf(self, path: str | None = None, *, open_after: bool = True) -> None:
        if self.info is None:
            return
        if path is None:
            safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in self.info.title)
            chosen = ask_save_path(
                self,
                _("Lagre risikovurdering som PDF"),
                _("Risikovurdering - {title}.pdf").format(title=safe),
                [PDF],
            )
            if chosen is None:
                return
            path = str(chosen)
        from vernelogg.reports.risk import write_risk_report

        self.pdf_button.setEnabled(False)
        self.pdf_button.setText(_("Lager PDF …"))
        run_task(
            write_risk_report,
            self.ctx.db,
            self.info.id,
            path,
            on_done=lambda _r: self._pdf_done(path, open_after),
            on_error=self._pdf_failed,
        )

    def _pdf_done(self, path: str, open_after: bool) -> None:
        self.pdf_button.setEnabled(True)
        self.pdf_button.setText(_("PDF …"))
        self.pdf_written.emit(Path(path))
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _pdf_failed(self, error: BaseException) -> None:
        self.pdf_button.setEnabled(True)
        self.pdf_button.setText(_("PDF …"))
        show_error(self, _("Kunne ikke lage PDF: {error}").format(error=error))

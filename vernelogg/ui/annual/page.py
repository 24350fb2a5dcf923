"""Årsoversikt: the annual HMS summary for a chosen year, as on paper, plus PDF and xlsx."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import itemgetter
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vernelogg import i18n
from vernelogg.i18n import N_, _
from vernelogg.services import annual
from vernelogg.services.annual.model import AnnualSummary, TableData, YearInputs
from vernelogg.services.errors import ValidationError
from vernelogg.ui.annual.chart import BarChartWidget
from vernelogg.ui.common.files import PDF, XLSX, ask_save_path
from vernelogg.ui.common.form_dialog import FormDialog
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.table import Column, RowsModel
from vernelogg.ui.common.widgets import Card, PageHeader, clear_layout, fit_columns, make_table
from vernelogg.ui.common.worker import run_task
from vernelogg.ui.context import AppContext


def _table_view(data: TableData) -> QWidget:
    model = RowsModel(
        [
            Column(title, itemgetter(i), align_right=i in data.numeric_columns)
            for i, title in enumerate(data.header)
        ],
        data.rows,
    )
    view = make_table()
    view.setModel(model)
    model.setParent(view)  # the view keeps the model alive
    fit_columns(view)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(header.count()):
        header.resizeSection(column, header.sectionSize(column) + 8)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    view.setMaximumWidth(header.length() + 4)
    view.setFixedHeight(
        view.horizontalHeader().height()
        + 26 * max(1, len(data.rows))
        + view.horizontalScrollBar().sizeHint().height()
        + 4
    )
    return view


def _english() -> bool:
    return i18n.language() == "en"


def _number(text: str, label: str, field: str, errors: dict, integer: bool = False):
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    # «1 234,5» in Norwegian; «1,234.5» in English, where the comma groups thousands.
    text = text.replace(",", "") if _english() else text.replace(",", ".")
    if not text:
        return None
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        if integer:
            errors[field] = _("{label} må være et tall (helt tall).").format(label=label)
        else:
            errors[field] = _("{label} må være et tall.").format(label=label)
        return None
    return value


def _shown(value: float) -> str:
    """A figure for editing: «1234,5» in Norwegian, «1234.5» in English."""
    text = f"{value:g}"
    return text if _english() else text.replace(".", ",")


class InputsDialog(FormDialog[YearInputs]):
    """Optional yearly figures: hours worked, lost-time injuries, sick leave. The figures
    are read here; the save runs on the worker thread."""

    FIELDS = (
        (
            "hours_worked",
            N_("Utførte timeverk"),
            False,
            N_("Gir H-verdien (fraværsskader per million timeverk)."),
        ),
        (
            "lost_time_injuries",
            N_("Fraværsskader"),
            True,
            N_("Skader som ga fravær ut over skadedagen."),
        ),
        (
            "sick_leave_days",
            N_("Sykefraværsdager"),
            False,
            N_("Tapte dagsverk på grunn av sykdom."),
        ),
        ("agreed_work_days", N_("Avtalte dagsverk"), False, N_("Gir sykefraværsprosenten.")),
    )

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(_("Nøkkeltall for {year}").format(year=year), parent)
        self.ctx, self.year = ctx, year
        current = annual.get_inputs(ctx.db, year)
        self.edits: dict[str, QLineEdit] = {}
        for field, label, _integer, hint in self.FIELDS:
            value = getattr(current, field)
            text = "" if value is None else _shown(value)
            edit = QLineEdit(text)
            edit.setPlaceholderText(_("ikke registrert"))
            self.edits[field] = self.form.add_row(field, _(label), edit, hint=_(hint))
        self.form.finish()

    def writer(self) -> Callable[[], YearInputs]:
        errors: dict[str, str] = {}
        values = {
            field: _number(self.edits[field].text(), _(label), field, errors, integer)
            for field, label, integer, _hint in self.FIELDS
        }
        if errors:
            raise ValidationError(errors)
        return partial(annual.save_inputs, self.ctx.db, self.year, YearInputs(**values))


class AnnualPage(QWidget):
    pdf_written = Signal(Path)  # the PDF is written (and opened when asked)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.summary: AnnualSummary | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(
            PageHeader(
                _("Årsoversikt"),
                _(
                    "Årlig gjennomgang av HMS-arbeidet (internkontrollforskriften § 5), totalt og "
                    "per verneområde, sammenlignet med året før."
                ),
            )
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("År:")))
        self.year_box = QComboBox()
        self.year_box.currentIndexChanged.connect(self._year_changed)
        bar.addWidget(self.year_box)
        self.inputs_button = QPushButton(_("Nøkkeltall for året …"))
        self.inputs_button.clicked.connect(self.edit_inputs)
        bar.addWidget(self.inputs_button)
        bar.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(200)
        self.progress.hide()
        bar.addWidget(self.progress)
        self.xlsx_button = QPushButton(_("Eksporter til Excel …"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        bar.addWidget(self.xlsx_button)
        self.pdf_button = QPushButton(_("Lag PDF …"))
        self.pdf_button.setObjectName("primary")
        self.pdf_button.clicked.connect(self.make_pdf)
        bar.addWidget(self.pdf_button)
        layout.addLayout(bar)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 8, 8, 8)
        self.body.setSpacing(12)
        layout.addWidget(scroll, 1)
        self._loading = False

    # --- data ----------------------------------------------------------------------

    def refresh(self) -> None:
        years = annual.available_years(self.ctx.db, self.ctx.today())
        current = self.year_box.currentData()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in years:
            self.year_box.addItem(str(y), y)
        index = self.year_box.findData(current if current in years else years[0])
        self.year_box.setCurrentIndex(max(0, index))
        self.year_box.blockSignals(False)
        self.load(self.year_box.currentData())

    def _year_changed(self) -> None:
        year = self.year_box.currentData()
        if year is not None:
            self.load(year)

    def selected_year(self) -> int:
        return int(self.year_box.currentData())

    def load(self, year: int) -> None:
        """Build the summary on a worker thread; the window stays responsive."""
        self._loading = True
        self._busy(True, _("Henter tall …"))
        run_task(
            annual.build_summary,
            self.ctx.db,
            year,
            self.ctx.today(),
            on_done=self._show,
            on_error=self._failed,
            on_progress=self._progress,
        )

    def is_loading(self) -> bool:
        return self._loading

    def _busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.progress.setFormat(text + " %p%")
        for w in (self.pdf_button, self.xlsx_button, self.inputs_button):
            w.setEnabled(not busy)

    def _progress(self, pct: int, text: str) -> None:
        self.progress.setValue(pct)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self._busy(False)
        show_error(self, str(error))

    def _show(self, summary: AnnualSummary) -> None:
        self._loading = False
        self._busy(False)
        if summary.year != self.year_box.currentData():
            return  # the user picked another year meanwhile
        self.summary = summary
        clear_layout(self.body)
        figures = Card(
            _("Nøkkeltall {year} (mot {previous})").format(
                year=summary.year, previous=summary.year - 1
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for i, f in enumerate(summary.key_figures):
            name = QLabel(f.label)
            value = QLabel(f"<b>{f.text()}</b>")  # i18n-ignore
            value.setObjectName(f"figure_{i}")
            change = QLabel(f.change)
            change.setStyleSheet("color: #5f6368;")
            if f.note:  # the explanation is in the PDF; on screen it is a tooltip
                for label in (name, value, change):
                    label.setToolTip(f.note)
            row, col = divmod(i, 2)
            grid.addWidget(name, row, col * 3)
            grid.addWidget(value, row, col * 3 + 1)
            grid.addWidget(change, row, col * 3 + 2)
        figures.body.addLayout(grid)
        self.body.addWidget(figures)
        area_card = Card(summary.area_table.title)
        area_card.body.addWidget(_table_view(summary.area_table))
        self.body.addWidget(area_card)
        for section in summary.sections:
            card = Card(section.title)
            if section.intro:
                intro = QLabel(section.intro)
                intro.setWordWrap(True)
                card.body.addWidget(intro)
            for chart in section.charts:
                card.body.addWidget(BarChartWidget(chart))
            for data in section.tables:
                card.body.addWidget(QLabel(f"<b>{data.title}</b>"))  # i18n-ignore
                card.body.addWidget(_table_view(data))
            for note in section.notes:
                label = QLabel(note)
                label.setObjectName("notice")
                label.setWordWrap(True)
                card.body.addWidget(label)
            self.body.addWidget(card)
        self.body.addStretch(1)

    def figure(self, label: str) -> str:
        """The shown value of a key figure (for tests and accessibility)."""
        assert self.summary is not None
        return next(f.text() for f in self.summary.key_figures if f.label == label)

    # --- actions -------------------------------------------------------------------

    def edit_inputs(self) -> None:
        if InputsDialog(self.ctx, self.selected_year(), self).exec():
            self.load(self.selected_year())

    def make_pdf(self, path: Path | None = None, open_after: bool = True) -> None:
        year = self.selected_year()
        path = path or ask_save_path(
            self,
            _("Lagre årsoversikt"),
            _("Årsoversikt HMS {year}.pdf").format(year=year),
            [PDF],
        )
        if path is None:
            return
        self._busy(True, _("Lager PDF …"))

        def done(result: Path) -> None:
            self._busy(False)
            self.pdf_written.emit(result)
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

        run_task(
            build_annual_pdf,
            self.ctx.db,
            year,
            self.ctx.today(),
            path,
            on_done=done,
            on_error=self._failed,
            on_progress=self._progress,
        )

    def export_xlsx(self, path: Path | None = None) -> None:
        if self.summary is None:
            return
        path = path or ask_save_path(
            self,
            _("Eksporter tabellene"),
            _("Årsoversikt HMS {year}.xlsx").format(year=self.summary.year),
            [XLSX],
        )
        if path is None:
            return
        from vernelogg.reports.xlsx import write_annual_xlsx, write_tables_xlsx
        from vernelogg.services.document_language import document_language

        try:
            if document_language(self.ctx.db) == i18n.language():  # as on screen
                write_tables_xlsx(path, self.summary.tables())
            else:
                write_annual_xlsx(self.ctx.db, self.summary.year, path, self.ctx.today())
        except OSError as error:
            show_error(
                self,
                _("Kunne ikke skrive «{path}»: {error}").format(path=path, error=error.strerror),
            )


def build_annual_pdf(db, year: int, today, path: Path, progress=None) -> Path:
    from vernelogg.reports.annual import write_annual_report

    write_annual_report(
        db, year, path, today, progress=lambda p, t="": progress and progress(p * 0.9, t)
    )
    if progress:
        progress(100, _("Ferdig"))
    return path

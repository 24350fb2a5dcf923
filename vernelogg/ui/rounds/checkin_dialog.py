"""Lever runden: deliver a round walked in a laptop file back to the team database. The
file recorded at checkout is offered; the merge runs on a worker thread with a busy bar,
and the dialog then lists the numbers given and what changed on both sides."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_datetime
from vernelogg.i18n import _
from vernelogg.services.rounds import RoundInfo
from vernelogg.services.transfer.checkin import CheckinResult, check_in_round
from vernelogg.store.database import Database
from vernelogg.ui.common.job_dialog import JobDialog
from vernelogg.ui.common.worker import alive, run_task


class CheckinDialog(JobDialog):
    def __init__(self, db: Database, info: RoundInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.info = info
        self.result_value: CheckinResult | None = None
        self.setWindowTitle(_("Lever runden"))
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            _(
                "<b>{number} · {area}</b>, tatt med på laptop av {person} {when}"
                "<br><br>Svarene, kommentarene, bildene, funnene og signeringen fra filen tas "
                "inn her, sammen med avvikene og tiltakene som ble laget i runden. Avvik laget "
                "på laptopen får endelige numre nå. Avvik og tiltak som fantes før utsjekken, "
                "beholder versjonen på serveren; det som er endret på begge steder, listes opp."
            ).format(
                number=escape(info.number),
                area=escape(info.area_name),
                person=escape(info.checked_out_by),
                when=fmt_datetime(info.checked_out_at),
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Fil fra laptopen:")))
        self.source = QLineEdit(info.checked_out_to)
        row.addWidget(self.source, 1)
        self.browse = QPushButton(_("Velg fil …"))
        self.browse.clicked.connect(self._choose_file)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the merge is one transaction
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        if info.checked_out_to and not Path(info.checked_out_to).is_file():
            self.status.setText(
                _(
                    "Filen som runden ble tatt med til, finnes ikke på denne maskinen. Velg "
                    "filen fra laptopen (for eksempel fra en minnepinne)."
                )
            )

        self.numbers_label = QLabel("<b>{}</b>".format(_("Nye numre")))
        self.numbers = QTableWidget(0, 3)
        self.numbers.setHorizontalHeaderLabels([_("Foreløpig"), _("Nummer"), _("Avvik")])
        self.numbers.verticalHeader().hide()
        self.numbers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.numbers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.numbers.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.conflicts_label = QLabel("<b>{}</b>".format(_("Endret på begge steder")))
        self.conflicts = QLabel()
        self.conflicts.setObjectName("notice")
        self.conflicts.setWordWrap(True)
        self.conflicts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.numbers_label, self.numbers, self.conflicts_label, self.conflicts):
            w.hide()
            layout.addWidget(w)

        layout.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(
            _("Lever runden"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start.setObjectName("primary")
        self.close_button = self.buttons.addButton(
            _("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.start.clicked.connect(self.begin)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def job_controls(self) -> tuple[QWidget, ...]:
        return (self.source, self.browse, self.start, self.close_button)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Velg filen fra laptopen"),
            self.source.text(),
            _("SQLite-database (*.sqlite)"),
        )
        if path:
            self.source.setText(path)

    def begin(self) -> None:
        source = self.source.text().strip()
        if not source:
            self.show_job_error(_("Velg filen runden ble tatt med til."))
            return
        self.start_job(_("Leverer runden …"))
        self.progress.show()
        run_task(
            check_in_round,
            self.db,
            Path(source),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result: CheckinResult) -> None:
        if not alive(self):
            return
        self.result_value = result
        self.progress.hide()
        self.status.setText("\n".join([result.summary, *result.not_delivered]))
        if result.numbers:
            self.numbers.setRowCount(len(result.numbers))
            for row, n in enumerate(result.numbers):
                for col, value in enumerate((n.provisional, n.number, n.description)):
                    self.numbers.setItem(row, col, QTableWidgetItem(value))
            height = self.numbers.horizontalHeader().height() + 6
            height += sum(self.numbers.rowHeight(r) for r in range(len(result.numbers)))
            self.numbers.setFixedHeight(min(height, 220))
            self.numbers_label.show()
            self.numbers.show()
        self.conflicts_label.show()
        self.conflicts.show()
        if result.conflicts:
            self.conflicts.setText(
                "<br>".join(f"• {escape(c)}" for c in result.conflicts)
                + "<br><br>"
                + _(
                    "Serveren gjelder for det som fantes før utsjekken. Listen er lagret "
                    "med runden på serveren."
                )
            )
        else:
            self.conflicts_label.setText("<b>{}</b>".format(_("Ingen konflikter")))
            self.conflicts.setObjectName("")
            self.conflicts.setText(_("Ingenting av det filen tok med, var endret på serveren."))
        self.start.hide()
        self.close_button.setText(_("Ferdig"))
        self.close_button.setEnabled(True)
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)
        self.close_button.setFocus()
        self.adjustSize()

    def _failed(self, error: BaseException) -> None:
        if alive(self):
            self.progress.hide()
        self.job_failed(error)

"""Ta med på laptop: check a planned round out of the team database into a local file in
the data folder, to walk it without a connection. The copy runs on a worker thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernelogg.config import data_dir
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.services.rounds import RoundInfo
from vernelogg.services.transfer.checkout import CheckoutInfo, checkout_round
from vernelogg.store.database import Database
from vernelogg.ui.common.job_dialog import JobDialog
from vernelogg.ui.common.worker import alive, run_task


def default_checkout_file(info: RoundInfo) -> Path:
    return data_dir() / "utsjekk" / f"{info.number}.sqlite"


class CheckoutDialog(JobDialog):
    def __init__(self, db: Database, info: RoundInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.info = info
        self.result_value: CheckoutInfo | None = None
        self.setWindowTitle("Ta med runden på laptop")
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>{info.number} · {info.area_name}</b>, planlagt {fmt_date(info.planned_date)}"
            "<br><br>Runden, sjekklisten, verneområdet, personene og de åpne avvikene og "
            "tiltakene i området kopieres til en fil på denne maskinen. Der kan runden "
            "gjennomføres uten nett. Så lenge den er ute, kan den ikke gjennomføres eller "
            "endres på serveren."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel("Fil:"))
        self.target = QLineEdit(str(default_checkout_file(info)))
        row.addWidget(self.target, 1)
        self.browse = QPushButton("Velg fil …")
        self.browse.clicked.connect(self._choose_file)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(
            "Ta med på laptop", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start.setObjectName("primary")
        self.close_button = self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.start.clicked.connect(self.begin)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def job_controls(self) -> tuple[QWidget, ...]:
        return (self.target, self.browse, self.start, self.close_button)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Ta med til fil", self.target.text(), "SQLite-database (*.sqlite)"
        )
        if path:
            self.target.setText(path)

    def begin(self) -> None:
        target = self.target.text().strip()
        if not target:
            self.show_job_error("Velg filen runden skal tas med til.")
            return
        self.start_job("Tar med runden …")
        run_task(
            checkout_round,
            self.db,
            self.info.id,
            Path(target),
            on_done=self._done,
            on_error=self.job_failed,
        )

    def _done(self, result: CheckoutInfo) -> None:
        if not alive(self):
            return
        self.result_value = result
        self.status.setText(
            f"{result.number} er tatt med til {result.file} ({fmt_datetime(result.checked_out_at)})"
            f", med {result.deviations} åpne avvik og {result.actions} åpne tiltak til oppslag."
            f'\nÅpne filen uten nett med: vernelogg --db "{result.file}"'
        )
        self.start.hide()
        self.close_button.setText("Ferdig")
        self.close_button.setEnabled(True)
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)

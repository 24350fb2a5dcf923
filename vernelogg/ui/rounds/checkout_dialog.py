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
from vernelogg.i18n import _, ngettext
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
        self.setWindowTitle(_("Ta med runden på laptop"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "<b>{number} · {area}</b>, planlagt {date}"
                "<br><br>Runden, sjekklisten, verneområdet, personene og de åpne avvikene og "
                "tiltakene i området kopieres til en fil på denne maskinen. Der kan runden "
                "gjennomføres uten nett. Så lenge den er ute, kan den ikke gjennomføres eller "
                "endres på serveren."
            ).format(number=info.number, area=info.area_name, date=fmt_date(info.planned_date))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Fil:")))
        self.target = QLineEdit(str(default_checkout_file(info)))
        row.addWidget(self.target, 1)
        self.browse = QPushButton(_("Velg fil …"))
        self.browse.clicked.connect(self._choose_file)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(
            _("Ta med på laptop"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start.setObjectName("primary")
        self.close_button = self.buttons.addButton(
            _("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.start.clicked.connect(self.begin)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def job_controls(self) -> tuple[QWidget, ...]:
        return (self.target, self.browse, self.start, self.close_button)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Ta med til fil"), self.target.text(), _("SQLite-database (*.sqlite)")
        )
        if path:
            self.target.setText(path)

    def begin(self) -> None:
        target = self.target.text().strip()
        if not target:
            self.show_job_error(_("Velg filen runden skal tas med til."))
            return
        self.start_job(_("Tar med runden …"))
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
        deviations = ngettext("{n} åpent avvik", "{n} åpne avvik", result.deviations).format(
            n=result.deviations
        )
        actions = ngettext("{n} åpent tiltak", "{n} åpne tiltak", result.actions).format(
            n=result.actions
        )
        self.status.setText(
            _(
                "{number} er tatt med til {file} ({when}), med {deviations} og {actions} til "
                "oppslag."
            ).format(
                number=result.number,
                file=result.file,
                when=fmt_datetime(result.checked_out_at),
                deviations=deviations,
                actions=actions,
            )
            + "\n"
            + _('Åpne filen uten nett med: vernelogg --db "{file}"').format(file=result.file)
        )
        self.start.hide()
        self.close_button.setText(_("Ferdig"))
        self.close_button.setEnabled(True)
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)

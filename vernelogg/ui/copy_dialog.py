"""Fil → Kopier database …: every record of the open database into another one (a file,
or a team's PostgreSQL server), with a progress bar; the copy runs on a worker thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernelogg.config import resolve_db_url
from vernelogg.i18n import _, ngettext
from vernelogg.services.transfer.copy import CopyResult, copy_database, tables
from vernelogg.store.database import Database, describe_url
from vernelogg.ui.common.job_dialog import JobDialog
from vernelogg.ui.common.worker import alive, run_task


def copy_to(
    source: Database, target: str, merge: bool, progress: Callable[[int, str], None]
) -> CopyResult:
    """Open (or create) `target` and copy `source` into it; progress as percent and text."""
    names = [t.name for t in tables()]

    def on_table(table: str, done: int, total: int) -> None:
        share = (done / total) if total else 1.0
        pct = 100 * (names.index(table) + share) / len(names)
        progress(
            int(pct),
            ngettext(
                "{table}: {done} av {total} post", "{table}: {done} av {total} poster", total
            ).format(table=table, done=done, total=total),
        )

    db = Database.open(resolve_db_url(target))
    try:
        return copy_database(source, db, merge=merge, progress=on_table)
    finally:
        db.close()


class CopyDatabaseDialog(JobDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.result_value: CopyResult | None = None
        self.setWindowTitle(_("Kopier database"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        source = str(db.path) if db.path is not None else describe_url(db.url)
        layout.addWidget(QLabel(_("Fra: {source}").format(source=source)))
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Til:")))
        self.target = QLineEdit()
        self.target.setPlaceholderText(_("en ny fil, eller postgresql+psycopg://bruker@tjener/db"))
        row.addWidget(self.target, 1)
        self.browse = QPushButton(_("Velg fil …"))
        self.browse.clicked.connect(self._choose_file)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.merge = QCheckBox(_("Slå sammen med poster som finnes der fra før"))
        layout.addWidget(self.merge)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        layout.addWidget(self.bar)
        self.status = QLabel(_("Alle poster kopieres med vedlegg, løpenumre og endringslogg."))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(_("Kopier"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(
            _("Lukk"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.start.clicked.connect(self.begin)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def job_controls(self) -> tuple[QWidget, ...]:
        return (self.target, self.browse, self.merge, self.start, self.close_button)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Kopier til fil"), "vernelogg-kopi.sqlite", _("SQLite-database (*.sqlite)")
        )
        if path:
            self.target.setText(path)

    def begin(self) -> None:
        target = self.target.text().strip()
        if not target:
            self.show_job_error(_("Skriv inn filen eller serveradressen det skal kopieres til."))
            return
        self.start_job(_("Kopierer …"))
        run_task(
            copy_to,
            self.db,
            target,
            self.merge.isChecked(),
            on_done=self._done,
            on_error=self.job_failed,
            on_progress=self._progress,
        )

    def _progress(self, pct: int, text: str) -> None:
        if alive(self):
            self.bar.setValue(pct)
            self.status.setText(text)

    def _done(self, result: CopyResult) -> None:
        if not alive(self):
            return
        self.result_value = result
        self.bar.setValue(100)
        if result.merged:
            text = ngettext(
                "Kopiert {n} post til {target} ({kept} fantes fra før). Antallet i hver "
                "tabell er kontrollert.",
                "Kopiert {n} poster til {target} ({kept} fantes fra før). Antallet i hver "
                "tabell er kontrollert.",
                result.copied,
            )
        else:
            text = ngettext(
                "Kopiert {n} post til {target}. Antallet i hver tabell er kontrollert.",
                "Kopiert {n} poster til {target}. Antallet i hver tabell er kontrollert.",
                result.copied,
            )
        self.status.setText(text.format(n=result.copied, target=result.target, kept=result.kept))
        self.close_button.setEnabled(True)
        self.close_button.setText(_("Ferdig"))

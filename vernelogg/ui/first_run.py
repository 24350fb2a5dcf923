"""First start on an empty database: describe the undertaking, or load demo data.

Both are written on the worker thread (the database may be a team server a network away);
the dialog is locked meanwhile and closes when the write is done, or shows what is wrong.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernelogg.errors import UserError
from vernelogg.i18n import _
from vernelogg.store.database import Database
from vernelogg.ui.areas.dialogs import OrganisationForm, save_organisation
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.worker import run_task


class FirstRunDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Velkommen til Vernelogg"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<h2>{}</h2><p>{}</p><p>{}</p>".format(
                _("Velkommen til Vernelogg"),
                _(
                    "Vernelogg holder orden på verneområder og verneombud, vernerunder, avvik "
                    "og tiltak, risikovurderinger, stansing av farlig arbeid og AMU – alt "
                    "lagret lokalt på denne maskinen."
                ),
                _(
                    "Start med å beskrive virksomheten. Antall ansatte styrer hvilke lovkrav "
                    "Vernelogg passer på. Vil du bare se deg rundt først, kan du laste inn en "
                    "eksempelvirksomhet."
                ),
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = OrganisationForm()
        layout.addWidget(self.form)
        self.loading_label = QLabel(
            _("Legger inn eksempelvirksomheten Fjordheim Drift AS … Det tar noen sekunder.")
        )
        self.loading_label.setWordWrap(True)
        self.loading_label.hide()
        layout.addWidget(self.loading_label)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.loading = False  # the demo or the undertaking is being written
        buttons = QHBoxLayout()
        self.demo_button = QPushButton(_("Last inn eksempeldata"))
        self.demo_button.clicked.connect(self.load_demo)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(_("Avslutt"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.save_button = QPushButton(_("Start"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.form.name.setFocus()

    def save(self) -> None:
        """Save the undertaking on the worker thread; «Start» says «Lagrer …» meanwhile."""
        if self.loading:
            return
        self.form.clear_errors()
        self._set_loading(True, demo=False)
        run_task(
            save_organisation,
            self.db,
            **self.form.values(),
            on_done=lambda _info: self._written(),
            on_error=self._not_saved,
        )

    def _not_saved(self, error: BaseException) -> None:
        self._set_loading(False)
        if isinstance(error, UserError):
            self.form.show_error(error)
            return
        sys.excepthook(type(error), error, error.__traceback__)

    def load_demo(self) -> None:
        """Fill the database with the demo undertaking on a worker. What was typed in the
        form (and any message about it) no longer applies, and nothing can be started or
        closed until the demo is in."""
        from vernelogg.demo import fill_demo

        self.form.clear_errors()
        self._set_loading(True)
        run_task(
            fill_demo,
            self.db,
            on_done=lambda _result: self._written(),
            on_error=self._demo_failed,
        )

    def _set_loading(self, loading: bool, demo: bool = True) -> None:
        """Lock the dialog while the demo (`demo`) or the undertaking is written."""
        self.loading = loading
        for w in (self.demo_button, self.save_button, self.cancel_button, self.form):
            w.setEnabled(not loading)
        self.save_button.setDefault(not loading)
        self.save_button.setText(_("Lagrer …") if loading and not demo else _("Start"))
        self.loading_label.setVisible(loading and demo)
        self.progress.setVisible(loading and demo)

    def _written(self) -> None:
        self._set_loading(False)
        self.accept()

    def _demo_failed(self, error: BaseException) -> None:
        self._set_loading(False)
        show_error(self, _("Kunne ikke laste inn eksempeldata: {error}").format(error=error))

    def reject(self) -> None:
        if self.loading:  # Esc or the window's close button while something is written
            return
        super().reject()

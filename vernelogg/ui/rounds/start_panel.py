"""Starting a planned round: confirm the checklist and the day, then Enter.

The checklists to choose from are read with the round (ui/rounds/conduct.py, on a worker
thread) and handed to `show_round`; the panel itself reads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from vernelogg import clock
from vernelogg.domain.formatting import fmt_date, fmt_datetime
from vernelogg.i18n import _
from vernelogg.services import rounds
from vernelogg.ui.common.dates import DateField
from vernelogg.ui.common.forms import Form
from vernelogg.ui.context import AppContext
from vernelogg.ui.rounds.dialogs import fill_template_combo


class StartPanel(QWidget):
    start_requested = Signal(str, object)  # template ref, held on
    checkin_requested = Signal()  # Lever runden (a round taken to a laptop)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("font-size: 15px;")
        layout.addWidget(self.intro)
        self.form = Form()
        self.template = QComboBox()
        self.form.add_row(
            "template_ref",
            _("Sjekkliste"),
            self.template,
            hint=_(
                "Punktene kopieres inn i runden nå, så runden beholder teksten selv om "
                "sjekklisten endres senere."
            ),
        )
        self.held_on = self.form.add_row("held_on", _("Gjennomføres"), DateField(clock.today()))
        self.form.finish()
        self.form.setMaximumWidth(640)
        layout.addWidget(self.form)
        self.start_button = QPushButton(_("Start runden (Enter)"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self._start)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.checkin_button = QPushButton(_("Lever runden …"))
        self.checkin_button.setObjectName("primary")
        self.checkin_button.setToolTip(_("Ta inn runden som er gjennomført i filen på laptopen"))
        self.checkin_button.clicked.connect(self.checkin_requested)
        self.checkin_button.hide()
        layout.addWidget(self.checkin_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        for keys in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._start)

    def show_round(self, info: rounds.RoundInfo, templates: Sequence[rounds.TemplateInfo]) -> None:
        self.form.clear_errors()
        self.intro.setText(
            _(
                "Runden er planlagt til <b>{date}</b>. Kontroller sjekklisten og datoen, og "
                "start runden. Alt du registrerer lagres med en gang."
            ).format(date=fmt_date(info.planned_date))
        )
        current = self.template.currentData()
        self.template.clear()
        fill_template_combo(self.template, templates)
        index = self.template.findData(info.template_ref)
        if index < 0:
            index = self.template.findData(current)
        self.template.setCurrentIndex(max(index, 0))
        self.held_on.set_date(self.ctx.today())
        out = info.is_checked_out
        self.form.setEnabled(not out)
        self.start_button.setEnabled(not out)
        self.start_button.setVisible(not out)
        self.checkin_button.setVisible(out)
        if out:
            self.intro.setText(
                _(
                    "Runden er <b>tatt med på laptop</b> av {person} {when} (til {file}). Den "
                    "gjennomføres der, og kan ikke startes eller endres her før den er levert "
                    "eller utsjekken er angret i listen. Når runden er gjennomført, leverer du "
                    "den med «Lever runden …»."
                ).format(
                    person=info.checked_out_by,
                    when=fmt_datetime(info.checked_out_at),
                    file=info.checked_out_to,
                )
            )

    def _start(self) -> None:
        if not self.start_button.isEnabled():
            return
        self.start_requested.emit(self.template.currentData(), self.held_on.value())

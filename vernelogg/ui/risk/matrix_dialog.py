"""Risikomatrise settings: scales of 3–6 steps with names and descriptions, cell colours.

Saving makes a new version; assessments already made keep the version they used.
"""

from __future__ import annotations

import contextlib
import sys

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.risk import suggested_labels
from vernelogg.domain.risk_matrix import (
    DEFAULT_GREEN_MAX,
    DEFAULT_YELLOW_MAX,
    MAX_STEPS,
    MIN_STEPS,
    Acceptance,
)
from vernelogg.errors import UserError
from vernelogg.i18n import _
from vernelogg.services import risk as risk_service
from vernelogg.services.errors import ServiceError, ValidationError
from vernelogg.store.database import Database
from vernelogg.ui.common.forms import Form
from vernelogg.ui.common.worker import alive, run_task
from vernelogg.ui.risk.matrix_widget import RiskMatrixView


class StepsTable(QTableWidget):
    """One scale: a row per step with name and description (highest step at the top)."""

    def __init__(self, axis: str, steps) -> None:
        super().__init__(0, 2)
        self.axis = axis
        self.setHorizontalHeaderLabels([_("Navn"), _("Beskrivelse")])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 150)
        self.setTabKeyNavigation(True)
        self.setAccessibleName(
            _("Trinn for sannsynlighet") if axis == "probability" else _("Trinn for konsekvens")
        )
        self.set_steps([(s.label, s.description) for s in steps])

    def set_steps(self, steps: list[tuple[str, str]]) -> None:
        self.setRowCount(len(steps))
        for i, (label, description) in enumerate(steps):
            row = self._row(i + 1, len(steps))
            self.setItem(row, 0, QTableWidgetItem(label))
            self.setItem(row, 1, QTableWidgetItem(description))
        self.setVerticalHeaderLabels([str(self._value(r, len(steps))) for r in range(len(steps))])
        self.resizeRowsToContents()

    def _row(self, value: int, count: int) -> int:
        return count - value if self.axis == "probability" else value - 1

    def _value(self, row: int, count: int) -> int:
        return count - row if self.axis == "probability" else row + 1

    def steps(self) -> list[tuple[str, str]]:
        count = self.rowCount()
        result = []
        for value in range(1, count + 1):
            row = self._row(value, count)
            label = self.item(row, 0)
            description = self.item(row, 1)
            result.append(
                (label.text() if label else "", description.text() if description else "")
            )
        return result

    def resize_to(self, count: int) -> None:
        """Keep names already typed; new steps get suggested names."""
        current = self.steps()
        suggested = suggested_labels(self.axis, count)
        if len(current) == count:
            return
        steps = [(suggested[i], "") if i >= len(current) else current[i] for i in range(count)]
        # A shipped name that no longer fits the new size is replaced by a suggestion.
        steps = [
            (suggested[i], d) if label in _all_suggested(self.axis) else (label, d)
            for i, (label, d) in enumerate(steps)
        ]
        self.set_steps(steps)


def _all_suggested(axis: str) -> set[str]:
    return {label for n in range(MIN_STEPS, MAX_STEPS + 1) for label in suggested_labels(axis, n)}


class MatrixDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Risikomatrise"))
        self.result_value = None
        self._saving = False
        current = risk_service.current_matrix_version(db)
        matrix = current.matrix
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Virksomheten bestemmer selv skalaene og hva som er akseptabel risiko, før "
                "risikovurderingene gjøres. Lagring gir en ny versjon; vurderinger som alt er "
                "gjort, beholder matrisen de ble laget med. Gjeldende: {version}, "
                "fastsatt {date}."
            ).format(version=current.label, date=fmt_date(current.created_at))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)

        self.left = Form()
        sizes = QWidget()
        size_row = QHBoxLayout(sizes)
        size_row.setContentsMargins(0, 0, 0, 0)
        self.rows_spin = QSpinBox()
        self.rows_spin.setRange(MIN_STEPS, MAX_STEPS)
        self.rows_spin.setValue(matrix.size[0])
        self.rows_spin.setAccessibleName(_("Antall trinn for sannsynlighet"))
        self.cols_spin = QSpinBox()
        self.cols_spin.setRange(MIN_STEPS, MAX_STEPS)
        self.cols_spin.setValue(matrix.size[1])
        self.cols_spin.setAccessibleName(_("Antall trinn for konsekvens"))
        size_row.addWidget(QLabel(_("Sannsynlighet")))
        size_row.addWidget(self.rows_spin)
        size_row.addSpacing(12)
        size_row.addWidget(QLabel(_("Konsekvens")))
        size_row.addWidget(self.cols_spin)
        size_row.addStretch(1)
        self.left.add_row("size", _("Antall trinn"), sizes)
        self.probability = self.left.add_row(
            "probability", _("Sannsynlighet"), StepsTable("probability", matrix.probability)
        )
        self.consequence = self.left.add_row(
            "consequence", _("Konsekvens"), StepsTable("consequence", matrix.consequence)
        )
        self.left.finish()
        columns.addWidget(self.left, 3)

        self.right = Form()
        self.view = RiskMatrixView(editable=True)
        self.view.setMinimumSize(380, 320)
        self.view.set_matrix(matrix)
        self.right.add_row(
            "cells",
            _("Akseptkriterier"),
            self.view,
            hint=_(
                "Klikk på en celle, eller velg med piltastene og trykk mellomrom, for å "
                "bytte mellom grønn (akseptabel), gul (vurderes) og rød (ikke akseptabel)."
            ),
        )
        thresholds = QWidget()
        line = QHBoxLayout(thresholds)
        line.setContentsMargins(0, 0, 0, 0)
        self.green_max = QSpinBox()
        self.green_max.setRange(0, MAX_STEPS * MAX_STEPS)
        self.green_max.setValue(DEFAULT_GREEN_MAX)
        self.green_max.setAccessibleName(_("Grønn til og med risikotall"))
        self.yellow_max = QSpinBox()
        self.yellow_max.setRange(0, MAX_STEPS * MAX_STEPS)
        self.yellow_max.setValue(DEFAULT_YELLOW_MAX)
        self.yellow_max.setAccessibleName(_("Gul til og med risikotall"))
        self.apply_button = QPushButton(_("Fargelegg etter grenser"))
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply_thresholds)
        line.addWidget(QLabel(_("Grønn t.o.m.")))
        line.addWidget(self.green_max)
        line.addWidget(QLabel(_("gul t.o.m.")))
        line.addWidget(self.yellow_max)
        line.addWidget(self.apply_button)
        line.addStretch(1)
        self.right.add_row(
            "thresholds", _("Etter risikotall"), thresholds, hint=_("Risikotall = S × K.")
        )
        self.note = self.right.add_row(
            "note",
            _("Hva er endret"),
            QLineEdit(),
            hint=_("F.eks. «Vedtatt i AMU sak 14/2026»."),
        )
        self.right.finish()
        columns.addWidget(self.right, 4)

        history = ", ".join(
            f"{v.label} {fmt_date(v.created_at)}" for v in risk_service.list_matrix_versions(db)
        )
        self.history = QLabel(_("Versjoner: {versions}").format(versions=history))
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.history)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Lagre ny versjon"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.rows_spin.valueChanged.connect(self._resize)
        self.cols_spin.valueChanged.connect(self._resize)
        self.probability.itemChanged.connect(self._refresh_labels)
        self.consequence.itemChanged.connect(self._refresh_labels)
        self.resize(1080, 640)

    def _current_matrix(self):
        return risk_service.build_matrix(
            self.probability.steps(), self.consequence.steps(), self.view.cells()
        )

    def _resize(self) -> None:
        self.probability.resize_to(self.rows_spin.value())
        self.consequence.resize_to(self.cols_spin.value())
        self.apply_thresholds()

    def apply_thresholds(self) -> None:
        green, yellow = self.green_max.value(), self.yellow_max.value()
        if yellow < green:
            self.show_error(
                ValidationError(
                    {"thresholds": _("Grensen for gul må være minst grensen for grønn.")}
                )
            )
            return
        rows, cols = self.rows_spin.value(), self.cols_spin.value()
        cells = [
            [
                Acceptance.GREEN
                if p * c <= green
                else Acceptance.YELLOW
                if p * c <= yellow
                else Acceptance.RED
                for c in range(1, cols + 1)
            ]
            for p in range(1, rows + 1)
        ]
        self.view.set_cells(cells)
        self._refresh_labels()

    def _refresh_labels(self) -> None:
        # With a name missing the colours still show; saving says what is wrong.
        with contextlib.suppress(ServiceError):
            self.view.set_matrix(self._current_matrix())

    def show_error(self, error: UserError) -> None:
        fields = error.fields if isinstance(error, ValidationError) else {"": str(error)}
        left = {k: v for k, v in fields.items() if k in self.left.fields}
        right = {k: v for k, v in fields.items() if k not in left}
        self.left.clear_errors()
        self.right.clear_errors()
        if left:
            self.left.show_error(ValidationError(left))
        if right:
            self.right.show_error(ValidationError(right))

    def _accept(self) -> None:
        """Save the new version on the worker thread; the dialog waits meanwhile and
        closes when it is stored. A refusal is shown next to what it is about."""
        if self._saving:
            return
        try:
            matrix = self._current_matrix()
        except UserError as error:
            self.show_error(error)
            return
        self._saving = True
        self.buttons.setEnabled(False)
        run_task(
            risk_service.save_matrix,
            self.db,
            matrix,
            note=self.note.text(),
            on_done=self._saved,
            on_error=self._not_saved,
        )

    def is_saving(self) -> bool:
        return self._saving

    def _saved(self, version) -> None:
        if not alive(self):
            return
        self._saving = False
        self.buttons.setEnabled(True)
        self.result_value = version
        self.accept()

    def _not_saved(self, error: BaseException) -> None:
        if not alive(self):
            return
        self._saving = False
        self.buttons.setEnabled(True)
        if isinstance(error, UserError):
            self.show_error(error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    def done(self, result: int) -> None:
        if self._saving:  # closing waits for the save under way; its answer decides
            return
        super().done(result)

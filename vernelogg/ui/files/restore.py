"""Fil → Gjenopprett fra sikkerhetskopi …: choose a copy (the app's own, with date and
size, or any file), check it, confirm, then the window switches to the restored file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.domain.formatting import fmt_int
from vernelogg.i18n import _, format_date, format_number
from vernelogg.services import backups


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{format_number(size / (1024 * 1024), 1)} MB"
    return f"{fmt_int(max(size // 1024, 1))} kB"


class RestoreDialog(QDialog):
    """`chosen` is the copy to restore once the dialog is accepted."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Gjenopprett fra sikkerhetskopi"))
        self.chosen: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Velg sikkerhetskopien du vil gå tilbake til. Den sjekkes før noe endres, og "
                "databasen du har nå, beholdes som en kopi ved siden av."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for copy in backups.list_backups(db_path):
            item = QListWidgetItem(
                f"{format_date(copy.taken, 'short')} {copy.taken:%H:%M}   "
                f"{size_text(copy.size)}   {copy.path.name}"
            )
            item.setData(Qt.ItemDataRole.UserRole, str(copy.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem(_("Ingen sikkerhetskopier i «sikkerhetskopier» ennå."))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.itemDoubleClicked.connect(lambda _item: self._choose_selected())
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox()
        self.file_button = self.buttons.addButton(
            _("Velg fil …"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button = self.buttons.addButton(
            _("Gjenopprett …"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("primary")
        self.restore_button.setEnabled(
            self.list.currentItem() is not None
            and bool(self.list.currentItem().data(Qt.ItemDataRole.UserRole))
        )
        cancel = self.buttons.addButton(_("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.file_button.clicked.connect(self._choose_file)
        self.restore_button.clicked.connect(self._choose_selected)
        cancel.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(640, 380)

    def _choose_selected(self) -> None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        if value:
            self.chosen = Path(value)
            self.accept()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Velg sikkerhetskopi"),
            "",
            _("SQLite-database (*.sqlite *.db)") + ";;" + _("Alle filer (*)"),
        )
        if path:
            self.chosen = Path(path)
            self.accept()

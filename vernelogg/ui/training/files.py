"""A small list of attached files: those already saved, new ones picked, and removals.

Nothing is stored until the dialog saves: the widget only collects uploads and the ids
of saved files to archive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernelogg.i18n import N_, _
from vernelogg.services.attachments import MAX_FILE_BYTES, AttachmentInfo, attachment_data
from vernelogg.services.errors import ServiceError, ValidationError
from vernelogg.services.training import Upload
from vernelogg.store.database import Database
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.temp_files import write_temp_file

# Shown with _(FILE_FILTER).
FILE_FILTER = N_("PDF og bilder (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff)")
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff"}


def open_attachment(db: Database, info: AttachmentInfo) -> Path:
    """Write a stored file to a temporary folder and open it in the system's viewer."""
    path = write_temp_file(info.filename, attachment_data(db, info.id))
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


class FileList(QWidget):
    """Saved files and new uploads, with «Legg ved …», «Åpne» and «Fjern»."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        existing: tuple[AttachmentInfo, ...] = (),
        *,
        add_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.db = db
        self.existing = list(existing)
        self.new: list[Upload] = []
        self.removed: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.list = QListWidget()
        self.list.setMaximumHeight(58)
        self.list.itemActivated.connect(lambda *_: self.open_selected())
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text or _("Legg ved …"))
        self.add_button.clicked.connect(self.choose)
        self.open_button = QPushButton(_("Åpne"))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(_("Fjern"))
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.add_button, self.open_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self._fill()

    # --- what the dialog saves -----------------------------------------------------------

    def uploads(self) -> list[Upload]:
        return list(self.new)

    def removed_ids(self) -> list[str]:
        return list(self.removed)

    def count(self) -> int:
        return len(self.existing) + len(self.new)

    # --- actions -----------------------------------------------------------------------------

    def choose(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Velg fil"), "", _(FILE_FILTER))
        if paths:
            try:
                self.add_paths([Path(p) for p in paths])
            except ValidationError as error:
                show_error(self, str(error), title=_("Kan ikke legge ved filen"))

    def add_paths(self, paths: list[Path]) -> None:
        """Read the files now, so a file that cannot be used is refused at once."""
        for path in paths:
            if path.suffix.lower() not in SUFFIXES:
                raise ValidationError(
                    {"": _("«{name}»: bare PDF og bilder kan legges ved.").format(name=path.name)}
                )
            try:
                data = path.read_bytes()
            except OSError as error:
                raise ValidationError(
                    {
                        "": _("Kan ikke lese «{name}»: {reason}.").format(
                            name=path.name, reason=error.strerror or error
                        )
                    }
                ) from error
            if not data:
                raise ValidationError({"": _("«{name}» er tom.").format(name=path.name)})
            if len(data) > MAX_FILE_BYTES:
                raise ValidationError(
                    {"": _("«{name}» er større enn 25 MB.").format(name=path.name)}
                )
            self.new.append(Upload(path.name, data))
        self._fill()
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < self.count():
            return
        if row < len(self.existing):
            self.removed.append(self.existing.pop(row).id)
        else:
            self.new.pop(row - len(self.existing))
        self._fill()
        self.changed.emit()

    def open_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < self.count():
            return
        if row < len(self.existing):
            try:
                open_attachment(self.db, self.existing[row])
            except (OSError, ServiceError) as error:
                show_error(self, str(error))
        else:
            upload = self.new[row - len(self.existing)]
            path = write_temp_file(upload.filename, upload.data)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _fill(self) -> None:
        self.list.clear()
        for info in self.existing:
            self.list.addItem(QListWidgetItem(f"{info.filename}  ({info.size // 1024 + 1} kB)"))
        for upload in self.new:
            self.list.addItem(
                QListWidgetItem(_("{name}  (ny, lagres ved Lagre)").format(name=upload.filename))
            )
        if not self.count():
            empty = QListWidgetItem(_("Ingen fil lagt ved"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        has = self.count() > 0
        self.open_button.setEnabled(has)
        self.remove_button.setEnabled(has)

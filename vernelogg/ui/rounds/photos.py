"""Photos on a check point: thumbnails, a viewer, the file dialog, dropped image files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernelogg.i18n import _
from vernelogg.services.attachments import AttachmentInfo
from vernelogg.ui.common.photos import PhotoCache

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".heic")
THUMB = QSize(120, 90)


def image_paths(urls: list[QUrl]) -> list[Path]:
    """The local image files among dropped URLs."""
    out = []
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
                out.append(path)
    return out


def choose_photo_files(parent: QWidget) -> list[str]:
    """Qt's own file dialog (the same on every platform, and keyboard-friendly)."""
    dialog = QFileDialog(parent, _("Legg til bilde"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    patterns = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
    dialog.setNameFilters([_("Bilder ({patterns})").format(patterns=patterns), _("Alle filer (*)")])
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    if pictures and Path(pictures).is_dir():
        dialog.setDirectory(pictures)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Legg til"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    return dialog.selectedFiles()


class PhotoStrip(QListWidget):
    """A row of thumbnails. Enter or double-click shows a photo; Delete asks to remove it."""

    open_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, cache: PhotoCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(THUMB)
        self.setMovement(QListView.Movement.Static)
        self.setFixedHeight(THUMB.height() + 34)
        self.setSpacing(4)
        self.setToolTip(_("Enter: vis bildet · Delete: fjern bildet"))
        self.itemActivated.connect(
            lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def set_photos(self, photos: tuple[AttachmentInfo, ...]) -> None:
        self.clear()
        for photo in photos:
            pixmap = self.cache.pixmap(photo)
            thumb = pixmap.scaled(
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            item = QListWidgetItem(QIcon(thumb), photo.filename)
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(f"{photo.filename} · {photo.width}×{photo.height}")
            self.addItem(item)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if item is not None and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))
            return
        super().keyPressEvent(event)


class PhotoViewer(QDialog):
    def __init__(self, pixmap: QPixmap, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        screen = self.screen().availableSize() if self.screen() else QSize(1200, 800)
        limit = QSize(int(screen.width() * 0.8), int(screen.height() * 0.8))
        label.setPixmap(
            pixmap.scaled(
                limit,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            if pixmap.width() > limit.width() or pixmap.height() > limit.height()
            else pixmap
        )
        layout.addWidget(label)

"""Photos shown in the app (a round's points, an avvik's attachments): read once per
window and kept as pixmaps, and read off the GUI thread when a whole list is shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QImage, QPixmap

from vernelogg.services.attachments import AttachmentInfo, attachment_data
from vernelogg.store.database import Database
from vernelogg.ui.common.worker import run_task


def _read_images(db: Database, ids: list[str]) -> dict[str, QImage]:
    """On a worker thread: the stored bytes, decoded (QImage may be made off the GUI
    thread; a QPixmap may not)."""
    return {photo_id: QImage.fromData(attachment_data(db, photo_id)) for photo_id in ids}


class PhotoCache:
    """Pixmaps by attachment id, so moving between points or reloading a dialog does not
    reread the images."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._full: dict[str, QPixmap] = {}

    def pixmap(self, photo: AttachmentInfo) -> QPixmap:
        """The photo now (read on the GUI thread if it is not cached yet)."""
        if photo.id not in self._full:
            pixmap = QPixmap()
            pixmap.loadFromData(attachment_data(self.db, photo.id))
            self._full[photo.id] = pixmap
        return self._full[photo.id]

    def load(
        self, photos: Sequence[AttachmentInfo], on_ready: Callable[[str, QPixmap], None]
    ) -> None:
        """`on_ready(photo_id, pixmap)` for each of the photos that are images: at once
        for those already cached, the rest read and decoded on a worker thread."""
        missing = []
        for photo in photos:
            if not photo.is_image:
                continue
            if photo.id in self._full:
                on_ready(photo.id, self._full[photo.id])
            else:
                missing.append(photo.id)
        if not missing:
            return

        def done(images: dict[str, QImage]) -> None:
            for photo_id, image in images.items():
                self._full[photo_id] = QPixmap.fromImage(image)
                on_ready(photo_id, self._full[photo_id])

        run_task(_read_images, self.db, missing, on_done=done)

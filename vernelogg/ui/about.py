"""Om Vernelogg: version, licence and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from vernelogg import APP_NAME, __version__
from vernelogg.store.database import Database


class AboutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Om {APP_NAME}")
        layout = QVBoxLayout(self)
        where = str(db.path) if db.path else db.url.split("@")[-1]
        text = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            "<p>Vernerunder, avvik og tiltak, risikovurderinger, stansing av farlig arbeid "
            "og AMU – for verneombud, hovedverneombud og HMS-ledere.</p>"
            "<p>Lisens: MIT. Alt lagres lokalt; ingenting sendes ut.</p>"
            f"<p><b>Databasen ligger her:</b><br>{where}</p>"
        )
        text.setObjectName("aboutText")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Lukk")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 260)

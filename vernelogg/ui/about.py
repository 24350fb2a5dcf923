"""Om Vernelogg: icon, version, licence and where the data lives."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vernelogg import APP_NAME, __version__
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.services import backups
from vernelogg.store.database import Database, describe_url
from vernelogg.ui.icon import app_icon

ICON_SIZE = 96


def database_location(db: Database) -> str:
    """The database file, or the server and database name (never the password)."""
    return str(db.path) if db.path else describe_url(db.url)


def backup_text(path: Path) -> str:
    """Where the daily copies are, when the last was taken, how many are kept (HTML)."""
    now = backups.status(path)
    last = fmt_date(now.last_day) if now.last_day else _("ingen ennå")
    return _(
        "<b>Daglig sikkerhetskopi</b> (tas ved oppstart):<br>{folder}<br>"
        "Siste: {last} · {kept} beholdt"
    ).format(folder=escape(str(now.folder)), last=last, kept=now.kept)


class AboutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Om {app}").format(app=APP_NAME))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.setSpacing(18)

        self.icon_label = QLabel()
        self.icon_label.setObjectName("aboutIcon")
        self.icon_label.setPixmap(app_icon().pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        self.icon_label.setFixedSize(ICON_SIZE, ICON_SIZE)
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)

        if db.path:
            here = _("Databasen ligger her:")
            how = _(
                "Sikkerhetskopi: <i>Fil → Ta sikkerhetskopi nå …</i><br>"
                "Mappen åpnes med <i>Fil → Åpne datamappe</i>."
            )
            where = (
                f"<p><b>{here}</b><br>{escape(str(db.path))}</p>"
                f"<p>{backup_text(db.path)}</p><p>{how}</p>"
            )
        else:
            shared = _("Delt database på server:")
            where = f"<p><b>{shared}</b><br>{escape(database_location(db))}</p>"
        summary = _(
            "Vernerunder, avvik og tiltak, risikovurderinger, stansing av farlig arbeid "
            "og AMU – for verneombud, hovedverneombud og HMS-ledere."
        )
        licence = _("Lisens: MIT. Alt lagres i databasen; ingenting sendes ut.")
        text = QLabel(f"<h2>{APP_NAME} {__version__}</h2><p>{summary}</p><p>{licence}</p>" + where)
        text.setObjectName("aboutText")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(text, 1)
        layout.addLayout(row)
        if db.path:
            layout.addLayout(self._retention_row())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Lukk"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(580, 300)

    def _retention_row(self) -> QHBoxLayout:
        from vernelogg.ui.files.backup import retention, set_retention

        daily, weekly = retention()
        row = QHBoxLayout()
        row.addSpacing(ICON_SIZE + 18)
        self.keep_daily = QSpinBox()
        self.keep_daily.setRange(1, 365)
        self.keep_daily.setValue(daily)
        self.keep_weekly = QSpinBox()
        self.keep_weekly.setRange(0, 520)
        self.keep_weekly.setValue(weekly)
        # One sentence with the two fields in it, in the order the language puts them.
        fields = {"{daily}": self.keep_daily, "{weekly}": self.keep_weekly}
        sentence = _("Behold {daily} daglige og {weekly} ukentlige kopier")
        for part in re.split(r"(\{daily\}|\{weekly\})", sentence):
            if part in fields:
                row.addWidget(fields[part])
            elif part.strip():
                row.addWidget(QLabel(part.strip()))
        row.addStretch(1)

        def save() -> None:
            set_retention(self.keep_daily.value(), self.keep_weekly.value())

        self.keep_daily.valueChanged.connect(save)
        self.keep_weekly.valueChanged.connect(save)
        return row

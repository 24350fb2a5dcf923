"""Hjelp: the user guide shipped in resources/guide/ (F1) and the list of shortcuts,
read from the window's own actions so that it never goes stale."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from vernelogg.config import resources_dir
from vernelogg.i18n import _, language


def guide_page(page_key: str | None) -> QUrl:
    """The guide's page for a page of the window, else its table of contents; in the
    GUI's language where the guide has a folder for it (resources/guide/<nn|en>/)."""
    folder = resources_dir() / "guide"
    if (folder / language() / "index.html").exists():
        folder = folder / language()
    path = folder / f"{page_key}.html"
    return QUrl.fromLocalFile(str(path if path.exists() else folder / "index.html"))


class GuideDialog(QDialog):
    """Brukerveiledning: short HTML pages, one per feature, with their keys."""

    def __init__(self, page_key: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Brukerveiledning – Vernelogg"))
        self.resize(720, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setSource(guide_page(page_key))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _text(text: str) -> str:
    return text.replace("&", "").rstrip(" .…")


def shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) for every action with a shortcut in the window, and every shortcut
    that says what it does (its whatsThis), sorted by what they do."""
    found: dict[tuple[str, str], None] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if keys and action.text():
                found[(keys, _text(action.text()))] = None
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        if keys and shortcut.whatsThis():
            found[(keys, shortcut.whatsThis())] = None
    return sorted(found, key=lambda row: (row[1].casefold(), row[0]))


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(_("Hurtigtaster – Vernelogg"))
        self.resize(520, 560)
        layout = QVBoxLayout(self)
        rows = shortcuts(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([_("Taster"), _("Hva")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

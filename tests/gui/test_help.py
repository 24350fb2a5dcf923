"""Hjelp: F1 opens the guide at the page in view; Hurtigtaster lists the window's keys."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.gui.helpers import press, when
from vernelogg.config import resources_dir
from vernelogg.ui.help import GuideDialog, ShortcutsDialog
from vernelogg.ui.main_window import MainWindow


def test_f1_opens_the_guide_for_the_page_in_view(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    window.show_page("avvik")
    seen = {}

    def read(dialog: GuideDialog) -> None:
        seen["url"] = dialog.browser.source().toLocalFile()
        seen["text"] = dialog.browser.toPlainText()
        dialog.reject()

    when(GuideDialog, read)
    window.activateWindow()
    window.setFocus()
    press(qtbot, Qt.Key.Key_F1)
    assert seen["url"].endswith("guide/avvik.html")
    assert "Avvik og tiltak" in seen["text"] and "Ctrl+D" in seen["text"]
    assert "Hele virksomheten" in seen["text"]


def test_every_guide_page_exists_and_links_resolve():
    folder = resources_dir() / "guide"

    for page in folder.glob("*.html"):
        for target in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            assert (folder / target).exists(), (page.name, target)


def test_shortcuts_are_read_from_the_actions(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(r, 1).text(): dialog.table.item(r, 0).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["Meld avvik"] == "Ctrl+Shift+A"
    assert rows["Stans farlig arbeid"] == "Ctrl+Shift+S"
    assert rows["Brukerveiledning"] == "F1"
    assert rows["Vis «Avvik og tiltak»"] == "Ctrl+4"
    # A shortcut added to an action later is on the list the next time it opens.
    window.shortcuts_action.setShortcut("Ctrl+Shift+H")
    again = ShortcutsDialog(window)
    qtbot.addWidget(again)
    texts = [again.table.item(r, 0).text() for r in range(again.table.rowCount())]
    assert "Ctrl+Shift+H" in texts

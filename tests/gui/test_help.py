"""Hjelp: F1 opens the guide at the page in view; Hurtigtaster lists the window's keys."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import press, when
from vernelogg import i18n
from vernelogg.config import resources_dir
from vernelogg.ui.help import GuideDialog, ShortcutsDialog, guide_page
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.pages import all_pages


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


@pytest.mark.parametrize(
    ("code", "title", "whole"),
    [
        ("nn", "Avvik og tiltak", "Heile verksemda"),
        ("en", "Deviations and actions", "Whole organisation"),
    ],
)
def test_f1_opens_the_guide_in_the_gui_language(qtbot, show, ctx, code, title, whole):
    i18n.set_language(code)
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
    assert seen["url"].endswith(f"guide/{code}/avvik.html")
    assert title in seen["text"] and "Ctrl+D" in seen["text"] and whole in seen["text"]
    # A page the guide has no page for opens the contents, in the same language.
    assert guide_page("no-such-page").toLocalFile().endswith(f"guide/{code}/index.html")


class _Page(HTMLParser):
    """The tags (without lang), anchors and links of one guide page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.tags: list[tuple] = []
        self.anchors: set[str] = set()
        self.links: list[str] = []
        self.lang = ""
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.lang = found.get("lang", self.lang) if tag == "html" else self.lang
        self.tags.append((tag, sorted((k, v) for k, v in attrs if k != "lang")))
        self.anchors.update(found[k] for k in ("id", "name") if found.get(k))
        if found.get("href"):
            self.links.append(found["href"])

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag,))


@pytest.mark.parametrize("code", ["nn", "en"])
def test_every_guide_page_exists_in_nynorsk_and_english_and_links_resolve(code):
    source = resources_dir() / "guide"
    folder = source / code
    names = {page.name for page in source.glob("*.html")}
    assert {page.name for page in folder.glob("*.html")} == names
    # Every page of the window has its page, so F1 never falls back to the contents.
    assert {f"{spec.key}.html" for spec in all_pages()} <= names
    for name in names:
        page = _Page(folder / name)
        assert page.lang == code, name
        assert page.tags == _Page(source / name).tags, name
        for link in page.links:
            target, _, anchor = link.partition("#")
            assert "/" not in target, (name, link)  # stays within the language
            path = folder / (target or name)
            assert path.exists(), (code, name, link)
            if anchor:
                assert anchor in _Page(path).anchors, (code, name, link)


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

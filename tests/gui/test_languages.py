"""Every page in bokmål, nynorsk and English: the navigation names each page in the
chosen language, and no page shows a text still in bokmål where a translation exists."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from tests.gui.helpers import loaded_page
from tests.i18n.leftovers import untranslated
from vernelogg import i18n
from vernelogg.ui.main_window import MainWindow

# A word each language shows on the overview, and that the others do not.
KNOWN = {"nb": "Vernerunder", "nn": "Vernerundar", "en": "Safety rounds"}


def chrome_texts(root: QWidget) -> list[str]:
    """What the app itself writes on visible widgets: labels, buttons, tabs, headers,
    placeholders, group titles, combo items, tooltips. Table cells (records) are left out."""
    texts: list[str] = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QListWidget):  # the navigation
            texts.extend(widget.item(i).text() for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            texts.extend(
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount(QModelIndex()))
            )
        texts.append(widget.toolTip())
    return [t for t in texts if t and not t.lstrip().startswith("<")]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_page_speaks_the_chosen_language(qtbot, show, demo_ctx, language):
    i18n.set_language(language)
    window = show(MainWindow(demo_ctx))
    window.resize(1280, 800)
    leftovers: dict[str, list[str]] = {}
    for spec in window.specs:
        loaded_page(qtbot, window, spec.key)
        texts = chrome_texts(window)
        assert i18n._(spec.title) in " ".join(texts), spec.key
        if language != "nb":
            found = untranslated(texts, language)
            if found:
                leftovers[spec.key] = found
    assert not leftovers, "\n".join(f"{k}: {v}" for k, v in leftovers.items())
    assert KNOWN[language] in " ".join(chrome_texts(window))
    others = [word for lang, word in KNOWN.items() if lang != language]
    assert not any(word in chrome_texts(window) for word in others)

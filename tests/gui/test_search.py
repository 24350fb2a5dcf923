"""Search everywhere: Ctrl+F or the toolbar field, hits ranked, Enter opens the record."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import check_answers, press, type_text, when
from vernelogg.services.search import search
from vernelogg.ui.deviations.detail_dialog import DeviationDialog
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.search import SearchDialog


def test_ctrl_f_finds_an_avvik_by_its_number_and_enter_opens_it(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    number = search(demo_ctx.db, "AV-2026-0001")[0].number
    opened = {}

    def read(dialog: DeviationDialog) -> None:
        opened["number"] = dialog.detail.number
        dialog.reject()

    def find(dialog: SearchDialog) -> None:
        type_text(qtbot, number.lower())
        qtbot.waitUntil(lambda: not dialog.is_loading() and bool(dialog.hits), timeout=10_000)
        assert (dialog.hits[0].type, dialog.hits[0].number) == ("Avvik", number)
        when(DeviationDialog, read)
        press(qtbot, Qt.Key.Key_Return)

    when(SearchDialog, find)
    window.activateWindow()
    window.show_page("vernerunder").setFocus()
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)  # read first, then opened
    check_answers()
    assert opened == {"number": number}
    assert window.current_key() == "avvik"


def test_toolbar_field_finds_a_person_and_opens_their_roles(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))

    def find(dialog: SearchDialog) -> None:
        type_text(qtbot, " Holm")
        qtbot.waitUntil(lambda: not dialog.is_loading() and bool(dialog.hits), timeout=10_000)
        assert dialog.hits[0].title.startswith("Lars Holm")
        press(qtbot, Qt.Key.Key_Return)

    when(SearchDialog, find)
    window.search_field.setFocus()
    type_text(qtbot, "Lars")
    qtbot.waitUntil(lambda: window.current_key() == "verneomrader", timeout=20_000)
    check_answers()
    page = window.pages["verneomrader"]
    assert window.current_key() == "verneomrader"
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.selected_person().name == "Lars Holm"


def test_down_arrow_chooses_another_hit(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))

    def find(dialog: SearchDialog) -> None:
        type_text(qtbot, "pakkemaskin")
        qtbot.waitUntil(lambda: not dialog.is_loading() and bool(dialog.hits), timeout=10_000)
        assert dialog.hits[0].number == "ST-2026-0004"
        press(qtbot, Qt.Key.Key_Return)

    when(SearchDialog, find)
    window.search_everywhere()
    check_answers()
    assert window.current_key() == "stansing"
    page = window.pages["stansing"]
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.selected().number == "ST-2026-0004"

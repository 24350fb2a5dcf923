"""«Verneområder og roller» reads on a worker thread: the window is never kept waiting."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from tests.gui.helpers import loaded_page
from vernelogg.services import areas
from vernelogg.ui.areas import page as areas_page
from vernelogg.ui.areas import roster
from vernelogg.ui.main_window import MainWindow


def _names(page) -> list[str]:
    tree = page.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_the_areas_and_the_roster_are_read_off_the_gui_thread(qtbot, show, ctx, monkeypatch):
    areas.create_area(ctx.db, name="Lager")
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "verneomrader")
    assert _names(page) == ["Lager"]
    assert page.area_title.text() == "Lager"

    release = threading.Event()
    threads: list[threading.Thread] = []

    def slowly(read):
        def slow(*args):
            threads.append(threading.current_thread())
            release.wait(10)
            return read(*args)

        return slow

    monkeypatch.setattr(areas_page, "read_page", slowly(areas_page.read_page))
    monkeypatch.setattr(roster, "central_roster", slowly(roster.central_roster))
    areas.create_area(ctx.db, name="Kontor")
    try:
        page.refresh()
        qtbot.waitUntil(lambda: len(threads) == 1, timeout=10_000)
        # The read waits; the page keeps what it showed, and the window answers.
        assert page.is_loading()
        assert _names(page) == ["Lager"]
        page.tabs.setCurrentIndex(2)  # «Sentrale verv» is read the same way
        qtbot.waitUntil(lambda: len(threads) == 2, timeout=10_000)
        assert page.roster.is_loading()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert sorted(_names(page)) == ["Kontor", "Lager"]
    assert page.roster.rows()
    assert all(t is not threading.main_thread() for t in threads)
    item = page.tree.findItems("Kontor", Qt.MatchFlag.MatchExactly)[0]
    page.tabs.setCurrentIndex(0)
    page.tree.setCurrentItem(item)  # the area's roles and history are read on a worker
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.area_title.text() == "Kontor"
    assert page.history.count() >= 1


def test_archiving_an_area_is_written_off_the_gui_thread_while_its_button_waits(
    qtbot, show, ctx, monkeypatch
):
    lager = areas.create_area(ctx.db, name="Lager")
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "verneomrader")
    assert page.selected_area().id == lager.id
    release = threading.Event()
    threads: list[threading.Thread] = []
    archive_area = areas.archive_area

    def slow(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return archive_area(*args, **kwargs)

    monkeypatch.setattr(areas, "archive_area", slow)
    monkeypatch.setattr(areas_page, "confirm", lambda *args, **kwargs: True)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads[0] is not threading.main_thread()
        assert page.is_loading()  # the window goes on; «Arkiver» waits for the write
        assert not page.archive_button.isEnabled()
        page.toggle_archive()  # a second press meanwhile starts nothing
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert len(threads) == 1
    assert areas.list_areas(ctx.db) == []
    page.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.selected_area().archived
    assert page.archive_button.isEnabled() and page.archive_button.text() == "Hent fram"

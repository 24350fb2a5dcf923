"""See the others' work: the page on screen shows what another client saved, without
disturbing a dialog the person has open or a field they are typing in."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.gui.helpers import activate, loaded_page
from vernelogg import clock
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.store.database import Database
from vernelogg.ui.common.live_refresh import LiveRefresh
from vernelogg.ui.main_window import MainWindow

# A change another client committed reaches the page within about 2 s (on PostgreSQL the
# notice at once, on SQLite at the next look at the file, then DEBOUNCE_MS); the waits
# allow more on a busy test machine.
SHOWN_WITHIN_MS = 10_000


@pytest.fixture
def two_windows_apart(qtbot, show, ctx):
    """Client B's window on the avvik page; client A another engine on the same database."""
    area = areas.create_area(ctx.db, name="Lager")
    window = show(MainWindow(ctx))
    page = loaded_page(qtbot, window, "avvik")
    qtbot.waitUntil(lambda: isinstance(getattr(window, "live_refresh", None), LiveRefresh))
    live = window.live_refresh
    if live.listener is not None:  # PostgreSQL: wait until the listener hears
        assert live.listener.listening.wait(10)
    client_a = Database.open(ctx.db.url)
    yield window, page, live, client_a, area.id
    client_a.close()


def _register(db, area_id: str, text: str) -> str:
    day = clock.today() - timedelta(days=1)
    return dev.register_deviation(
        db,
        area_id=area_id,
        description=text,
        occurred_at=datetime(day.year, day.month, day.day, 10, 15, tzinfo=OSLO),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.MEDIUM,
        reporter_name="Lise Andersen",
    ).number


def _shown(page) -> list[str]:
    tab = page.deviations
    return [tab.model.row_at(i).number for i in range(tab.model.rowCount())]


def _saved_elsewhere(live: LiveRefresh, client_a: Database, area_id: str, text: str) -> str:
    """Client A saves an avvik: on PostgreSQL the listener hears it, on SQLite the look
    at the file (every FILE_POLL_MS) sees it."""
    assert (live.listener is None) == client_a.is_sqlite
    assert (live.watcher is None) != client_a.is_sqlite
    return _register(client_a, area_id, text)


def test_a_new_avvik_saved_by_another_client_appears_on_the_open_page(qtbot, two_windows_apart):
    window, page, live, client_a, area_id = two_windows_apart
    first = _register(window.ctx.db, area_id, "Eget avvik, valgt i listen")
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=SHOWN_WITHIN_MS)
    assert page.deviations.select(_id(page, first))
    assert _shown(page) == [first]

    number = _saved_elsewhere(live, client_a, area_id, "Pall falt ned fra reol ved port 3")
    qtbot.waitUntil(lambda: number in _shown(page), timeout=SHOWN_WITHIN_MS)
    assert page.deviations.selected().number == first  # the selection is kept


def _id(page, number: str) -> str:
    tab = page.deviations
    return next(
        tab.model.row_at(i).id
        for i in range(tab.model.rowCount())
        if tab.model.row_at(i).number == number
    )


def test_an_open_dialog_holds_the_refresh_until_it_closes(qtbot, two_windows_apart):
    window, page, live, client_a, area_id = two_windows_apart
    dialog = QDialog(window)
    dialog.setWindowTitle("Nytt tiltak")
    dialog.open()  # modal, as the app's dialogs are
    qtbot.waitUntil(dialog.isVisible)
    number = _saved_elsewhere(live, client_a, area_id, "Løs kabel over gangvei")
    qtbot.waitUntil(lambda: live.waiting, timeout=SHOWN_WITHIN_MS)  # heard ...
    qtbot.waitUntil(lambda: live._retry.isActive(), timeout=SHOWN_WITHIN_MS)  # ... and held
    assert number not in _shown(page)
    with qtbot.waitSignal(live.refreshed, timeout=SHOWN_WITHIN_MS):
        dialog.reject()
    qtbot.waitUntil(lambda: number in _shown(page), timeout=SHOWN_WITHIN_MS)
    activate(qtbot, window)


def test_typing_in_the_page_holds_the_refresh_until_focus_leaves(qtbot, two_windows_apart):
    window, page, live, client_a, area_id = two_windows_apart
    search = page.deviations.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "Pal")
    qtbot.waitUntil(lambda: not page.deviations._timer.isActive())  # the search has run
    number = _saved_elsewhere(live, client_a, area_id, "Pall falt ned fra reol ved port 3")
    qtbot.waitUntil(lambda: live._retry.isActive(), timeout=SHOWN_WITHIN_MS)
    assert number not in _shown(page)
    assert search.text() == "Pal"
    with qtbot.waitSignal(live.refreshed, timeout=SHOWN_WITHIN_MS):
        qtbot.keyClick(search, Qt.Key.Key_Tab)  # the person moves on
    qtbot.waitUntil(lambda: number in _shown(page), timeout=SHOWN_WITHIN_MS)
    assert search.text() == "Pal"  # what was typed stays


def test_closing_the_window_stops_listening(qtbot, two_windows_apart):
    window, _page, live, _client_a, _area_id = two_windows_apart
    listener = live.listener
    window.close()
    assert live.listener is None and live.watcher is None
    if listener is not None:
        assert not listener.running

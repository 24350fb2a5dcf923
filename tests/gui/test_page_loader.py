"""A page's reads on the worker thread: the newest request wins, failures are told."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from vernelogg.ui.common.loader import PageLoader


def test_the_newest_request_wins_and_loading_ends(qtbot):
    page = QWidget()
    loader = PageLoader(page)
    release = threading.Event()
    shown: list[str] = []

    def slow(text: str) -> str:
        release.wait(10)
        return text

    loader.load(slow, "gammel", then=shown.append)
    loader.load(lambda text: text, "ny", then=shown.append)
    assert loader.is_loading()
    qtbot.waitUntil(lambda: shown == ["ny"], timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: not loader.is_loading(), timeout=10_000)
    assert shown == ["ny"]  # the older answer came later and was dropped


def test_a_failure_reaches_the_page(qtbot):
    page = QWidget()
    loader = PageLoader(page)
    errors: list[BaseException] = []

    def broken() -> None:
        raise ValueError("lesefeil")

    loader.load(broken, then=lambda _r: None, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert str(errors[0]) == "lesefeil"
    assert not loader.is_loading()


def test_an_answer_for_a_closed_page_is_dropped(qtbot):
    page = QWidget()
    loader = PageLoader(page)
    release = threading.Event()
    shown: list[int] = []

    def slow() -> int:
        release.wait(10)
        return 1

    loader.load(slow, then=shown.append)
    page.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(loader), timeout=10_000)
    release.set()
    from vernelogg.ui.common.worker import wait_for_tasks

    assert wait_for_tasks(10_000)
    qtbot.wait(50)
    assert shown == []

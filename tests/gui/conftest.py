"""GUI test helpers: show a window and make it active, answer the next modal dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


@pytest.fixture
def show(qtbot):
    def _show(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget)
        widget.show()
        widget.activateWindow()
        qtbot.waitExposed(widget)
        qtbot.waitUntil(widget.isActiveWindow, timeout=3000)
        return widget

    return _show


def when_dialog_opens(handler) -> None:
    """Run `handler(dialog)` on the next modal dialog, the way a person would answer it."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            handler(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def loaded_page(qtbot, window, key: str, timeout: int = 20_000) -> QWidget:
    """Show a page of the main window and wait until what it reads on a worker thread is
    on screen (pages that load so have `is_loading()`)."""
    page = window.show_page(key)
    loading = getattr(page, "is_loading", None)
    if callable(loading):
        qtbot.waitUntil(lambda: not loading(), timeout=timeout)
    return page

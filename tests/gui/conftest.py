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

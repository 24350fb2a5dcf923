"""GUI test fixtures: show a window and make it active; every dialog answer checked.

The helpers a test uses to type, press and answer dialogs are in tests/gui/helpers.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tests.gui import helpers


@pytest.fixture(autouse=True)
def _dialog_answers():
    """A dialog answer that failed or timed out fails its test, even if the test did not
    ask (helpers.check_answers); nothing a test leaves polling reaches the next one."""
    helpers.reset_answers()
    yield
    try:
        helpers.check_answers()
    finally:
        helpers.reset_answers()


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

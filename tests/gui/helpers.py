"""What a person does in the app, for GUI tests: type, press, click, answer dialogs.

Every wait here has a deadline. A dialog that never opens, a handler that fails, or a
dialog that stays open after it was answered (a save refused, say) closes the dialog and
fails the test with the dialog's name and what it shows, instead of hanging the suite.
Failures found by a poll are raised by `check_answers()` or, at the latest, when the
test ends (the autouse fixture in tests/gui/conftest.py).
"""

from __future__ import annotations

import html
import re
import time

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

# How long a dialog may take to open, and to close after it was answered.
DIALOG_TIMEOUT = 15.0
POLL_MS = 20

_pending: list[BaseException] = []
_generation = [0]


def reset_answers() -> None:
    """Forget what earlier tests left behind; their polls stop at their next tick."""
    _generation[0] += 1
    _pending.clear()


def check_answers() -> None:
    """Raise the first failure a dialog answer recorded (and forget the rest)."""
    if _pending:
        error = _pending[0]
        _pending.clear()
        raise error


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key in whatever has the keyboard focus, as a person does."""
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def type_text(qtbot, text: str) -> None:
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClicks(widget, text)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def activate(qtbot, window) -> None:
    """After a dialog on top closes, its window is active again (the offscreen platform
    has no window manager to do it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def tab_to(qtbot, dialog, target) -> None:
    for _ in range(12):
        if dialog.focusWidget() is target:
            return
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError("could not reach the field with Tab")


def shown_text(dialog: QWidget) -> str:
    """What a dialog says to the person: its error lines first, else every visible label."""
    form = getattr(dialog, "form", None)
    errors = []
    if form is not None and hasattr(form, "errors"):
        labels = [*form.errors.values(), getattr(form, "general_error", None)]
        errors = [w.text() for w in labels if w is not None and w.isVisibleTo(dialog) and w.text()]
    if errors:
        return " | ".join(errors)
    texts = [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisibleTo(dialog) and label.text().strip()
    ]
    return " | ".join(texts) or "(ingen tekst)"


def plain(text: str) -> str:
    """What a person reads in a label's rich text: the markup (links, bold) left out."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def describe(dialog: QWidget) -> str:
    return f"{type(dialog).__name__} «{dialog.windowTitle()}»"


def when(cls, handler, timeout: float = DIALOG_TIMEOUT) -> dict:
    """Answer the next modal dialog of type `cls` (nested dialogs open on top) with
    `handler(dialog)`, once it has the keyboard, as a person would.

    Gives up after `timeout` seconds: when no such dialog opened, and when the dialog is
    still open that long after `handler` returned. Either way the dialog is closed and
    the failure, naming the dialog and what it shows, is raised by `check_answers()`.
    """
    generation = _generation[0]
    state: dict = {"deadline": time.monotonic() + timeout, "answered": None}

    def fail(message: str, dialog: QDialog | None = None) -> None:
        _pending.append(AssertionError(message))
        if dialog is not None:
            dialog.reject()

    def poll() -> None:
        if generation != _generation[0]:
            return  # the test that asked has ended
        late = time.monotonic() > state["deadline"]
        done = state["answered"]
        if done is not None:
            try:
                if not done.isVisible():
                    return
            except RuntimeError:  # deleted on close
                return
            if late:
                fail(
                    f"{describe(done)} is still open {timeout:.0f} s after it was answered; "
                    f"it shows: {shown_text(done)}",
                    done,
                )
                return
            QTimer.singleShot(POLL_MS, poll)
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, cls) and dialog.isVisible():
            if not dialog.isActiveWindow():
                dialog.activateWindow()  # keys go where a person would type them
                if not late:
                    QTimer.singleShot(POLL_MS, poll)
                    return
            try:
                handler(dialog)
            except BaseException as error:  # noqa: BLE001 - raised in the test
                _pending.append(error)
                dialog.reject()
                return
            state["answered"] = dialog
            state["deadline"] = time.monotonic() + timeout
        elif late:
            shown = f"; on top: {describe(dialog)}: {shown_text(dialog)}" if dialog else ""
            fail(f"no {cls.__name__} opened within {timeout:.0f} s{shown}")
            return
        QTimer.singleShot(POLL_MS, poll)

    QTimer.singleShot(POLL_MS, poll)
    return state


def answered_and_closed(state: dict) -> bool:
    """Whether the dialog `when` answered has closed (or the answer failed)."""
    if _pending:
        return True
    dialog = state["answered"]
    if dialog is None:
        return False
    try:
        return not dialog.isVisible()
    except RuntimeError:  # deleted on close
        return True


def when_dialog_opens(handler, timeout: float = DIALOG_TIMEOUT) -> dict:
    """Answer the next modal dialog of any kind with `handler(dialog)`."""
    return when(QDialog, handler, timeout)


def handle_dialog(qtbot, handler, action) -> None:
    """Run `action`; answer the dialog it opens with `handler`; raise what went wrong."""
    window = QApplication.activeWindow()
    state = when_dialog_opens(handler)
    action()
    # A dialog may open a moment after the action, once what it shows is read.
    qtbot.waitUntil(lambda: answered_and_closed(state), timeout=int(DIALOG_TIMEOUT * 2000))
    if window is not None and not window.isActiveWindow():  # what the window manager does
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    check_answers()


def loaded_page(qtbot, window, key: str, timeout: int = 20_000) -> QWidget:
    """Show a page of the main window and wait until what it reads on a worker thread is
    on screen (pages that load so have `is_loading()`)."""
    page = window.show_page(key)
    loading = getattr(page, "is_loading", None)
    if callable(loading):
        qtbot.waitUntil(lambda: not loading(), timeout=timeout)
    settle_layout()
    return page


def settle_layout() -> None:
    """Let Qt lay out what was just added (it does so on posted events, a moment later,
    as a person never notices); each pass may ask its parent for another."""
    for _ in range(6):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def click_link(qtbot, label, address: str) -> None:
    """Click the link to `address` in a rich-text label, as a person does: move the mouse
    over the label until it is over that link, then click there."""
    hovered: list[str] = []

    def seen(link: str) -> None:
        hovered.append(link)

    qtbot.waitUntil(lambda: label.contentsRect().height() > 0, timeout=5000)
    label.linkHovered.connect(seen)
    try:
        rect = label.contentsRect()
        for y in range(rect.top() + 2, rect.bottom(), 5):
            for x in range(rect.left() + 2, rect.right(), 6):
                point = QPointF(x, y)
                move = QMouseEvent(
                    QEvent.Type.MouseMove,
                    point,
                    label.mapToGlobal(point),
                    Qt.MouseButton.NoButton,
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                )
                QApplication.sendEvent(label, move)
                if hovered and hovered[-1] == address:
                    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
                    return
    finally:
        label.linkHovered.disconnect(seen)
    raise AssertionError(f"no link to {address} in «{label.text()}»")


def hold_calls(monkeypatch, owner, name: str):
    """Make `owner.name` wait (up to 10 s) until the returned event is set, as over a
    slow network, noting the thread of each call: `release, threads = hold_calls(...)`."""
    import threading

    release = threading.Event()
    threads: list[threading.Thread] = []
    real = getattr(owner, name)

    def held(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return release, threads

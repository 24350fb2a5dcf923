"""The one runner for long work: a function on a worker thread, its result by signal.

    run_task(self, build_pdf, args..., on_done=self._show, on_error=self._fail)

The function must not touch widgets. It may accept a `progress` keyword (a callable
taking 0–100 and a text) when `with_progress=True`.
"""

from __future__ import annotations

import contextlib
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, str)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, with_progress: bool):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        if with_progress:
            self.kwargs["progress"] = lambda pct, text="": self.signals.progress.emit(
                int(pct), text
            )
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as error:
            error.__vernelogg_trace__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._deliver(self.signals.failed, error)
        else:
            self._deliver(self.signals.done, result)

    @staticmethod
    def _deliver(signal, value: Any) -> None:
        # RuntimeError: the app quit while the task ran, and nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


_running: set[Task] = set()


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, str], None] | None = None,
    pool: QThreadPool | None = None,
    **kwargs: Any,
) -> Task:
    task = Task(fn, args, kwargs, with_progress=on_progress is not None)
    _running.add(task)

    def finish(_result: Any = None) -> None:
        _running.discard(task)

    if on_done:
        task.signals.done.connect(on_done)
    # A failure nobody asked to hear about is still unexpected: the GUI's excepthook
    # (ui/errors.py) shows it and logs it, so nothing fails in silence.
    task.signals.failed.connect(on_error or _unexpected)
    if on_progress:
        task.signals.progress.connect(on_progress)
    task.signals.done.connect(finish)
    task.signals.failed.connect(finish)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def _unexpected(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)


_READING = "vernelogg_reading"  # a dynamic property: what a dialog opens with is being read


def read_then(
    owner: QObject,
    fn: Callable[..., Any],
    *args: Any,
    then: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
) -> None:
    """Read what a dialog opens with on the worker thread, then `then(result)` (which
    opens it) on the GUI thread, unless `owner` is gone by then. Asked again for the same
    owner while reading (Enter pressed twice), nothing more is started."""
    if owner.property(_READING):
        return
    owner.setProperty(_READING, True)

    def settled() -> bool:
        if not alive(owner):
            return False
        owner.setProperty(_READING, False)
        return True

    def done(result: Any) -> None:
        if settled():
            then(result)

    def went_wrong(error: BaseException) -> None:
        if settled():
            (failed or _unexpected)(error)

    run_task(fn, *args, on_done=done, on_error=went_wrong)


def is_reading(owner: QObject) -> bool:
    """Whether `read_then` is reading for `owner`."""
    return bool(owner.property(_READING))


def alive(widget: QObject) -> bool:
    """Whether a widget still exists: a task's result may arrive after its page closed."""
    import shiboken6

    return shiboken6.isValid(widget)


class Requests:
    """Refreshes of a widget answered on a worker thread: only the newest one's answer
    is shown, and none once the widget is gone.

        asked = self.requests.ask()
        run_task(..., on_done=lambda data: self.requests.answer(asked) and self.show(data))
    """

    def __init__(self, widget: QObject) -> None:
        self.widget = widget
        self.asked = 0
        self.answered = 0

    def ask(self) -> int:
        self.asked += 1
        return self.asked

    def is_current(self, asked: int) -> bool:
        """Whether refresh `asked` is still the newest and its widget still there."""
        return asked == self.asked and alive(self.widget)

    def answer(self, asked: int) -> bool:
        """True when refresh `asked`'s result should be shown (it then counts as in)."""
        if not self.is_current(asked):
            return False
        self.answered = asked
        return True

    @property
    def loading(self) -> bool:
        return self.answered < self.asked


def wait_for_tasks(timeout_ms: int = 30_000) -> bool:
    """Block until all tasks ended (tests and shutdown)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def settle(page: QObject, timeout_s: float = 60) -> None:
    """Run the event loop until a page has shown what it loads on worker threads (pages
    that load so have `is_loading()`): for screenshots and measurements."""
    deadline = time.monotonic() + timeout_s
    QCoreApplication.processEvents()
    loading = getattr(page, "is_loading", None)
    while callable(loading) and loading() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    for _ in range(3):
        QCoreApplication.processEvents()

"""The round screen's saves, one after the other on the worker thread.

An answer or a comment is shown at once and saved behind it: over a network a save takes
100–300 ms, and a person answering point after point should neither wait for each nor
see the window freeze. The saves are started in the order they were made, each when the
one before is stored, so the last answer given to a point is the one kept. When the last
save is in, the round screen reads the round again and shows what is stored. A refused
save (the round closed by someone else, a lost connection) is said on the screen, and the
stored round is shown again.

Before a dialog that builds on the answers (an avvik from a point answered «Ikke OK»),
`wait()` lets the saves under way finish first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject

from vernelogg.ui.common.worker import alive, run_task

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class RoundSaves(QObject):
    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self._queue: list[tuple[Callable[..., Any], tuple, Done | None, Failed]] = []
        self._running = False

    def busy(self) -> bool:
        """Whether a save is under way or waiting its turn."""
        return self._running or bool(self._queue)

    def save(
        self, fn: Callable[..., Any], *args: Any, then: Done | None = None, failed: Failed
    ) -> None:
        """Run fn(*args) on the worker thread after the saves before it; then `then(result)`
        (or `failed(error)`) on the GUI thread."""
        self._queue.append((fn, args, then, failed))
        if not self._running:
            self._next()

    def _next(self) -> None:
        if not self._queue or not alive(self):
            self._running = False
            return
        self._running = True
        fn, args, then, failed = self._queue.pop(0)

        def done(result: Any) -> None:
            if not alive(self):
                return
            self._running = False
            self._next()
            if then is not None:
                then(result)

        def went_wrong(error: BaseException) -> None:
            if not alive(self):
                return
            self._running = False
            self._next()
            failed(error)

        run_task(fn, *args, on_done=done, on_error=went_wrong)

    def wait(self, timeout_s: float = 60) -> bool:
        """Let the saves under way finish (their results shown), keeping the person's keys
        and clicks for after. False when they did not finish in time."""
        deadline = time.monotonic() + timeout_s
        while self.busy() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            time.sleep(0.002)
        return not self.busy()

"""One-click writes on the worker thread: «Til stede», «Arkiver», ticking a date done.

A save in a dialog goes through FormDialog.writer(); a write started by a button on a
page goes through `Writes`, which keeps the buttons waiting meanwhile.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from vernelogg.errors import UserError
from vernelogg.ui.common.messages import show_error
from vernelogg.ui.common.worker import alive, run_task

T = TypeVar("T")


class Writes:
    """A tab's one-click writes («Til stede», «Møtet er holdt» …) on the worker thread.

    Over a network a write takes a few hundred milliseconds; the window stays alive
    meanwhile. The buttons that start a write are disabled until it is done, and a
    second write asked for meanwhile is not started. Once written, `then(result)`
    follows on the GUI thread (reading the meeting again, say); a refusal (UserError)
    is shown as a message and `refused()` follows, when given.
    """

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self._running = 0

    def busy(self) -> bool:
        return self._running > 0

    def run(
        self,
        controls: Iterable[QWidget],
        fn: Callable[[], T],
        *,
        then: Callable[[T], None],
        refused: Callable[[], None] | None = None,
    ) -> bool:
        """Start `fn` on the worker thread with `controls` disabled; False when a write
        of this tab is already under way (nothing is started)."""
        if self._running:
            return False
        self._running += 1
        was = [(c, c.isEnabled()) for c in controls]
        for control, _enabled in was:
            control.setEnabled(False)

        def restore() -> None:
            for control, enabled in was:
                if alive(control):
                    control.setEnabled(enabled)

        def done(result: T) -> None:
            try:
                restore()
                if alive(self.owner):
                    then(result)
            finally:
                self._running -= 1

        def failed(error: BaseException) -> None:
            try:
                restore()
                if not alive(self.owner):
                    return
                if not isinstance(error, UserError):
                    sys.excepthook(type(error), error, error.__traceback__)
                    return
                show_error(self.owner, str(error))
                if refused is not None:
                    refused()
            finally:
                self._running -= 1

        run_task(fn, on_done=done, on_error=failed)
        return True

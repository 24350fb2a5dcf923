"""What a page shows, read on a worker thread and shown on the GUI thread.

    self.loader = PageLoader(self)
    ...
    def refresh(self) -> None:
        self.loader.load(service.list_rows, self.ctx.db, self.current_filter(), then=self._show_rows)

Over a network a page's reading takes a few hundred milliseconds; on the GUI thread the
window would freeze for as long (the network benchmark measures it). Here the window stays
alive: the page keeps what it shows until the new rows arrive, and a newer request
overrides an older one still under way, so the last filter typed wins. `is_loading()`
tells tests and measurements (worker.settle, tests/gui/helpers.loaded_page) when the
page is done. A failure reaches the person as every other (ui/errors.py), unless the
page passes `failed=`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from vernelogg.ui.common.worker import run_task

T = TypeVar("T")


class PageLoader(QObject):
    """One page's reads on the worker thread; the newest request wins."""

    loaded = Signal()  # after `then` has shown the newest result

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self._asked = 0
        self._pending = 0

    def load(
        self,
        fn: Callable[..., T],
        *args: Any,
        then: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._asked += 1
        ticket = self._asked
        self._pending += 1

        def done(result: T) -> None:
            self._pending -= 1
            if ticket == self._asked and shiboken6.isValid(self):
                then(result)
                self.loaded.emit()

        def went_wrong(error: BaseException) -> None:
            self._pending -= 1
            if ticket != self._asked or not shiboken6.isValid(self):
                return
            if failed is not None:
                failed(error)
            else:
                import sys

                sys.excepthook(type(error), error, error.__traceback__)

        run_task(fn, *args, on_done=done, on_error=went_wrong)

    def is_loading(self) -> bool:
        return self._pending > 0

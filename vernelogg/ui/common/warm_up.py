"""What the first visits need, made ready on a worker thread once the window is up.

A page is built the first time it is shown, and building it imports its module (and the
modules of its dialogs); the first date or number written loads the locale's data. Each
of these took 20–130 ms on the GUI thread at a page's first visit, on top of the page's
own work: long enough to be felt as a freeze (the network benchmark measures the longest
one). Here they are done ahead on a worker thread, which shares the interpreter with the
GUI thread in short turns, so the window stays alive meanwhile. A page shown before its
module is in waits for the import under way, as it would have imported it itself.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer

from vernelogg import i18n
from vernelogg.ui.common.worker import run_task

# After the first page has had the interpreter to itself for a while.
START_AFTER_MS = 700


def import_module(name: str) -> None:
    """Import a module ahead, if it exists (a test's own page has no module to import)."""
    try:
        found = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return
    if found is not None:
        importlib.import_module(name)


def prepare(modules: list[str]) -> None:
    """The locale's data, then each module (on a worker thread). Done ahead of time only:
    should a step fail, the visit meets the error itself and shows it."""
    with contextlib.suppress(Exception):
        i18n.warm_up()
    for name in modules:
        with contextlib.suppress(Exception):
            import_module(name)


class WarmUp(QObject):
    def __init__(self, owner: QObject, modules: Iterable[str]) -> None:
        super().__init__(owner)
        self._modules = list(modules)
        self._started = self._done = False

    def start(self, after_ms: int = START_AFTER_MS) -> None:
        if not self._started:
            self._started = True
            QTimer.singleShot(after_ms, self, self._run)

    def _run(self) -> None:
        run_task(prepare, self._modules, on_done=self._finished, on_error=self._finished)

    def _finished(self, _result: object = None) -> None:
        self._done = True

    def is_done(self) -> bool:
        return self._done

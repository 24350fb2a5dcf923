"""The deadlines as of today, shared by the status bar, the overview card and the
deadline list (`ctx.deadlines`): gathered once on a worker thread (with ten years of
records that takes a good part of a second, which the window should not wait for), and
gathered again after a change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from vernelogg.ui.common.worker import run_task

if TYPE_CHECKING:
    from vernelogg.services.deadlines import DeadlineEntry
    from vernelogg.ui.context import AppContext

OnDone = Callable[[list["DeadlineEntry"]], None]
OnError = Callable[[BaseException], None]


def _collect(db, today: date) -> list[DeadlineEntry]:
    """On the worker thread: the deadline rules (and the services they read) are loaded
    there too, not on the GUI thread before the window is painted."""
    from vernelogg.services.deadlines import collect_deadlines

    return collect_deadlines(db, today)


class DeadlineStore(QObject):
    """`get(on_done)` calls back with the deadlines as of today: at once when they are
    known for today and the data as it is now (`ctx.generation`), else when the one
    worker gathering them is done. `ready` is emitted with every new list."""

    ready = Signal(list)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._key: tuple[date, int] | None = None  # (today, generation) of `entries`
        self.entries: list[DeadlineEntry] | None = None
        self._running: tuple[date, int] | None = None
        self._waiting: list[tuple[OnDone, OnError | None]] = []

    def get(self, on_done: OnDone, on_error: OnError | None = None) -> None:
        key = (self.ctx.today(), self.ctx.generation)
        if self.entries is not None and self._key == key:
            on_done(self.entries)
            return
        self._waiting.append((on_done, on_error))
        if self._running == key:
            return
        self._running = key
        # Started from the event loop, not here: while the window (or a page) is being
        # built, a worker thread would only compete with it for the interpreter.
        QTimer.singleShot(
            0,
            lambda: run_task(
                _collect,
                self.ctx.db,
                key[0],
                on_done=lambda entries: self._done(key, entries),
                on_error=lambda error: self._failed(key, error),
            ),
        )

    def _done(self, key: tuple[date, int], entries: list[DeadlineEntry]) -> None:
        if self._running != key:
            return  # a newer gathering is on its way; the waiters get that one
        self._running, self._key, self.entries = None, key, entries
        waiting, self._waiting = self._waiting, []
        for callback, _ in waiting:
            callback(entries)
        self.ready.emit(entries)

    def _failed(self, key: tuple[date, int], error: BaseException) -> None:
        if self._running != key:
            return
        self._running = None
        waiting, self._waiting = self._waiting, []
        for _, callback in waiting:
            if callback is not None:
                callback(error)

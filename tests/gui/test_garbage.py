"""Widgets in garbage cycles are collected on the GUI thread, never on a worker thread
(where destroying them could deadlock with the GUI thread): ui/common/garbage.py."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QLabel

from vernelogg.ui.app import create_application


class Holder:
    pass


def test_cycles_with_widgets_are_collected_on_the_gui_thread_only(qtbot):
    create_application()
    assert not gc.isenabled()
    gc.collect()

    holder = Holder()
    holder.me = holder  # a cycle only the collector can free
    holder.widget = QLabel("i en syklus")
    gone = weakref.ref(holder)
    del holder

    kept: list[list] = []
    seen: list[bool] = []

    def work() -> None:
        # Enough new containers to pass every threshold: with automatic collection the
        # cycle (and its QLabel) would be collected here, on this thread.
        kept.extend([] for _ in range(50_000))
        seen.append(gone() is not None)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert seen == [True]
    qtbot.waitUntil(lambda: gone() is None, timeout=10_000)  # the GUI thread's timer

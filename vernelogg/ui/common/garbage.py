"""Python's cycle collector on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is passed.
On a worker thread (a page load in ui/common/worker.py) it may destroy a closed window's
widgets there, and a widget destroyed off the GUI thread can deadlock with the GUI
thread (Qt's object mutex against Python's lock) or crash. So the automatic collector is
switched off and the same thresholds are checked from a timer on the GUI thread: the
recipe Qt applications in Python use. Reference counting, which frees almost everything,
is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(collect_if_due)
        self.timer.start(INTERVAL_MS)


def collect_if_due() -> None:
    """What the automatic collector would do now: the oldest generation past its
    threshold (with the younger ones)."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Once per application (QApplication): later calls return the same collector."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)

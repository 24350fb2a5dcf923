"""See the others' work: the page on screen reloads when another client of a shared
(PostgreSQL) database commits a change.

The store's listener (`vernelogg.store.live`) hears the change on a worker thread; the
notice comes to the GUI thread by a queued signal. Notices that arrive close together
give one reload (`DEBOUNCE_MS`). The reload waits while the person is busy, so nothing
typed and nothing in an open dialog is lost:

- a dialog, message box or pop-up menu is open: reload when it closes;
- the keyboard focus is in a text field of the window: reload when focus leaves it.

The reload itself is the app's change signal (`ctx.notify("remote")`): the main window
refreshes the visible page, which keeps its selection, filters and search text; other
pages refresh when they are shown next. On SQLite (one person, one file) the file is
asked every `FILE_POLL_MS` whether another program, such as a second Vernelogg on the
same file, has saved in it (`PRAGMA data_version`, no reading of data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from vernelogg.store.database import Database
from vernelogg.store.live import Change, ChangeListener, FileWatcher

if TYPE_CHECKING:
    from vernelogg.ui.main_window import MainWindow

DEBOUNCE_MS = 500
# While the person is busy, look again this often (focus and dialog changes also wake it).
RETRY_MS = 1000
FILE_POLL_MS = 2000


def is_typing_field(widget: QWidget | None) -> bool:
    """A field where the person writes text (not a list, button or read-only text)."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


class LiveRefresh(QObject):
    """Attached to the main window (it needs `window.ctx`); stops listening when the
    window closes. `refreshed` is emitted after each reload it asked for."""

    heard = Signal(object)  # a Change, from the listener thread
    refreshed = Signal()

    def __init__(self, window: MainWindow, *, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.db: Database | None = None
        self.listener: ChangeListener | None = None
        self.watcher: FileWatcher | None = None
        self.waiting = False  # a change was heard and is not shown yet
        self.heard.connect(self._on_heard)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.refresh_when_free)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.refresh_when_free)
        self._poll = QTimer(self, interval=FILE_POLL_MS)
        self._poll.timeout.connect(self.look_at_file)
        app = cast(QApplication, QApplication.instance())
        app.focusChanged.connect(self._focus_changed)
        self.ctx.changed.connect(self._database_changed)
        window.installEventFilter(self)
        self.listen()

    # --- listening -------------------------------------------------------------------

    def listen(self) -> None:
        """Listen to the window's database (again, after Fil → Åpne)."""
        self.stop()
        self.db = self.ctx.db
        self.listener = self.db.listen(self.heard.emit)
        self.watcher = self.db.watch_file()
        if self.watcher is not None:
            self._poll.start()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        self._poll.stop()
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None

    def look_at_file(self) -> None:
        if self.watcher is not None and self.watcher.changed():
            self.heard.emit(Change(client="", tables=None))

    def _database_changed(self, _what: str) -> None:
        if self.ctx.db is not self.db:
            self.listen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    # --- refreshing ------------------------------------------------------------------

    def _on_heard(self, _change: Change) -> None:
        if self.ctx.db is not self.db:
            return  # a notice from a database this window no longer shows
        self.waiting = True
        if not self._debounce.isActive():
            self._debounce.start()

    def busy(self) -> bool:
        """The person has a dialog open or is typing in the window."""
        if QApplication.activeModalWidget() is not None:
            return True
        if QApplication.activePopupWidget() is not None:
            return True
        focus = QApplication.focusWidget()
        return focus is not None and is_typing_field(focus) and self.window.isAncestorOf(focus)

    def refresh_when_free(self) -> None:
        if not self.waiting:
            return
        if self.busy():
            self._retry.start()
            return
        self.waiting = False
        self.ctx.notify("remote")
        self.refreshed.emit()

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if self.waiting and not self._debounce.isActive():
            # Let the dialog finish closing (or the new field take focus) first.
            QTimer.singleShot(0, self.refresh_when_free)


def start_live_refresh(window: MainWindow) -> LiveRefresh:
    live = LiveRefresh(window)
    window.live_refresh = live
    return live

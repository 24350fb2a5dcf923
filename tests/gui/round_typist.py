"""A person working through a round in the real app (offscreen), for the kill test.

    python tests/gui/round_typist.py DB_PATH ROUND_ID

Opens the main window, goes to «Vernerunder», opens the round and answers point after
point with the keyboard: 1 = OK, 2 = Ikke OK, 3 = Ikke relevant, and on every fourth
point a comment typed into the comment box (saved when typing pauses). After each point
it prints one line «answered ITEM_ID ANSWER COMMENT» once what was typed is stored,
then goes on until it is killed or the checklist ends.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from vernelogg.store.database import Database  # noqa: E402
from vernelogg.ui.app import create_application  # noqa: E402
from vernelogg.ui.context import AppContext  # noqa: E402
from vernelogg.ui.main_window import MainWindow  # noqa: E402

KEYS = {"ok": Qt.Key.Key_1, "not_ok": Qt.Key.Key_2, "not_relevant": Qt.Key.Key_3}


def wait_for(condition, seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        QTest.qWait(20)


def main(db_path: str, round_id: str) -> None:
    db = Database.open(f"sqlite:///{db_path}")
    create_application()
    window = MainWindow(AppContext(db))
    window.show()
    window.activateWindow()
    wait_for(window.isActiveWindow)
    page = window.show_page("vernerunder")
    view = page.open_round(round_id)
    wait_for(lambda: QApplication.focusWidget() is view.point)
    number = 0
    while True:
        item = view.current()
        number += 1
        answer = ("ok", "not_ok", "ok", "not_relevant")[number % 4]
        QTest.keyClick(QApplication.focusWidget(), KEYS[answer])
        comment = ""
        if answer == "not_ok":
            comment = f"Kommentar {number}: må følges opp"
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_C)
            QTest.keyClicks(QApplication.focusWidget(), comment)
            saved = f"Kommentaren til punkt {item.label} er lagret."
            wait_for(lambda saved=saved: view.message.text() == saved)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
        wait_for(lambda: not view.is_loading())  # stored (the saves run behind the screen)
        print(f"answered {item.id} {answer} {comment}", flush=True)
        if view.info.counts.is_complete:
            print("complete", flush=True)
            break
        QTest.qWait(10)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

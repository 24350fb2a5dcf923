"""Round trips: how many SQL statements each page visit and each report sends to the
database, and how long it takes, on any database (`vernelogg bench --db postgresql://…`).

Over a network every statement costs at least one round trip, so on a server 20 ms
away a page that sends 100 statements cannot open in under 2 s, however fast the
server. Statements are counted with SQLAlchemy's `before_cursor_execute` event on the
app's engine, from every thread (pages read on worker threads).

Each page visit and key also measures the GUI's longest freeze: a timer on the GUI thread
beats every 5 ms, and the longest wait between two beats, less the 5 ms, is the longest
time the window could not repaint or answer a key. Reading on a worker thread keeps it
short; a page that reads on the GUI thread freezes for as long as its reading takes.

    python -m vernelogg.bench.network --db URL [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial

from sqlalchemy import event

from vernelogg import clock
from vernelogg.bench.probe import SEARCH_TERM, find_list_tab, settle_start, settle_warm_up


@dataclass(frozen=True)
class Visit:
    name: str  # page key or report
    kind: str  # "side", "rapport", "tast" (a search key) or "svar" (an answer in a round)
    statements: int
    seconds: float
    freeze_ms: float | None = None  # the GUI thread's longest freeze, for pages and keys


HEARTBEAT_MS = 5


class Heartbeat:
    """The GUI thread's longest stretch without handling its events."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.last = self.longest = 0.0

    def start(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> float:
        """The longest freeze in ms since start()."""
        self._beat()
        self.timer.stop()
        return max(0.0, self.longest * 1000 - HEARTBEAT_MS)


class StatementCounter:
    """Counts the statements an engine sends, from any thread."""

    def __init__(self, engine, heartbeat: Heartbeat | None = None) -> None:
        self.engine = engine
        self.heartbeat = heartbeat
        self.count = 0
        self._lock = threading.Lock()
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        with self._lock:
            self.count += 1

    def measure(self, name: str, kind: str, work: Callable[[], object]) -> Visit:
        from vernelogg.ui.common.worker import wait_for_tasks

        wait_for_tasks()
        with self._lock:
            self.count = 0
        heartbeat = self.heartbeat if kind != "rapport" else None
        if heartbeat is not None:
            heartbeat.start()
        began = time.perf_counter()
        work()
        seconds = time.perf_counter() - began
        freeze = heartbeat.stop() if heartbeat is not None else None
        wait_for_tasks()
        with self._lock:
            return Visit(name, kind, self.count, seconds, freeze)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


def measure(db, year: int | None = None) -> list[Visit]:
    """Every page visited once after start-up, the avvik search and «Søk i alt» typed
    key by key, a round answered point by point, and the annual summary and AMU minutes
    as PDF."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from vernelogg.ui.app import create_application
    from vernelogg.ui.context import AppContext
    from vernelogg.ui.main_window import MainWindow

    app = create_application()
    counter = StatementCounter(db.engine, Heartbeat())
    visits: list[Visit] = []
    try:
        window = MainWindow(AppContext(db))
        window.resize(1280, 800)
        visits.append(counter.measure("oppstart", "side", lambda: _start(window)))
        settle_warm_up(window)
        for spec in window.specs[1:] + window.specs[:1]:
            visits.append(counter.measure(spec.key, "side", partial(_visit, window, spec.key)))
        visits.extend(_typing(window, counter))
        visits.extend(_search_typing(window, counter))
        visits.extend(_round_answers(window, counter))
        today = clock.today()
        visits.append(
            counter.measure("årsoversikt (PDF)", "rapport", lambda: _annual(db, year, today))
        )
        visits.append(counter.measure("AMU-protokoll (PDF)", "rapport", lambda: _minutes(db)))
        window.close()
        app.processEvents()
    finally:
        counter.close()
    return visits


def _start(window) -> None:
    window.show()
    settle_start(window)


def _visit(window, key: str) -> None:
    from vernelogg.ui.common.worker import settle

    settle(window.show_page(key))


def _typing(window, counter: StatementCounter) -> list[Visit]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from vernelogg.ui.common.worker import settle

    key = next(s.key for s in window.specs if s.title.startswith("Avvik"))
    tab = find_list_tab(window.show_page(key))
    tab.search.setFocus(Qt.FocusReason.OtherFocusReason)
    visits = []
    for ch in SEARCH_TERM:

        def one_key(ch=ch) -> None:
            QTest.keyClick(tab.search, ch)
            tab.apply()
            settle(tab)  # the rows are read on a worker thread: key to rows on screen
            tab.view.viewport().repaint()

        visits.append(counter.measure(f"avvikssøk «{ch}»", "tast", one_key))
    tab.search.clear()
    tab.apply()
    return visits


def _search_typing(window, counter: StatementCounter) -> list[Visit]:
    """«Søk i alt» typed key by key, each key searched at once (as after the dialog's
    pause for more keys) and its hits listed."""
    from PySide6.QtTest import QTest

    from vernelogg.services.search import search
    from vernelogg.ui.search import SearchDialog

    dialog = SearchDialog(window.ctx, parent=window)
    dialog.show()
    visits = []
    for ch in SEARCH_TERM:

        def one_key(ch=ch) -> None:
            QTest.keyClicks(dialog.field, ch)
            dialog._timer.stop()
            asked = dialog.requests.ask()
            dialog._arrived(asked, search(window.ctx.db, dialog.field.text()))
            dialog.list.viewport().repaint()

        visits.append(counter.measure(f"søk i alt «{ch}»", "tast", one_key))
    dialog.close()
    return visits


ANSWERS = 6


def _round_answers(window, counter: StatementCounter) -> list[Visit]:
    """A round in progress answered point after point («1»: OK, and on to the next), each
    answer timed until it is stored and the round read again; the freeze is the key's."""
    from vernelogg.bench.round_probe import round_in_progress
    from vernelogg.domain.rounds import Answer
    from vernelogg.ui.common.worker import settle

    page = window.show_page("vernerunder")
    settle(page)
    view = page.open_round(round_in_progress(window.ctx.db))
    settle(page)
    visits = []
    for _n in range(ANSWERS):

        def one_answer() -> None:
            view.answer(Answer.OK)
            settle(page)

        visits.append(counter.measure("svar i runde «1»", "svar", one_answer))
    view.go_back()
    settle(page)
    return visits


def _annual(db, year: int | None, today) -> None:
    from vernelogg.reports.annual import write_annual_pdf
    from vernelogg.services.annual import build_summary

    write_annual_pdf(build_summary(db, year or today.year - 1, today=today), io.BytesIO())


def _minutes(db) -> None:
    from vernelogg.reports.amu_minutes import write_minutes
    from vernelogg.services.amu import latest_meeting_id

    meeting_id = latest_meeting_id(db, with_minutes=True)
    if meeting_id is not None:
        write_minutes(db, meeting_id, io.BytesIO(), today=clock.today())


def format_visits(visits: list[Visit], heading: str) -> str:
    lines = [heading, f"{'måling':<28} {'setninger':>10} {'tid':>10} {'lengste frys':>14}"]
    for v in visits:
        freeze = "" if v.freeze_ms is None else f"{v.freeze_ms:>11.0f} ms"
        lines.append(f"{v.name:<28} {v.statements:>10} {v.seconds * 1000:>8.0f} ms {freeze}")
    keys = [v for v in visits if v.kind == "tast"]
    if keys:
        worst = max(keys, key=lambda v: v.seconds)
        lines.append(f"verste tast: {worst.seconds * 1000:.0f} ms ({worst.statements} setninger)")
    frozen = [v for v in visits if v.freeze_ms is not None]
    if frozen:
        worst = max(frozen, key=lambda v: v.freeze_ms or 0.0)
        lines.append(f"lengste frys: {worst.freeze_ms:.0f} ms ({worst.name})")
    return "\n".join(lines)


def to_json(visits: list[Visit], **meta) -> str:
    return json.dumps({**meta, "visits": [asdict(v) for v in visits]}, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    from vernelogg.store.database import Database, describe_url

    p = argparse.ArgumentParser(prog="python -m vernelogg.bench.network")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--year", type=int)
    args = p.parse_args(argv)
    clock.install(clock.from_environment())
    db = Database.open(args.db)
    try:
        visits = measure(db, args.year)
    finally:
        db.close()
    where = describe_url(args.db)
    if args.json:
        print(to_json(visits, database=where))
    else:
        print(format_visits(visits, f"Rundturer per sidebesøk og rapport ({where})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

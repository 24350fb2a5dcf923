"""The app process of the benchmark: `python -m vernelogg.bench.probe --db PATH`.

Opens the main window on the database (offscreen), then measures what a user waits for,
each next to its floor, and prints one JSON object on stdout. Its own peak memory (the
app's, through all the steps) is part of that object.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from vernelogg import clock
from vernelogg.bench import floors
from vernelogg.bench.processes import peak_rss_mb

SEARCH_TERM = "rekkverk"


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def find_list_tab(page):
    """The avvik list on the «Avvik og tiltak» page (not the action plan beside it)."""
    from vernelogg.ui.deviations.list_tab import DeviationsTab

    tabs = page.findChildren(DeviationsTab)
    if not tabs:
        raise RuntimeError("Fant ikke avvikslisten på siden «Avvik og tiltak».")
    tab = tabs[0]
    parent = getattr(page, "tabs", None)
    if parent is not None:
        parent.setCurrentWidget(tab)  # as a user would look at it
    return tab


def _sqlite_sql(statement) -> tuple[str, list]:
    """A statement as the SQL text and parameters the SQLite driver gets (bound values,
    as the app sends them, so SQLite plans it the same way)."""
    from sqlalchemy.dialects import sqlite

    compiled = statement.compile(
        dialect=sqlite.dialect(), compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    values = [params[name] for name in compiled.positiontup or ()]
    processors = compiled._bind_processors  # UUIDs, dates … as the driver stores them
    values = [
        processors[name](v) if name in processors else v
        for name, v in zip(compiled.positiontup or (), values, strict=True)
    ]
    return str(compiled), values


def settle_start(window, timeout: float = 120) -> float:
    """Wait until what the window gathers on worker threads at start-up (the overview,
    the deadlines) is in, so the figures below measure their own work, not a start-up
    still running beside them. Returns how long that took."""
    from vernelogg.ui.common.worker import settle, wait_for_tasks

    began = time.perf_counter()
    settle(window.stack.currentWidget(), timeout)
    wait_for_tasks(int(timeout * 1000))
    settle(window.stack.currentWidget(), timeout)
    return time.perf_counter() - began


def settle_warm_up(window, timeout: float = 60) -> None:
    """Wait until the other pages' modules are imported ahead (ui/common/warm_up.py), as
    they are a second after start-up: a visit then measures the page, not the import."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while not window.warm_up.is_done() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)


def deviation_filter(window, db_path: Path, term: str) -> dict:
    """Open the avvik list, then type `term` one key at a time (after start-up has
    settled: typing in the first seconds shares the interpreter with the worker threads
    gathering the overview and deadlines). Each keystroke is timed
    from the key to the list showing its new rows (query, model reset, visible rows
    painted); the short pause the list waits for more keys (so fast typing runs one
    query, not eight) is not counted. The floor is the list's own SQL for the rows on
    screen, run straight through the driver. The exact hit count, which the list runs
    once typing pauses, is timed apart."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from vernelogg.ui.common.worker import settle

    key = next(s.key for s in window.specs if s.title.startswith("Avvik"))
    began = time.perf_counter()
    page = window.show_page(key)
    tab = find_list_tab(page)
    tab.view.viewport().repaint()
    opened = time.perf_counter() - began
    QApplication.processEvents()
    tab.search.setFocus(Qt.FocusReason.OtherFocusReason)
    raw = floors.raw_connection(db_path)
    times, model_times, floor_times, counts = [], [], [], []
    try:
        for ch in term:
            began = time.perf_counter()
            QTest.keyClicks(tab.search, ch)
            tab.apply()
            settle(tab)  # the rows are read on a worker thread: key to rows on screen
            model_times.append(time.perf_counter() - began)
            tab.view.viewport().repaint()
            times.append(time.perf_counter() - began)
            counts.append(tab.model.rowCount())
            query = tab.query()
            page_sql = _sqlite_sql(tab.source.statement(query).limit(tab.model.page_size))
            floor_times.append(floors.timed_sql(raw, *page_sql))
        began = time.perf_counter()
        finish = getattr(tab.model, "finish_count", None)
        if callable(finish):
            finish()
            settle(tab)
        tab.view.viewport().repaint()
        count_seconds = time.perf_counter() - began
        count_sql = _sqlite_sql(
            select(func.count()).select_from(tab.source.statement(query).subquery())
        )
        count_floor = floors.timed_sql(raw, *count_sql)
    finally:
        raw.close()
    tab.search.clear()
    tab.apply()
    return {
        "median": _median(times),
        "worst": max(times),
        "floor": _median(floor_times),
        "floor_worst": max(floor_times),
        "term": term,
        "open_seconds": opened,
        "rows_after_each_key": counts,
        "each_key": times,
        "model_median": _median(model_times),
        "count_seconds": count_seconds,
        "count_floor": count_floor,
    }


def search_everywhere(window, db_path: Path, term: str) -> dict:
    """«Søk i alt» open, `term` typed one key at a time: each key timed from the key to
    the dialog's list showing its hits (the search, the list filled and painted). The
    dialog runs the search on a worker thread after a pause in typing; here it runs at
    once on this thread, so the pause is not counted. The floor is the search's own SQL
    statement for the same words, run straight through the driver."""
    from PySide6.QtTest import QTest

    from vernelogg.domain.deviations import search_terms
    from vernelogg.services.search import search
    from vernelogg.ui.search import SearchDialog

    db = window.ctx.db
    dialog = SearchDialog(window.ctx, parent=window)
    dialog.show()
    raw = floors.raw_connection(db_path)
    times, floor_times, counts = [], [], []
    try:
        for ch in term:
            began = time.perf_counter()
            QTest.keyClicks(dialog.field, ch)
            dialog._timer.stop()
            asked = dialog.requests.ask()
            dialog._arrived(asked, search(db, dialog.field.text()))
            dialog.list.viewport().repaint()
            times.append(time.perf_counter() - began)
            counts.append(dialog.list.count())
            typed = search_terms(dialog.field.text())
            floor_times.append(floors.timed_sql(raw, *_search_sql(db, typed)))
    finally:
        raw.close()
        dialog.close()
    return {
        "median": _median(times),
        "worst": max(times),
        "floor": _median(floor_times),
        "term": term,
        "hits_after_each_key": counts,
        "each_key": times,
    }


def _search_sql(db, terms: list[str]) -> tuple[str, list]:
    from vernelogg.store.search_index import has_fts, hits_query

    numbers = [" ".join(terms), "sak " + " ".join(terms)]
    with db.read() as s:
        fts = has_fts(s.connection())
    return _sqlite_sql(hits_query(terms, numbers, 50, "sqlite", fts))


def _warm_pdf() -> None:
    """Import ReportLab and register the fonts before the timed work (both sides)."""
    floors.filler_pdf(1)


def annual_pdf(db, year: int, today: date) -> dict:
    from vernelogg.reports.annual import write_annual_pdf
    from vernelogg.services.annual import build_summary

    _warm_pdf()
    out = io.BytesIO()
    began = time.perf_counter()
    summary = build_summary(db, year, today=today)
    built = time.perf_counter() - began
    write_annual_pdf(summary, out)
    seconds = time.perf_counter() - began
    pages = floors.pdf_pages(out.getvalue())
    floor, floor_pages = floors.timed_filler_pdf(pages)
    return {
        "seconds": seconds,
        "query_seconds": built,
        "pages": pages,
        "floor": floor,
        "floor_pages": floor_pages,
        "year": year,
    }


def amu_minutes_pdf(db, today: date) -> dict:
    from vernelogg.reports.amu_minutes import write_minutes
    from vernelogg.services.amu import get_meeting, latest_meeting_id

    meeting_id = latest_meeting_id(db, with_minutes=True)
    if meeting_id is None:
        raise RuntimeError("Databasen har ingen holdte AMU-møter.")
    _warm_pdf()
    out = io.BytesIO()
    began = time.perf_counter()
    write_minutes(db, meeting_id, out, today=today)
    seconds = time.perf_counter() - began
    pages = floors.pdf_pages(out.getvalue())
    floor, floor_pages = floors.timed_filler_pdf(pages)
    return {
        "seconds": seconds,
        "pages": pages,
        "floor": floor,
        "floor_pages": floor_pages,
        "meeting": get_meeting(db, meeting_id).title,
    }


def round_save(db, db_path: Path, runs: int) -> dict:
    from vernelogg.bench.round_probe import answer_times

    times = answer_times(db, runs)
    floor = floors.bare_insert_commit(db_path, runs)
    return {
        "median": _median(times),
        "worst": max(times),
        "floor": _median(floor),
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vernelogg.bench.probe")
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--year", type=int, help="år for årsoversikten (standard: i fjor)")
    parser.add_argument("--runs", type=int, default=20, help="lagringer av et sjekkpunkt")
    parser.add_argument("--term", default=SEARCH_TERM)
    args = parser.parse_args(argv)

    from vernelogg.store.database import Database
    from vernelogg.ui.app import create_application
    from vernelogg.ui.context import AppContext
    from vernelogg.ui.main_window import MainWindow

    today = clock.today()
    app = create_application()
    db = Database.open("sqlite:///" + str(args.db.resolve()))
    window = MainWindow(AppContext(db))
    window.show()
    app.processEvents()
    out: dict = {"settled_seconds": settle_start(window)}
    steps = [
        ("deviation_filter", lambda: deviation_filter(window, args.db, args.term)),
        ("search", lambda: search_everywhere(window, args.db, args.term)),
        ("annual_pdf", lambda: annual_pdf(db, args.year or today.year - 1, today)),
        ("amu_minutes_pdf", lambda: amu_minutes_pdf(db, today)),
        ("round_save", lambda: round_save(db, args.db, args.runs)),
    ]
    for name, step in steps:
        print(f"vernelogg: bench: {name} …", file=sys.stderr, flush=True)
        out[name] = step()
        app.processEvents()
    out["peak_rss_mb"] = peak_rss_mb()
    window.close()
    from vernelogg.ui.common.worker import wait_for_tasks

    wait_for_tasks()
    db.close()
    json.dump(out, sys.stdout)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

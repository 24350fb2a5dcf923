"""How fast the avvik list is with many avvik: open it, and type in its search box.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.perf.bench_deviation_list [N] [--keep]

Fills a temporary SQLite database with N generated avvik (default 100,000) through
`vernelogg.demo.large.bulk_deviations`, then measures, through the same PagedModel and
DeviationList the «Avvik» tab uses:

- opening the list: count + first page + the rows a screen shows;
- every keystroke of typing a few search terms one key at a time (set_query: first
  page + the visible rows; the full count waits for a pause in typing, as in the app),
  with and without an area filter, and with a model that counts on every key;
- the pause: first page + exact count;
- the raw SQL for the same rows (count and first page, straight through sqlite3), to
  show what the layers above cost.

Prints median and worst milliseconds. Not a test: wall-clock numbers depend on the
machine, so no test asserts them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from vernelogg import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TERMS = ["stillas", "truck", "kjølerommet", "kaffetrakter", "port 3", "per lie", "xyzzy"]
VISIBLE_ROWS = 30
TARGET_MS = 50.0


def ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def summary(label: str, values: list[float]) -> str:
    return (
        f"{label:<46} median {statistics.median(values):6.1f} ms   "
        f"worst {max(values):6.1f} ms   (n={len(values)})"
    )


def keystrokes(filters: dict | None = None) -> list:
    from vernelogg.services.query import ListQuery

    queries = []
    for term in TERMS:
        for end in range(1, len(term) + 1):
            queries.append(
                ListQuery(
                    search=term[:end],
                    filters=dict(filters or {}),
                    sort="occurred_at",
                    descending=True,
                )
            )
    return queries


def run(n: int = 100_000, seed: int = 1, keep: bool = False) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt

    from vernelogg.demo.large import bulk_deviations
    from vernelogg.services.areas import list_areas
    from vernelogg.services.deviations import DeviationList
    from vernelogg.services.query import ListQuery
    from vernelogg.store.database import Database
    from vernelogg.ui.app import create_application
    from vernelogg.ui.common.table import PagedModel
    from vernelogg.ui.deviations.list_tab import COLUMNS, COUNT_DELAY_MS

    create_application()
    folder = Path(tempfile.mkdtemp(prefix="vernelogg-bench-"))
    path = folder / "stor.sqlite"
    db = Database.open(f"sqlite:///{path}")
    started = time.perf_counter()
    bulk_deviations(db, n, seed)
    print(f"Generated {n:,} avvik in {time.perf_counter() - started:.1f} s ({path})")
    today = clock.today()
    source = DeviationList(db, today)
    # As the «Avvik» tab builds it: a search's full count waits for a pause in typing.
    model = PagedModel(COLUMNS, source, page_size=100, defer_count_ms=COUNT_DELAY_MS)
    counting = PagedModel(COLUMNS, source, page_size=100)  # counts on every keystroke

    def show(query, model=model) -> None:
        model.set_query(query)
        for row in range(min(VISIBLE_ROWS, model.rowCount())):
            for column in range(len(COLUMNS)):
                model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)

    def pause(query) -> None:
        """The user stops typing: the deferred count runs and the label is exact."""
        model.set_query(query)
        model.finish_count()

    results: dict[str, list[float]] = {}
    opening = ListQuery(sort="occurred_at", descending=True)
    show(opening)  # warm the cache once, as a second look at the page would
    results["open the list (count + first page + screen)"] = [
        ms(lambda: show(opening)) for _ in range(15)
    ]
    results["keystroke: PagedModel (page + screen)"] = [
        ms(lambda q=q: show(q)) for q in keystrokes()
    ]
    area = list_areas(db)[0].id
    results["keystroke with area filter: PagedModel"] = [
        ms(lambda q=q: show(q)) for q in keystrokes({"area_id": area})
    ]
    results["keystroke: PagedModel counting every key"] = [
        ms(lambda q=q: show(q, counting)) for q in keystrokes()
    ]
    results["pause in typing: page + exact count"] = [
        ms(lambda q=q: pause(q)) for q in keystrokes()
    ]
    results["keystroke: count only (service)"] = [
        ms(lambda q=q: source.count(q)) for q in keystrokes()
    ]
    results["keystroke: first page only (service)"] = [
        ms(lambda q=q: source.fetch(q, 0, 100)) for q in keystrokes()
    ]

    # The same SQL straight through sqlite3, without SQLAlchemy, Qt or dataclasses.
    from sqlalchemy import func, select

    from vernelogg.store.models import Deviation

    raw = sqlite3.connect(str(path))

    def compiled(stmt) -> str:
        return str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))

    def raw_keystroke(query) -> None:
        count = select(func.count()).select_from(Deviation).where(*source._conditions(query))
        raw.execute(compiled(count)).fetchall()
        raw.execute(compiled(source.statement(query).limit(100))).fetchall()

    results["keystroke: raw SQL (count + first page)"] = [
        ms(lambda q=q: raw_keystroke(q)) for q in keystrokes()
    ]
    raw.close()
    db.close()
    if keep:
        print(f"Database kept: {path}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    keep = "--keep" in argv
    numbers = [a for a in argv if a != "--keep"]
    n = int(numbers[0]) if numbers else 100_000
    results = run(n, keep=keep)
    print()
    for label, values in results.items():
        print(summary(label, values))
    typing = results["keystroke: PagedModel (page + screen)"]
    verdict = "met" if statistics.median(typing) < TARGET_MS else "NOT met"
    print(f"\nTarget: under {TARGET_MS:.0f} ms median per keystroke – {verdict}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

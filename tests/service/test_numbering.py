"""Running numbers are never handed out twice, also with two writer processes."""

from __future__ import annotations

import multiprocessing

from vernelogg.services.numbering import next_number
from vernelogg.store.database import Database


def test_numbers_run_per_series_and_year(db):
    with db.write() as s:
        assert [next_number(s, "AV", 2026) for _ in range(3)] == [1, 2, 3]
        assert next_number(s, "AV", 2027) == 1
        assert next_number(s, "SAK", 2026) == 1


def _take_numbers(url: str, count: int, queue) -> None:
    db = Database.open(url)
    got = []
    for _ in range(count):
        with db.write() as s:
            got.append(next_number(s, "AV", 2026))
    db.close()
    queue.put(got)


def test_two_processes_never_get_the_same_number(db):
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_take_numbers, args=(db.url, 60, queue)) for _ in range(2)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    numbers = results[0] + results[1]
    assert sorted(numbers) == list(range(1, 121))

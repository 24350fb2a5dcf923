"""The annual summary's parts read side by side (as on a server) give the same summary as
read one after the other, and a part asked for twice is read once."""

from __future__ import annotations

import threading

from tests.conftest import TODAY
from vernelogg.services import annual, gather


def test_side_by_side_equals_one_after_the_other(demo_db, monkeypatch):
    monkeypatch.setattr(gather, "workers_for", lambda db: 1)
    alone = annual.build_summary(demo_db, TODAY.year, TODAY)
    monkeypatch.setattr(gather, "workers_for", lambda db: 4)
    beside = annual.build_summary(demo_db, TODAY.year, TODAY)
    assert beside == alone
    assert [s.key for s in beside.sections] == [s.key for s in alone.sections]


def test_a_part_asked_for_twice_is_read_once():
    calls: list[int] = []
    started = threading.Event()
    release = threading.Event()

    def slow(year: int) -> int:
        calls.append(year)
        started.set()
        release.wait(10)
        return year * 2

    gathered = gather.Gathering(3)
    try:
        first = gathered.submit(gathered.once, slow, 2026)
        assert started.wait(10)
        second = gathered.submit(gathered.once, slow, 2026)
        other = gathered.submit(gathered.once, slow, 2025)
        release.set()
        assert (first.result(10), second.result(10), other.result(10)) == (4052, 4052, 4050)
    finally:
        gathered.close()
    assert sorted(calls) == [2025, 2026]


def test_outside_a_summary_once_just_calls():
    assert gather.once(lambda n: n + 1, 1) == 2

"""One clock: nothing but vernelogg/clock.py reads the real date or time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from vernelogg import clock
from vernelogg.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
REAL_CLOCK = re.compile(
    r"datetime\.now\(|date\.today\(|datetime\.today\(|utcnow\(|\butcnow\b|time\.localtime\("
    r"|QDate\.currentDate\(|QDateTime\.current|QTime\.currentTime\(|func\.now\(|CURRENT_TIMESTAMP"
)
ALLOWED = {ROOT / "vernelogg" / "clock.py", Path(__file__).resolve()}


def python_files():
    for folder in ("vernelogg", "tests", "packaging"):
        yield from (ROOT / folder).rglob("*.py")


def test_nothing_but_the_clock_reads_the_real_date_or_time():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in python_files()
        if path not in ALLOWED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if REAL_CLOCK.search(line)
    ]
    assert offenders == [], "ask vernelogg.clock instead:\n" + "\n".join(offenders)


def test_the_grep_finds_what_it_looks_for():
    for line in ("x = date.today()", "datetime.now(UTC)", "at=utcnow()", "QDate.currentDate()"):
        assert REAL_CLOCK.search(line), line


def test_tests_run_on_a_frozen_day_at_noon_in_oslo(frozen_clock):
    from tests.conftest import TODAY

    assert clock.today() == TODAY
    assert clock.local_now().hour == 12 and clock.now().tzinfo is UTC
    frozen_clock.advance(timedelta(hours=13))
    assert clock.today() == TODAY + timedelta(days=1)


def test_the_app_starts_on_the_moment_named_in_the_environment():
    assert isinstance(clock.from_environment({}), clock.SystemClock)
    day = clock.from_environment({clock.NOW_ENV: "2031-02-03"})
    assert day.now().replace(microsecond=0) == datetime(2031, 2, 3, 11, 0, tzinfo=UTC)  # noon, Oslo
    moment = clock.from_environment({clock.NOW_ENV: "2031-07-01T08:30"})
    assert moment.now().astimezone(clock.OSLO).hour == 8
    with pytest.raises(UserError, match="VERNELOGG_NOW"):
        clock.from_environment({clock.NOW_ENV: "i morgen"})


def test_a_frozen_clock_needs_a_zone():
    with pytest.raises(ValueError):
        clock.FrozenClock(datetime(2030, 1, 1))
    assert clock.frozen_at(date(2030, 1, 1)).now().tzinfo is UTC

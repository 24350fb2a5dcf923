"""The one clock: every question "what day is it" or "what time is it" asks this module.

The app installs its clock at start (`install`): the system clock, or a frozen one when
`VERNELOGG_NOW` names a moment (screenshots, demonstrations, tests that start the app
in another process). Tests freeze it for every test (tests/conftest.py). Nothing else in
the code reads the real clock; tests/unit/test_one_clock.py greps for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from vernelogg.errors import UserError
from vernelogg.i18n import _

OSLO = ZoneInfo("Europe/Oslo")
NOW_ENV = "VERNELOGG_NOW"


class Clock(Protocol):
    def now(self) -> datetime:
        """This moment, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that stands still until told to move: for tests and demonstrations.

    Each reading is one microsecond after the one before, so that what happens in order
    keeps its order (a timeline sorted by time), as it does on a real clock.
    """

    STEP = timedelta(microseconds=1)

    def __init__(self, at: datetime) -> None:
        self.set(at)

    def now(self) -> datetime:
        self._at += self.STEP
        return self._at

    def set(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError(_("Et frosset tidspunkt må ha tidssone"))
        self._at = at.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self._at += delta


def frozen_at(day: date, at: time = time(12, 0)) -> FrozenClock:
    """A clock frozen on a day, at a local (Oslo) time of that day."""
    return FrozenClock(datetime.combine(day, at, tzinfo=OSLO))


def from_environment(environ: dict[str, str] | None = None) -> Clock:
    """The clock the app starts with: frozen when VERNELOGG_NOW holds an ISO date or
    moment (a moment without a zone is read as Oslo time), otherwise the system clock."""
    value = (os.environ if environ is None else environ).get(NOW_ENV, "").strip()
    if not value:
        return SystemClock()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UserError(
            _("{setting} er ikke et tidspunkt (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM)").format(
                setting=f"{NOW_ENV}={value!r}"
            )
        ) from exc
    if len(value) == 10:  # a date alone: noon that day
        return frozen_at(moment.date())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=OSLO)
    return FrozenClock(moment)


_clock: Clock = SystemClock()


def install(clock: Clock) -> Clock:
    """Make `clock` the one the whole app asks; returns the one it replaces."""
    global _clock
    previous, _clock = _clock, clock
    return previous


def current() -> Clock:
    return _clock


@contextmanager
def using(clock: Clock) -> Iterator[Clock]:
    previous = install(clock)
    try:
        yield clock
    finally:
        install(previous)


def now() -> datetime:
    """This moment, timezone-aware, in UTC: what timestamps are stored as."""
    return _clock.now()


def local_now() -> datetime:
    """This moment in Norwegian time: what forms show as "now"."""
    return _clock.now().astimezone(OSLO)


def today() -> date:
    """Today's date in Norway."""
    return local_now().date()

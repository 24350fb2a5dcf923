"""Realistic Norwegian demo data: a mid-size undertaking with records up to today.

`fill_demo` refuses a database that already holds an undertaking. Each feature adds a
step to STEPS (one line) that writes its own records, spread over the last two years.
"""

from __future__ import annotations

import random
from datetime import date

from vernelogg import clock
from vernelogg.demo import (
    amu,
    dating,
    deviations,
    organisation,
    risk,
    rounds,
    stoppage,
    training,
)
from vernelogg.demo.context import DemoContext
from vernelogg.services.errors import ServiceError
from vernelogg.services.organisation import is_set_up
from vernelogg.store.audit import set_current_user
from vernelogg.store.database import Database

STEPS = [
    organisation.fill,
    training.fill,
    deviations.fill,
    rounds.fill,
    risk.fill,
    dating.date_as_lived,  # before the AMU's standing items count what was decided when
    amu.fill,
    stoppage.fill,
    dating.date_as_lived,
]


def fill_demo(db: Database, *, seed: int = 2026, today: date | None = None, progress=None) -> str:
    if is_set_up(db):
        raise ServiceError(
            "Databasen er ikke tom: eksempeldata legges bare inn i en ny, tom database."
        )
    set_current_user("Eksempeldata")
    ctx = DemoContext(db=db, rng=random.Random(seed), today=today or clock.today())
    try:
        for number, step in enumerate(STEPS, start=1):
            step(ctx)
            if progress:
                progress(int(number * 100 / len(STEPS)), step.__module__.rsplit(".", 1)[-1])
    finally:
        set_current_user(None)
    return ctx.summary()

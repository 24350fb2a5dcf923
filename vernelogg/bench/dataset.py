"""A large synthetic undertaking for the benchmark: `vernelogg demo --scale large`.

Ten years of records of a municipality (Fjellby kommune): areas, staff and role holders
with their training, avvik with actions and timelines, safety rounds with answered check
points, risk assessments, stops of work and AMU meetings with cases and decisions. Written
in bulk (SQLAlchemy Core, many rows per statement, a few transactions per kind of record)
rather than through the services, which check and audit one record at a time. The
running numbers (AV-2026-0042, Sak 12/2026, …) are consistent and the counters are set
past them, so records made afterwards in the app continue each series.

Deterministic: the same seed and the same day give the same data.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, update

from vernelogg import clock
from vernelogg.bench.world import World
from vernelogg.bench.writer import Progress, Writer, stderr_progress
from vernelogg.services.errors import ServiceError
from vernelogg.services.organisation import is_set_up
from vernelogg.store import search_index
from vernelogg.store.database import Database
from vernelogg.store.models import Counter, Setting, table_of

DATASET_KEY = "bench.dataset"  # setting that marks a finished generated database
DATASET_VERSION = 4


@dataclass(frozen=True)
class Scale:
    name: str
    years: int
    areas: int
    people: int
    deviations: int
    rounds: int
    risk_assessments: int
    stoppages: int
    meetings_per_year: int


SCALES = {
    "large": Scale(
        "large",
        years=10,
        areas=60,
        people=2000,
        deviations=100_000,
        rounds=10_000,
        risk_assessments=1000,
        stoppages=300,
        meetings_per_year=5,
    ),
    "small": Scale(
        "small",
        years=3,
        areas=8,
        people=80,
        deviations=1500,
        rounds=120,
        risk_assessments=20,
        stoppages=8,
        meetings_per_year=4,
    ),
}


@dataclass(frozen=True)
class DatasetInfo:
    scale: str
    seed: int
    today: date
    seconds: float
    counts: dict[str, int]

    def summary(self) -> str:
        return ", ".join(f"{n:,} {what}".replace(",", " ") for what, n in self.counts.items())


Step = Callable[[Writer, World, Scale], None]


def _steps() -> list[tuple[str, Step]]:
    from vernelogg.bench import (
        gen_amu,
        gen_deviations,
        gen_people,
        gen_plan,
        gen_records,
        gen_rounds,
    )

    return [
        (
            "verneområder, personer, verv og opplæring",
            lambda w, world, sc: gen_people.fill(w, world, areas=sc.areas, people=sc.people),
        ),
        ("årshjul", lambda w, world, sc: gen_plan.fill(w, world)),
        (
            "avvik med tiltak og tidslinje",
            lambda w, world, sc: gen_deviations.fill(
                w, world, sc.deviations, sc.years, w.rng.randrange(1 << 30)
            ),
        ),
        ("vernerunder", lambda w, world, sc: gen_rounds.fill(w, world, sc.rounds)),
        (
            "risikovurderinger",
            lambda w, world, sc: gen_records.fill_risk(w, world, sc.risk_assessments),
        ),
        ("stansinger", lambda w, world, sc: gen_records.fill_stoppages(w, world, sc.stoppages)),
        (
            "frittstående tiltak",
            lambda w, world, sc: gen_records.fill_standalone_actions(w, world, sc.years * 40),
        ),
        ("AMU", lambda w, world, sc: gen_amu.fill(w, world, sc.meetings_per_year)),
    ]


def generate(
    db: Database,
    scale: Scale | str = "large",
    *,
    seed: int = 2026,
    today: date | None = None,
    progress: Progress = stderr_progress,
) -> DatasetInfo:
    """Fill an empty database with the generated undertaking."""
    scale = SCALES[scale] if isinstance(scale, str) else scale
    if is_set_up(db):
        raise ServiceError("Databasen er ikke tom: testdata legges bare inn i en ny, tom database.")
    today = today or clock.today()
    began = time.perf_counter()
    w = Writer(
        db=db,
        rng=random.Random(seed),
        today=today,
        start=today - timedelta(days=365 * scale.years),
        progress=progress,
    )
    world = World()
    steps = _steps()
    for number, (title, step) in enumerate(steps, start=1):
        t0 = time.perf_counter()
        progress(f"[{number}/{len(steps)}] {title} …")
        step(w, world, scale)
        progress(f"[{number}/{len(steps)}] {title}: {time.perf_counter() - t0:.1f} s")
    _fix_counters(db)
    t0 = time.perf_counter()
    progress("søkeindeksen …")
    with db.engine.begin() as conn:  # the rows above were written without the ORM
        search_index.rebuild(conn)
    progress(f"søkeindeksen: {time.perf_counter() - t0:.1f} s")
    import json

    with db.engine.begin() as conn:
        conn.execute(
            table_of(Setting).insert(),
            [
                {
                    "key": DATASET_KEY,
                    "value": json.dumps(
                        {
                            "scale": scale.name,
                            "seed": seed,
                            "today": today.isoformat(),
                            "version": DATASET_VERSION,
                        }
                    ),
                }
            ],
        )
    if db.is_sqlite:
        # Statistics for the query planner, and the write-ahead log folded into the file
        # (outside a transaction: the raw connection runs in autocommit mode).
        raw = db.engine.raw_connection()
        try:
            raw.execute("ANALYZE")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    return DatasetInfo(scale.name, seed, today, time.perf_counter() - began, table_counts(db))


# What the summary counts: (label, table).
COUNTED = [
    ("verneområder", "safety_area"),
    ("personer", "person"),
    ("verv", "role_assignment"),
    ("kurs", "training_record"),
    ("planlagte aktiviteter", "planned_activity"),
    ("avvik", "deviation"),
    ("avvikshendelser", "deviation_event"),
    ("tiltak", "action"),
    ("vernerunder", "safety_round"),
    ("sjekkpunkter", "round_item"),
    ("risikovurderinger", "risk_assessment"),
    ("farer", "risk_hazard"),
    ("stansinger", "work_stoppage"),
    ("AMU-møter", "amu_meeting"),
    ("AMU-saker", "amu_agenda_item"),
    ("AMU-vedtak", "amu_decision"),
]


def table_counts(db: Database) -> dict[str, int]:
    """Rows per kind of record, for the summary."""
    from vernelogg.store.models import Base

    counts = {}
    with db.engine.connect() as conn:
        for label, name in COUNTED:
            table = Base.metadata.tables.get(name)
            if table is not None:
                counts[label] = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return counts


# Tables with running numbers per year, and the counter series they use.
NUMBERED = [
    ("deviation", "AV"),
    ("safety_round", "VR"),
    ("work_stoppage", "ST"),
    ("amu_agenda_item", "SAK"),
    ("risk_assessment", "RV"),
]


def _fix_counters(db: Database) -> None:
    """Set each series' counter to the highest number used in each year, so the next
    record made in the app gets the next free number."""
    from sqlalchemy import Table

    from vernelogg.store.models import Base

    with db.engine.begin() as conn:
        for table_name, series in NUMBERED:
            table: Table | None = Base.metadata.tables.get(table_name)
            if table is None:
                continue
            rows = conn.execute(
                select(table.c.year, func.max(table.c.seq)).group_by(table.c.year)
            ).all()
            for year, top in rows:
                current = conn.execute(
                    select(Counter.value).where(Counter.series == series, Counter.year == year)
                ).scalar()
                if current is None:
                    conn.execute(
                        table_of(Counter).insert(), [{"series": series, "year": year, "value": top}]
                    )
                elif current < top:
                    conn.execute(
                        update(Counter)
                        .where(Counter.series == series, Counter.year == year)
                        .values(value=top)
                    )


def dataset_info(db: Database) -> dict | None:
    """What generated the database (scale, seed, day), or None if it is not a finished one."""
    import json

    with db.read() as s:
        row = s.get(Setting, DATASET_KEY)
        return json.loads(row.value) if row is not None else None

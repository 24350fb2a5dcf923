"""Avvik over ten years: `bulk_deviations` from the «Avvik og tiltak» feature writes the
avvik, their «registrert» line and some tiltak; this adds the rest of each timeline (the
status changes up to where the avvik stands today, comments), as treating them in the app
would have."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vernelogg.bench.world import World
from vernelogg.bench.writer import Writer
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.store.models import Deviation, DeviationEvent, table_of

STEPS = [
    DeviationStatus.REGISTERED,
    DeviationStatus.UNDER_TREATMENT,
    DeviationStatus.MEASURES_TAKEN,
    DeviationStatus.CLOSED,
]
NOTES = {
    DeviationStatus.UNDER_TREATMENT: ["", "Leder har startet oppfølgingen.", "Sendt til BHT."],
    DeviationStatus.MEASURES_TAKEN: ["", "Tiltak er satt i verk.", "Utstyret er byttet."],
}
COMMENTS = [
    "Snakket med de involverte.",
    "Tatt opp på personalmøtet.",
    "Verneombudet er orientert.",
    "Venter på leverandør.",
]
READ_CHUNK = 20_000


def fill(w: Writer, world: World, n: int, years: int, seed: int) -> None:
    from vernelogg.demo.large import bulk_deviations

    step = max(n // 10, 1)
    bulk_deviations(
        w.db,
        n,
        seed,
        years=years,
        today=w.today,
        new_id=w.uid,
        now=w.now,
        progress=lambda done, total: (
            w.say(f"avvik {done:,}/{total:,}".replace(",", " ")) if done % step < 5000 else None
        ),
    )
    _timelines(w, world)
    _notifications(w)


def _notifications(w: Writer) -> None:
    """Serious injuries were reported to Arbeidstilsynet and the police and copied to
    the VO (aml. § 5-2) within the hour; only the last few days' may still lack it."""
    from sqlalchemy import bindparam, update

    table = table_of(Deviation)
    with w.db.engine.begin() as conn:
        rows = conn.execute(
            select(table.c.id, table.c.reported_at).where(
                table.c.kind == "personal_injury",
                table.c.severity == "serious",
                table.c.reported_at < w.now - timedelta(days=3),
            )
        ).all()
        values = []
        for dev_id, reported in rows:
            at = reported + timedelta(minutes=w.rng.randint(10, 60))
            values.append(
                {
                    "dev_id": dev_id,
                    "authority": at,
                    "police": at,
                    "written": at + timedelta(minutes=50),
                    "copy": at + timedelta(hours=1),
                }
            )
        if values:
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("dev_id"))
                .values(
                    authority_notified_at=bindparam("authority"),
                    police_notified_at=bindparam("police"),
                    written_confirmation_at=bindparam("written"),
                    delegate_copy_at=bindparam("copy"),
                ),
                values,
            )


def _timelines(w: Writer, world: World) -> int:
    """Status changes (who, when, from → to) and comments for every avvik past
    «registrert», in order and never later than now."""
    table = table_of(Deviation)
    query = select(
        table.c.id,
        table.c.status,
        table.c.reported_at,
        table.c.closed_at,
        table.c.measures_effective,
        table.c.responsible_id,
    ).order_by(table.c.year, table.c.seq)
    written = 0
    events: list[dict] = []
    with w.db.engine.connect() as reader:
        rows = reader.execute(query).all()
    for start in range(0, len(rows), READ_CHUNK):
        for dev_id, status, reported, closed, effective, responsible in rows[
            start : start + READ_CHUNK
        ]:
            reached = STEPS.index(DeviationStatus(status))
            end = min(closed or w.now, w.now)
            at = reported
            who = world.names.get(responsible, "Leder")
            for number in range(1, reached + 1):
                target = STEPS[number]
                if target is DeviationStatus.CLOSED:
                    at = max(at, end)
                    text = "Tiltakene virket." if effective else "Tiltakene virket ikke."
                else:
                    at = min(at + timedelta(hours=w.rng.randint(2, 24 * 10)), end)
                    text = w.pick(NOTES[target])
                events.append(
                    {
                        "id": w.uid(),
                        "deviation_id": dev_id,
                        "at": at,
                        "by": who,
                        "kind": "status",
                        "from_status": STEPS[number - 1].value,
                        "to_status": target.value,
                        "text": text,
                    }
                )
            if w.chance(0.2):
                events.append(
                    {
                        "id": w.uid(),
                        "deviation_id": dev_id,
                        "at": min(reported + timedelta(hours=w.rng.randint(1, 72)), w.now),
                        "by": "Verneombud",
                        "kind": "comment",
                        "from_status": None,
                        "to_status": None,
                        "text": w.pick(COMMENTS),
                    }
                )
        with w.db.engine.begin() as conn:
            written += w.insert(conn, DeviationEvent, events)
        events.clear()
    return written

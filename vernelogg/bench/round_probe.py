"""Saving one answered check point in a round that is in progress, through the rounds
service, timed from the call to the commit."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import select

from vernelogg.domain.rounds import Answer, ItemKind, RoundStatus
from vernelogg.store.database import Database
from vernelogg.store.models import CheckItem, SafetyRound


def round_in_progress(db: Database) -> str:
    """A round in progress (the newest), or the first planned one started."""
    from vernelogg.services import rounds

    with db.read() as s:
        found = s.scalar(
            select(SafetyRound.id)
            .where(
                SafetyRound.status == RoundStatus.IN_PROGRESS.value,
                SafetyRound.archived_at.is_(None),
            )
            .order_by(SafetyRound.planned_date.desc())
            .limit(1)
        )
        if found is not None:
            return str(found)
        planned = s.scalar(
            select(SafetyRound.id)
            .where(
                SafetyRound.status == RoundStatus.PLANNED.value, SafetyRound.archived_at.is_(None)
            )
            .order_by(SafetyRound.planned_date)
            .limit(1)
        )
    if planned is None:
        raise RuntimeError("Databasen har ingen vernerunde å svare i.")
    rounds.start_round(db, str(planned))
    return str(planned)


def answer_times(db: Database, runs: int) -> list[float]:
    """Answer check points of a running round `runs` times, each a real change (OK and
    Ikke relevant in turn), and return the seconds each save took."""
    from vernelogg.services import rounds

    round_id = round_in_progress(db)
    with db.read() as s:
        items = s.execute(
            select(CheckItem.id, CheckItem.answer)
            .where(
                CheckItem.round_id == uuid.UUID(round_id),
                CheckItem.kind == ItemKind.CHECK.value,
                CheckItem.archived_at.is_(None),
                CheckItem.deviation_id.is_(None),
                CheckItem.action_id.is_(None),
            )
            .order_by(CheckItem.position)
        ).all()
    if not items:
        raise RuntimeError("Runden har ingen sjekkpunkter.")
    current = {str(i): a for i, a in items}
    ids = list(current)
    times = []
    for n in range(runs):
        item_id = ids[n % len(ids)]
        answer = Answer.NOT_RELEVANT if current[item_id] == Answer.OK.value else Answer.OK
        began = time.perf_counter()
        rounds.answer_item(db, item_id, answer)
        times.append(time.perf_counter() - began)
        current[item_id] = answer.value
    return times

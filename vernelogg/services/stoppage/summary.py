"""A year's stops for the annual HMS summary: how many, how they ended, where."""

from __future__ import annotations

from sqlalchemy import func, select

from vernelogg.domain.stoppage import StoppageOutcome
from vernelogg.services.stoppage.info import StoppageSummary
from vernelogg.services.stoppage.records import informed_clause, open_clause
from vernelogg.store.database import Database
from vernelogg.store.models import SafetyArea, WorkStoppage


def stoppage_summary(db: Database, year: int) -> StoppageSummary:
    """Stops made in `year` (Oslo time); `open` counts those of them not ended yet."""
    with db.read() as s:
        of_year = (WorkStoppage.year == year, WorkStoppage.archived_at.is_(None))
        # One row per outcome with the open and not-informed counts: one round trip.
        by_outcome = s.execute(
            select(
                WorkStoppage.outcome,
                func.count(WorkStoppage.id),
                func.count(WorkStoppage.id).filter(open_clause()),
                func.count(WorkStoppage.id).filter(~informed_clause()),
            )
            .where(*of_year)
            .group_by(WorkStoppage.outcome)
        ).all()
        outcomes = {outcome: n for outcome, n, _, _ in by_outcome}
        count = sum(n for _, n, _, _ in by_outcome)
        open_ = sum(n for _, _, n, _ in by_outcome)
        not_informed = sum(n for _, _, _, n in by_outcome)
        areas = s.execute(
            select(SafetyArea.name, func.count(WorkStoppage.id))
            .join(SafetyArea, SafetyArea.id == WorkStoppage.area_id)
            .where(*of_year)
            .group_by(SafetyArea.name)
            .order_by(func.count(WorkStoppage.id).desc(), SafetyArea.name)
        ).all()
    return StoppageSummary(
        year=year,
        count=int(count),
        by_outcome={o: int(outcomes.get(o.value, 0)) for o in StoppageOutcome},
        without_outcome=int(outcomes.get(None, 0)),
        by_area={name: int(n) for name, n in areas},
        open=int(open_),
        employer_not_informed=int(not_informed),
    )

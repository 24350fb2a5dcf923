"""Figures for the annual plan and the annual report: rounds planned and done."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from vernelogg.domain.rounds import Answer, RoundStatus
from vernelogg.i18n import _
from vernelogg.services.ids import parse_id
from vernelogg.services.rounds.info import AreaRoundsSummary, RoundsYearSummary
from vernelogg.store.database import Database
from vernelogg.store.models import CheckItem, SafetyArea, SafetyRound


def completed_rounds(db: Database, area_id: str, start: date, end: date) -> int:
    """How many rounds in the area were closed (signed off) from `start` to `end`,
    both days included. Cancelled rounds do not count."""
    if end < start:
        return 0
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count(SafetyRound.id)).where(
                    SafetyRound.area_id == parse_id(area_id, _("verneområdet")),
                    SafetyRound.status == RoundStatus.CLOSED.value,
                    SafetyRound.archived_at.is_(None),
                    SafetyRound.closed_on >= start,
                    SafetyRound.closed_on <= end,
                )
            )
            or 0
        )


def rounds_summary(db: Database, year: int) -> RoundsYearSummary:
    """Per area: rounds planned for a day in `year` (whatever became of them), rounds
    closed in `year`, and the findings in those closed rounds. Areas with neither are
    left out; cancelled rounds count nowhere."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    with db.read() as s:
        planned = dict(
            s.execute(
                select(SafetyRound.area_id, func.count(SafetyRound.id))
                .where(
                    SafetyRound.archived_at.is_(None),
                    SafetyRound.planned_date >= start,
                    SafetyRound.planned_date <= end,
                )
                .group_by(SafetyRound.area_id)
            ).all()
        )
        closed_in_year = (
            SafetyRound.archived_at.is_(None),
            SafetyRound.status == RoundStatus.CLOSED.value,
            SafetyRound.closed_on >= start,
            SafetyRound.closed_on <= end,
        )
        done = dict(
            s.execute(
                select(SafetyRound.area_id, func.count(SafetyRound.id))
                .where(*closed_in_year)
                .group_by(SafetyRound.area_id)
            ).all()
        )
        findings: dict = defaultdict(int)
        for area_id, n in s.execute(
            select(SafetyRound.area_id, func.count(CheckItem.id))
            .join(CheckItem, CheckItem.round_id == SafetyRound.id)
            .where(
                *closed_in_year,
                CheckItem.archived_at.is_(None),
                CheckItem.answer == Answer.NOT_OK.value,
            )
            .group_by(SafetyRound.area_id)
        ):
            findings[area_id] = int(n)
        ids = set(planned) | set(done)
        areas = s.scalars(select(SafetyArea).where(SafetyArea.id.in_(ids))).all() if ids else []
        rows = [
            AreaRoundsSummary(
                area_id=str(a.id),
                area_name=a.name,
                planned=int(planned.get(a.id, 0)),
                done=int(done.get(a.id, 0)),
                findings=findings.get(a.id, 0),
                archived_area=a.archived_at is not None,
            )
            for a in areas
        ]
    rows.sort(key=lambda r: r.area_name.casefold())
    return RoundsYearSummary(year=year, areas=tuple(rows))

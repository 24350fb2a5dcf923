"""Avvik and tiltak in numbers, for the overview: what needs attention today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select

from vernelogg.domain.deviations import NOTIFIABLE_KINDS, DeviationStatus, Severity
from vernelogg.services.action_plan import overdue_count
from vernelogg.services.deviations.listing import OPEN_STATUSES
from vernelogg.store.database import Database
from vernelogg.store.models import Action, Deviation


@dataclass(frozen=True)
class DeviationSummary:
    open: int
    unassigned: int  # registered, no leader yet
    overdue: int  # open avvik past their deadline
    open_actions: int
    overdue_actions: int
    notification_missing: list[str]  # numbers of serious injuries lacking § 5-2 records
    this_year: int


def deviation_summary(db: Database, today: date) -> DeviationSummary:
    live = Deviation.archived_at.is_(None)
    is_open = Deviation.status.in_(OPEN_STATUSES)
    with db.read() as s:

        def count(*conditions) -> int:
            return int(
                s.scalar(select(func.count()).select_from(Deviation).where(live, *conditions)) or 0
            )

        open_ = count(is_open)
        unassigned = count(
            Deviation.status == DeviationStatus.REGISTERED.value,
            Deviation.responsible_id.is_(None),
        )
        overdue = count(is_open, Deviation.deadline.is_not(None), Deviation.deadline < today)
        this_year = count(Deviation.year == today.year)
        missing = list(
            s.scalars(
                select(Deviation.number)
                .where(
                    live,
                    Deviation.kind.in_([k.value for k in NOTIFIABLE_KINDS]),
                    Deviation.severity == Severity.SERIOUS.value,
                    or_(
                        Deviation.authority_notified_at.is_(None),
                        Deviation.police_notified_at.is_(None),
                        Deviation.written_confirmation_at.is_(None),
                        Deviation.delegate_copy_at.is_(None),
                    ),
                )
                .order_by(Deviation.year, Deviation.seq)
            )
        )
        open_actions = int(
            s.scalar(
                select(func.count())
                .select_from(Action)
                .where(
                    and_(
                        Action.archived_at.is_(None),
                        Action.status.in_(["open", "in_progress"]),
                    )
                )
            )
            or 0
        )
    return DeviationSummary(
        open=open_,
        unassigned=unassigned,
        overdue=overdue,
        open_actions=open_actions,
        overdue_actions=overdue_count(db, today),
        notification_missing=missing,
        this_year=this_year,
    )

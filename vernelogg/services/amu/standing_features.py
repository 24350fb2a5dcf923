"""Standing AMU items from the other features: safety rounds and stops of work.

Registered in `standing.STANDING_ITEM_PROVIDERS`; each looks at the period since the last
meeting and says what happened, in numbers and a short list.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg.domain.formatting import fmt_date, fmt_datetime, plural
from vernelogg.domain.rounds import RoundStatus
from vernelogg.domain.stoppage import StoppageOutcome
from vernelogg.services.amu.standing import FigureTable, StandingItem, oslo_bounds
from vernelogg.store.models import SafetyArea
from vernelogg.store.models.rounds import SafetyRound
from vernelogg.store.models.stoppage import WorkStoppage


def rounds_item(session: Session, date_from: date, date_to: date) -> StandingItem | None:
    """Safety rounds planned and done in the period, per area (None when none were planned)."""
    rows = session.execute(
        select(SafetyRound, SafetyArea.name)
        .join(SafetyArea, SafetyArea.id == SafetyRound.area_id)
        .where(
            SafetyRound.archived_at.is_(None),
            SafetyRound.planned_date >= date_from,
            SafetyRound.planned_date <= date_to,
        )
        .order_by(SafetyArea.name, SafetyRound.planned_date)
    ).all()
    planned: Counter[str] = Counter()
    done: Counter[str] = Counter()
    for r, area in rows:
        planned[area] += 1
        if r.status == RoundStatus.CLOSED.value:
            done[area] += 1
    not_done = [
        (r.number, area, fmt_date(r.planned_date))
        for r, area in rows
        if r.status != RoundStatus.CLOSED.value and r.planned_date < date_to
    ]
    total, closed = sum(planned.values()), sum(done.values())
    if not total:
        return None
    summary = f"{closed} av {total} planlagte vernerunder i perioden er gjennomført."
    return StandingItem(
        key="rounds",
        title="Vernerunder siden forrige møte",
        heading="Vernerunder",
        summary=summary,
        figures=(
            FigureTable(
                "Vernerunder per verneområde",
                ("Verneområde", "Planlagt", "Gjennomført"),
                tuple((a, str(planned[a]), str(done[a])) for a in sorted(planned)),
            ),
        ),
        columns=("Runde", "Verneområde", "Planlagt dato") if not_done else (),
        rows=tuple(not_done),
        note="Listen viser rundene som ikke er gjennomført." if not_done else "",
        date_from=date_from,
        date_to=date_to,
    )


def stoppages_item(session: Session, date_from: date, date_to: date) -> StandingItem | None:
    """Stops of dangerous work (aml. § 6-3) in the period and how they ended (None if none)."""
    start, end = oslo_bounds(date_from, date_to)
    rows = session.execute(
        select(WorkStoppage, SafetyArea.name)
        .join(SafetyArea, SafetyArea.id == WorkStoppage.area_id)
        .where(
            WorkStoppage.archived_at.is_(None),
            WorkStoppage.stopped_at >= start,
            WorkStoppage.stopped_at < end,
        )
        .order_by(WorkStoppage.stopped_at)
    ).all()
    if not rows:
        return None
    outcome = Counter(w.outcome for w, _ in rows)
    summary = f"Verneombudene stanset arbeid {plural(len(rows), 'gang', 'ganger')} i perioden."
    return StandingItem(
        key="stoppages",
        title="Stansing av farlig arbeid siden forrige møte",
        heading="Stansing av farlig arbeid (aml. § 6-3)",
        summary=summary,
        figures=(
            FigureTable(
                "Stansinger etter utfall",
                ("Utfall", "Antall"),
                tuple((o.label, str(outcome[o.value])) for o in StoppageOutcome)
                + (("Ikke avsluttet", str(outcome[None])),),
            ),
        ),
        columns=("Nr.", "Stanset", "Verneområde", "Arbeid eller utstyr", "Utfall"),
        rows=tuple(
            (
                w.number,
                fmt_datetime(w.stopped_at),
                area,
                w.work,
                StoppageOutcome(w.outcome).label if w.outcome else "Ikke avsluttet",
            )
            for w, area in rows
        ),
        date_from=date_from,
        date_to=date_to,
    )

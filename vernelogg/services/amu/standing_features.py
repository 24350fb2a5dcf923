"""Standing AMU items from the other features: safety rounds and stops of work.

Registered in `standing.STANDING_ITEM_PROVIDERS`; each looks at the period since the last
meeting and says what happened, in numbers and a short list.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vernelogg.domain.formatting import fmt_date, fmt_datetime, fmt_int
from vernelogg.domain.rounds import RoundStatus
from vernelogg.domain.stoppage import StoppageOutcome
from vernelogg.i18n import _, ngettext
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
    summary = _("{closed} av {total} planlagte vernerunder i perioden er gjennomført.").format(
        closed=closed, total=total
    )
    return StandingItem(
        key="rounds",
        title=_("Vernerunder siden forrige møte"),
        heading=_("Vernerunder"),
        summary=summary,
        figures=(
            FigureTable(
                _("Vernerunder per verneområde"),
                (_("Verneområde"), _("Planlagt"), _("Gjennomført")),
                tuple((a, str(planned[a]), str(done[a])) for a in sorted(planned)),
            ),
        ),
        columns=(_("Runde"), _("Verneområde"), _("Planlagt dato")) if not_done else (),
        rows=tuple(not_done),
        note=_("Listen viser rundene som ikke er gjennomført.") if not_done else "",
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
    outcome = Counter(w.outcome for w, _area in rows)
    summary = ngettext(
        "Verneombudene stanset arbeid {n} gang i perioden.",
        "Verneombudene stanset arbeid {n} ganger i perioden.",
        len(rows),
    ).format(n=fmt_int(len(rows)))
    return StandingItem(
        key="stoppages",
        title=_("Stansing av farlig arbeid siden forrige møte"),
        heading=_("Stansing av farlig arbeid (aml. § 6-3)"),
        summary=summary,
        figures=(
            FigureTable(
                _("Stansinger etter utfall"),
                (_("Utfall"), _("Antall")),
                tuple((o.label, str(outcome[o.value])) for o in StoppageOutcome)
                + ((_("Ikke avsluttet"), str(outcome[None])),),
            ),
        ),
        columns=(_("Nr."), _("Stanset"), _("Verneområde"), _("Arbeid eller utstyr"), _("Utfall")),
        rows=tuple(
            (
                w.number,
                fmt_datetime(w.stopped_at),
                area,
                w.work,
                StoppageOutcome(w.outcome).label if w.outcome else _("Ikke avsluttet"),
            )
            for w, area in rows
        ),
        date_from=date_from,
        date_to=date_to,
    )

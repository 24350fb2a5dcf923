"""The sections every undertaking has from day one: avvik, tiltak and VO coverage."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from vernelogg import i18n
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO, fmt_date
from vernelogg.domain.roles import Role
from vernelogg.i18n import _, ngettext
from vernelogg.services.annual.model import BarChart, Figure, Section, TableData
from vernelogg.store.models import Action, Deviation, RoleAssignment, SafetyArea


def month_labels(year: int) -> tuple[str, ...]:
    """The months' short names for a chart's axis: «jan» … «des» / «Jan» … «Dec»."""
    return tuple(i18n.format_date(date(year, m, 1), "LLL") for m in range(1, 13))


@dataclass(frozen=True)
class Period:
    """A calendar year in Oslo time, cut off at `today` for the running year."""

    year: int
    today: date

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """Last day counted: 31 December, or today in the running year."""
        return min(date(self.year, 12, 31), self.today)

    @property
    def start_utc(self) -> datetime:
        return datetime.combine(self.start, time(0), OSLO)

    @property
    def end_utc(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time(0), OSLO)

    def previous(self) -> Period:
        return Period(self.year - 1, self.today)


def _deviation_rows(s: Session, p: Period):
    return s.execute(
        select(
            Deviation.occurred_at,
            Deviation.reported_at,
            Deviation.closed_at,
            Deviation.kind,
            Deviation.severity,
            Deviation.status,
            Deviation.area_id,
        ).where(
            Deviation.archived_at.is_(None),
            Deviation.occurred_at >= p.start_utc,
            Deviation.occurred_at < p.end_utc,
        )
    ).all()


@dataclass(frozen=True)
class DeviationStats:
    total: int
    by_kind: Counter
    by_severity: Counter
    by_status: Counter
    by_area: Counter
    injuries_by_area: Counter
    by_month_kind: dict[int, Counter]
    median_days_to_close: float | None


def deviation_stats(s: Session, p: Period) -> DeviationStats:
    rows = _deviation_rows(s, p)
    by_month: dict[int, Counter] = {m: Counter() for m in range(1, 13)}
    close_days = []
    injuries: Counter = Counter()
    for r in rows:
        by_month[r.occurred_at.astimezone(OSLO).month][r.kind] += 1
        if r.kind == DeviationKind.PERSONAL_INJURY.value:
            injuries[r.area_id] += 1
        if r.closed_at is not None and r.status == DeviationStatus.CLOSED.value:
            close_days.append((r.closed_at - r.reported_at).total_seconds() / 86400)
    return DeviationStats(
        total=len(rows),
        by_kind=Counter(r.kind for r in rows),
        by_severity=Counter(r.severity for r in rows),
        by_status=Counter(r.status for r in rows),
        by_area=Counter(r.area_id for r in rows),
        injuries_by_area=injuries,
        by_month_kind=by_month,
        median_days_to_close=statistics.median(close_days) if close_days else None,
    )


def deviation_section(s: Session, p: Period) -> tuple[Section, DeviationStats]:
    now, before = deviation_stats(s, p), deviation_stats(s, p.previous())
    kinds = [k for k in DeviationKind if now.by_kind[k.value] or before.by_kind[k.value]]
    kind_rows = tuple(
        (k.label, str(now.by_kind[k.value]), str(before.by_kind[k.value])) for k in kinds
    ) + ((_("Sum"), str(now.total), str(before.total)),)
    severity_rows = tuple(
        (sv.label, str(now.by_severity[sv.value]), str(before.by_severity[sv.value]))
        for sv in Severity
    )
    status_rows = tuple((st.label, str(now.by_status[st.value])) for st in DeviationStatus)
    series = tuple(
        (k.label, tuple(float(now.by_month_kind[m][k.value]) for m in range(1, 13)))
        for k in DeviationKind
        if now.by_kind[k.value]
    )
    median = now.median_days_to_close
    section = Section(
        key="avvik",
        title=_("Avvik"),
        intro=ngettext(
            "{n} avvik skjedde i {year} (året før: {before}). "
            "Teksten i konfidensielle avvik er aldri med i denne oversikten.",
            "{n} avvik skjedde i {year} (året før: {before}). "
            "Teksten i konfidensielle avvik er aldri med i denne oversikten.",
            now.total,
        ).format(n=now.total, year=p.year, before=before.total),
        figures=(
            Figure(_("Avvik registrert"), now.total, before.total),
            Figure(
                _("Personskader"),
                now.by_kind[DeviationKind.PERSONAL_INJURY.value],
                before.by_kind[DeviationKind.PERSONAL_INJURY.value],
            ),
            Figure(
                _("Nestenulykker"),
                now.by_kind[DeviationKind.NEAR_MISS.value],
                before.by_kind[DeviationKind.NEAR_MISS.value],
            ),
            Figure(
                _("Median tid til lukking"),
                median,
                before.median_days_to_close,
                unit=_("dager"),
                decimals=1,
            ),
        ),
        tables=(
            TableData(
                _("Avvik etter type"), (_("Type"), str(p.year), str(p.year - 1)), kind_rows, (1, 2)
            ),
            TableData(
                _("Avvik etter alvorlighetsgrad"),
                (_("Alvorlighetsgrad"), str(p.year), str(p.year - 1)),
                severity_rows,
                (1, 2),
            ),
            TableData(
                _("Avvik etter status ved årets slutt"),
                (_("Status"), _("Antall")),
                status_rows,
                (1,),
            ),
        ),
        charts=(
            BarChart(
                _("Avvik per måned {year}, etter type").format(year=p.year),
                month_labels(p.year),
                series,
            ),
        )
        if series
        else (),
    )
    return section, now


@dataclass(frozen=True)
class ActionStats:
    decided: int
    done: int
    open_at_end: int
    overdue_at_end: int
    by_source: Counter
    open_by_area: Counter
    overdue_by_area: Counter


def action_stats(s: Session, p: Period) -> ActionStats:
    decided = s.execute(
        select(Action.source_kind).where(
            Action.archived_at.is_(None),
            Action.created_at >= p.start_utc,
            Action.created_at < p.end_utc,
        )
    ).all()
    done = s.scalar(
        select(func.count())
        .select_from(Action)
        .where(
            Action.archived_at.is_(None),
            Action.status == ActionStatus.DONE.value,
            Action.done_date >= p.start,
            Action.done_date <= p.end,
        )
    )
    # Open at the end of the period: created by then and not done by then.
    open_rows = s.execute(
        select(Action.area_id, Action.deadline).where(
            Action.archived_at.is_(None),
            Action.created_at < p.end_utc,
            Action.status != ActionStatus.CANCELLED.value,
            or_(Action.done_date.is_(None), Action.done_date > p.end),
        )
    ).all()
    overdue = [r for r in open_rows if r.deadline is not None and r.deadline < p.end]
    return ActionStats(
        decided=len(decided),
        done=int(done or 0),
        open_at_end=len(open_rows),
        overdue_at_end=len(overdue),
        by_source=Counter(r.source_kind for r in decided),
        open_by_area=Counter(r.area_id for r in open_rows),
        overdue_by_area=Counter(r.area_id for r in overdue),
    )


def action_section(s: Session, p: Period) -> tuple[Section, ActionStats]:
    now, before = action_stats(s, p), action_stats(s, p.previous())
    rows = tuple(
        (src.label, str(now.by_source[src.value]), str(before.by_source[src.value]))
        for src in ActionSource
        if now.by_source[src.value] or before.by_source[src.value]
    )
    section = Section(
        key="tiltak",
        title=_("Tiltak"),
        intro=ngettext(
            "{n} tiltak ble vedtatt og {done} utført i {year}.",
            "{n} tiltak ble vedtatt og {done} utført i {year}.",
            now.decided,
        ).format(n=now.decided, done=now.done, year=p.year)
        + " "
        + ngettext(
            "Ved utgangen av perioden ({date}) var {n} tiltak åpne, {overdue} av dem over fristen.",
            "Ved utgangen av perioden ({date}) var {n} tiltak åpne, {overdue} av dem over fristen.",
            now.open_at_end,
        ).format(date=fmt_date(p.end), n=now.open_at_end, overdue=now.overdue_at_end),
        figures=(
            Figure(_("Tiltak vedtatt"), now.decided, before.decided),
            Figure(_("Tiltak utført"), now.done, before.done),
            Figure(_("Åpne tiltak ved periodens slutt"), now.open_at_end, before.open_at_end),
            Figure(_("Tiltak over fristen"), now.overdue_at_end, before.overdue_at_end),
        ),
        tables=(
            TableData(
                _("Tiltak etter kilde"), (_("Kilde"), str(p.year), str(p.year - 1)), rows, (1, 2)
            ),
        )
        if rows
        else (),
        charts=(
            BarChart(
                _("Tiltak vedtatt og utført"),
                (str(p.year - 1), str(p.year)),
                (
                    (_("Vedtatt"), (float(before.decided), float(now.decided))),
                    (_("Utført"), (float(before.done), float(now.done))),
                ),
                stacked=False,
            ),
        ),
    )
    return section, now


def missing_text() -> str:
    """What stands where an area has no safety delegate."""
    return _("— mangler —")


def coverage(s: Session, p: Period, areas: list[SafetyArea]) -> tuple[Section, dict]:
    """VO coverage on the last day of the period, and terms that ran out during it."""
    on = p.end
    vos = s.scalars(
        select(RoleAssignment)
        .where(
            RoleAssignment.role == Role.SAFETY_DELEGATE.value,
            RoleAssignment.archived_at.is_(None),
            RoleAssignment.start_date <= on,
        )
        .options(joinedload(RoleAssignment.person))
    ).all()
    current = {a.area_id: a.person.name for a in vos if a.end_date is None or a.end_date >= on}
    expired = [
        a
        for a in vos
        if a.end_date is not None
        and p.start <= a.end_date < on
        and not a.end_reason
        and a.area_id not in current
    ]
    missing = [a.name for a in areas if a.id not in current]
    rows = tuple((a.name, current.get(a.id, missing_text())) for a in areas)
    notes = []
    if missing:
        notes.append(
            _("Verneområder uten verneombud: {areas} (aml. § 6-1).").format(
                areas=", ".join(missing)
            )
        )
    for a in expired:
        notes.append(
            _(
                "Funksjonstiden til {name} ({area}) gikk ut {date} uten at nytt verneombud er "
                "registrert."
            ).format(
                name=a.person.name, area=a.area.name if a.area else "", date=fmt_date(a.end_date)
            )
        )
    section = Section(
        key="dekning",
        title=_("Verneombud i verneområdene"),
        intro=ngettext(
            "Per {date} hadde {covered} av {n} verneområder verneombud.",
            "Per {date} hadde {covered} av {n} verneområder verneombud.",
            len(areas),
        ).format(date=fmt_date(on), covered=len(areas) - len(missing), n=len(areas)),
        figures=(Figure(_("Verneområder uten verneombud"), len(missing)),),
        tables=(TableData(_("Verneombud per område"), (_("Verneområde"), _("Verneombud")), rows),),
        notes=tuple(notes),
    )
    return section, current

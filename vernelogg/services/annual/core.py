"""The sections every undertaking has from day one: avvik, tiltak and VO coverage."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, joinedload

from vernelogg import i18n
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.formatting import OSLO, fmt_date
from vernelogg.domain.roles import Role
from vernelogg.i18n import _, ngettext
from vernelogg.services.annual.model import BarChart, Figure, Section, TableData
from vernelogg.store.models import Action, Deviation, RoleAssignment, SafetyArea
from vernelogg.store.types import seconds_between


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


def _later_month_starts(p: Period) -> list[datetime]:
    """Where months 2–24 of the year before and this year begin (Oslo time): an avvik
    before the n-th of these is of month n."""
    return [
        datetime.combine(date(year, month, 1), time(0), OSLO)
        for year in (p.year - 1, p.year)
        for month in range(1, 13)
    ][1:]


def deviation_stats(s: Session, p: Period) -> tuple[DeviationStats, DeviationStats]:
    """This year's and the year before's avvik, counted in SQL: four statements for both
    years, whatever the number of avvik."""
    bounds = _later_month_starts(p)
    occurred = Deviation.occurred_at
    in_years = (
        Deviation.archived_at.is_(None),
        occurred >= p.previous().start_utc,
        occurred < p.end_utc,
    )
    # Each avvik of the two years: whether it is of the year before, and its month (1–24
    # over both years, by Oslo time). Counted by the columns of this subquery, since a
    # server binds the bounds anew where the same expression is repeated in GROUP BY.
    rows = (
        select(
            (occurred < p.start_utc).label("earlier"),
            case(
                *((occurred < bound, n) for n, bound in enumerate(bounds, start=1)),
                else_=24,
            ).label("bucket"),
            Deviation.kind,
            Deviation.severity,
            Deviation.status,
            Deviation.area_id,
            Deviation.closed_at,
            Deviation.reported_at,
        )
        .where(*in_years)
        .subquery()
    )
    by = (rows.c.earlier, rows.c.kind, rows.c.severity, rows.c.status)
    grouped = s.execute(select(*by, func.count()).group_by(*by)).all()
    injury = (rows.c.kind == DeviationKind.PERSONAL_INJURY.value).label("injury")
    per_area = s.execute(
        select(rows.c.earlier, rows.c.area_id, injury, func.count()).group_by(
            rows.c.earlier, rows.c.area_id, injury
        )
    ).all()
    monthly = s.execute(
        select(rows.c.bucket, rows.c.kind, func.count()).group_by(rows.c.bucket, rows.c.kind)
    ).all()
    durations = s.execute(
        select(rows.c.earlier, seconds_between(rows.c.closed_at, rows.c.reported_at)).where(
            rows.c.closed_at.is_not(None), rows.c.status == DeviationStatus.CLOSED.value
        )
    ).all()
    stats = []
    for earlier in (False, True):
        by_kind: Counter = Counter()
        by_severity: Counter = Counter()
        by_status: Counter = Counter()
        by_area: Counter = Counter()
        injuries: Counter = Counter()
        for before, kind, severity, status, n in grouped:
            if bool(before) is earlier:
                by_kind[kind] += n
                by_severity[severity] += n
                by_status[status] += n
        for before, area_id, injuries_only, n in per_area:
            if bool(before) is earlier:
                by_area[area_id] += n
                if injuries_only:
                    injuries[area_id] += n
        by_month: dict[int, Counter] = {m: Counter() for m in range(1, 13)}
        first = 1 if earlier else 13
        for month, kind, n in monthly:
            if first <= month < first + 12:
                by_month[month - first + 1][kind] += n
        close_days = [seconds / 86400 for before, seconds in durations if bool(before) is earlier]
        stats.append(
            DeviationStats(
                total=sum(by_kind.values()),
                by_kind=by_kind,
                by_severity=by_severity,
                by_status=by_status,
                by_area=by_area,
                injuries_by_area=injuries,
                by_month_kind=by_month,
                median_days_to_close=statistics.median(close_days) if close_days else None,
            )
        )
    now, before = stats
    return now, before


def deviation_section(s: Session, p: Period) -> tuple[Section, DeviationStats]:
    now, before = deviation_stats(s, p)
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
    """The period's tiltak, counted in SQL."""
    decided = s.execute(
        select(Action.source_kind, func.count())
        .where(
            Action.archived_at.is_(None),
            Action.created_at >= p.start_utc,
            Action.created_at < p.end_utc,
        )
        .group_by(Action.source_kind)
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
    # Open at the end of the period: created by then and not done by then; per area, and
    # whether the deadline had passed.
    open_rows = (
        select(
            Action.area_id,
            and_(Action.deadline.is_not(None), Action.deadline < p.end).label("overdue"),
        )
        .where(
            Action.archived_at.is_(None),
            Action.created_at < p.end_utc,
            Action.status != ActionStatus.CANCELLED.value,
            or_(Action.done_date.is_(None), Action.done_date > p.end),
        )
        .subquery()
    )
    open_counts = s.execute(
        select(open_rows.c.area_id, open_rows.c.overdue, func.count()).group_by(
            open_rows.c.area_id, open_rows.c.overdue
        )
    ).all()
    open_by_area: Counter = Counter()
    overdue_by_area: Counter = Counter()
    for area_id, overdue, n in open_counts:
        open_by_area[area_id] += n
        if overdue:
            overdue_by_area[area_id] += n
    return ActionStats(
        decided=sum(n for _source, n in decided),
        done=int(done or 0),
        open_at_end=sum(open_by_area.values()),
        overdue_at_end=sum(overdue_by_area.values()),
        by_source=Counter(dict(decided)),
        open_by_area=open_by_area,
        overdue_by_area=overdue_by_area,
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

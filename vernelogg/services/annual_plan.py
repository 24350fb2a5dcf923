"""Årshjul: planned activities, their dates in a period, and whether each was done.

A planned date is done when it is ticked (a row in ``planned_completion``) or when the
:class:`DoneCheck` of its activity kind in :data:`DONE_CHECKS` finds the work in its own
records: a held AMU meeting, a closed round in the area. A check reads everything for the
activities of its kind between the first and the last period in one query and returns a
lookup ``(activity, period_start, period_end) -> date | None``; ten years of quarterly
rounds in sixty areas is then one query, not hundreds. A manual tick wins over a check.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from vernelogg import clock
from vernelogg.domain.amu import MeetingStatus
from vernelogg.domain.annual_plan import (
    ActivityKind,
    describe_rule,
    planned_dates,
    rule_until,
    with_until,
)
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.recurrence import Recurrence
from vernelogg.domain.rounds import RoundStatus
from vernelogg.i18n import N_, _
from vernelogg.services.errors import NotFoundError, ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.store.audit import current_user
from vernelogg.store.database import Database
from vernelogg.store.models import (
    AmuMeeting,
    PlannedActivity,
    PlannedCompletion,
    SafetyArea,
    SafetyRound,
)

MAX_REMIND_DAYS = 90


@dataclass(frozen=True)
class ActivityInfo:
    id: str
    title: str
    kind: ActivityKind
    area_id: str | None
    area_name: str | None
    rrule: str | None
    start_date: date
    remind_days: int
    note: str
    archived: bool

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def until(self) -> date | None:
        return rule_until(self.rrule)

    @property
    def schedule_text(self) -> str:
        return describe_rule(self.rrule, self.start_date)


# (activity, period_start, period_end) → the date the work was done in the period, or None
DoneLookup = Callable[[ActivityInfo, date, date], date | None]


@dataclass(frozen=True)
class DoneCheck:
    """How one activity kind finds its work in its own records: `read(session,
    activities, first, last)` reads those activities' work between `first` and `last` in
    one query and returns the lookup for each planned date's period."""

    kind: str
    read: Callable[[Session, list[ActivityInfo], date, date], DoneLookup]


def first_within(days: list[date], start: date, end: date) -> date | None:
    """The earliest of the sorted `days` within [start, end], or None."""
    i = bisect.bisect_left(days, start)
    return days[i] if i < len(days) and days[i] <= end else None


def _held_meetings(
    session: Session, activities: list[ActivityInfo], first: date, last: date
) -> DoneLookup:
    """A planned AMU meeting is done when a meeting was held in its period."""
    days = list(
        session.scalars(
            select(AmuMeeting.meeting_date)
            .where(
                AmuMeeting.archived_at.is_(None),
                AmuMeeting.status.in_([MeetingStatus.HELD.value, MeetingStatus.APPROVED.value]),
                AmuMeeting.meeting_date >= first,
                AmuMeeting.meeting_date <= last,
            )
            .order_by(AmuMeeting.meeting_date)
        )
    )
    return lambda _activity, start, end: first_within(days, start, end)


def _closed_rounds(
    session: Session, activities: list[ActivityInfo], first: date, last: date
) -> DoneLookup:
    """A planned round is done when a round in its area was closed in its period."""
    areas = sorted({a.area_id for a in activities if a.area_id})
    by_area: dict[str, list[date]] = {}
    if areas:
        for area_id, closed_on in session.execute(
            select(SafetyRound.area_id, SafetyRound.closed_on)
            .where(
                SafetyRound.archived_at.is_(None),
                SafetyRound.area_id.in_([uuid.UUID(a) for a in areas]),
                SafetyRound.status == RoundStatus.CLOSED.value,
                SafetyRound.closed_on >= first,
                SafetyRound.closed_on <= last,
            )
            .order_by(SafetyRound.closed_on)
        ):
            if closed_on is not None:  # always, within [first, last]; typed as optional
                by_area.setdefault(str(area_id), []).append(closed_on)
    return lambda activity, start, end: (
        first_within(by_area.get(activity.area_id, []), start, end) if activity.area_id else None
    )


DONE_CHECKS: dict[str, DoneCheck] = {
    check.kind: check
    for check in (DoneCheck("amu_meeting", _held_meetings), DoneCheck("round", _closed_rounds))
}


@dataclass(frozen=True)
class Occurrence:
    """One planned date of an activity, and whether (and how) it was done."""

    activity: ActivityInfo
    planned: date
    period_start: date
    period_end: date
    done_date: date | None = None
    done_by: str = ""
    note: str = ""
    source: str | None = None  # "manual" (ticked) or "auto" (found by a checker)

    @property
    def done(self) -> bool:
        return self.done_date is not None

    def state(self, today: date, due_soon_days: int) -> str:
        """``done``, ``overdue`` (date passed), ``due_soon`` or ``planned``."""
        if self.done:
            return "done"
        days = (self.planned - today).days
        if days < 0:
            return "overdue"
        return "due_soon" if days <= due_soon_days else "planned"


# Shown with _(STATE_LABELS[state]), or state_label(state).
STATE_LABELS = {
    "done": N_("Utført"),
    "overdue": N_("Ikke utført"),
    "due_soon": N_("Snart"),
    "planned": N_("Planlagt"),
}


def state_label(state: str) -> str:
    """«Utført», «Ikke utført» …: an occurrence's state, in the current language."""
    return _(STATE_LABELS[state])


def _info(a: PlannedActivity) -> ActivityInfo:
    return ActivityInfo(
        id=str(a.id),
        title=a.title,
        kind=ActivityKind(a.kind),
        area_id=str(a.area_id) if a.area_id else None,
        area_name=a.area.name if a.area else None,
        rrule=a.rrule,
        start_date=a.start_date,
        remind_days=a.remind_days,
        note=a.note,
        archived=a.archived_at is not None,
    )


def list_activities(db: Database, *, include_archived: bool = False) -> list[ActivityInfo]:
    with db.read() as s:
        return _activities(s, include_archived=include_archived)


def _activities(
    s: Session,
    *,
    include_archived: bool = False,
    area_id: str | None = None,
    activity_id: str | None = None,
) -> list[ActivityInfo]:
    query = select(PlannedActivity).options(joinedload(PlannedActivity.area))
    if not include_archived:
        query = query.where(PlannedActivity.archived_at.is_(None))
    if area_id:
        query = query.where(PlannedActivity.area_id == parse_id(area_id))
    if activity_id:
        query = query.where(PlannedActivity.id == parse_id(activity_id))
    infos = [_info(a) for a in s.scalars(query)]
    order = {k: i for i, k in enumerate(ActivityKind)}
    return sorted(infos, key=lambda a: (order[a.kind], a.area_name or "", a.title))


def get_activity(db: Database, activity_id: str) -> ActivityInfo:
    with db.read() as s:
        a = s.get(PlannedActivity, parse_id(activity_id))
        if a is None:
            raise NotFoundError(_("Fant ikke aktiviteten."))
        return _info(a)


def save_activity(
    db: Database,
    *,
    activity_id: str | None = None,
    title: str,
    kind: ActivityKind | str | None,
    area_id: str | None,
    rrule: str | None,
    start_date: date | None,
    until: date | None = None,
    remind_days: int = 7,
    note: str = "",
) -> ActivityInfo:
    """Create or change a planned activity. ``rrule`` None = one-off on ``start_date``."""
    v = Validator()
    v.require("title", title, _("Tittel"))
    v.max_length("title", title, 200, _("Tittelen"))
    try:
        activity_kind = ActivityKind(kind) if kind else None
    except ValueError:
        activity_kind = None
    v.check("kind", activity_kind is not None, _("Velg type aktivitet."))
    if activity_kind is ActivityKind.ROUND:
        v.check("area_id", bool(area_id), _("Velg verneområdet vernerunden gjelder."))
    v.check("start_date", start_date is not None, _("Velg dato."))
    rule_text: str | None = None
    if rrule:
        try:
            Recurrence.from_rrule_string(rrule)
            rule_text = with_until(rrule, until)
        except ValueError as error:
            v.check("rrule", False, _("Ugyldig gjentakelse: {error}").format(error=error))
    if rule_text and until and start_date:
        v.check("until", until >= start_date, _("Sluttdatoen kan ikke være før første dato."))
    v.check(
        "remind_days",
        0 <= remind_days <= MAX_REMIND_DAYS,
        _("Påminnelse må være 0 til {max} dager før.").format(max=MAX_REMIND_DAYS),
    )
    v.raise_if_any()
    assert activity_kind is not None and start_date is not None
    with db.write() as s:
        area = None
        if area_id:
            area = s.get(SafetyArea, parse_id(area_id))
            if area is None or area.archived_at is not None:
                raise ValidationError({"area_id": _("Velg et aktivt verneområde.")})
        if activity_id:
            activity = s.get(PlannedActivity, parse_id(activity_id))
            if activity is None:
                raise NotFoundError(_("Fant ikke aktiviteten."))
        else:
            activity = PlannedActivity(title="", kind=activity_kind.value, start_date=start_date)
            s.add(activity)
        activity.title = title.strip()
        activity.kind = activity_kind.value
        activity.area_id = area.id if area else None
        activity.rrule = rule_text
        activity.start_date = start_date
        activity.remind_days = remind_days
        activity.note = note.strip()
        s.flush()
        s.refresh(activity)
        return _info(activity)


def archive_activity(db: Database, activity_id: str) -> None:
    """Take an activity out of the plan; its ticks and history are kept."""
    with db.write() as s:
        activity = s.get(PlannedActivity, parse_id(activity_id))
        if activity is None:
            raise NotFoundError(_("Fant ikke aktiviteten."))
        activity.archived_at = clock.now()


# --- occurrences ------------------------------------------------------------------------


def occurrences_in_session(
    s: Session,
    start: date,
    end: date,
    *,
    area_id: str | None = None,
    activity_id: str | None = None,
) -> list[Occurrence]:
    activities = _activities(s, area_id=area_id, activity_id=activity_id)
    if not activities:
        return []
    ticks: dict[tuple[str, date], PlannedCompletion] = {}
    for c in s.scalars(
        select(PlannedCompletion).where(
            PlannedCompletion.archived_at.is_(None),
            PlannedCompletion.activity_id.in_([parse_id(a.id) for a in activities]),
            PlannedCompletion.planned_date >= start,
            PlannedCompletion.planned_date <= end,
        )
    ):
        ticks[(str(c.activity_id), c.planned_date)] = c
    planned = {a.id: planned_dates(a.rrule, a.start_date, start, end) for a in activities}
    checkers = _checkers(s, activities, planned)
    result: list[Occurrence] = []
    for activity in activities:
        checker = checkers.get(activity.kind.value)
        for p in planned[activity.id]:
            tick = ticks.get((activity.id, p.planned))
            if tick is not None:
                result.append(
                    Occurrence(
                        activity,
                        p.planned,
                        p.period_start,
                        p.period_end,
                        tick.done_date,
                        tick.done_by,
                        tick.note,
                        "manual",
                    )
                )
                continue
            found = checker(activity, p.period_start, p.period_end) if checker else None
            result.append(
                Occurrence(
                    activity,
                    p.planned,
                    p.period_start,
                    p.period_end,
                    found,
                    source="auto" if found else None,
                )
            )
    result.sort(key=lambda o: (o.planned, o.activity.title))
    return result


def _checkers(
    s: Session, activities: list[ActivityInfo], planned: dict[str, list]
) -> dict[str, DoneLookup]:
    """Per activity kind with a check: the lookup for its planned dates, read at once."""
    found: dict[str, DoneLookup] = {}
    for kind, check in DONE_CHECKS.items():
        mine = [a for a in activities if a.kind.value == kind and planned[a.id]]
        if not mine:
            continue
        first = min(p.period_start for a in mine for p in planned[a.id])
        last = max(p.period_end for a in mine for p in planned[a.id])
        found[kind] = check.read(s, mine, first, last)
    return found


def occurrences(
    db: Database,
    start: date,
    end: date,
    *,
    area_id: str | None = None,
    activity_id: str | None = None,
) -> list[Occurrence]:
    """Every planned date in ``[start, end]``, sorted by date, with its done state."""
    with db.read() as s:
        return occurrences_in_session(s, start, end, area_id=area_id, activity_id=activity_id)


def year_occurrences(db: Database, year: int, *, area_id: str | None = None) -> list[Occurrence]:
    return occurrences(db, date(year, 1, 1), date(year, 12, 31), area_id=area_id)


def _check_planned(activity: PlannedActivity, planned: date) -> None:
    found = planned_dates(activity.rrule, activity.start_date, planned, planned)
    if not found:
        raise ValidationError(
            {
                "planned_date": _("{date} er ikke en planlagt dato for «{activity}».").format(
                    date=fmt_date(planned), activity=activity.title
                )
            }
        )


def mark_done(
    db: Database,
    activity_id: str,
    planned: date,
    *,
    done_date: date,
    today: date,
    note: str = "",
) -> None:
    """Tick a planned date as done (again, if the tick had been taken back)."""
    v = Validator()
    v.check("done_date", done_date <= today, _("Utført-datoen kan ikke være fram i tid."))
    v.raise_if_any()
    with db.write() as s:
        activity = s.get(PlannedActivity, parse_id(activity_id))
        if activity is None:
            raise NotFoundError(_("Fant ikke aktiviteten."))
        _check_planned(activity, planned)
        tick = s.scalars(
            select(PlannedCompletion).where(
                PlannedCompletion.activity_id == activity.id,
                PlannedCompletion.planned_date == planned,
            )
        ).first()
        if tick is None:
            tick = PlannedCompletion(activity_id=activity.id, planned_date=planned)
            s.add(tick)
        tick.archived_at = None
        tick.done_date = done_date
        tick.done_by = current_user(s)
        tick.note = note.strip()


def unmark_done(db: Database, activity_id: str, planned: date) -> None:
    """Take a tick back (the row is archived, so the audit log keeps it)."""
    with db.write() as s:
        tick = s.scalars(
            select(PlannedCompletion).where(
                PlannedCompletion.activity_id == parse_id(activity_id),
                PlannedCompletion.planned_date == planned,
                PlannedCompletion.archived_at.is_(None),
            )
        ).first()
        if tick is not None:
            tick.archived_at = clock.now()


def default_done_date(planned: date, today: date) -> date:
    """A quick tick means «done as planned»: the planned date, or today if that is later."""
    return min(planned, today)


@dataclass(frozen=True)
class DueOccurrence:
    """A planned date that needs attention: not done and passed, or the next one."""

    occurrence: Occurrence
    overdue: bool


def open_occurrences(
    s: Session, today: date, *, lookback_days: int = 365, horizon_days: int = 800
) -> list[DueOccurrence]:
    """Per activity: every undone date in the last ``lookback_days``, and the next undone."""
    found = occurrences_in_session(
        s, today - timedelta(days=lookback_days), today + timedelta(days=horizon_days)
    )
    result: list[DueOccurrence] = []
    next_seen: set[str] = set()
    for o in found:
        if o.done:
            continue
        if o.planned < today:
            result.append(DueOccurrence(o, True))
        elif o.activity.id not in next_seen:
            next_seen.add(o.activity.id)
            result.append(DueOccurrence(o, False))
    return result

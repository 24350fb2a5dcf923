"""Stops of dangerous work: start one, edit it, find them, read one in full."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from vernelogg import clock, i18n
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.deviations import DeviationKind, DeviationStatus
from vernelogg.domain.formatting import OSLO, fmt_date, fmt_datetime
from vernelogg.domain.stoppage import (
    EventKind,
    StoppageOutcome,
    TimelineEntry,
    number_text,
    outcome_problem,
    timeline_problem,
)
from vernelogg.i18n import _
from vernelogg.services.actions import ActionInfo, action_info
from vernelogg.services.errors import ValidationError, Validator
from vernelogg.services.ids import parse_id
from vernelogg.services.numbering import next_number
from vernelogg.services.stoppage.common import (
    check_time,
    event_info,
    get_row,
    live_events,
    minute,
)
from vernelogg.services.stoppage.info import (
    DeviationLink,
    EventInfo,
    StoppageDetail,
    StoppageFilter,
    StoppageRow,
)
from vernelogg.services.stoppage.stoppers import active_roles, best_role, leader_name, role_text
from vernelogg.store.database import Database
from vernelogg.store.models import (
    Action,
    Organisation,
    Person,
    SafetyArea,
    StoppageDeviation,
    StoppageEvent,
    WorkStoppage,
)

# --- start and edit ------------------------------------------------------------------


# The danger is told in a few sentences; the notice prints it whole.
MAX_DANGER = 4000


def _validate_stop(
    s: Session,
    *,
    area_id: str | None,
    work: str,
    danger: str,
    stopped_by_id: str | None,
    stopped_at: datetime | None,
    now: datetime | None,
    why_not_averted: str = "",
) -> tuple[SafetyArea, Person, str]:
    v = Validator()
    v.check("area_id", bool(area_id), _("Velg verneområdet der arbeidet ble stanset."))
    v.require("work", work, _("Hvilket arbeid eller utstyr"))
    v.max_length("work", work, 300, _("Arbeid eller utstyr"))
    v.require("danger", danger, _("Den umiddelbare faren"))
    v.max_length("danger", danger, MAX_DANGER, _("Beskrivelsen av faren"))
    v.max_length("why_not_averted", why_not_averted, 2000, _("Begrunnelsen"))
    v.check("stopped_by_id", bool(stopped_by_id), _("Velg hvem som stanset arbeidet."))
    check_time(v, "stopped_at", stopped_at, now)
    v.raise_if_any()
    assert area_id is not None and stopped_by_id is not None  # validated
    area = s.get(SafetyArea, parse_id(area_id, _("stansingen")))
    if area is None:
        raise ValidationError({"area_id": _("Fant ikke verneområdet.")})
    person = s.get(Person, parse_id(stopped_by_id, _("stansingen")))
    if person is None:
        raise ValidationError({"stopped_by_id": _("Fant ikke personen.")})
    assert stopped_at is not None
    on = stopped_at.astimezone(OSLO).date()
    role = best_role(active_roles(s, on, person.id), area.id)
    if role is None:
        raise ValidationError(
            {
                "stopped_by_id": _(
                    "{name} hadde ikke verv som verneombud, vara eller hovedverneombud {date}. "
                    "Bare verneombud kan stanse arbeid etter § 6-3; registrer vervet under "
                    "Verneområder og roller først."
                ).format(name=person.name, date=fmt_date(on))
            }
        )
    # The role is kept with the stop as it was that day, in the source language: stored.
    with i18n.using(i18n.SOURCE):
        stored_role = role_text(role)
    return area, person, stored_role


def start_stoppage(
    db: Database,
    *,
    area_id: str | None,
    work: str,
    danger: str,
    stopped_by_id: str | None,
    stopped_at: datetime | None,
    why_not_averted: str = "",
    now: datetime | None = None,
) -> StoppageRow:
    """Record a stop as it happens: area, the work or equipment, the danger, who and when."""
    with db.write() as s:
        area, person, role = _validate_stop(
            s,
            area_id=area_id,
            work=work,
            danger=danger,
            stopped_by_id=stopped_by_id,
            stopped_at=stopped_at,
            now=now,
            why_not_averted=why_not_averted,
        )
        assert stopped_at is not None
        at = minute(stopped_at)
        year = at.astimezone(OSLO).year
        seq = next_number(s, "ST", year)
        stop = WorkStoppage(
            number=number_text(year, seq),
            year=year,
            seq=seq,
            area_id=area.id,
            stopped_by_id=person.id,
            stopped_by_role=role,
            stopped_at=at,
            work=work.strip(),
            danger=danger.strip(),
            why_not_averted=why_not_averted.strip(),
        )
        s.add(stop)
        s.flush()
        return _row(s, stop)


def update_stoppage(
    db: Database,
    stoppage_id: str,
    *,
    area_id: str | None,
    work: str,
    danger: str,
    stopped_by_id: str | None,
    stopped_at: datetime | None,
    why_not_averted: str,
    outcome: StoppageOutcome | str | None,
    authority_reference: str,
    now: datetime | None = None,
) -> StoppageRow:
    """Edit a stop. The time cannot move past events already in its timeline."""
    with db.write() as s:
        stop = get_row(s, stoppage_id)
        area, person, role = _validate_stop(
            s,
            area_id=area_id,
            work=work,
            danger=danger,
            stopped_by_id=stopped_by_id,
            stopped_at=stopped_at,
            now=now,
            why_not_averted=why_not_averted,
        )
        assert stopped_at is not None
        at = minute(stopped_at)
        events = live_events(s, stop.id)
        problem = timeline_problem(at, [TimelineEntry(EventKind(e.kind), e.at) for e in events])
        if problem is not None:
            first = min(events, key=lambda e: e.at)
            raise ValidationError(
                {
                    "stopped_at": _(
                        "Stanstidspunktet kan ikke være etter hendelser i tidslinjen "
                        "({event} {time})."
                    ).format(event=EventKind(first.kind).label, time=fmt_datetime(first.at))
                }
            )
        chosen = StoppageOutcome(outcome) if outcome else None
        if chosen is not None:
            message = outcome_problem(chosen, {EventKind(e.kind) for e in events})
            if message:
                raise ValidationError({"outcome": message})
        v = Validator()
        v.max_length("authority_reference", authority_reference, 100, _("Referansen"))
        v.raise_if_any()
        if stop.year != at.astimezone(OSLO).year:
            raise ValidationError(
                {
                    "stopped_at": _("{number} hører til {year}; året kan ikke endres.").format(
                        number=stop.number, year=stop.year
                    )
                }
            )
        stop.area_id, stop.stopped_by_id, stop.stopped_by_role = area.id, person.id, role
        stop.stopped_at = at
        stop.work, stop.danger = work.strip(), danger.strip()
        stop.why_not_averted = why_not_averted.strip()
        stop.outcome = chosen.value if chosen else None
        stop.authority_reference = authority_reference.strip()
        s.flush()
        return _row(s, stop)


def archive_stoppage(db: Database, stoppage_id: str) -> None:
    with db.write() as s:
        stop = get_row(s, stoppage_id)
        if stop.archived_at is None:
            stop.archived_at = clock.now()


def restore_stoppage(db: Database, stoppage_id: str) -> None:
    with db.write() as s:
        get_row(s, stoppage_id).archived_at = None


# --- reading -------------------------------------------------------------------------


def informed_clause():
    return exists().where(
        StoppageEvent.stoppage_id == WorkStoppage.id,
        StoppageEvent.kind == EventKind.EMPLOYER_INFORMED.value,
        StoppageEvent.archived_at.is_(None),
    )


def open_clause():
    return or_(WorkStoppage.outcome.is_(None), WorkStoppage.resumed_at.is_(None))


def _row(s: Session, stop: WorkStoppage, informed: bool | None = None) -> StoppageRow:
    if informed is None:
        informed = any(e.kind == EventKind.EMPLOYER_INFORMED.value for e in live_events(s, stop.id))
    return StoppageRow(
        id=str(stop.id),
        number=stop.number,
        stopped_at=stop.stopped_at,
        area_id=str(stop.area_id),
        area_name=stop.area.name,
        stopped_by_id=str(stop.stopped_by_id),
        stopped_by_name=stop.stopped_by.name,
        work=stop.work,
        outcome=StoppageOutcome(stop.outcome) if stop.outcome else None,
        resumed_at=stop.resumed_at,
        employer_informed=informed,
        archived=stop.archived_at is not None,
        why_not_averted=stop.why_not_averted,
    )


def _filtered(query: Select, f: StoppageFilter) -> Select:
    if not f.include_archived:
        query = query.where(WorkStoppage.archived_at.is_(None))
    if f.area_id:
        query = query.where(WorkStoppage.area_id == parse_id(f.area_id, _("stansingen")))
    if f.year:
        query = query.where(WorkStoppage.year == f.year)  # the year in Oslo time
    if f.outcome == "open":
        query = query.where(open_clause())
    elif f.outcome:
        query = query.where(WorkStoppage.outcome == StoppageOutcome(f.outcome).value)
    return query


def list_stoppages(db: Database, f: StoppageFilter | None = None) -> list[StoppageRow]:
    """The register, newest first, filtered in SQL."""
    f = f or StoppageFilter()
    with db.read() as s:
        query = (
            _filtered(select(WorkStoppage, informed_clause().label("informed")), f)
            .order_by(WorkStoppage.stopped_at.desc())
            .options(joinedload(WorkStoppage.area), joinedload(WorkStoppage.stopped_by))
        )
        return [_row(s, stop, bool(informed)) for stop, informed in s.execute(query)]


def open_stoppages(db: Database) -> list[StoppageRow]:
    """Stops without an outcome or a resume time yet, oldest first."""
    rows = list_stoppages(db, StoppageFilter(outcome="open"))
    return sorted(rows, key=lambda r: r.stopped_at)


def stoppage_years(db: Database) -> list[int]:
    """The years that have stops (newest first), for the year filter."""
    with db.read() as s:
        times = s.scalars(
            select(WorkStoppage.year).where(WorkStoppage.archived_at.is_(None)).distinct()
        )
        return sorted(set(times), reverse=True)


def latest_stoppage_id(db: Database) -> str | None:
    with db.read() as s:
        found = s.scalar(
            select(WorkStoppage.id)
            .where(WorkStoppage.archived_at.is_(None))
            .order_by(WorkStoppage.stopped_at.desc(), WorkStoppage.created_at.desc())
            .limit(1)
        )
        return str(found) if found else None


def _deviation_links(s: Session, stop: WorkStoppage) -> tuple[DeviationLink, ...]:
    links = s.scalars(
        select(StoppageDeviation)
        .where(StoppageDeviation.stoppage_id == stop.id)
        .order_by(StoppageDeviation.created_at)
    )
    return tuple(
        DeviationLink(
            id=str(link.deviation.id),
            number=link.deviation.number,
            description=link.deviation.description,
            kind_label=DeviationKind(link.deviation.kind).label,
            status_label=DeviationStatus(link.deviation.status).label,
            confidential=link.deviation.confidential,
        )
        for link in links
    )


def _actions(s: Session, stop: WorkStoppage) -> tuple[ActionInfo, ...]:
    rows = s.scalars(
        select(Action)
        .where(
            Action.source_kind == ActionSource.STOPPAGE.value,
            Action.source_id == stop.id,
            Action.archived_at.is_(None),
        )
        .order_by(Action.created_at)
    )
    return tuple(action_info(a) for a in rows)


def get_stoppage(db: Database, stoppage_id: str) -> StoppageDetail:
    """One stop in full: its facts, the timeline (the stop first), linked avvik and tiltak."""
    with db.read() as s:
        stop = get_row(s, stoppage_id)
        events = live_events(s, stop.id)
        first = EventInfo(None, EventKind.STOPPED, stop.stopped_at, text=stop.work)
        informed = any(e.kind == EventKind.EMPLOYER_INFORMED.value for e in events)
        org = s.scalars(select(Organisation).limit(1)).first()
        return StoppageDetail(
            row=_row(s, stop, informed),
            stopped_by_role=stop.stopped_by_role,
            danger=stop.danger,
            why_not_averted=stop.why_not_averted,
            authority_reference=stop.authority_reference,
            timeline=(first, *(event_info(e) for e in events)),
            deviations=_deviation_links(s, stop),
            actions=_actions(s, stop),
            organisation=org.name if org else "",
            area_leader=leader_name(s, stop.area_id, stop.stopped_at.astimezone(OSLO).date()),
        )


def count_stoppages(db: Database, f: StoppageFilter | None = None) -> int:
    with db.read() as s:
        query = _filtered(select(func.count(WorkStoppage.id)), f or StoppageFilter())
        return int(s.scalar(query) or 0)

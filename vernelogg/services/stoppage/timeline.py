"""A stop's timeline: add, correct and remove events, always in a true order.

«Arbeidet gjenopptatt» also ends the stop: it carries the outcome, and its time is kept
on the stop (`resumed_at`) so open stops are found in SQL.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from vernelogg import clock
from vernelogg.domain.stoppage import (
    EventKind,
    StoppageOutcome,
    TimelineEntry,
    outcome_problem,
    timeline_problem,
)
from vernelogg.i18n import N_, _
from vernelogg.services.errors import NotFoundError, ValidationError, Validator
from vernelogg.services.stoppage.common import (
    check_time,
    event_info,
    get_row,
    live_events,
    minute,
)
from vernelogg.services.stoppage.info import EventInfo
from vernelogg.store.database import Database
from vernelogg.store.models import StoppageEvent, WorkStoppage

# What each kind of event must say, beyond its time.
REQUIRED = {
    EventKind.EMPLOYER_INFORMED: [
        ("person", N_("Hvem ble varslet? Skriv navnet på arbeidsgivers representant.")),
        ("channel", N_("Hvordan ble arbeidsgiver varslet?")),
    ],
    EventKind.EMPLOYER_RESPONSE: [("text", N_("Hva svarte arbeidsgiver?"))],
    EventKind.AUTHORITY_CONTACTED: [("channel", N_("Hvordan ble Arbeidstilsynet kontaktet?"))],
    EventKind.AUTHORITY_DECISION: [("text", N_("Hva avgjorde Arbeidstilsynet?"))],
    EventKind.RESUMED: [],
    EventKind.NOTE: [("text", N_("Skriv notatet."))],
}


def _validate_fields(
    kind: EventKind,
    *,
    at: datetime | None,
    person: str,
    channel: str,
    reference: str,
    text: str,
    outcome: StoppageOutcome | str | None,
    now: datetime | None,
) -> None:
    v = Validator()
    check_time(v, "at", at, now)
    values = {"person": person, "channel": channel, "text": text}
    for field, message in REQUIRED[kind]:
        v.check(field, bool(values[field].strip()), _(message))
    if kind is EventKind.RESUMED:
        v.check("outcome", bool(outcome), _("Velg hvordan stansen endte."))
    v.max_length("person", person, 200, _("Navnet"))
    v.max_length("channel", channel, 100, _("Hvordan"))
    v.max_length("reference", reference, 100, _("Referansen"))
    v.raise_if_any()


def _check_order(stop: WorkStoppage, events: list[StoppageEvent]) -> None:
    """Refuse a timeline that reads false; the message goes next to the time field."""
    entries = [TimelineEntry(EventKind(e.kind), e.at, e.id) for e in events]
    problem = timeline_problem(stop.stopped_at, entries)
    if problem is not None:
        raise ValidationError({"at": problem.message})


def _apply_to_stop(
    stop: WorkStoppage, event: StoppageEvent, outcome: StoppageOutcome | str | None
) -> None:
    kind = EventKind(event.kind)
    if kind is EventKind.RESUMED:
        stop.resumed_at = event.at
        if outcome:
            stop.outcome = StoppageOutcome(outcome).value
    if (
        kind in (EventKind.AUTHORITY_CONTACTED, EventKind.AUTHORITY_DECISION)
        and event.reference
        and not stop.authority_reference
    ):
        stop.authority_reference = event.reference


def _check_outcome(stop: WorkStoppage, events: list[StoppageEvent]) -> None:
    if stop.outcome:
        message = outcome_problem(
            StoppageOutcome(stop.outcome), {EventKind(e.kind) for e in events}
        )
        if message:
            raise ValidationError({"outcome": message})


def add_event(
    db: Database,
    stoppage_id: str,
    kind: EventKind | str,
    *,
    at: datetime | None,
    person: str = "",
    channel: str = "",
    reference: str = "",
    text: str = "",
    outcome: StoppageOutcome | str | None = None,
    now: datetime | None = None,
) -> EventInfo:
    """Add one event to a stop's timeline, refused when it would come out of order."""
    kind = EventKind(kind)
    if kind is EventKind.STOPPED:
        raise ValidationError({"kind": _("Stansen selv står alltid først i tidslinjen.")})
    _validate_fields(
        kind,
        at=at,
        person=person,
        channel=channel,
        reference=reference,
        text=text,
        outcome=outcome,
        now=now,
    )
    assert at is not None
    with db.write() as s:
        stop = get_row(s, stoppage_id)
        event = StoppageEvent(
            stoppage_id=stop.id,
            kind=kind.value,
            at=minute(at),
            person=person.strip(),
            channel=channel.strip(),
            reference=reference.strip(),
            text=text.strip(),
        )
        events = [*live_events(s, stop.id), event]
        _check_order(stop, events)
        s.add(event)
        _apply_to_stop(stop, event, outcome)
        _check_outcome(stop, events)
        s.flush()
        return event_info(event)


def _get_event(s: Session, event_id: str) -> StoppageEvent:
    try:
        key = uuid.UUID(str(event_id))
    except ValueError as error:
        raise NotFoundError(_("Fant ikke hendelsen.")) from error
    event = s.get(StoppageEvent, key)
    if event is None or event.archived_at is not None:
        raise NotFoundError(_("Fant ikke hendelsen."))
    return event


def update_event(
    db: Database,
    event_id: str,
    *,
    at: datetime | None,
    person: str = "",
    channel: str = "",
    reference: str = "",
    text: str = "",
    outcome: StoppageOutcome | str | None = None,
    now: datetime | None = None,
) -> EventInfo:
    """Correct an event; the whole timeline must still read true afterwards."""
    with db.write() as s:
        event = _get_event(s, event_id)
        kind = EventKind(event.kind)
        _validate_fields(
            kind,
            at=at,
            person=person,
            channel=channel,
            reference=reference,
            text=text,
            outcome=outcome,
            now=now,
        )
        assert at is not None
        stop = get_row(s, event.stoppage_id)
        event.at = minute(at)
        event.person, event.channel = person.strip(), channel.strip()
        event.reference, event.text = reference.strip(), text.strip()
        events = live_events(s, stop.id)
        _check_order(stop, events)
        _apply_to_stop(stop, event, outcome)
        _check_outcome(stop, events)
        s.flush()
        return event_info(event)


def remove_event(db: Database, event_id: str) -> None:
    """Take an event out of the timeline (it is archived, not deleted).

    Removing «Arbeidet gjenopptatt» opens the stop again.
    """
    with db.write() as s:
        event = _get_event(s, event_id)
        stop = get_row(s, event.stoppage_id)
        rest = [e for e in live_events(s, stop.id) if e.id != event.id]
        entries = [TimelineEntry(EventKind(e.kind), e.at, e.id) for e in rest]
        problem = timeline_problem(stop.stopped_at, entries)
        if problem is not None:
            raise ValidationError(
                _(
                    "Kan ikke fjerne «{event}»: {problem} "
                    "Fjern eller endre den senere hendelsen først."
                ).format(event=EventKind(event.kind).label, problem=problem.message)
            )
        if stop.outcome:
            message = outcome_problem(
                StoppageOutcome(stop.outcome), {EventKind(e.kind) for e in rest}
            )
            if message:
                raise ValidationError(
                    _("Kan ikke fjerne «{event}»: {problem} Endre utfallet først.").format(
                        event=EventKind(event.kind).label, problem=message
                    )
                )
        if EventKind(event.kind) is EventKind.RESUMED:
            stop.resumed_at = None
        event.archived_at = clock.now()

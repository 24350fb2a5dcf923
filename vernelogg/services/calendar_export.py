"""Calendar export: deadlines and the annual plan as an iCalendar (.ics) file.

One all-day event per entry, each with a reminder (VALARM, shown ``remind_days`` before
the day). UIDs are stable, so importing a newer file into Outlook or another calendar
updates the events instead of adding copies.

Entries:

* every dated deadline item except ``planned_activity`` (the plan comes from below),
  reminder :data:`DEADLINE_REMIND_DAYS` days before;
* every planned date of the annual plan from ``plan_start`` to ``plan_end`` (default:
  1 January this year to a year from today), reminder as set on the activity.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from vernelogg import __version__, clock
from vernelogg.domain.deadlines import RuleSettings, format_date
from vernelogg.i18n import N_, _
from vernelogg.services.annual_plan import occurrences
from vernelogg.services.deadlines import DeadlineEntry, collect_deadlines
from vernelogg.services.errors import ServiceError
from vernelogg.store.database import Database

DEADLINE_REMIND_DAYS = 14
CALENDAR_NAME = N_("Vernelogg: frister og årshjul")  # shown with _(CALENDAR_NAME)


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    day: date
    summary: str
    description: str
    category: str
    remind_days: int


def _deadline_uid(e: DeadlineEntry) -> str:
    i = e.item
    key = "|".join(
        str(x)
        for x in (
            i.kind,
            e.person_id or i.person,
            i.role.value if i.role else "",
            e.area_id or i.area,
            i.ref,
            e.assignment_id,
            "" if e.person_id or e.assignment_id else i.title,
        )
    )
    return f"frist-{hashlib.sha1(key.encode()).hexdigest()[:20]}@vernelogg"


def _deadline_entry(e: DeadlineEntry) -> CalendarEntry:
    i = e.item
    assert i.due is not None
    who = ", ".join(x for x in (i.person, i.area) if x)
    summary = f"{e.kind_label}: {i.title}"
    if i.person:
        summary = f"{e.kind_label} – {i.person}: {i.title}"
    lines = [i.title]
    if who:
        lines.append(_("Gjelder: {who}").format(who=who))
    if i.role:
        lines.append(_("Verv: {role}").format(role=i.role.label))
    lines.append(
        _("Status {date}: {status}").format(date=format_date(i.due), status=i.status.label)
    )
    lines.append(_("Fra Vernelogg (Opplæring og frister)."))
    return CalendarEntry(
        uid=_deadline_uid(e),
        day=i.due,
        summary=summary,
        description="\n".join(lines),
        category=e.kind_label,
        remind_days=DEADLINE_REMIND_DAYS,
    )


def calendar_entries(
    db: Database,
    today: date,
    *,
    plan_start: date | None = None,
    plan_end: date | None = None,
    include_deadlines: bool = True,
    include_plan: bool = True,
    settings: RuleSettings | None = None,
) -> list[CalendarEntry]:
    """What the calendar file holds, sorted by day."""
    entries: list[CalendarEntry] = []
    if include_deadlines:
        entries += [
            _deadline_entry(e)
            for e in collect_deadlines(db, today, settings)
            if e.item.due is not None and e.item.kind != "planned_activity"
        ]
    if include_plan:
        start = plan_start or date(today.year, 1, 1)
        end = plan_end or today + timedelta(days=365)
        for o in occurrences(db, start, end):
            a = o.activity
            lines = [a.kind_label + (f", {a.area_name}" if a.area_name else "")]
            lines.append(a.schedule_text)
            if o.done_date:
                lines.append(_("Utført {date}").format(date=format_date(o.done_date)))
            if a.note:
                lines.append(a.note)
            lines.append(_("Fra Vernelogg (årshjul)."))
            entries.append(
                CalendarEntry(
                    uid=f"plan-{a.id}-{o.planned:%Y%m%d}@vernelogg",
                    day=o.planned,
                    summary=(
                        _("Utført: {activity}").format(activity=a.title) if o.done else a.title
                    ),
                    description="\n".join(lines),
                    category=_("Årshjul"),
                    remind_days=a.remind_days,
                )
            )
    return sorted(entries, key=lambda c: (c.day, c.summary))


def to_ics(entries: list[CalendarEntry], *, stamp: datetime | None = None) -> bytes:
    """The entries as iCalendar bytes (RFC 5545), one VEVENT with one VALARM each."""
    stamp = stamp or clock.now()
    cal = Calendar()
    cal.add("prodid", f"-//Vernelogg//Vernelogg {__version__}//NO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _(CALENDAR_NAME))
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("categories", [entry.category])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        alarm.add("trigger", timedelta(days=-entry.remind_days))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def write_calendar(
    db: Database,
    path: Path,
    today: date,
    *,
    plan_start: date | None = None,
    plan_end: date | None = None,
    include_deadlines: bool = True,
    include_plan: bool = True,
) -> int:
    """Write the .ics file; returns the number of events."""
    entries = calendar_entries(
        db,
        today,
        plan_start=plan_start,
        plan_end=plan_end,
        include_deadlines=include_deadlines,
        include_plan=include_plan,
    )
    data = to_ics(entries)
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise ServiceError(
            _("Kan ikke skrive «{path}»: {reason}.").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    return len(entries)

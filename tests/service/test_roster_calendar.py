"""Sentrale verv on the demo undertaking, and the calendar file (.ics)."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from vernelogg.domain.deadlines import Status
from vernelogg.domain.roles import Role
from vernelogg.services import annual_plan, areas, people
from vernelogg.services.calendar_export import (
    DEADLINE_REMIND_DAYS,
    calendar_entries,
    to_ics,
    write_calendar,
)
from vernelogg.services.deadlines import collect_deadlines
from vernelogg.services.roster import central_roster

TODAY = date(2026, 11, 22)


def _rows(db, today=TODAY):
    return {section.title: section for section in central_roster(db, today)}


def test_roster_on_demo_data_shows_vacancies_expired_and_expiring_terms(demo_db):
    sections = _rows(demo_db)
    assert list(sections) == [
        "Hovedverneombud",
        "Verneombud per verneområde",
        "Arbeidsmiljøutvalget (AMU) og BHT",
        "Ledelse",
    ]
    delegates = sections["Verneombud per verneområde"].rows
    evening = next(
        r
        for r in delegates
        if r.role is Role.SAFETY_DELEGATE and r.area_name == "Kveldsskift produksjon"
    )
    assert evening.vacant and evening.status is Status.OVERDUE
    assert evening.note == "Ledig siden 02.11.2026"  # the term ended 21 days ago
    assert "Jonas Nilsen" in evening.detail
    workshop = next(
        r for r in delegates if r.role is Role.SAFETY_DELEGATE and r.area_name == "Verksted"
    )
    assert (workshop.person_name, workshop.status) == ("Per Johansen", Status.DUE_SOON)
    assert workshop.note.startswith("Går ut om ")
    # Per's refresher is overdue: his training for the VO role is not in order.
    assert workshop.training is Status.OVERDUE
    no_deputy = [r for r in delegates if r.role is Role.DEPUTY_DELEGATE and r.vacant]
    assert {r.area_name for r in no_deputy} == {"Lakkeringshall", "Renhold og kantine"}
    assert all(r.status is None and r.note == "Ikke besatt" for r in no_deputy)
    amu = sections["Arbeidsmiljøutvalget (AMU) og BHT"]
    assert amu.remarks == ("Leder i år: Ola Hansen, fra arbeidsgiversiden.",)
    leaders = sections["Ledelse"].rows
    top = next(r for r in leaders if r.role is Role.TOP_LEADER)
    assert (top.person_name, top.training) == ("Kari Nordmann", Status.OK)
    # A leader role needs no course: no training status for it.
    assert all(r.training is None for r in leaders if r.role is Role.LEADER)


def test_roster_empty_undertaking_and_unequal_amu(org_db):
    areas.create_area(org_db, name="Lager")
    areas.create_area(org_db, name="Verksted")
    person = people.create_person(org_db, name="Kari")
    people.assign_role(
        org_db, person_id=person.id, role=Role.AMU_EMPLOYER, start_date=date(2026, 1, 1)
    )
    sections = _rows(org_db)
    (hvo, deputy) = sections["Hovedverneombud"].rows
    assert (hvo.vacant, hvo.status, hvo.note) == (True, Status.MISSING, "Ledig")
    assert (deputy.vacant, deputy.status) == (True, None)
    vos = [r for r in sections["Verneombud per verneområde"].rows if r.role is Role.SAFETY_DELEGATE]
    assert [(r.area_name, r.status) for r in vos] == [
        ("Lager", Status.MISSING),
        ("Verksted", Status.MISSING),
    ]
    amu = sections["Arbeidsmiljøutvalget (AMU) og BHT"]
    assert amu.remarks == (
        "Ulikt antall medlemmer fra hver side: 1 fra arbeidsgiver og 0 fra arbeidstakerne "
        "(aml. § 7-1 krever like mange).",
    )
    employee = next(r for r in amu.rows if r.role is Role.AMU_EMPLOYEE)
    assert employee.vacant and employee.status is Status.MISSING  # 40 employees


# --- calendar -----------------------------------------------------------------------------


def test_calendar_parses_and_has_one_event_per_item(demo_db, tmp_path):
    path = tmp_path / "frister.ics"
    count = write_calendar(demo_db, path, TODAY)
    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == count

    dated = [
        e
        for e in collect_deadlines(demo_db, TODAY)
        if e.item.due is not None and e.item.kind != "planned_activity"
    ]
    plan = annual_plan.occurrences(demo_db, date(2026, 1, 1), TODAY + timedelta(days=365))
    assert count == len(dated) + len(plan)
    assert len({str(e["UID"]) for e in events}) == count

    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is date  # all-day
        assert event.decoded("DTEND") == start + timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") <= timedelta(0)

    summaries = [str(e["SUMMARY"]) for e in events]
    assert any(s.startswith("Opplæring – Thomas Strand: Grunnopplæring") for s in summaries)
    assert any(s == "Utført: AMU-møte" for s in summaries)
    assert "Vernelogg: frister og årshjul" in path.read_text(encoding="utf-8")

    training = next(e for e in events if str(e["SUMMARY"]).startswith("Opplæring – Thomas"))
    (alarm,) = training.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=DEADLINE_REMIND_DAYS)


def test_calendar_uids_are_stable_between_exports(demo_db):
    first = [c.uid for c in calendar_entries(demo_db, TODAY)]
    second = [c.uid for c in calendar_entries(demo_db, TODAY)]
    assert first == second


def test_plan_only_for_one_year(demo_db):
    entries = calendar_entries(
        demo_db,
        TODAY,
        include_deadlines=False,
        plan_start=date(2025, 1, 1),
        plan_end=date(2025, 12, 31),
    )
    assert entries and all(e.day.year == 2025 for e in entries)
    assert all(e.category == "Årshjul" for e in entries)
    calendar = Calendar.from_ical(to_ics(entries))
    assert len(list(calendar.walk("VEVENT"))) == len(entries)

"""The annual plan: activities, planned dates, ticks, and the DONE_CHECKS hook."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.annual_plan import ActivityKind
from vernelogg.services import annual_plan, areas
from vernelogg.services.errors import ValidationError

D = date
TODAY = D(2026, 11, 22)
QUARTERLY = "FREQ=MONTHLY;INTERVAL=3"


@pytest.fixture
def lager(org_db):
    return areas.create_area(org_db, name="Lager")


@pytest.fixture
def rounds(org_db, lager):
    return annual_plan.save_activity(
        org_db,
        title="Vernerunde Lager",
        kind=ActivityKind.ROUND,
        area_id=lager.id,
        rrule=QUARTERLY,
        start_date=D(2026, 1, 15),
    )


def test_activity_is_saved_with_its_rule(org_db, rounds, lager):
    (stored,) = annual_plan.list_activities(org_db)
    assert stored == rounds
    assert (stored.kind, stored.area_name, stored.rrule) == (ActivityKind.ROUND, "Lager", QUARTERLY)
    assert stored.schedule_text == "Hvert kvartal fra 15.01.2026"
    assert stored.until is None


def test_until_and_one_off(org_db):
    until = annual_plan.save_activity(
        org_db,
        title="AMU-møte",
        kind="amu_meeting",
        area_id=None,
        rrule=QUARTERLY,
        start_date=D(2026, 2, 1),
        until=D(2026, 9, 1),
    )
    assert until.rrule == "FREQ=MONTHLY;INTERVAL=3;UNTIL=20260901"
    once = annual_plan.save_activity(
        org_db,
        title="Brannøvelse",
        kind="other",
        area_id=None,
        rrule=None,
        start_date=D(2026, 6, 4),
        until=D(2027, 1, 1),  # ignored for a one-off
    )
    assert once.rrule is None
    dates = [(o.activity.title, o.planned) for o in annual_plan.year_occurrences(org_db, 2026)]
    assert dates == [
        ("AMU-møte", D(2026, 2, 1)),
        ("AMU-møte", D(2026, 5, 1)),
        ("Brannøvelse", D(2026, 6, 4)),
        ("AMU-møte", D(2026, 8, 1)),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": " "}, "title", "Tittel må fylles ut."),
        ({"kind": None}, "kind", "Velg type aktivitet."),
        ({"kind": "picnic"}, "kind", "Velg type aktivitet."),
        ({"area_id": None}, "area_id", "Velg verneområdet vernerunden gjelder."),
        ({"start_date": None}, "start_date", "Velg dato."),
        ({"rrule": "FREQ=DAILY"}, "rrule", "Ugyldig gjentakelse"),
        ({"until": D(2025, 1, 1)}, "until", "Sluttdatoen kan ikke være før første dato."),
        ({"remind_days": 120}, "remind_days", "Påminnelse må være 0 til 90 dager før."),
    ],
)
def test_bad_activity_is_refused(org_db, lager, changes, field, message):
    values = dict(
        title="Vernerunde Lager",
        kind="round",
        area_id=lager.id,
        rrule=QUARTERLY,
        start_date=D(2026, 1, 15),
    )
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        annual_plan.save_activity(org_db, **values)
    assert message in error.value.fields[field]
    assert annual_plan.list_activities(org_db) == []


def test_tick_untick_and_tick_again(org_db, rounds):
    annual_plan.mark_done(org_db, rounds.id, D(2026, 4, 15), done_date=D(2026, 4, 20), today=TODAY)
    found = {o.planned: o for o in annual_plan.year_occurrences(org_db, 2026)}
    assert found[D(2026, 4, 15)].done_date == D(2026, 4, 20)
    assert found[D(2026, 4, 15)].source == "manual"
    assert not found[D(2026, 1, 15)].done
    annual_plan.unmark_done(org_db, rounds.id, D(2026, 4, 15))
    assert not any(o.done for o in annual_plan.year_occurrences(org_db, 2026))
    annual_plan.mark_done(
        org_db, rounds.id, D(2026, 4, 15), done_date=D(2026, 4, 16), today=TODAY, note="Med BHT"
    )
    again = {o.planned: o for o in annual_plan.year_occurrences(org_db, 2026)}[D(2026, 4, 15)]
    assert (again.done_date, again.note) == (D(2026, 4, 16), "Med BHT")


def test_only_planned_dates_and_no_future_done_dates(org_db, rounds):
    with pytest.raises(ValidationError) as error:
        annual_plan.mark_done(
            org_db, rounds.id, D(2026, 4, 16), done_date=D(2026, 4, 16), today=TODAY
        )
    assert "er ikke en planlagt dato" in error.value.fields["planned_date"]
    with pytest.raises(ValidationError) as error:
        annual_plan.mark_done(
            org_db, rounds.id, D(2026, 4, 15), done_date=D(2026, 11, 23), today=TODAY
        )
    assert error.value.fields == {"done_date": "Utført-datoen kan ikke være fram i tid."}


@pytest.mark.parametrize(
    ("planned", "today", "state"),
    [
        (D(2026, 4, 15), TODAY, "overdue"),
        (D(2026, 10, 15), D(2026, 10, 15), "due_soon"),
        (D(2026, 10, 15), D(2026, 8, 16), "due_soon"),  # exactly 60 days
        (D(2026, 10, 15), D(2026, 8, 15), "planned"),
    ],
)
def test_occurrence_state(org_db, rounds, planned, today, state):
    found = {o.planned: o for o in annual_plan.year_occurrences(org_db, 2026)}
    assert found[planned].state(today, 60) == state


def test_done_checker_counts_work_found_in_other_records(org_db, rounds, monkeypatch):
    """The rounds feature registers a checker; a round inside a period counts for it."""
    held = [D(2026, 2, 2), D(2026, 7, 30)]
    seen: list[tuple[str, date, date]] = []

    def lookup(activity, start, end):
        seen.append((activity.area_name, start, end))
        return next((d for d in held if start <= d <= end), None)

    check = annual_plan.DoneCheck("round", lambda session, activities, first, last: lookup)
    monkeypatch.setitem(annual_plan.DONE_CHECKS, "round", check)
    annual_plan.mark_done(org_db, rounds.id, D(2026, 10, 15), done_date=D(2026, 10, 1), today=TODAY)
    found = {o.planned: o for o in annual_plan.year_occurrences(org_db, 2026)}
    assert (found[D(2026, 1, 15)].done_date, found[D(2026, 1, 15)].source) == (
        D(2026, 2, 2),
        "auto",
    )
    assert not found[D(2026, 4, 15)].done  # 30.07 belongs to the July date
    assert found[D(2026, 7, 15)].done_date == D(2026, 7, 30)
    assert found[D(2026, 10, 15)].source == "manual"  # a tick wins; the checker is not asked
    assert ("Lager", D(2025, 12, 1), D(2026, 2, 28)) in seen
    assert all(start != D(2026, 8, 31) for _, start, _ in seen)


def test_archived_activity_leaves_the_plan(org_db, rounds):
    annual_plan.archive_activity(org_db, rounds.id)
    assert annual_plan.list_activities(org_db) == []
    assert annual_plan.year_occurrences(org_db, 2026) == []
    assert [a.id for a in annual_plan.list_activities(org_db, include_archived=True)] == [rounds.id]


def test_area_filter(org_db, rounds):
    annual_plan.save_activity(
        org_db, title="AMU-møte", kind="amu_meeting", area_id=None, rrule=QUARTERLY,
        start_date=D(2026, 2, 1),
    )  # fmt: skip
    only_lager = annual_plan.year_occurrences(org_db, 2026, area_id=rounds.area_id)
    assert {o.activity.title for o in only_lager} == {"Vernerunde Lager"}


def test_quick_tick_means_done_as_planned():
    assert annual_plan.default_done_date(D(2026, 4, 15), TODAY) == D(2026, 4, 15)
    assert annual_plan.default_done_date(D(2027, 1, 15), TODAY) == TODAY

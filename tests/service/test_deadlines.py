"""Dated deadline scenarios through the real database: roles, courses, plan and rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from vernelogg.domain.annual_plan import ActivityKind
from vernelogg.domain.deadlines import DeadlineItem, RuleSettings, Status
from vernelogg.domain.roles import Role
from vernelogg.domain.training import CourseKind
from vernelogg.services import annual_plan, areas, deadlines, people, training
from vernelogg.services.deadlines import (
    EXTRA_SOURCES,
    JSON_KEYS,
    collect_deadlines,
    count_deadlines,
    item_to_json,
    within,
)
from vernelogg.services.organisation import save_organisation
from vernelogg.services.rule_settings import load_rule_settings, save_rule_settings

D = date
TODAY = D(2026, 11, 22)


class World:
    """A small undertaking built step by step for one scenario."""

    def __init__(self, db) -> None:
        self.db = db
        self.areas: dict[str, str] = {}
        self.people: dict[str, str] = {}

    def area(self, name: str, **flags) -> str:
        if name not in self.areas:
            self.areas[name] = areas.create_area(self.db, name=name, **flags).id
        return self.areas[name]

    def person(self, name: str) -> str:
        if name not in self.people:
            self.people[name] = people.create_person(self.db, name=name).id
        return self.people[name]

    def role(
        self,
        name: str,
        role: Role,
        start: date,
        end: date | None = None,
        area: str | None = None,
    ) -> str:
        return people.assign_role(
            self.db,
            person_id=self.person(name),
            role=role,
            area_id=self.area(area) if area else None,
            start_date=start,
            end_date=end,
        ).id

    def course(self, name: str, kind: CourseKind, completed: date, hours: float = 40) -> None:
        training.save_training(
            self.db,
            today=TODAY,
            person_id=self.person(name),
            kind=kind,
            completed_date=completed,
            hours=hours,
        )

    def rules(self, **changes) -> None:
        current = load_rule_settings(self.db)
        values = {
            "start_within_months": current.start_within_months,
            "complete_within_months": current.complete_within_months,
            "refresher_years": current.refresher_years,
            "due_soon_days": current.due_soon_days,
            "election_reminder_days": current.election_reminder_days,
        }
        values.update(changes)
        save_rule_settings(self.db, **values)


Row = tuple[str, str | None, str | None, Status, date | None]
VO, DEP, HVO = Role.SAFETY_DELEGATE, Role.DEPUTY_DELEGATE, Role.CHIEF_DELEGATE
T = ("training", "refresher")
TERM = ("term_end", "election")


def _vo_quit(w: World) -> None:
    a = w.role("Kari", VO, D(2025, 6, 1), area="Lager")
    people.end_role(w.db, a, end_date=D(2026, 10, 1), reason="Sluttet")


def _deputy_takes_over(w: World) -> None:
    a = w.role("Kari", VO, D(2025, 6, 1), area="Lager")
    w.role("Ola", DEP, D(2025, 6, 1), area="Lager")
    people.end_role(w.db, a, end_date=D(2026, 8, 31), successor_id=w.person("Ola"))


def _round(w: World, tick_last: bool) -> None:
    activity = annual_plan.save_activity(
        w.db,
        title="Vernerunde Lager",
        kind=ActivityKind.ROUND,
        area_id=w.area("Lager"),
        rrule="FREQ=MONTHLY;INTERVAL=3",
        start_date=D(2026, 2, 10),
    )
    for planned in (D(2026, 2, 10), D(2026, 5, 10)):
        annual_plan.mark_done(w.db, activity.id, planned, done_date=planned, today=TODAY)
    if tick_last:
        annual_plan.mark_done(
            w.db, activity.id, D(2026, 8, 10), done_date=D(2026, 8, 20), today=TODAY
        )


SCENARIOS: list[tuple[str, Callable[[World], None], date, tuple[str, ...], list[Row]]] = [
    (
        "new VO, nothing yet: due soon by the 6-month start target",
        lambda w: w.role("Kari", VO, D(2026, 7, 1), area="Lager"),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.DUE_SOON, D(2027, 1, 1))],
    ),
    (
        "past the 6-month start target: due soon by the 12-month latest start",
        lambda w: w.role("Kari", VO, D(2026, 5, 1), area="Lager"),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.DUE_SOON, D(2027, 5, 1))],
    ),
    (
        "re-elected VO: deadlines count from the first term",
        lambda w: (
            w.role("Kari", VO, D(2024, 1, 1), D(2025, 12, 31), area="Lager"),
            w.role("Kari", VO, D(2026, 1, 1), area="Lager"),
        ),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.OVERDUE, D(2025, 1, 1))],
    ),
    (
        "VO and AMU member: one basic item, from the role held longest",
        lambda w: (
            w.role("Kari", Role.AMU_EMPLOYEE, D(2025, 6, 1)),
            w.role("Kari", VO, D(2026, 7, 1), area="Lager"),
        ),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.OVERDUE, D(2026, 6, 1))],
    ),
    (
        "chemical area adds its supplement",
        lambda w: (
            w.area("Lakk", chemical_biological=True),
            w.role("Kari", VO, D(2026, 7, 1), area="Lakk"),
        ),
        TODAY,
        T,
        [
            ("training", "basic", "Kari", Status.DUE_SOON, D(2027, 1, 1)),
            ("training", "chemical_biological", "Kari", Status.DUE_SOON, D(2027, 1, 1)),
        ],
    ),
    (
        "HVO needs the supplement as well",
        lambda w: (
            w.role("Per", HVO, D(2026, 7, 1)),
            w.course("Per", CourseKind.BASIC, D(2023, 3, 1)),
        ),
        TODAY,
        ("training",),
        [
            ("training", "basic", "Per", Status.OK, None),
            ("training", "chief_supplement", "Per", Status.DUE_SOON, D(2027, 1, 1)),
        ],
    ),
    (
        "refresher due within 60 days",
        lambda w: (
            w.role("Kari", VO, D(2025, 1, 10), area="Lager"),
            w.course("Kari", CourseKind.BASIC, D(2024, 1, 10)),
        ),
        TODAY,
        T,
        [
            ("training", "basic", "Kari", Status.OK, None),
            ("refresher", "refresher", "Kari", Status.DUE_SOON, D(2027, 1, 10)),
        ],
    ),
    (
        "refresher switched off in the rules",
        lambda w: (
            w.role("Kari", VO, D(2025, 1, 10), area="Lager"),
            w.course("Kari", CourseKind.BASIC, D(2022, 1, 10)),
            w.rules(refresher_years=None),
        ),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.OK, None)],
    ),
    (
        "refresher every second year by the rules: overdue",
        lambda w: (
            w.role("Kari", VO, D(2025, 1, 10), area="Lager"),
            w.course("Kari", CourseKind.BASIC, D(2024, 10, 1)),
            w.rules(refresher_years=2),
        ),
        TODAY,
        ("refresher",),
        [("refresher", "refresher", "Kari", Status.OVERDUE, D(2026, 10, 1))],
    ),
    (
        "start within 3 months by the rules",
        lambda w: (w.role("Kari", VO, D(2026, 7, 1), area="Lager"), w.rules(start_within_months=3)),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.DUE_SOON, D(2027, 7, 1))],
    ),
    (
        "«snart frist» 30 days by the rules",
        lambda w: (w.role("Kari", VO, D(2026, 7, 1), area="Lager"), w.rules(due_soon_days=30)),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.MISSING, D(2027, 1, 1))],
    ),
    (
        "32-hour course without agreement still missing",
        lambda w: (
            w.role("Kari", VO, D(2026, 7, 1), area="Lager"),
            w.course("Kari", CourseKind.BASIC, D(2026, 10, 20), hours=32),
        ),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.MISSING, None)],
    ),
    (
        "term ends in 58 days; the election date has passed",
        lambda w: w.role("Kari", VO, D(2025, 1, 20), area="Lager"),
        TODAY,
        TERM,
        [
            ("election", None, "Kari", Status.OVERDUE, D(2026, 11, 20)),
            ("term_end", None, "Kari", Status.DUE_SOON, D(2027, 1, 19)),
        ],
    ),
    (
        "successor already registered: no term reminders",
        lambda w: (
            w.role("Kari", VO, D(2025, 1, 20), area="Lager"),
            w.role("Ola", VO, D(2027, 1, 20), area="Lager"),
        ),
        TODAY,
        TERM,
        [
            ("election", None, "Ola", Status.OK, D(2028, 11, 20)),
            ("term_end", None, "Ola", Status.OK, D(2029, 1, 19)),
        ],
    ),
    (
        "term ran out and nobody took over",
        lambda w: w.role("Kari", VO, D(2024, 11, 2), D(2026, 11, 1), area="Lager"),
        TODAY,
        ("term_end", "legal_requirement"),
        [
            ("legal_requirement", None, None, Status.MISSING, None),  # no VO in Lager
            ("legal_requirement", None, None, Status.MISSING, None),  # 40 employees, no AMU
            ("term_end", None, "Kari", Status.OVERDUE, D(2026, 11, 1)),
        ],
    ),
    (
        "VO resigned: the vacancy, not an expired term",
        _vo_quit,
        TODAY,
        ("term_end", "legal_requirement"),
        [
            ("legal_requirement", None, None, Status.MISSING, None),
            ("legal_requirement", None, None, Status.MISSING, None),
        ],
    ),
    (
        "deputy takes over and completes the term (OLM § 3-4)",
        _deputy_takes_over,
        TODAY,
        ("term_end",),
        [("term_end", None, "Ola", Status.OK, D(2027, 5, 31))],
    ),
    (
        "term from 29 February ends 28 February two years on",
        lambda w: w.role("Kari", VO, D(2024, 2, 29), area="Lager"),
        D(2026, 1, 1),
        ("term_end",),
        [("term_end", None, "Kari", Status.DUE_SOON, D(2026, 2, 28))],
    ),
    (
        "start on 31 August: the start target on a month end",
        lambda w: w.role("Kari", VO, D(2026, 8, 31), area="Lager"),
        D(2027, 2, 28),
        T,
        [("training", "basic", "Kari", Status.DUE_SOON, D(2027, 2, 28))],
    ),
    (
        "start on 31 August, a day after the (clamped) start target",
        lambda w: w.role("Kari", VO, D(2026, 8, 31), area="Lager"),
        D(2027, 3, 1),
        T,
        [("training", "basic", "Kari", Status.DUE_SOON, D(2027, 8, 31))],
    ),
    (
        "a VO starting next month already has the deadline",
        lambda w: w.role("Kari", VO, D(2026, 12, 15), area="Lager"),
        TODAY,
        T,
        [("training", "basic", "Kari", Status.MISSING, D(2027, 6, 15))],
    ),
    (
        "leaders and the BHT need no course",
        lambda w: (
            w.role("Tor", Role.LEADER, D(2020, 1, 1), area="Lager"),
            w.role("Eva", Role.OHS_REPRESENTATIVE, D(2020, 1, 1)),
        ),
        TODAY,
        T,
        [],
    ),
    (
        "top leader: the § 3-5 course",
        lambda w: w.role("Kari", Role.TOP_LEADER, D(2026, 1, 1)),
        TODAY,
        T,
        [("training", "top_leader", "Kari", Status.DUE_SOON, D(2027, 1, 1))],
    ),
    (
        "archived person: roles end, no deadlines",
        lambda w: (
            w.role("Kari", VO, D(2026, 7, 1), area="Lager"),
            people.archive_person(w.db, w.person("Kari"), D(2026, 11, 1)),
        ),
        TODAY,
        T,
        [],
    ),
    (
        "planned round not ticked: overdue; the next one due soon",
        lambda w: _round(w, tick_last=False),
        TODAY,
        ("planned_activity",),
        [
            ("planned_activity", "round", None, Status.OVERDUE, D(2026, 8, 10)),
            ("planned_activity", "round", None, Status.OVERDUE, D(2026, 11, 10)),
            ("planned_activity", "round", None, Status.OK, D(2027, 2, 10)),
        ],
    ),
    (
        "planned round ticked done: only later dates remain",
        lambda w: _round(w, tick_last=True),
        D(2026, 10, 1),
        ("planned_activity",),
        [("planned_activity", "round", None, Status.DUE_SOON, D(2026, 11, 10))],
    ),
]


def _rows(items: list[DeadlineItem], kinds: tuple[str, ...]) -> list[Row]:
    return [
        (i.kind, i.ref, i.person, i.status, i.due)
        for i in sorted(items, key=lambda i: (i.kind, i.ref or "", i.person or ""))
        if i.kind in kinds
    ]


@pytest.mark.parametrize(
    ("setup", "today", "kinds", "expected"),
    [s[1:] for s in SCENARIOS],
    ids=[s[0] for s in SCENARIOS],
)
def test_dated_scenarios(org_db, setup, today, kinds, expected):
    setup(World(org_db))
    items = deadlines.deadline_items(org_db, today)
    assert _rows(items, kinds) == sorted(expected, key=lambda r: (r[0], r[1] or "", r[2] or ""))


def test_below_five_employees_a_vo_is_still_the_rule_without_an_agreement(org_db):
    save_organisation(org_db, name="Liten AS", org_number=None, employees=4, branch="Annet")
    areas.create_area(org_db, name="Butikk")
    assert [
        i.title for i in deadlines.deadline_items(org_db, TODAY) if i.kind == "legal_requirement"
    ] == [
        "Virksomheten har 4 ansatte og ikke verneombud. Verneombud er hovedregelen; under 5 "
        "ansatte kan partene skriftlig avtale en annen ordning (aml. § 6-1). Registrer "
        "avtalen, eller velg verneombud."
    ]


def test_amu_required_from_30_employees(org_db):
    w = World(org_db)
    w.role("Kari", VO, D(2026, 7, 1), area="Lager")
    titles = [i.title for i in deadlines.deadline_items(org_db, TODAY)]
    assert any("arbeidsmiljøutvalg" in t for t in titles)
    w.role("Ola", Role.AMU_EMPLOYER, D(2026, 1, 1))
    w.role("Per", Role.AMU_EMPLOYEE, D(2026, 1, 1))
    titles = [i.title for i in deadlines.deadline_items(org_db, TODAY)]
    assert not any("arbeidsmiljøutvalg" in t for t in titles)


def test_entries_link_to_the_records_they_concern(org_db):
    w = World(org_db)
    assignment = w.role("Kari", VO, D(2026, 7, 1), area="Lager")
    entry = next(e for e in collect_deadlines(org_db, TODAY) if e.item.kind == "training")
    assert entry.person_id == w.people["Kari"]
    assert entry.area_id == w.areas["Lager"]
    assert entry.assignment_id == assignment
    assert entry.kind_label == "Opplæring" and entry.role_label == "Verneombud"


def test_sorted_missing_without_date_first_then_by_date(org_db):
    w = World(org_db)
    w.role("Kari", VO, D(2026, 7, 1), area="Lager")
    w.role("Ola", VO, D(2026, 5, 1), area="Verksted")
    w.area("Kantine")  # without VO: missing, no date
    items = [e.item for e in collect_deadlines(org_db, TODAY)]
    assert items[0].due is None and items[0].status is Status.MISSING
    dated = [i.due for i in items if i.due is not None]
    assert dated == sorted(dated)


def test_extra_sources_are_gathered(org_db, monkeypatch):
    review = DeadlineItem(
        "review",
        None,
        None,
        "Lager",
        "Risikovurdering truck: gjennomgang",
        D(2026, 12, 1),
        Status.OK,
    )
    calls: list[tuple[date, RuleSettings]] = []

    def source(db, today, settings):
        calls.append((today, settings))
        return [review]

    monkeypatch.setattr(deadlines, "EXTRA_SOURCES", [*EXTRA_SOURCES, source])
    items = deadlines.deadline_items(org_db, TODAY)
    assert review in items
    assert calls and calls[0][0] == TODAY and isinstance(calls[0][1], RuleSettings)
    assert review not in [e.item for e in collect_deadlines(org_db, TODAY, include_extra=False)]


def test_within_keeps_overdue_missing_and_soon(org_db):
    w = World(org_db)
    w.role("Kari", VO, D(2025, 5, 1), area="Lager")  # overdue
    w.role("Ola", VO, D(2026, 11, 1), area="Verksted")  # missing, due 2027-05-01
    w.role("Per", VO, D(2025, 11, 10), area="Kantine")
    w.course("Per", CourseKind.BASIC, D(2026, 1, 5))  # ok, no date
    entries = collect_deadlines(org_db, TODAY)
    kept = within(entries, TODAY, 30)
    assert all(
        e.item.status in (Status.OVERDUE, Status.MISSING)
        or (e.item.due is not None and (e.item.due - TODAY).days <= 30)
        for e in kept
    )
    names = {(e.item.person, e.item.kind) for e in kept}
    assert ("Kari", "training") in names and ("Ola", "training") in names
    assert ("Per", "training") not in names  # ok without a date
    assert ("Per", "term_end") not in names  # 2027, far away


def test_counts_and_summary(org_db):
    w = World(org_db)
    w.role("Kari", VO, D(2026, 5, 1), area="Lager")  # training overdue
    w.role("Ola", VO, D(2024, 11, 28), area="Verksted")  # term ends 27.11.2026
    counts = count_deadlines(collect_deadlines(org_db, TODAY), TODAY)
    assert counts.overdue >= 2  # Kari's training, Ola's election date, Ola's training
    assert counts.due_this_week == 1  # Ola's term end
    assert counts.summary == f"{counts.overdue} frister forfalt · 1 innen en uke"


def test_json_form_has_exactly_the_documented_keys(org_db):
    World(org_db).role("Kari", VO, D(2026, 7, 1), area="Lager")
    item = next(i for i in deadlines.deadline_items(org_db, TODAY) if i.kind == "training")
    data = item_to_json(item)
    assert tuple(data) == JSON_KEYS
    assert data == {
        "kind": "training",
        "person": "Kari",
        "role": "safety_delegate",
        "area": "Lager",
        "title": "Grunnopplæring i HMS (40 timer): ikke påbegynt; bør påbegynnes innen "
        "01.01.2027, senest 01.07.2027 (anbefaling i hovedavtalene)",
        "due": "2027-01-01",
        "status": "due_soon",
    }


def test_rule_settings_are_validated_and_stored(org_db):
    from vernelogg.services.errors import ValidationError

    with pytest.raises(ValidationError) as error:
        save_rule_settings(
            org_db,
            start_within_months=12,
            complete_within_months=6,
            refresher_years=0,
            due_soon_days=0,
            election_reminder_days=60,
        )
    assert set(error.value.fields) == {"complete_within_months", "refresher_years", "due_soon_days"}
    assert load_rule_settings(org_db) == RuleSettings()
    save_rule_settings(
        org_db,
        start_within_months=3,
        complete_within_months=9,
        refresher_years=None,
        due_soon_days=30,
        election_reminder_days=90,
    )
    stored = load_rule_settings(org_db)
    assert (stored.start_within_months, stored.complete_within_months) == (3, 9)
    assert (stored.refresher_years, stored.due_soon_days, stored.election_reminder_days) == (
        None,
        30,
        90,
    )
    assert stored.min_course_hours == 40  # the law is not a setting


def test_recorded_amu_demand_and_vo_agreement_drive_the_legal_items(org_db):
    from vernelogg.services.errors import ValidationError
    from vernelogg.services.organisation import record_arrangements

    save_organisation(org_db, name="Liten AS", org_number=None, employees=12, branch="Annet")
    legal = lambda: [  # noqa: E731
        i.title for i in deadlines.deadline_items(org_db, TODAY) if i.kind == "legal_requirement"
    ]
    assert not any("arbeidsmiljøutvalg" in t for t in legal())
    with pytest.raises(ValidationError) as error:
        record_arrangements(org_db, today=TODAY, amu_demanded_on=TODAY, vo_agreement_on=None)
    assert set(error.value.fields) == {"amu_demanded_by"}
    with pytest.raises(ValidationError) as error:
        record_arrangements(
            org_db,
            today=TODAY,
            amu_demanded_on=TODAY + timedelta(days=1),
            amu_demanded_by="Arbeidstakersiden",
            vo_agreement_on=None,
        )
    assert set(error.value.fields) == {"amu_demanded_on"}
    info = record_arrangements(
        org_db,
        today=TODAY,
        amu_demanded_on=D(2026, 3, 2),
        amu_demanded_by="Arbeidstakersiden (hovedverneombudet)",
        vo_agreement_on=None,
    )
    assert (info.amu_demanded_on, info.amu_demanded_by) == (
        D(2026, 3, 2),
        "Arbeidstakersiden (hovedverneombudet)",
    )
    assert any("Arbeidsmiljøutvalg ble krevd 02.03.2026" in t for t in legal())

    save_organisation(org_db, name="Liten AS", org_number=None, employees=4, branch="Annet")
    assert any("skriftlig avtale en annen ordning" in t for t in legal())
    record_arrangements(
        org_db,
        today=TODAY,
        amu_demanded_on=None,
        vo_agreement_on=D(2025, 9, 1),
        vo_agreement_note="Daglig leder og de ansatte tar HMS på allmøtet hver måned.",
    )
    assert legal() == []

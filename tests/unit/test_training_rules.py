"""Table tests for the training rules (OLM §§ 3-18 to 3-20, aml. § 3-5)."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.deadlines import DeadlineItem, RoleHolding, RuleSettings, Status
from vernelogg.domain.roles import Role
from vernelogg.domain.training import (
    CourseFormat,
    CourseKind,
    CourseRecord,
    is_complete,
    requirements_for,
    training_items,
)

P = "Kari Nordmann"
B = CourseKind.BASIC
R = CourseKind.REFRESHER
D = date
NO_REFRESHER = RuleSettings(refresher_years=None)

Row = tuple[str, str, Status, date | None]


def vo(
    start: date,
    role: Role = Role.SAFETY_DELEGATE,
    area: str | None = "Lager",
    end: date | None = None,
    flags: frozenset[str] | set[str] = frozenset(),
) -> RoleHolding:
    return RoleHolding(P, role, area, start, end, frozenset(flags))


def course(
    kind: CourseKind = B,
    start: date | None = None,
    completed: date | None = None,
    hours: float | None = None,
    agreement: date | None = None,
    person: str = P,
) -> CourseRecord:
    return CourseRecord(person, kind, start, completed, hours, agreement)


def rows(items: list[DeadlineItem]) -> list[Row]:
    return [(i.kind, i.ref or "", i.status, i.due) for i in items]


# --- requirements -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "flags", "expected"),
    [
        (Role.SAFETY_DELEGATE, (), [B]),
        (Role.DEPUTY_DELEGATE, (), [B]),
        (Role.CHIEF_DELEGATE, (), [B, CourseKind.CHIEF_SUPPLEMENT]),
        (Role.DEPUTY_CHIEF_DELEGATE, (), [B, CourseKind.CHIEF_SUPPLEMENT]),
        (Role.AMU_EMPLOYER, (), [B]),
        (Role.AMU_EMPLOYEE, (), [B]),
        (Role.AMU_DEPUTY_EMPLOYER, (), [B]),
        (Role.AMU_DEPUTY_EMPLOYEE, (), [B]),
        (Role.AMU_CHAIR, (), [B]),
        (Role.TOP_LEADER, (), [CourseKind.TOP_LEADER]),
        (Role.LEADER, (), []),
        (Role.AMU_SECRETARY, (), []),
        (Role.OHS_REPRESENTATIVE, (), []),
        (Role.UNION_REPRESENTATIVE, (), []),
        (
            Role.SAFETY_DELEGATE,
            ("chemical_biological",),
            [B, CourseKind.CHEMICAL_BIOLOGICAL],
        ),
        (
            Role.DEPUTY_DELEGATE,
            ("complex_conditions", "chemical_biological"),
            [B, CourseKind.CHEMICAL_BIOLOGICAL, CourseKind.COMPLEX_CONDITIONS],
        ),
        # The HVO inherits the supplements of the areas coordinated; AMU members need
        # the chemical one too, not the (recommended) complex one.
        (
            Role.CHIEF_DELEGATE,
            ("chemical_biological", "complex_conditions"),
            [
                B,
                CourseKind.CHIEF_SUPPLEMENT,
                CourseKind.CHEMICAL_BIOLOGICAL,
                CourseKind.COMPLEX_CONDITIONS,
            ],
        ),
        (
            Role.AMU_EMPLOYER,
            ("chemical_biological", "complex_conditions"),
            [B, CourseKind.CHEMICAL_BIOLOGICAL],
        ),
        (Role.TOP_LEADER, ("chemical_biological",), [CourseKind.TOP_LEADER]),
        (Role.LEADER, ("complex_conditions",), []),
        (Role.SAFETY_DELEGATE, ("unknown_flag",), [B]),
    ],
)
def test_requirements_for(role: Role, flags: tuple[str, ...], expected: list[CourseKind]) -> None:
    assert requirements_for(role, frozenset(flags)) == expected


# --- when a course is complete ---------------------------------------------------------

TODAY = D(2025, 6, 1)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (course(completed=D(2025, 3, 1), hours=40), True),
        (course(completed=D(2025, 3, 1), hours=40.0), True),
        (course(completed=D(2025, 3, 1), hours=39.5), False),
        (course(completed=D(2025, 3, 1), hours=24, agreement=D(2025, 1, 10)), True),
        (course(completed=D(2025, 3, 1), hours=None), True),
        (course(start=D(2025, 3, 1), completed=None, hours=40), False),
        (course(completed=D(2025, 6, 2), hours=40), False),  # completion in the future
        (course(completed=D(2025, 6, 1), hours=40), True),  # completed today
        (course(R, completed=D(2025, 3, 1), hours=8), True),  # no minimum for refreshers
        (course(R, completed=D(2025, 3, 1), hours=16), True),
        (course(CourseKind.CHIEF_SUPPLEMENT, completed=D(2025, 3, 1), hours=7), True),
        (course(CourseKind.TOP_LEADER, completed=D(2025, 3, 1), hours=3), True),
        (course(CourseKind.CHEMICAL_BIOLOGICAL, completed=D(2025, 3, 1), hours=1), True),
    ],
)
def test_is_complete(record: CourseRecord, expected: bool) -> None:
    assert is_complete(record, TODAY, RuleSettings()) is expected


def test_is_complete_respects_min_hours_setting() -> None:
    record = course(completed=D(2025, 3, 1), hours=30)
    assert is_complete(record, TODAY, RuleSettings(min_course_hours=30))
    assert not is_complete(record, TODAY, RuleSettings())


# --- dated training scenarios ----------------------------------------------------------

SCENARIOS: list[tuple[str, RoleHolding, list[CourseRecord], date, RuleSettings, list[Row]]] = [
    # Not started: due at the start target (6 months, main agreements), due soon in the
    # 60-day window before it, and after it until the latest start (12 months); overdue
    # only when not started 12 months in. Start 15.01.2025: target 15.07.2025, latest
    # 15.01.2026.
    (
        "no course, early",
        vo(D(2025, 1, 15)),
        [],
        D(2025, 3, 1),
        RuleSettings(),
        [("training", "basic", Status.MISSING, D(2025, 7, 15))],
    ),
    (
        "no course, 61 days before the start target",
        vo(D(2025, 1, 15)),
        [],
        D(2025, 5, 15),
        RuleSettings(),
        [("training", "basic", Status.MISSING, D(2025, 7, 15))],
    ),
    (
        "no course, exactly 60 days before the start target",
        vo(D(2025, 1, 15)),
        [],
        D(2025, 5, 16),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2025, 7, 15))],
    ),
    (
        "no course, start target day itself",
        vo(D(2025, 1, 15)),
        [],
        D(2025, 7, 15),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2025, 7, 15))],
    ),
    (
        "no course, day after the start target: due soon by the latest start",
        vo(D(2025, 1, 15)),
        [],
        D(2025, 7, 16),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2026, 1, 15))],
    ),
    (
        "no course, latest start day itself",
        vo(D(2025, 1, 15)),
        [],
        D(2026, 1, 15),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2026, 1, 15))],
    ),
    (
        "no course, day after the latest start",
        vo(D(2025, 1, 15)),
        [],
        D(2026, 1, 16),
        RuleSettings(),
        [("training", "basic", Status.OVERDUE, D(2026, 1, 15))],
    ),
    # Started: completion is tracked, not demanded by a date.
    (
        "started, before the start target",
        vo(D(2025, 1, 15)),
        [course(start=D(2025, 5, 1))],
        D(2025, 5, 16),
        RuleSettings(),
        [("training", "basic", Status.MISSING, None)],
    ),
    (
        "started, on the latest start day",
        vo(D(2025, 1, 15)),
        [course(start=D(2025, 5, 1))],
        D(2026, 1, 15),
        RuleSettings(),
        [("training", "basic", Status.MISSING, None)],
    ),
    (
        "started, a year and more on: still tracked, no date",
        vo(D(2025, 1, 15)),
        [course(start=D(2025, 5, 1))],
        D(2026, 1, 16),
        RuleSettings(),
        [("training", "basic", Status.MISSING, None)],
    ),
    (
        "course booked for the future is not started",
        vo(D(2025, 1, 15)),
        [course(start=D(2025, 9, 1))],
        D(2025, 8, 1),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2026, 1, 15))],
    ),
    # Month ends: 31 Aug + 6 months = end of February.
    (
        "31 Aug 2023 start, start target 29 Feb 2024",
        vo(D(2023, 8, 31)),
        [],
        D(2024, 2, 29),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2024, 2, 29))],
    ),
    (
        "31 Aug 2023 start, 1 Mar 2024 past the target",
        vo(D(2023, 8, 31)),
        [],
        D(2024, 3, 1),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2024, 8, 31))],
    ),
    (
        "31 Aug 2024 start, start target 28 Feb 2025",
        vo(D(2024, 8, 31)),
        [],
        D(2025, 2, 28),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2025, 2, 28))],
    ),
    (
        "31 Jan start, one-month target, latest start 31 Mar passed",
        vo(D(2025, 1, 31)),
        [],
        D(2025, 4, 1),
        RuleSettings(start_within_months=1, complete_within_months=2),
        [("training", "basic", Status.OVERDUE, D(2025, 3, 31))],
    ),
    (
        "31 Jan start, one-month target, on 28 Feb",
        vo(D(2025, 1, 31)),
        [],
        D(2025, 2, 28),
        RuleSettings(start_within_months=1, complete_within_months=2),
        [("training", "basic", Status.DUE_SOON, D(2025, 2, 28))],
    ),
    # 29 February starts.
    (
        "29 Feb 2024 start, not started by 30 Aug",
        vo(D(2024, 2, 29)),
        [],
        D(2024, 8, 30),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2025, 2, 28))],
    ),
    (
        "29 Feb 2024 start, latest start 28 Feb 2025",
        vo(D(2024, 2, 29)),
        [],
        D(2025, 2, 28),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2025, 2, 28))],
    ),
    (
        "29 Feb 2024 start, overdue 1 Mar 2025",
        vo(D(2024, 2, 29)),
        [],
        D(2025, 3, 1),
        RuleSettings(),
        [("training", "basic", Status.OVERDUE, D(2025, 2, 28))],
    ),
    # The 40 hours of the basic course (OLM § 3-19).
    (
        "under 40 hours without agreement is not complete",
        vo(D(2025, 1, 15)),
        [course(start=D(2025, 2, 1), completed=D(2025, 3, 1), hours=30)],
        D(2025, 4, 1),
        RuleSettings(),
        [("training", "basic", Status.MISSING, None)],
    ),
    (
        "39.5 hours is under the minimum",
        vo(D(2025, 1, 15)),
        [course(completed=D(2025, 3, 1), hours=39.5)],
        D(2026, 2, 1),
        NO_REFRESHER,
        [("training", "basic", Status.MISSING, None)],
    ),
    (
        "exactly 40 hours is complete",
        vo(D(2025, 1, 15)),
        [course(completed=D(2025, 3, 1), hours=40)],
        D(2026, 2, 1),
        NO_REFRESHER,
        [("training", "basic", Status.OK, None)],
    ),
    (
        "under 40 hours with the parties' agreement is complete",
        vo(D(2025, 1, 15)),
        [course(completed=D(2025, 3, 1), hours=30, agreement=D(2025, 2, 1))],
        D(2025, 4, 1),
        RuleSettings(),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.OK, D(2028, 3, 1)),
        ],
    ),
    (
        "basic course with no hours recorded counts, shown as such",
        vo(D(2025, 1, 15)),
        [course(completed=D(2025, 3, 1), hours=None)],
        D(2025, 4, 1),
        RuleSettings(),
        [
            ("training", "basic", Status.INFO, None),
            ("refresher", "refresher", Status.OK, D(2028, 3, 1)),
        ],
    ),
    # Refresher on/off.
    (
        "refresher off",
        vo(D(2025, 1, 15)),
        [course(completed=D(2025, 3, 1), hours=40)],
        D(2025, 4, 1),
        NO_REFRESHER,
        [("training", "basic", Status.OK, None)],
    ),
    (
        "refresher 61 days ahead",
        vo(D(2024, 1, 1)),
        [course(completed=D(2022, 3, 1), hours=40)],
        D(2024, 12, 30),
        RuleSettings(),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.OK, D(2025, 3, 1)),
        ],
    ),
    (
        "refresher exactly 60 days ahead",
        vo(D(2024, 1, 1)),
        [course(completed=D(2022, 3, 1), hours=40)],
        D(2024, 12, 31),
        RuleSettings(),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.DUE_SOON, D(2025, 3, 1)),
        ],
    ),
    (
        "refresher overdue",
        vo(D(2024, 1, 1)),
        [course(completed=D(2022, 3, 1), hours=40)],
        D(2025, 3, 2),
        RuleSettings(),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.OVERDUE, D(2025, 3, 1)),
        ],
    ),
    (
        "later refresher resets the clock",
        vo(D(2024, 1, 1)),
        [
            course(completed=D(2022, 3, 1), hours=40),
            course(R, completed=D(2025, 2, 10), hours=None),
        ],
        D(2025, 3, 2),
        RuleSettings(),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.OK, D(2028, 2, 10)),
        ],
    ),
    (
        "a 16-hour refresher counts: no hour minimum for refreshers",
        vo(D(2024, 1, 1)),
        [
            course(completed=D(2022, 3, 1), hours=40),
            course(R, completed=D(2025, 2, 10), hours=16),
        ],
        D(2025, 3, 2),
        RuleSettings(),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.OK, D(2028, 2, 10)),
        ],
    ),
    (
        "refresher from a 29 Feb completion falls on 28 Feb",
        vo(D(2024, 1, 1)),
        [course(completed=D(2024, 2, 29), hours=40)],
        D(2024, 6, 1),
        RuleSettings(),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.OK, D(2027, 2, 28)),
        ],
    ),
    (
        "two-year refresher setting",
        vo(D(2024, 1, 1)),
        [course(completed=D(2023, 5, 1), hours=40)],
        D(2025, 4, 1),
        RuleSettings(refresher_years=2),
        [
            ("training", "basic", Status.OK, None),
            ("refresher", "refresher", Status.DUE_SOON, D(2025, 5, 1)),
        ],
    ),
    # Training done before the role started still counts.
    (
        "basic course from an earlier term counts",
        vo(D(2025, 1, 1)),
        [course(completed=D(2023, 10, 1), hours=40)],
        D(2025, 2, 1),
        NO_REFRESHER,
        [("training", "basic", Status.OK, None)],
    ),
    # Chief delegate supplement: hours not checked.
    (
        "HVO with basic, supplement missing",
        vo(D(2025, 1, 15), Role.CHIEF_DELEGATE, area=None),
        [course(completed=D(2024, 3, 1), hours=40)],
        D(2025, 2, 1),
        NO_REFRESHER,
        [
            ("training", "basic", Status.OK, None),
            ("training", "chief_supplement", Status.MISSING, D(2025, 7, 15)),
        ],
    ),
    (
        "HVO supplement of 6 hours is complete",
        vo(D(2025, 1, 15), Role.CHIEF_DELEGATE, area=None),
        [
            course(completed=D(2024, 3, 1), hours=40),
            course(CourseKind.CHIEF_SUPPLEMENT, completed=D(2025, 3, 1), hours=6),
        ],
        D(2025, 4, 1),
        NO_REFRESHER,
        [
            ("training", "basic", Status.OK, None),
            ("training", "chief_supplement", Status.OK, None),
        ],
    ),
    (
        "HVO coordinating a chemical area inherits that supplement",
        vo(D(2025, 1, 15), Role.CHIEF_DELEGATE, area=None, flags={"chemical_biological"}),
        [
            course(completed=D(2024, 3, 1), hours=40),
            course(CourseKind.CHIEF_SUPPLEMENT, completed=D(2025, 3, 1), hours=6),
        ],
        D(2025, 4, 1),
        NO_REFRESHER,
        [
            ("training", "basic", Status.OK, None),
            ("training", "chief_supplement", Status.OK, None),
            ("training", "chemical_biological", Status.MISSING, D(2025, 7, 15)),
        ],
    ),
    (
        "vara-HVO without any course past the start target",
        vo(D(2025, 1, 15), Role.DEPUTY_CHIEF_DELEGATE, area=None),
        [],
        D(2025, 8, 1),
        RuleSettings(),
        [
            ("training", "basic", Status.DUE_SOON, D(2026, 1, 15)),
            ("training", "chief_supplement", Status.DUE_SOON, D(2026, 1, 15)),
        ],
    ),
    # Top leader: own requirement, no legal date (the undertaking's own target).
    (
        "top leader with a basic course only",
        vo(D(2025, 1, 15), Role.TOP_LEADER, area=None),
        [course(completed=D(2025, 2, 1), hours=40)],
        D(2025, 7, 16),
        RuleSettings(),
        [("training", "top_leader", Status.MISSING, D(2026, 1, 15))],
    ),
    (
        "top leader, own target 60 days ahead",
        vo(D(2025, 1, 15), Role.TOP_LEADER, area=None),
        [],
        D(2025, 11, 16),
        RuleSettings(),
        [("training", "top_leader", Status.DUE_SOON, D(2026, 1, 15))],
    ),
    (
        "top leader, own target passed",
        vo(D(2025, 1, 15), Role.TOP_LEADER, area=None),
        [],
        D(2026, 1, 16),
        RuleSettings(),
        [("training", "top_leader", Status.OVERDUE, D(2026, 1, 15))],
    ),
    (
        "top leader, a shorter own target",
        vo(D(2025, 1, 15), Role.TOP_LEADER, area=None),
        [],
        D(2025, 4, 16),
        RuleSettings(top_leader_target_months=3),
        [("training", "top_leader", Status.OVERDUE, D(2025, 4, 15))],
    ),
    (
        "top leader trained",
        vo(D(2025, 1, 15), Role.TOP_LEADER, area=None),
        [course(CourseKind.TOP_LEADER, completed=D(2025, 2, 1), hours=4)],
        D(2029, 1, 1),
        RuleSettings(),
        [("training", "top_leader", Status.OK, None)],
    ),
    # Area flags add supplements; «especially complex» is only recommended.
    (
        "VO in a chemical area",
        vo(D(2025, 1, 15), flags={"chemical_biological"}),
        [course(completed=D(2025, 3, 1), hours=40)],
        D(2025, 4, 1),
        NO_REFRESHER,
        [
            ("training", "basic", Status.OK, None),
            ("training", "chemical_biological", Status.MISSING, D(2025, 7, 15)),
        ],
    ),
    (
        "AMU member in an undertaking with chemical areas",
        vo(D(2025, 1, 15), Role.AMU_EMPLOYEE, area=None, flags={"chemical_biological"}),
        [course(completed=D(2025, 3, 1), hours=40)],
        D(2026, 1, 16),
        NO_REFRESHER,
        [
            ("training", "basic", Status.OK, None),
            ("training", "chemical_biological", Status.OVERDUE, D(2026, 1, 15)),
        ],
    ),
    (
        "deputy in a complex area: reminded, never missing",
        vo(D(2025, 1, 31), Role.DEPUTY_DELEGATE, flags={"complex_conditions"}),
        [course(start=D(2025, 3, 1))],
        D(2026, 8, 1),
        RuleSettings(),
        [
            ("training", "basic", Status.MISSING, None),
            ("training", "complex_conditions", Status.INFO, None),
        ],
    ),
    (
        "AMU chair needs basic",
        vo(D(2025, 1, 1), Role.AMU_CHAIR, area=None),
        [],
        D(2025, 11, 2),
        RuleSettings(),
        [("training", "basic", Status.DUE_SOON, D(2026, 1, 1))],
    ),
    # Persons and periods.
    (
        "another person's course is ignored",
        vo(D(2025, 1, 15)),
        [course(completed=D(2025, 3, 1), hours=40, person="Ola Nordmann")],
        D(2025, 4, 1),
        RuleSettings(),
        [("training", "basic", Status.MISSING, D(2025, 7, 15))],
    ),
    (
        "holding that ended yields nothing",
        vo(D(2023, 1, 15), end=D(2024, 1, 14)),
        [],
        D(2025, 4, 1),
        RuleSettings(),
        [],
    ),
    (
        "holding ending today still counts",
        vo(D(2023, 1, 15), end=D(2025, 4, 1)),
        [],
        D(2025, 4, 1),
        RuleSettings(),
        [("training", "basic", Status.OVERDUE, D(2024, 1, 15))],
    ),
    (
        "leader has no training items",
        vo(D(2025, 1, 15), Role.LEADER),
        [],
        D(2026, 4, 1),
        RuleSettings(),
        [],
    ),
]


@pytest.mark.parametrize(
    ("holding", "courses", "today", "settings", "expected"),
    [s[1:] for s in SCENARIOS],
    ids=[s[0] for s in SCENARIOS],
)
def test_training_items(
    holding: RoleHolding,
    courses: list[CourseRecord],
    today: date,
    settings: RuleSettings,
    expected: list[Row],
) -> None:
    items = training_items(holding, courses, today, settings)
    assert rows(items) == expected
    for item in items:
        assert item.person == holding.person
        assert item.role == holding.role
        assert item.area == holding.area
        assert item.title


@pytest.mark.parametrize(
    ("courses", "today", "title"),
    [
        (
            [],
            D(2025, 3, 1),
            "Grunnopplæring i HMS (40 timer): ikke påbegynt; bør påbegynnes innen 15.07.2025, "
            "senest 15.01.2026 (anbefaling i hovedavtalene)",
        ),
        (
            [],
            D(2026, 1, 16),
            "Grunnopplæring i HMS (40 timer): ikke påbegynt; skulle etter hovedavtalene vært "
            "påbegynt senest 15.01.2026",
        ),
        (
            [course(start=D(2025, 2, 1))],
            D(2025, 3, 1),
            "Grunnopplæring i HMS (40 timer): påbegynt, ikke fullført",
        ),
        (
            [course(completed=D(2025, 3, 1), hours=30)],
            D(2025, 4, 1),
            "Grunnopplæring i HMS (40 timer): kurset har under 40 timer, og det er ikke "
            "registrert at partene har avtalt kortere opplæring (OLM § 3-19)",
        ),
        (
            [course(completed=D(2025, 3, 1), hours=40)],
            D(2025, 4, 1),
            "Grunnopplæring i HMS (40 timer): fullført 01.03.2025",
        ),
        (
            [course(completed=D(2025, 3, 1))],
            D(2025, 4, 1),
            "Grunnopplæring i HMS (40 timer): fullført 01.03.2025; timer ikke registrert",
        ),
    ],
)
def test_training_titles(courses: list[CourseRecord], today: date, title: str) -> None:
    items = training_items(vo(D(2025, 1, 15)), courses, today, RuleSettings())
    assert items[0].title == title
    assert "må være fullført innen" not in items[0].title


def test_titles_for_the_top_leader_and_the_recommended_supplement() -> None:
    (top,) = training_items(vo(D(2025, 1, 15), Role.TOP_LEADER, None), [], D(2025, 3, 1))
    assert top.title == (
        "HMS-opplæring for øverste leder (aml. § 3-5): ikke registrert; virksomhetens eget "
        "mål: fullført innen 15.01.2026 (aml. § 3-5 setter ingen frist)"
    )
    holding = vo(D(2025, 1, 15), flags={"complex_conditions"})
    _basic, complex_ = training_items(holding, [], D(2025, 3, 1))
    assert complex_.title == (
        "Tilleggsopplæring: særlig komplekse forhold (anbefalt): ikke registrert; anbefalt "
        "der det er særlig komplekse forhold (OLM § 3-18 sier «bør»), ikke et lovkrav"
    )


def test_refresher_title_names_interval_and_last_course() -> None:
    items = training_items(
        vo(D(2025, 1, 15)), [course(completed=D(2025, 3, 1), hours=40)], D(2025, 4, 1)
    )
    assert items[1].title == "Oppfriskningskurs i HMS (anbefalt hvert 3. år, sist 01.03.2025)"


def test_default_settings_are_used() -> None:
    assert rows(training_items(vo(D(2025, 1, 15)), [], D(2025, 3, 1))) == [
        ("training", "basic", Status.MISSING, D(2025, 7, 15))
    ]


@pytest.mark.parametrize("kind", list(CourseKind))
def test_course_kind_labels(kind: CourseKind) -> None:
    assert kind.label
    assert kind.hours_rule_applies is (kind is B)


@pytest.mark.parametrize(
    ("fmt", "label"),
    [
        (CourseFormat.CLASSROOM, "Klasserom"),
        (CourseFormat.DIGITAL, "Digitalt (direkte)"),
        (CourseFormat.MIXED, "Kombinert"),
        (CourseFormat.ELEARNING, "E-læring"),
    ],
)
def test_course_format_labels(fmt: CourseFormat, label: str) -> None:
    assert fmt.label == label

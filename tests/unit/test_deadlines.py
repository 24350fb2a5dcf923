"""Table tests for statuses, date arithmetic, terms and legal thresholds."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from vernelogg.domain.deadlines import (
    DEADLINE_KINDS,
    DeadlineItem,
    RoleHolding,
    RuleSettings,
    Status,
    add_months,
    add_years,
    classify,
    legal_requirement_items,
    term_end,
    term_items,
)
from vernelogg.domain.roles import ELECTED_TERM_ROLES, Role

D = date

# --- classify -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "today", "window", "expected"),
    [
        (D(2025, 3, 2), D(2024, 12, 31), 60, Status.OK),  # 61 days left
        (D(2025, 3, 1), D(2024, 12, 31), 60, Status.DUE_SOON),  # exactly 60 days
        (D(2025, 3, 1), D(2025, 3, 1), 60, Status.DUE_SOON),  # due today
        (D(2025, 3, 1), D(2025, 3, 2), 60, Status.OVERDUE),  # one day late
        (D(2025, 3, 1), D(2025, 3, 1), 0, Status.DUE_SOON),
        (D(2025, 3, 2), D(2025, 3, 1), 0, Status.OK),
        (D(2024, 2, 29), D(2023, 12, 31), 60, Status.DUE_SOON),  # leap year: 60 days
        (D(2024, 2, 29), D(2023, 12, 30), 60, Status.OK),
    ],
)
def test_classify(due: date, today: date, window: int, expected: Status) -> None:
    assert classify(due, today, window) is expected


# --- date arithmetic --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 6, D(2024, 8, 29)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 1, 31), 12, D(2026, 1, 31)),
        (D(2025, 3, 31), 6, D(2025, 9, 30)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (D(2024, 2, 29), 2, D(2026, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2024, 2, 29), 3, D(2027, 2, 28)),
        (D(2025, 1, 31), 2, D(2027, 1, 31)),
    ],
)
def test_add_years(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


# --- settings, statuses, items ----------------------------------------------------------


def test_rule_settings_defaults() -> None:
    s = RuleSettings()
    assert (s.start_within_months, s.complete_within_months) == (6, 12)
    assert (s.refresher_years, s.term_years) == (3, 2)
    assert (s.election_reminder_days, s.due_soon_days) == (60, 60)
    assert s.min_course_hours == 40
    assert (s.vo_threshold_employees, s.amu_threshold_employees) == (5, 30)
    with pytest.raises(FrozenInstanceError):
        s.term_years = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs", [{"refresher_years": 0}, {"due_soon_days": -1}, {"term_years": -2}]
)
def test_rule_settings_rejects_bad_values(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        RuleSettings(**kwargs)


@pytest.mark.parametrize(
    ("status", "label", "severity"),
    [
        (Status.OK, "OK", 0),
        (Status.MISSING, "Mangler", 1),
        (Status.DUE_SOON, "Snart frist", 2),
        (Status.OVERDUE, "Forfalt", 3),
    ],
)
def test_status_labels(status: Status, label: str, severity: int) -> None:
    assert status.label == label
    assert status.severity == severity


def test_deadline_item_kinds() -> None:
    assert {
        "training",
        "refresher",
        "term_end",
        "election",
        "planned_activity",
        "legal_requirement",
        "review",
    } == DEADLINE_KINDS
    item = DeadlineItem("review", None, None, None, "Årlig gjennomgang", D(2025, 12, 1), Status.OK)
    assert item.ref is None
    with pytest.raises(ValueError):
        DeadlineItem("nonsense", None, None, None, "x", None, Status.OK)


# --- terms ------------------------------------------------------------------------------

Row = tuple[str, Status, date]


def holding(start: date, role: Role = Role.SAFETY_DELEGATE, end: date | None = None) -> RoleHolding:
    return RoleHolding("Kari Nordmann", role, "Verksted", start, end, frozenset())


TERM_SCENARIOS: list[tuple[str, RoleHolding, date, RuleSettings, list[Row]]] = [
    (
        "early in the term",
        holding(D(2024, 3, 1)),
        D(2024, 6, 1),
        RuleSettings(),
        [("term_end", Status.OK, D(2026, 3, 1)), ("election", Status.OK, D(2025, 12, 31))],
    ),
    (
        "61 days before term end, election due tomorrow",
        holding(D(2024, 3, 1)),
        D(2025, 12, 30),
        RuleSettings(),
        [
            ("term_end", Status.OK, D(2026, 3, 1)),
            ("election", Status.DUE_SOON, D(2025, 12, 31)),
        ],
    ),
    (
        "exactly 60 days before term end",
        holding(D(2024, 3, 1)),
        D(2025, 12, 31),
        RuleSettings(),
        [
            ("term_end", Status.DUE_SOON, D(2026, 3, 1)),
            ("election", Status.DUE_SOON, D(2025, 12, 31)),
        ],
    ),
    (
        "election reminder date passed",
        holding(D(2024, 3, 1)),
        D(2026, 1, 1),
        RuleSettings(),
        [
            ("term_end", Status.DUE_SOON, D(2026, 3, 1)),
            ("election", Status.OVERDUE, D(2025, 12, 31)),
        ],
    ),
    (
        "term end day, still held",
        holding(D(2024, 3, 1)),
        D(2026, 3, 1),
        RuleSettings(),
        [
            ("term_end", Status.DUE_SOON, D(2026, 3, 1)),
            ("election", Status.OVERDUE, D(2025, 12, 31)),
        ],
    ),
    (
        "term expired, role still held",
        holding(D(2024, 3, 1)),
        D(2026, 3, 2),
        RuleSettings(),
        [
            ("term_end", Status.OVERDUE, D(2026, 3, 1)),
            ("election", Status.OVERDUE, D(2025, 12, 31)),
        ],
    ),
    (
        "29 Feb 2024 start ends 28 Feb 2026",
        holding(D(2024, 2, 29)),
        D(2025, 12, 30),
        RuleSettings(),
        [
            ("term_end", Status.DUE_SOON, D(2026, 2, 28)),
            ("election", Status.DUE_SOON, D(2025, 12, 30)),
        ],
    ),
    (
        "31 Aug start, election reminder across month ends",
        holding(D(2023, 8, 31), Role.CHIEF_DELEGATE),
        D(2025, 5, 3),
        RuleSettings(),
        [("term_end", Status.OK, D(2025, 8, 31)), ("election", Status.DUE_SOON, D(2025, 7, 2))],
    ),
    (
        "deputy completing a vacated term uses the recorded end",
        holding(D(2025, 1, 10), Role.DEPUTY_DELEGATE, end=D(2025, 6, 30)),
        D(2025, 5, 2),
        RuleSettings(),
        [
            ("term_end", Status.DUE_SOON, D(2025, 6, 30)),
            ("election", Status.OVERDUE, D(2025, 5, 1)),
        ],
    ),
    (
        "custom reminder of 90 days",
        holding(D(2024, 3, 1), Role.DEPUTY_CHIEF_DELEGATE),
        D(2025, 12, 2),
        RuleSettings(election_reminder_days=90),
        [
            ("term_end", Status.DUE_SOON, D(2026, 3, 1)),
            ("election", Status.OVERDUE, D(2025, 12, 1)),
        ],
    ),
    (
        "three-year term setting",
        holding(D(2024, 3, 1)),
        D(2026, 6, 1),
        RuleSettings(term_years=3),
        [("term_end", Status.OK, D(2027, 3, 1)), ("election", Status.OK, D(2026, 12, 31))],
    ),
    (
        "ended holding yields nothing",
        holding(D(2022, 1, 1), end=D(2023, 12, 31)),
        D(2024, 1, 1),
        RuleSettings(),
        [],
    ),
    (
        "AMU member has no term items",
        holding(D(2024, 3, 1), Role.AMU_EMPLOYEE),
        D(2026, 6, 1),
        RuleSettings(),
        [],
    ),
    (
        "leader has no term items",
        holding(D(2020, 3, 1), Role.LEADER),
        D(2026, 6, 1),
        RuleSettings(),
        [],
    ),
]


@pytest.mark.parametrize(
    ("holding_", "today", "settings", "expected"),
    [s[1:] for s in TERM_SCENARIOS],
    ids=[s[0] for s in TERM_SCENARIOS],
)
def test_term_items(
    holding_: RoleHolding, today: date, settings: RuleSettings, expected: list[Row]
) -> None:
    items = term_items(holding_, today, settings)
    assert [(i.kind, i.status, i.due) for i in items] == expected
    for item in items:
        assert item.person == holding_.person
        assert item.role is holding_.role
        assert item.area == holding_.area


def test_term_titles() -> None:
    before = term_items(holding(D(2024, 3, 1)), D(2025, 12, 31))
    assert before[0].title == "Funksjonstiden som verneombud går ut 01.03.2026"
    assert before[1].title.startswith("Valg av verneombud for ny periode fra 01.03.2026")
    assert "OLM § 3-4" in before[1].title
    after = term_items(holding(D(2024, 3, 1)), D(2026, 3, 2))
    assert after[0].title == "Funksjonstiden som verneombud gikk ut 01.03.2026"


@pytest.mark.parametrize("role", sorted(ELECTED_TERM_ROLES))
def test_term_end_for_elected_roles(role: Role) -> None:
    assert term_end(holding(D(2024, 2, 29), role)) == D(2026, 2, 28)


# --- legal thresholds -------------------------------------------------------------------

LegalRow = tuple[Role | None, str | None]

LEGAL_SCENARIOS: list[tuple[str, int, int, list[str], bool, bool, list[LegalRow]]] = [
    (
        "4 employees, area without VO, no agreement: a VO is still the rule",
        4,
        1,
        ["Lager"],
        False,
        False,
        [(Role.SAFETY_DELEGATE, None)],
    ),
    (
        "5 employees, area without VO",
        5,
        1,
        ["Lager"],
        False,
        False,
        [(Role.SAFETY_DELEGATE, "Lager")],
    ),
    ("5 employees, no areas at all", 5, 0, [], False, False, [(Role.SAFETY_DELEGATE, None)]),
    ("4 employees, no areas at all", 4, 0, [], False, False, [(Role.SAFETY_DELEGATE, None)]),
    ("5 employees, VO in place", 5, 1, [], False, False, []),
    ("2 areas, no HVO", 12, 2, [], False, False, [(Role.CHIEF_DELEGATE, None)]),
    ("2 areas with HVO", 12, 2, [], True, False, []),
    ("1 area, no HVO needed", 12, 1, [], False, False, []),
    (
        "3 areas, one without VO, no HVO",
        20,
        3,
        ["Kantine"],
        False,
        False,
        [(Role.SAFETY_DELEGATE, "Kantine"), (Role.CHIEF_DELEGATE, None)],
    ),
    ("29 employees, no AMU: not required", 29, 1, [], False, False, []),
    ("30 employees, no AMU", 30, 1, [], False, False, [(None, None)]),
    ("30 employees with AMU", 30, 1, [], False, True, []),
    (
        "everything missing",
        45,
        2,
        ["Lager", "Verksted"],
        False,
        False,
        [
            (Role.SAFETY_DELEGATE, "Lager"),
            (Role.SAFETY_DELEGATE, "Verksted"),
            (Role.CHIEF_DELEGATE, None),
            (None, None),
        ],
    ),
]


@pytest.mark.parametrize(
    ("employees", "vo_area_count", "areas_without_vo", "has_hvo", "has_amu", "expected"),
    [s[1:] for s in LEGAL_SCENARIOS],
    ids=[s[0] for s in LEGAL_SCENARIOS],
)
def test_legal_requirement_items(
    employees: int,
    vo_area_count: int,
    areas_without_vo: list[str],
    has_hvo: bool,
    has_amu: bool,
    expected: list[LegalRow],
) -> None:
    items = legal_requirement_items(
        employees, vo_area_count, areas_without_vo, has_hvo, has_amu, RuleSettings()
    )
    assert [(i.role, i.area) for i in items] == expected
    for item in items:
        assert item.kind == "legal_requirement"
        assert item.status is Status.MISSING
        assert item.due is None
        assert item.person is None


def test_legal_titles_cite_the_act() -> None:
    items = legal_requirement_items(30, 2, ["Lager"], False, False)
    titles = [i.title for i in items]
    assert titles[0] == "Verneområdet «Lager» mangler verneombud (aml. § 6-1)"
    assert "aml. § 6-1" in titles[1]
    assert "hovedverneombud" in titles[1]
    assert "aml. § 7-1" in titles[2]
    assert "arbeidsmiljøutvalg" in titles[2]


@pytest.mark.parametrize(
    ("employees", "expected_count"),
    [(9, 1), (10, 2)],  # under the VO threshold: a VO is still the rule (aml. § 6-1)
)
def test_legal_thresholds_follow_settings(employees: int, expected_count: int) -> None:
    settings = RuleSettings(vo_threshold_employees=10, amu_threshold_employees=10)
    items = legal_requirement_items(employees, 1, ["Lager"], False, False, settings)
    assert len(items) == expected_count


# aml. § 6-1 (under 5: another arrangement by written agreement) and § 7-1 (AMU from
# 10 employees when either side demands it, from 30 always).
DEMAND = D(2026, 3, 2)
AGREED = D(2025, 9, 1)


@pytest.mark.parametrize(
    ("employees", "demanded", "agreement", "has_delegate", "has_amu", "expected"),
    [
        (0, None, None, False, False, []),  # nobody employed yet: nothing to say
        (1, None, None, False, False, ["vo_rule"]),
        (4, None, None, False, False, ["vo_rule"]),
        (4, None, AGREED, False, False, []),  # the parties agreed on another arrangement
        (4, None, None, True, False, []),  # a VO is chosen
        (4, DEMAND, None, True, False, []),  # a demand under 10 does not require an AMU
        (9, DEMAND, None, True, False, []),
        (10, None, None, True, False, []),
        (10, DEMAND, None, True, False, ["amu_demanded"]),
        (29, DEMAND, None, True, False, ["amu_demanded"]),
        (29, DEMAND, None, True, True, []),
        (30, DEMAND, None, True, False, ["amu_30"]),  # required anyway: said once
        (30, None, None, True, False, ["amu_30"]),
    ],
)
def test_vo_agreement_under_five_and_amu_on_demand(
    employees, demanded, agreement, has_delegate, has_amu, expected
):
    items = legal_requirement_items(
        employees,
        1,
        [],
        False,
        has_amu,
        RuleSettings(),
        amu_demanded_on=demanded,
        vo_agreement_on=agreement,
        has_delegate=has_delegate,
    )
    titles = {
        "vo_rule": (
            f"Virksomheten har {employees} ansatte og ikke verneombud. Verneombud er "
            "hovedregelen; under 5 ansatte kan partene skriftlig avtale en annen ordning "
            "(aml. § 6-1). Registrer avtalen, eller velg verneombud."
        ),
        "amu_demanded": (
            f"Arbeidsmiljøutvalg ble krevd 02.03.2026, og virksomheten har {employees} "
            "ansatte, men ikke arbeidsmiljøutvalg (aml. § 7-1: krav fra 10 ansatte når en "
            "av partene krever det)"
        ),
        "amu_30": (
            f"Virksomheten har {employees} ansatte, men ikke arbeidsmiljøutvalg "
            "(aml. § 7-1: krav fra 30 ansatte)"
        ),
    }
    assert [i.title for i in items] == [titles[key] for key in expected]
    assert all(i.status is Status.MISSING for i in items)


@pytest.mark.parametrize(
    ("end", "warns"),
    [
        (None, False),
        (D(2027, 12, 31), False),  # a deputy completing a vacated term: shorter
        (D(2028, 1, 15), False),  # exactly two years
        (D(2028, 1, 16), True),  # a day longer
        (D(2029, 1, 15), True),
    ],
)
def test_a_term_longer_than_two_years_warns(end, warns):
    holding = RoleHolding("Kari", Role.SAFETY_DELEGATE, "Lager", D(2026, 1, 15), end)
    items = term_items(holding, D(2026, 11, 22), RuleSettings())
    long = [i for i in items if i.kind == "legal_requirement"]
    assert bool(long) is warns
    if warns:
        assert long[0].title == (
            f"Funksjonstiden som verneombud er satt til 15.01.2026–{end:%d.%m.%Y}, lenger "
            "enn 2 år (OLM § 3-4: verneombud velges for 2 år)"
        )
        assert long[0].status is Status.MISSING

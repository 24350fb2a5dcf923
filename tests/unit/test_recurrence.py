"""Table tests for recurrence rules (RFC 5545 RRULE subset) in the annual plan."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.recurrence import Recurrence, describe, occurrences

D = date

# --- text round trip --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (Recurrence("yearly"), "FREQ=YEARLY;INTERVAL=1"),
        (Recurrence("monthly", 3), "FREQ=MONTHLY;INTERVAL=3"),
        (Recurrence("weekly", 2, count=10), "FREQ=WEEKLY;INTERVAL=2;COUNT=10"),
        (
            Recurrence("monthly", 1, until=D(2026, 12, 31), bymonthday=(-1,)),
            "FREQ=MONTHLY;INTERVAL=1;UNTIL=20261231;BYMONTHDAY=-1",
        ),
        (
            Recurrence("yearly", 1, bymonth=(3, 9), bymonthday=(15,)),
            "FREQ=YEARLY;INTERVAL=1;BYMONTH=3,9;BYMONTHDAY=15",
        ),
    ],
)
def test_round_trip(rule: Recurrence, text: str) -> None:
    assert rule.to_rrule_string() == text
    assert Recurrence.from_rrule_string(text) == rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RRULE:FREQ=MONTHLY;INTERVAL=3", Recurrence("monthly", 3)),
        ("freq=yearly", Recurrence("yearly", 1)),
        ("INTERVAL=2;FREQ=WEEKLY;", Recurrence("weekly", 2)),
        (
            "FREQ=YEARLY;UNTIL=20301231T235959Z",
            Recurrence("yearly", 1, until=D(2030, 12, 31)),
        ),
        (" FREQ=MONTHLY ; BYMONTHDAY=1,15 ", Recurrence("monthly", 1, bymonthday=(1, 15))),
    ],
)
def test_parse_variants(text: str, expected: Recurrence) -> None:
    assert Recurrence.from_rrule_string(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "INTERVAL=2",
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=MONTHLY;INTERVAL=0",
        "FREQ=MONTHLY;INTERVAL=x",
        "FREQ=YEARLY;COUNT=3;UNTIL=20301231",
        "FREQ=YEARLY;BYMONTH=13",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=MONTHLY;FREQ=YEARLY",
        "FREQ=YEARLY;UNTIL=2030",
        "FREQ",
    ],
)
def test_rejects_invalid_rules(text: str) -> None:
    with pytest.raises(ValueError):
        Recurrence.from_rrule_string(text)


def test_constructor_validates() -> None:
    with pytest.raises(ValueError):
        Recurrence("daily")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Recurrence("monthly", count=0)
    with pytest.raises(ValueError):
        Recurrence("monthly", bymonth=())


# --- occurrences ------------------------------------------------------------------------

OCCURRENCE_SCENARIOS: list[tuple[str, str, date, date, date, list[date]]] = [
    (
        "monthly from 31 Jan clamps to month end (leap year)",
        "FREQ=MONTHLY;INTERVAL=1",
        D(2024, 1, 31),
        D(2024, 1, 1),
        D(2024, 5, 31),
        [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31)],
    ),
    (
        "monthly from 31 Jan clamps to 28 Feb in a common year",
        "FREQ=MONTHLY",
        D(2025, 1, 31),
        D(2025, 2, 1),
        D(2025, 3, 31),
        [D(2025, 2, 28), D(2025, 3, 31)],
    ),
    (
        "monthly from 30 Jan keeps the 30th after February",
        "FREQ=MONTHLY",
        D(2025, 1, 30),
        D(2025, 1, 1),
        D(2025, 4, 30),
        [D(2025, 1, 30), D(2025, 2, 28), D(2025, 3, 30), D(2025, 4, 30)],
    ),
    (
        "quarterly from 31 Aug",
        "FREQ=MONTHLY;INTERVAL=3",
        D(2024, 8, 31),
        D(2024, 1, 1),
        D(2025, 9, 30),
        [D(2024, 8, 31), D(2024, 11, 30), D(2025, 2, 28), D(2025, 5, 31), D(2025, 8, 31)],
    ),
    (
        "yearly from 29 Feb falls on 28 Feb in common years",
        "FREQ=YEARLY",
        D(2024, 2, 29),
        D(2024, 1, 1),
        D(2028, 12, 31),
        [D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)],
    ),
    (
        "every two years from 29 Feb (elections)",
        "FREQ=YEARLY;INTERVAL=2",
        D(2024, 2, 29),
        D(2024, 1, 1),
        D(2030, 12, 31),
        [D(2024, 2, 29), D(2026, 2, 28), D(2028, 2, 29), D(2030, 2, 28)],
    ),
    (
        "explicit BYMONTHDAY=31 skips short months (RFC 5545)",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        D(2024, 1, 31),
        D(2024, 1, 1),
        D(2024, 6, 30),
        [D(2024, 1, 31), D(2024, 3, 31), D(2024, 5, 31)],
    ),
    (
        "BYMONTHDAY=-1 is the last day of every month",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        D(2025, 1, 1),
        D(2025, 1, 1),
        D(2025, 4, 30),
        [D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30)],
    ),
    (
        "mid-month start is unaffected",
        "FREQ=MONTHLY;INTERVAL=2",
        D(2025, 1, 15),
        D(2025, 1, 1),
        D(2025, 7, 31),
        [D(2025, 1, 15), D(2025, 3, 15), D(2025, 5, 15), D(2025, 7, 15)],
    ),
    (
        "window excludes dates before it; bounds are inclusive",
        "FREQ=MONTHLY;INTERVAL=3",
        D(2025, 1, 10),
        D(2025, 4, 10),
        D(2025, 10, 10),
        [D(2025, 4, 10), D(2025, 7, 10), D(2025, 10, 10)],
    ),
    (
        "nothing before dtstart",
        "FREQ=YEARLY",
        D(2026, 6, 1),
        D(2025, 1, 1),
        D(2025, 12, 31),
        [],
    ),
    (
        "COUNT counts from dtstart, not from the window",
        "FREQ=MONTHLY;COUNT=3",
        D(2025, 1, 31),
        D(2025, 3, 1),
        D(2025, 12, 31),
        [D(2025, 3, 31)],
    ),
    (
        "UNTIL is inclusive",
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=20250127",
        D(2024, 12, 30),
        D(2024, 12, 1),
        D(2025, 12, 31),
        [D(2024, 12, 30), D(2025, 1, 13), D(2025, 1, 27)],
    ),
    (
        "weekly across the new year",
        "FREQ=WEEKLY",
        D(2025, 12, 24),
        D(2025, 12, 24),
        D(2026, 1, 14),
        [D(2025, 12, 24), D(2025, 12, 31), D(2026, 1, 7), D(2026, 1, 14)],
    ),
    (
        "yearly in March and September on the 1st",
        "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1",
        D(2025, 1, 1),
        D(2025, 1, 1),
        D(2026, 6, 30),
        [D(2025, 3, 1), D(2025, 9, 1), D(2026, 3, 1)],
    ),
    (
        "yearly from 31 Aug",
        "FREQ=YEARLY",
        D(2023, 8, 31),
        D(2023, 1, 1),
        D(2025, 12, 31),
        [D(2023, 8, 31), D(2024, 8, 31), D(2025, 8, 31)],
    ),
    (
        "empty window",
        "FREQ=MONTHLY",
        D(2025, 1, 1),
        D(2025, 6, 1),
        D(2025, 5, 1),
        [],
    ),
]


@pytest.mark.parametrize(
    ("rule_text", "dtstart", "between_start", "between_end", "expected"),
    [s[1:] for s in OCCURRENCE_SCENARIOS],
    ids=[s[0] for s in OCCURRENCE_SCENARIOS],
)
def test_occurrences(
    rule_text: str,
    dtstart: date,
    between_start: date,
    between_end: date,
    expected: list[date],
) -> None:
    result = occurrences(rule_text, dtstart, between_start, between_end)
    assert result == expected
    assert all(type(d) is date for d in result)


# --- Norwegian descriptions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FREQ=YEARLY", "Hvert år"),
        ("FREQ=YEARLY;INTERVAL=2", "Annethvert år"),
        ("FREQ=YEARLY;INTERVAL=3", "Hvert 3. år"),
        ("FREQ=MONTHLY", "Hver måned"),
        ("FREQ=MONTHLY;INTERVAL=2", "Annenhver måned"),
        ("FREQ=MONTHLY;INTERVAL=3", "Hvert kvartal"),
        ("FREQ=MONTHLY;INTERVAL=4", "Hver 4. måned"),
        ("FREQ=MONTHLY;INTERVAL=6", "Hvert halvår"),
        ("FREQ=MONTHLY;INTERVAL=12", "Hvert år"),
        ("FREQ=WEEKLY", "Hver uke"),
        ("FREQ=WEEKLY;INTERVAL=2", "Annenhver uke"),
        ("FREQ=WEEKLY;INTERVAL=3", "Hver 3. uke"),
        ("FREQ=YEARLY;BYMONTH=3", "Hvert år i mars"),
        ("FREQ=YEARLY;BYMONTH=1,6,9", "Hvert år i januar, juni og september"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "Hver måned den 15."),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "Hver måned på siste dag"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,-2", "Hver måned den 1. og nest siste dag"),
        ("FREQ=MONTHLY;INTERVAL=3;COUNT=4", "Hvert kvartal, 4 ganger"),
        ("FREQ=YEARLY;COUNT=1", "Hvert år, 1 gang"),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-3", "Hvert år i desember på 3. siste dag"),
        ("FREQ=YEARLY;UNTIL=20301231", "Hvert år, til og med 31.12.2030"),
    ],
)
def test_describe(text: str, expected: str) -> None:
    assert describe(text) == expected
    assert Recurrence.from_rrule_string(text).describe() == expected

"""Table tests for the annual plan: presets and the period each planned date covers."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.annual_plan import (
    ONE_OFF_TOLERANCE_DAYS,
    PRESETS,
    ActivityKind,
    PlannedDate,
    describe_rule,
    planned_dates,
    preset_for_rule,
    rule_until,
    with_until,
)

D = date


@pytest.mark.parametrize(
    ("rule", "expected_key"),
    [
        ("FREQ=MONTHLY;INTERVAL=3", "quarterly"),
        ("FREQ=MONTHLY;INTERVAL=6", "half_yearly"),
        ("FREQ=YEARLY", "yearly"),
        ("FREQ=YEARLY;INTERVAL=2", "biennial"),
        ("FREQ=MONTHLY", "monthly"),
        ("FREQ=MONTHLY;INTERVAL=3;UNTIL=20271231", "quarterly"),  # the end is not the preset
        (None, "once"),
    ],
)
def test_preset_for_rule(rule: str | None, expected_key: str) -> None:
    preset = preset_for_rule(rule)
    assert preset is not None and preset.key == expected_key


def test_custom_rule_has_no_preset() -> None:
    assert preset_for_rule("FREQ=WEEKLY;INTERVAL=2") is None
    assert preset_for_rule("FREQ=YEARLY;BYMONTH=3") is None


def test_presets_are_the_friendly_choices() -> None:
    assert [p.label for p in PRESETS] == [
        "Hvert kvartal",
        "Hvert halvår",
        "Hvert år",
        "Annethvert år",
        "Månedlig",
        "Én gang (fast dato)",
    ]


def test_until_is_added_and_removed() -> None:
    text = with_until("FREQ=MONTHLY;INTERVAL=3", D(2027, 6, 30))
    assert text == "FREQ=MONTHLY;INTERVAL=3;UNTIL=20270630"
    assert rule_until(text) == D(2027, 6, 30)
    assert with_until(text, None) == "FREQ=MONTHLY;INTERVAL=3"
    assert rule_until(None) is None


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        ("FREQ=MONTHLY;INTERVAL=3", D(2025, 1, 15), "Hvert kvartal fra 15.01.2025"),
        (None, D(2026, 6, 4), "Én gang, 04.06.2026"),
        ("FREQ=YEARLY;INTERVAL=2", D(2024, 10, 1), "Annethvert år fra 01.10.2024"),
    ],
)
def test_describe_rule(rule: str | None, start: date, expected: str) -> None:
    assert describe_rule(rule, start) == expected


def test_activity_kind_labels() -> None:
    assert [k.label for k in ActivityKind] == [
        "Vernerunde",
        "AMU-møte",
        "Valg av verneombud",
        "AMUs årsrapport",
        "Medarbeiderundersøkelse",
        "Annet",
    ]


PERIOD_SCENARIOS: list[tuple[str, str | None, date, date, date, list[PlannedDate]]] = [
    (
        "quarterly: halfway to the neighbours",
        "FREQ=MONTHLY;INTERVAL=3",
        D(2025, 12, 15),
        D(2026, 3, 1),
        D(2026, 3, 31),
        # 15.12 → 15.03 is 90 days (boundary 29.01); 15.03 → 15.06 is 92 days (boundary 30.04)
        [PlannedDate(D(2026, 3, 15), D(2026, 1, 29), D(2026, 4, 29))],
    ),
    (
        "first date of a series borrows the next half-interval",
        "FREQ=MONTHLY;INTERVAL=3",
        D(2026, 3, 15),
        D(2026, 1, 1),
        D(2026, 3, 31),
        # 92 days to 15.06: 46 days either side
        [PlannedDate(D(2026, 3, 15), D(2026, 1, 28), D(2026, 4, 29))],
    ),
    (
        "last date of a series (UNTIL) borrows the previous half-interval",
        "FREQ=MONTHLY;INTERVAL=3;UNTIL=20260615",
        D(2025, 12, 15),
        D(2026, 6, 1),
        D(2026, 12, 31),
        [PlannedDate(D(2026, 6, 15), D(2026, 4, 30), D(2026, 7, 30))],
    ),
    (
        "one-off date: tolerance either side",
        None,
        D(2026, 6, 4),
        D(2026, 1, 1),
        D(2026, 12, 31),
        [PlannedDate(D(2026, 6, 4), D(2026, 4, 20), D(2026, 7, 19))],
    ),
    (
        "one-off date outside the range",
        None,
        D(2027, 6, 4),
        D(2026, 1, 1),
        D(2026, 12, 31),
        [],
    ),
    (
        "yearly from 29 February: 28 February in a common year",
        "FREQ=YEARLY",
        D(2024, 2, 29),
        D(2025, 1, 1),
        D(2025, 12, 31),
        [PlannedDate(D(2025, 2, 28), D(2024, 8, 29), D(2025, 8, 28))],
    ),
    (
        "biennial: neighbours two years away",
        "FREQ=YEARLY;INTERVAL=2",
        D(2024, 11, 1),
        D(2026, 1, 1),
        D(2026, 12, 31),
        [PlannedDate(D(2026, 11, 1), D(2025, 11, 1), D(2027, 10, 31))],
    ),
    (
        "monthly from 31 January, periods around the clamped month ends",
        "FREQ=MONTHLY",
        D(2026, 1, 31),
        D(2026, 2, 1),
        D(2026, 3, 31),
        [
            # 28 days back to 31.01, 31 days on to 31.03 (boundary 28.02 + 15 = 15.03)
            PlannedDate(D(2026, 2, 28), D(2026, 2, 14), D(2026, 3, 14)),
            PlannedDate(D(2026, 3, 31), D(2026, 3, 15), D(2026, 4, 14)),
        ],
    ),
]


@pytest.mark.parametrize(
    ("rule", "start", "first", "last", "expected"),
    [s[1:] for s in PERIOD_SCENARIOS],
    ids=[s[0] for s in PERIOD_SCENARIOS],
)
def test_planned_dates_and_periods(
    rule: str | None, start: date, first: date, last: date, expected: list[PlannedDate]
) -> None:
    assert planned_dates(rule, start, first, last) == expected


def test_periods_of_a_series_touch_without_overlap() -> None:
    dates = planned_dates("FREQ=MONTHLY;INTERVAL=3", D(2025, 1, 12), D(2025, 1, 1), D(2026, 12, 31))
    assert len(dates) == 8
    for before, after in zip(dates, dates[1:], strict=False):
        assert (after.period_start - before.period_end).days == 1
        assert before.period_start <= before.planned <= before.period_end


def test_one_off_tolerance_is_documented_value() -> None:
    (p,) = planned_dates(None, D(2026, 6, 4), D(2026, 6, 4), D(2026, 6, 4))
    assert (p.planned - p.period_start).days == ONE_OFF_TOLERANCE_DAYS
    assert (p.period_end - p.planned).days == ONE_OFF_TOLERANCE_DAYS


def test_empty_range() -> None:
    assert planned_dates("FREQ=MONTHLY", D(2026, 1, 1), D(2026, 5, 1), D(2026, 4, 1)) == []

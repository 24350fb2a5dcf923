"""AMU rules: the chair side alternates, the committee warnings, follow-up states, votes."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.amu import (
    Capacity,
    FollowUpState,
    Presence,
    Side,
    case_number_text,
    chair_rotation_problems,
    chair_side_for,
    committee_warnings,
    follow_up_state,
    votes_present,
)
from vernelogg.services.amu.meetings import normalise_time
from vernelogg.services.errors import Validator

E, A = Side.EMPLOYER, Side.EMPLOYEE


def test_case_numbers_read_like_minutes():
    assert case_number_text(12, 2026) == "Sak 12/2026"


@pytest.mark.parametrize(
    ("year", "stored", "term", "expected"),
    [
        (2026, {2026: E}, 1, E),
        (2027, {2026: E}, 1, A),
        (2028, {2026: E}, 1, E),
        (2025, {2026: E}, 1, A),
        (2024, {2026: E}, 1, E),
        # every second year: 2026 is the first year of the employer side's term
        (2027, {2026: E}, 2, E),
        (2028, {2026: E}, 2, A),
        (2029, {2026: E}, 2, A),
        (2030, {2026: E}, 2, E),
        # …and when 2025 was already the employer side's, 2026 ended the term
        (2027, {2025: E, 2026: E}, 2, A),
        # the latest stored year before wins over an earlier one
        (2027, {2020: A, 2026: A}, 1, E),
        (2026, {}, 1, None),
    ],
)
def test_chair_side_alternates_from_the_nearest_stored_year(year, stored, term, expected):
    assert chair_side_for(year, stored, term) is expected


def test_one_side_keeping_the_chair_too_long_is_named():
    assert chair_rotation_problems({2025: E, 2026: A}) == []
    (problem,) = chair_rotation_problems({2025: E, 2026: E})
    assert problem.startswith("Arbeidsgiversiden har ledervervet 2025–2026")
    assert chair_rotation_problems({2025: E, 2026: E}, term_years=2) == []
    assert len(chair_rotation_problems({2024: A, 2025: A, 2026: A}, term_years=2)) == 1
    # A gap in the years is not a run.
    assert chair_rotation_problems({2023: E, 2025: E}) == []


def _warnings(**changes):
    values = dict(
        members={E: 3, A: 3},
        deputies={E: 1, A: 1},
        seats_per_side=3,
        chair_name="Ola Hansen",
        chair_side=E,
        year_side=E,
        year=2026,
        secretary_name="Mona Pettersen",
        secretary_side=A,
        has_ohs=True,
    )
    values.update(changes)
    return [(w.level, w.text) for w in committee_warnings(**values)]


def test_a_complete_committee_has_no_warnings():
    assert _warnings() == []


def test_unequal_sides_and_empty_seats_are_warnings():
    found = _warnings(members={E: 3, A: 2})
    assert (
        "warning",
        "Sidene er ikke like store: 3 fra arbeidsgiversiden og 2 fra arbeidstakersiden. "
        "Partene skal ha like mange representanter (aml. § 7-1).",
    ) in found
    assert ("warning", "Arbeidstakersiden: 1 av 3 plasser står tomme.") in found


def test_missing_officers_deputies_and_chair_on_the_wrong_side():
    found = dict(
        (text, level)
        for level, text in _warnings(
            deputies={E: 0, A: 1},
            chair_side=A,
            secretary_name=None,
            has_ohs=False,
        )
    )
    assert found["Arbeidsgiversiden har ingen vara. Hvem møter ved forfall?"] == "notice"
    assert (
        found[
            "Leder Ola Hansen er fra arbeidstakersiden, men i 2026 har arbeidsgiversiden "
            "ledervervet."
        ]
        == "warning"
    )
    assert found["Utvalget har ingen sekretær."] == "warning"
    assert (
        found[
            "Ingen BHT-representant er registrert. Minst én representant fra "
            "bedriftshelsetjenesten skal være fast medlem av utvalget, uten stemmerett "
            "(forskrift om organisering, ledelse og medvirkning § 3-7)."
        ]
        == "warning"
    )


@pytest.mark.parametrize(
    ("outside", "expected"),
    [
        ((), []),
        (
            ("Kari Nilsen",),
            [
                (
                    "warning",
                    "Hovedverneombud Kari Nilsen er ikke medlem på arbeidstakersiden. "
                    "Hovedverneombudet skal være en av arbeidstakernes representanter i "
                    "utvalget og ha stemmerett "
                    "(forskrift om organisering, ledelse og medvirkning § 3-7).",
                )
            ],
        ),
    ],
)
def test_the_chief_delegate_sits_on_the_employee_side(outside, expected):
    assert _warnings(chief_delegates_outside=outside) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, []),
        (
            {"top_leaders_outside": ("Kari Nilsen",)},
            [
                "Øverste leder Kari Nilsen er ikke medlem på arbeidsgiversiden. Arbeidsgiveren "
                "eller den som leder virksomheten i arbeidsgiverens sted – i en omfattende "
                "virksomhet en representant fra den øverste ledelsen – skal alltid være medlem "
                "(forskrift om organisering, ledelse og medvirkning § 3-7)."
            ],
        ),
        (
            {"sole_delegate_outside": "Per Lie"},
            [
                "Virksomheten har bare ett verneombud, Per Lie, og det er ikke medlem på "
                "arbeidstakersiden. Er det bare ett verneombud, skal det være medlem av utvalget "
                "(forskrift om organisering, ledelse og medvirkning § 3-7)."
            ],
        ),
        (
            {"ohs_on_a_side": ("Eva Lund",)},
            [
                "Eva Lund er BHT-representant og har også plass for en av sidene. Personale i "
                "bedriftshelsetjenesten kan ikke velges som representanter for arbeidsgiveren "
                "eller arbeidstakerne (forskrift om organisering, ledelse og medvirkning § 3-7)."
            ],
        ),
    ],
)
def test_who_sits_in_the_committee_by_section_3_7(given, expected):
    assert _warnings(**given) == [("warning", text) for text in expected]


def test_empty_committee_says_so_once():
    assert _warnings(members={}, deputies={}) == [("warning", "Utvalget har ingen medlemmer ennå.")]


@pytest.mark.parametrize(
    ("status", "deadline", "done", "expected"),
    [
        (ActionStatus.DONE, date(2026, 3, 1), date(2026, 2, 20), FollowUpState.DONE),
        # done after the day asked about: it was not done then
        (ActionStatus.DONE, date(2026, 3, 1), date(2026, 4, 2), FollowUpState.OVERDUE),
        (ActionStatus.OPEN, date(2026, 3, 1), None, FollowUpState.OVERDUE),
        (ActionStatus.OPEN, date(2026, 5, 1), None, FollowUpState.OPEN),
        (ActionStatus.IN_PROGRESS, date(2026, 5, 1), None, FollowUpState.IN_PROGRESS),
        (ActionStatus.OPEN, None, None, FollowUpState.OPEN),
        (ActionStatus.CANCELLED, date(2026, 3, 1), None, FollowUpState.CANCELLED),
    ],
)
def test_follow_up_state_on_a_day(status, deadline, done, expected):
    assert follow_up_state(status, deadline, done, date(2026, 3, 15)) is expected


def test_a_deputy_votes_only_in_place_of_an_absent_member():
    rows = [
        (Capacity.EMPLOYER, Presence.PRESENT, False),
        (Capacity.EMPLOYER, Presence.ABSENT, False),
        (Capacity.DEPUTY_EMPLOYER, Presence.PRESENT, True),
        (Capacity.DEPUTY_EMPLOYER, Presence.PRESENT, False),
        (Capacity.EMPLOYEE, Presence.PRESENT, False),
        (Capacity.OHS, Presence.PRESENT, False),
        (Capacity.GUEST, Presence.PRESENT, False),
    ]
    assert votes_present(rows) == {E: 2, A: 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9", "09:00"), ("0930", "09:30"), ("9.15", "09:15"), ("14:00", "14:00"), ("", "")],
)
def test_times_are_written_as_hh_mm(text, expected):
    v = Validator()
    assert normalise_time(text, "t", v) == expected
    assert v.errors == {}


@pytest.mark.parametrize("text", ["25:00", "9:75", "kl ni"])
def test_bad_times_are_refused(text):
    v = Validator()
    normalise_time(text, "t", v)
    assert v.errors == {"t": "Skriv klokkeslett som tt:mm, for eksempel 09:00."}

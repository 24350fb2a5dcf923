"""The order of a stop's timeline, and outcomes that must agree with it."""

from __future__ import annotations

from datetime import datetime, timedelta

from vernelogg.domain.formatting import OSLO
from vernelogg.domain.stoppage import (
    EventKind,
    StoppageOutcome,
    TimelineEntry,
    number_text,
    outcome_problem,
    suggested_outcome,
    timeline_problem,
)

STOP = datetime(2026, 11, 20, 9, 15, tzinfo=OSLO)


def entry(kind: EventKind, minutes: int, key: str | None = None) -> TimelineEntry:
    return TimelineEntry(kind, STOP + timedelta(minutes=minutes), key or kind.value)


def test_a_true_timeline_has_no_problem():
    events = [
        entry(EventKind.EMPLOYER_INFORMED, 0),
        entry(EventKind.EMPLOYER_RESPONSE, 20),
        entry(EventKind.AUTHORITY_CONTACTED, 40),
        entry(EventKind.AUTHORITY_DECISION, 60 * 24),
        entry(EventKind.RESUMED, 60 * 30),
        entry(EventKind.NOTE, 60 * 31),
    ]
    assert timeline_problem(STOP, events) is None


def test_resumed_before_stopped_is_named_with_the_stop_time():
    problem = timeline_problem(STOP, [entry(EventKind.RESUMED, -5, "r")])
    assert problem is not None and problem.key == "r"
    assert problem.message == (
        "Arbeidet kan ikke være gjenopptatt før det ble stanset (20.11.2026 09:15)."
    )


def test_informed_before_stopped_is_refused():
    problem = timeline_problem(STOP, [entry(EventKind.EMPLOYER_INFORMED, -1)])
    assert problem.message.startswith("Arbeidsgiver kan ikke være varslet før arbeidet ble stanset")


def test_response_needs_the_employer_informed_first():
    alone = timeline_problem(STOP, [entry(EventKind.EMPLOYER_RESPONSE, 10)])
    assert "Registrer først når arbeidsgiver ble varslet" in alone.message
    early = timeline_problem(
        STOP, [entry(EventKind.EMPLOYER_INFORMED, 30), entry(EventKind.EMPLOYER_RESPONSE, 10)]
    )
    assert early.key == "employer_response"
    assert early.message == (
        "Arbeidsgivers svar kan ikke komme før arbeidsgiver ble varslet (20.11.2026 09:45)."
    )


def test_decision_needs_arbeidstilsynet_contacted_first():
    problem = timeline_problem(
        STOP,
        [entry(EventKind.AUTHORITY_DECISION, 50), entry(EventKind.AUTHORITY_CONTACTED, 60)],
    )
    assert "før Arbeidstilsynet ble kontaktet (20.11.2026 10:15)" in problem.message


def test_work_is_resumed_only_once():
    problem = timeline_problem(
        STOP, [entry(EventKind.RESUMED, 10, "a"), entry(EventKind.RESUMED, 90, "b")]
    )
    assert problem.key == "b"
    assert "allerede registrert som gjenopptatt (20.11.2026 09:25)" in problem.message


def test_outcome_must_agree_with_the_timeline():
    assert outcome_problem(StoppageOutcome.SOLVED_ON_SPOT, set()) is None
    assert "Arbeidstilsynets avgjørelse" in outcome_problem(
        StoppageOutcome.DECIDED_BY_AUTHORITY, {EventKind.AUTHORITY_CONTACTED}
    )
    assert "arbeidsgiver ble varslet" in outcome_problem(
        StoppageOutcome.SOLVED_WITH_EMPLOYER, set()
    )
    assert suggested_outcome({EventKind.EMPLOYER_RESPONSE}) is StoppageOutcome.SOLVED_WITH_EMPLOYER
    assert (
        suggested_outcome({EventKind.EMPLOYER_RESPONSE, EventKind.AUTHORITY_DECISION})
        is StoppageOutcome.DECIDED_BY_AUTHORITY
    )


def test_number_text():
    assert number_text(2026, 3) == "ST-2026-0003"

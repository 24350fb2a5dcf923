"""The order of a stop's timeline, and outcomes that must agree with it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from vernelogg.domain import stoppage as law
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


# --- what the app prints about § 6-3, word for word -----------------------------------


def test_the_legal_basis_says_the_stop_lasts_until_arbeidstilsynet_has_decided():
    assert law.LEGAL_BASIS == (
        "Verneombudet kan stanse arbeidet når verneombudet mener at det er umiddelbar fare "
        "for arbeidstakernes liv eller helse, og faren ikke straks kan avverges på annen måte.",
        "Arbeidet kan holdes stanset til Arbeidstilsynet har tatt stilling til om det kan "
        "fortsette. Arbeidsgiver kan ikke ta arbeidet opp igjen fordi arbeidsgiver selv mener "
        "at faren er borte; verneombudet kan selv oppheve stansen.",
        "Arbeidsgiver, eller den som representerer arbeidsgiver, skal varsles om stansingen "
        "med en gang.",
        "Verneombudet er ikke ansvarlig for tap som virksomheten eller andre får fordi "
        "arbeidet ble stanset.",
    )


def test_the_quick_dialog_and_the_notice_say_the_same():
    assert law.LEGAL_SHORT == (
        "Arbeidsmiljøloven § 6-3: mener verneombudet at det er umiddelbar fare for liv eller "
        "helse som ikke straks kan avverges på annen måte, kan verneombudet stanse arbeidet til "
        "Arbeidstilsynet har tatt stilling til om det kan fortsette. Varsle arbeidsgiver med en "
        "gang. Verneombudet kan selv oppheve stansen; arbeidsgiver kan ikke ta arbeidet opp "
        "igjen på egen hånd."
    )
    assert law.NOTICE_INTRO == (
        "Verneombudet har stanset arbeidet som er beskrevet nedenfor, fordi verneombudet mener "
        "det er umiddelbar fare for liv eller helse som ikke straks kan avverges på annen måte. "
        "Arbeidet står stanset til Arbeidstilsynet har tatt stilling til om det kan fortsette, "
        "eller til verneombudet opphever stansen. Arbeidsgiver kan ikke ta arbeidet opp igjen "
        "på egen hånd."
    )
    # The old wording let the employer decide that the danger was gone.
    for text in (*law.LEGAL_BASIS, law.LEGAL_SHORT, law.NOTICE_INTRO):
        assert "med mindre faren er fjernet" not in text
        assert "til faren er fjernet" not in text


@pytest.mark.parametrize(
    ("why", "informed", "flags"),
    [
        ("", False, [law.WHY_MISSING, law.NOT_INFORMED]),
        ("   ", True, [law.WHY_MISSING]),
        ("Ingen annen maskin kunne brukes.", False, [law.NOT_INFORMED]),
        ("Ingen annen maskin kunne brukes.", True, []),
    ],
)
def test_a_stop_is_flagged_for_what_section_6_3_turns_on(why, informed, flags):
    assert law.stop_flags(why, informed) == flags


def test_the_flags_word_for_word():
    assert law.WHY_MISSING == (
        "Det er ikke skrevet hvorfor faren ikke straks kunne avverges på annen måte. "
        "Arbeidsmiljøloven § 6-3 gjelder når faren ikke kan avverges på annen måte."
    )
    assert law.NOT_INFORMED == (
        "Det er ikke registrert at arbeidsgiver er varslet. Etter arbeidsmiljøloven § 6-3 "
        "skal arbeidsgiver varsles om stansingen med en gang."
    )


def test_handing_over_the_notice_is_a_way_to_inform_the_employer():
    assert law.EMPLOYER_CHANNELS[:1] == ["Meldingen overlevert"]
    assert {"Telefon", "E-post"} <= set(law.EMPLOYER_CHANNELS)


def test_the_section_5_2_reminder_word_for_word():
    from vernelogg.domain.deviations import NOTIFICATION_TEXT

    assert NOTIFICATION_TEXT == (
        "Alvorlig skade ved arbeidsulykke, også vold eller trusler som gir alvorlig skade: "
        "arbeidsgiver skal på raskeste måte varsle Arbeidstilsynet og nærmeste "
        "politimyndighet, og deretter bekrefte varselet skriftlig. Verneombudet skal ha kopi "
        "av den skriftlige bekreftelsen (arbeidsmiljøloven § 5-2). Registrer når det er gjort."
    )

"""Stansing av farlig arbeid (aml. § 6-3): outcomes, timeline events and their order.

A stop has a timeline: the stop itself, the employer's representative informed, the
employer's response, Arbeidstilsynet contacted, Arbeidstilsynet's decision, work resumed,
and notes. Some events only make sense after others; `timeline_problem` says, in plain
Norwegian, what is out of order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from vernelogg.domain.formatting import fmt_datetime
from vernelogg.i18n import N_, _


class StoppageOutcome(StrEnum):
    SOLVED_ON_SPOT = "solved_on_spot"
    SOLVED_WITH_EMPLOYER = "solved_with_employer"
    DECIDED_BY_AUTHORITY = "decided_by_authority"

    @property
    def label(self) -> str:
        return _(OUTCOME_LABELS[self])


OUTCOME_LABELS = {
    StoppageOutcome.SOLVED_ON_SPOT: N_("Løst på stedet"),
    StoppageOutcome.SOLVED_WITH_EMPLOYER: N_("Løst med arbeidsgiver"),
    StoppageOutcome.DECIDED_BY_AUTHORITY: N_("Avgjort av Arbeidstilsynet"),
}


class EventKind(StrEnum):
    STOPPED = "stopped"
    EMPLOYER_INFORMED = "employer_informed"
    EMPLOYER_RESPONSE = "employer_response"
    AUTHORITY_CONTACTED = "authority_contacted"
    AUTHORITY_DECISION = "authority_decision"
    RESUMED = "resumed"
    NOTE = "note"

    @property
    def label(self) -> str:
        return _(EVENT_LABELS[self])


EVENT_LABELS = {
    EventKind.STOPPED: N_("Arbeidet stanset"),
    EventKind.EMPLOYER_INFORMED: N_("Arbeidsgiver varslet"),
    EventKind.EMPLOYER_RESPONSE: N_("Arbeidsgivers svar"),
    EventKind.AUTHORITY_CONTACTED: N_("Arbeidstilsynet kontaktet"),
    EventKind.AUTHORITY_DECISION: N_("Arbeidstilsynets avgjørelse"),
    EventKind.RESUMED: N_("Arbeidet gjenopptatt"),
    EventKind.NOTE: N_("Notat"),
}

# Events a user adds to the timeline (the stop itself comes from the stop's own time).
ADDABLE_EVENTS = [k for k in EventKind if k is not EventKind.STOPPED]

# How the employer's representative or Arbeidstilsynet was reached (suggestions,
# translated where shown: _(channel)).
EMPLOYER_CHANNELS = [
    N_("Meldingen overlevert"),
    N_("Muntlig på stedet"),
    N_("Telefon"),
    N_("SMS"),
    N_("E-post"),
    N_("Skriftlig varsel (utskrift)"),
]
AUTHORITY_CHANNELS = [
    N_("Telefon"),
    N_("E-post"),
    N_("Skjema på arbeidstilsynet.no"),
    N_("Tilsynsbesøk på stedet"),
]

# An event needs this earlier event (first of that kind) before it.
PREREQUISITE = {
    EventKind.EMPLOYER_RESPONSE: EventKind.EMPLOYER_INFORMED,
    EventKind.AUTHORITY_DECISION: EventKind.AUTHORITY_CONTACTED,
}

# What the user reads when an event comes before the one it depends on.
_BEFORE_STOP = {
    EventKind.EMPLOYER_INFORMED: N_("Arbeidsgiver kan ikke være varslet før arbeidet ble stanset"),
    EventKind.EMPLOYER_RESPONSE: N_("Arbeidsgiver kan ikke ha svart før arbeidet ble stanset"),
    EventKind.AUTHORITY_CONTACTED: N_(
        "Arbeidstilsynet kan ikke være kontaktet før arbeidet ble stanset"
    ),
    EventKind.AUTHORITY_DECISION: N_(
        "Arbeidstilsynet kan ikke ha avgjort saken før arbeidet ble stanset"
    ),
    EventKind.RESUMED: N_("Arbeidet kan ikke være gjenopptatt før det ble stanset"),
    EventKind.NOTE: N_("Et notat kan ikke være fra før arbeidet ble stanset"),
}
_BEFORE_PREREQUISITE = {
    EventKind.EMPLOYER_RESPONSE: N_(
        "Arbeidsgivers svar kan ikke komme før arbeidsgiver ble varslet"
    ),
    EventKind.AUTHORITY_DECISION: N_(
        "Arbeidstilsynets avgjørelse kan ikke komme før Arbeidstilsynet ble kontaktet"
    ),
}
_MISSING_PREREQUISITE = {
    EventKind.EMPLOYER_RESPONSE: N_(
        "Registrer først når arbeidsgiver ble varslet; svaret kommer etter varselet."
    ),
    EventKind.AUTHORITY_DECISION: N_(
        "Registrer først når Arbeidstilsynet ble kontaktet; avgjørelsen kommer etter det."
    ),
}


@dataclass(frozen=True)
class TimelineEntry:
    """One event as the order rules see it."""

    kind: EventKind
    at: datetime
    key: object = None  # the caller's id for the event, to tell which one is wrong


@dataclass(frozen=True)
class Problem:
    key: object  # the offending entry's key (None for the stop itself)
    message: str


def timeline_problem(stopped_at: datetime, events: Sequence[TimelineEntry]) -> Problem | None:
    """The first thing out of order in a stop's timeline, or None when it reads true.

    Every event comes at or after the stop; the employer's response after the employer
    was informed; Arbeidstilsynet's decision after Arbeidstilsynet was contacted; and the
    work is resumed only once.
    """
    for e in events:
        if e.at < stopped_at:
            return Problem(e.key, f"{_(_BEFORE_STOP[e.kind])} ({fmt_datetime(stopped_at)}).")
    for kind, needed in PREREQUISITE.items():
        firsts = [e.at for e in events if e.kind is needed]
        for e in events:
            if e.kind is not kind:
                continue
            if not firsts:
                return Problem(e.key, _(_MISSING_PREREQUISITE[kind]))
            if e.at < min(firsts):
                return Problem(
                    e.key, f"{_(_BEFORE_PREREQUISITE[kind])} ({fmt_datetime(min(firsts))})."
                )
    resumed = sorted((e for e in events if e.kind is EventKind.RESUMED), key=lambda e: e.at)
    if len(resumed) > 1:
        return Problem(
            resumed[-1].key,
            _("Arbeidet er allerede registrert som gjenopptatt ({time}).").format(
                time=fmt_datetime(resumed[0].at)
            ),
        )
    return None


def outcome_problem(outcome: StoppageOutcome, kinds: set[EventKind]) -> str | None:
    """An outcome must agree with the timeline it ends."""
    if (
        outcome is StoppageOutcome.DECIDED_BY_AUTHORITY
        and EventKind.AUTHORITY_DECISION not in kinds
    ):
        return _(
            "«Avgjort av Arbeidstilsynet» krever at Arbeidstilsynets avgjørelse er "
            "registrert i tidslinjen."
        )
    if outcome is StoppageOutcome.SOLVED_WITH_EMPLOYER and EventKind.EMPLOYER_INFORMED not in kinds:
        return _(
            "«Løst med arbeidsgiver» krever at det er registrert når arbeidsgiver ble varslet."
        )
    return None


def suggested_outcome(kinds: set[EventKind]) -> StoppageOutcome:
    """What the timeline so far suggests the outcome was."""
    if EventKind.AUTHORITY_DECISION in kinds:
        return StoppageOutcome.DECIDED_BY_AUTHORITY
    if EventKind.EMPLOYER_RESPONSE in kinds:
        return StoppageOutcome.SOLVED_WITH_EMPLOYER
    return StoppageOutcome.SOLVED_ON_SPOT


def number_text(year: int, seq: int) -> str:
    """ST-2026-0003."""
    return f"ST-{year}-{seq:04d}"


# The legal basis in plain Norwegian (arbeidsmiljøloven § 6-3), for the notice, the
# record and the quick-start dialog. The stop lasts until Arbeidstilsynet has decided;
# the employer may not resume on its own view that the danger is gone, the delegate may
# lift the stop. These constants are marked only: shown with _(LEGAL_BASIS[i]) and the like.
LEGAL_BASIS = (
    N_(
        "Verneombudet kan stanse arbeidet når verneombudet mener at det er umiddelbar fare "
        "for arbeidstakernes liv eller helse, og faren ikke straks kan avverges på annen måte."
    ),
    N_(
        "Arbeidet kan holdes stanset til Arbeidstilsynet har tatt stilling til om det kan "
        "fortsette. Arbeidsgiver kan ikke ta arbeidet opp igjen fordi arbeidsgiver selv mener "
        "at faren er borte; verneombudet kan selv oppheve stansen."
    ),
    N_(
        "Arbeidsgiver, eller den som representerer arbeidsgiver, skal varsles om stansingen "
        "med en gang."
    ),
    N_(
        "Verneombudet er ikke ansvarlig for tap som virksomheten eller andre får fordi "
        "arbeidet ble stanset."
    ),
)
LEGAL_SHORT = N_(
    "Arbeidsmiljøloven § 6-3: mener verneombudet at det er umiddelbar fare for liv eller "
    "helse som ikke straks kan avverges på annen måte, kan verneombudet stanse arbeidet til "
    "Arbeidstilsynet har tatt stilling til om det kan fortsette. Varsle arbeidsgiver med en "
    "gang. Verneombudet kan selv oppheve stansen; arbeidsgiver kan ikke ta arbeidet opp "
    "igjen på egen hånd."
)
NOTICE_INTRO = N_(
    "Verneombudet har stanset arbeidet som er beskrevet nedenfor, fordi verneombudet mener "
    "det er umiddelbar fare for liv eller helse som ikke straks kan avverges på annen måte. "
    "Arbeidet står stanset til Arbeidstilsynet har tatt stilling til om det kan fortsette, "
    "eller til verneombudet opphever stansen. Arbeidsgiver kan ikke ta arbeidet opp igjen "
    "på egen hånd."
)

# What the stop lacks, as the register and the record flag it.
WHY_MISSING = N_(
    "Det er ikke skrevet hvorfor faren ikke straks kunne avverges på annen måte. "
    "Arbeidsmiljøloven § 6-3 gjelder når faren ikke kan avverges på annen måte."
)
NOT_INFORMED = N_(
    "Det er ikke registrert at arbeidsgiver er varslet. Etter arbeidsmiljøloven § 6-3 "
    "skal arbeidsgiver varsles om stansingen med en gang."
)


def stop_flags(why_not_averted: str, employer_informed: bool) -> list[str]:
    """What a stop still lacks that § 6-3 turns on, in the order a reader fixes it.

    The texts are the constants WHY_MISSING and NOT_INFORMED as they are (keys a caller
    may look up), translated where shown: ``_(flag)``."""
    flags = []
    if not why_not_averted.strip():
        flags.append(WHY_MISSING)
    if not employer_informed:
        flags.append(NOT_INFORMED)
    return flags

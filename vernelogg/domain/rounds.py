"""Vernerunder: statuses, answers to check points, round numbers and the tally of a round.

Plain Python, no database: the services and the UI share these words and rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from vernelogg.i18n import N_, _

ROUND_SERIES = "VR"
BUILTIN_PREFIX = "builtin:"


class RoundStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "planned": _("Planlagt"),
            "in_progress": _("Pågår"),
            "closed": _("Avsluttet"),
        }[self.value]


class Answer(StrEnum):
    """The answer to one check point (sjekkpunkt)."""

    OK = "ok"
    NOT_OK = "not_ok"
    NOT_RELEVANT = "not_relevant"

    @property
    def label(self) -> str:
        return _(ANSWER_LABELS[self])

    @property
    def is_finding(self) -> bool:
        return self is Answer.NOT_OK


ANSWER_LABELS = {
    Answer.OK: N_("OK"),
    Answer.NOT_OK: N_("Ikke OK"),
    Answer.NOT_RELEVANT: N_("Ikke relevant"),
}


class ItemKind(StrEnum):
    """A point from the checklist, or a free finding made outside it."""

    CHECK = "check"
    FINDING = "finding"


def round_number(year: int, seq: int) -> str:
    """VR-2026-0007."""
    return f"{ROUND_SERIES}-{year}-{seq:04d}"


def builtin_ref(key: str) -> str:
    """How a shipped template is named when a round or list refers to it."""
    return f"{BUILTIN_PREFIX}{key}"


def builtin_key(ref: str) -> str | None:
    """The shipped template's key in a reference, or None for a user template."""
    return ref[len(BUILTIN_PREFIX) :] if ref.startswith(BUILTIN_PREFIX) else None


@dataclass(frozen=True)
class RoundCounts:
    """The summary of a round: how the checklist points were answered, and findings."""

    points: int = 0  # check points in the round's checklist
    answered: int = 0
    ok: int = 0
    not_ok: int = 0
    not_relevant: int = 0
    free_findings: int = 0

    @property
    def unanswered(self) -> int:
        return self.points - self.answered

    @property
    def findings(self) -> int:
        """Not-OK points and free findings: everything to follow up."""
        return self.not_ok + self.free_findings

    @property
    def is_complete(self) -> bool:
        return self.points > 0 and self.answered == self.points


def count_answers(items: Iterable[tuple[ItemKind, Answer | None]]) -> RoundCounts:
    """Tally (kind, answer) pairs; free findings count apart from the checklist."""
    points = answered = ok = not_ok = not_relevant = free = 0
    for kind, answer in items:
        if kind is ItemKind.FINDING:
            free += 1
            continue
        points += 1
        if answer is None:
            continue
        answered += 1
        if answer is Answer.OK:
            ok += 1
        elif answer is Answer.NOT_OK:
            not_ok += 1
        else:
            not_relevant += 1
    return RoundCounts(points, answered, ok, not_ok, not_relevant, free)


# Which shipped template suits an undertaking's branch (services.organisation.BRANCHES).
# The keys are the stored branch values, not shown text.
BRANCH_TEMPLATES = {
    "Kontor og administrasjon": "kontor",  # i18n-ignore
    "Bygg og anlegg": "bygg",  # i18n-ignore
    "Barnehage": "barnehage",
    "Skole": "skole",
    "Renhold": "renhold",
    "Hotell og restaurant": "hotell_restaurant",  # i18n-ignore
    "Buss og transport": "buss",  # i18n-ignore
    "Industri og verksted": "industri",  # i18n-ignore
}

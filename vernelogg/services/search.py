"""Search everywhere: one query over avvik, tiltak, vernerunder and their findings, risk
assessments and their hazards, stops, AMU cases and people, ranked.

Every word typed must occur in the record (its number, its text, its area or the people
named on it). A record whose number is what was typed comes first, then those whose
title holds every word, then those that match in their longer text; newer before older
within each. Confidential avvik are found by their number only, as the avvik list shows
no more of them (OLM § 3-17).

The records are read from the search index (store/search_index.py: FTS5 on SQLite,
pg_trgm on PostgreSQL), in one statement, so a search costs one round trip on a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vernelogg.domain.deviations import search_terms
from vernelogg.i18n import _, pgettext
from vernelogg.store.database import Database
from vernelogg.store.search_entries import CONFIDENTIAL_TITLE, ROUND_TITLE, TITLE_CHARS
from vernelogg.store.search_index import find

__all__ = ["SearchHit", "kind_type", "search", "TITLE_CHARS"]


def kind_type(kind: str) -> str:
    """What a hit is, as shown: «Avvik», «Tiltak», … in the current language."""
    types = {
        "deviation": pgettext("søketreff", "Avvik"),
        "action": pgettext("søketreff", "Tiltak"),
        "round": pgettext("søketreff", "Vernerunde"),
        "finding": pgettext("søketreff", "Funn"),
        "risk": pgettext("søketreff", "Risikovurdering"),
        "hazard": pgettext("søketreff", "Fare"),
        "stoppage": pgettext("søketreff", "Stansing"),
        "amu_case": pgettext("søketreff", "AMU-sak"),
        "person": pgettext("søketreff", "Person"),
    }
    return types[kind]


# Kinds whose own number ranks a hit first when it is what was typed (a finding or a
# hazard shows its round's or assessment's number, but is not that record).
NUMBERED = {"deviation", "round", "risk", "stoppage", "amu_case"}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # deviation, action, round, finding, risk, hazard, stoppage, amu_case, person
    type: str  # for people, in their language: «Avvik», «Tiltak», …
    id: str  # the record to open (for a finding its round, for a hazard its assessment, …)
    number: str  # AV-2026-0042, Sak 3/2026, … or "" (tiltak, people)
    title: str
    area: str | None
    date: date | None
    score: int

    def as_json(self) -> dict[str, Any]:
        return {
            "type": self.kind,
            "number": self.number or None,
            "title": self.title,
            "area": self.area,
            "date": self.date.isoformat() if self.date else None,
        }


def _shown_title(kind: str, title: str, area: str | None) -> str:
    """The title as shown: the words the index keeps in the source language (a
    confidential avvik's title, a round's «Vernerunde …») in the current language."""
    if kind == "deviation" and title == CONFIDENTIAL_TITLE:
        return _(CONFIDENTIAL_TITLE)
    if kind == "round" and area is not None:
        stored = ROUND_TITLE.format(area=area, checklist="")
        if title.startswith(stored):
            return _(ROUND_TITLE).format(area=area, checklist=title[len(stored) :])
    return title


def _typed_numbers(terms: list[str]) -> list[str]:
    """What the number of a hit must be, in lower case, to be what was typed («Sak
    3/2026» also as «3/2026»)."""
    typed = " ".join(terms)
    return [typed, f"sak {typed}"]


def _score(terms: list[str], kind: str, number: str, head: str) -> int:
    """3: the number is what was typed; 2: every word is in the title; 1: elsewhere."""
    if kind in NUMBERED and number and number.casefold() in _typed_numbers(terms):
        return 3
    return 2 if all(t in head for t in terms) else 1


def search(db: Database, text: str, limit: int = 50) -> list[SearchHit]:
    """The records that match `text`, best first (see the module text)."""
    terms = search_terms(text)
    if not terms:
        return []
    limit = max(1, limit)
    with db.read() as s:
        rows = find(s.connection(), terms, _typed_numbers(terms), limit)
    hits: dict[tuple[str, Any], tuple[SearchHit, Any]] = {}
    for kind, record_id, target_id, number, title, area, day, head in rows:
        if (kind, record_id) in hits:
            continue
        hit = SearchHit(
            kind,
            kind_type(kind),
            str(target_id),
            number,
            _shown_title(kind, title, area),
            area,
            day,
            _score(terms, kind, number, head),
        )
        hits[kind, record_id] = (hit, record_id)
    ranked = sorted(
        hits.values(),
        key=lambda pair: (
            -pair[0].score,
            -(pair[0].date or date.min).toordinal(),
            pair[0].number,
            pair[0].title,
            str(pair[1]),
        ),
    )
    return [hit for hit, _record in ranked[:limit]]

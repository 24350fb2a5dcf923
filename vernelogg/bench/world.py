"""What the generators know about the undertaking they built: areas, staff and who held
which role when, so later records (rounds, stops, AMU) name the right people."""

from __future__ import annotations

import bisect
import uuid
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Term:
    person_id: uuid.UUID
    start: date
    end: date | None  # None: still running


@dataclass
class AreaGen:
    id: uuid.UUID
    name: str
    sector: str
    kind: str
    chemical: bool = False
    complex: bool = False
    template: str = "kontor"  # shipped checklist key for its rounds
    staff: list[uuid.UUID] = field(default_factory=list)
    delegates: list[Term] = field(default_factory=list)  # VO terms, in order
    deputies: list[Term] = field(default_factory=list)
    leaders: list[Term] = field(default_factory=list)


def holder_on(terms: list[Term], day: date) -> uuid.UUID | None:
    """Who held the role on `day` (terms sorted by start, not overlapping)."""
    starts = [t.start for t in terms]
    i = bisect.bisect_right(starts, day) - 1
    if i < 0:
        return None
    term = terms[i]
    return term.person_id if term.end is None or term.end >= day else None


@dataclass
class World:
    org_name: str = ""
    areas: list[AreaGen] = field(default_factory=list)
    names: dict[uuid.UUID, str] = field(default_factory=dict)  # person id → name
    people: list[uuid.UUID] = field(default_factory=list)
    chief_delegates: list[Term] = field(default_factory=list)
    # AMU role → terms (several holders at a time for members and deputies).
    committee: dict[str, list[Term]] = field(default_factory=dict)
    chair_side: dict[int, str] = field(default_factory=dict)  # year → Side value

    def area(self, area_id: uuid.UUID) -> AreaGen:
        return self._by_id[area_id]

    def index(self) -> None:
        self._by_id = {a.id: a for a in self.areas}

    def committee_on(self, role: str, day: date) -> list[uuid.UUID]:
        return [
            t.person_id
            for t in self.committee.get(role, [])
            if t.start <= day and (t.end is None or t.end >= day)
        ]

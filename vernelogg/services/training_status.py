"""Who holds a role that brings training requirements, and how each requirement stands:
the «Opplæring» tab and the annual summary. Built on the deadline rules
(services/deadlines.py), which read the course records (services/training.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from vernelogg.domain.deadlines import DeadlineItem, RuleSettings, Status
from vernelogg.domain.roles import Role
from vernelogg.domain.training import CourseKind
from vernelogg.services.deadlines import training_entries
from vernelogg.store.database import Database
from vernelogg.store.models import Person, RoleAssignment


@dataclass(frozen=True)
class PersonTraining:
    """A person, the roles that bring training requirements, and how each stands."""

    person_id: str
    name: str
    job_title: str
    roles: tuple[Role, ...]
    requirements: tuple[DeadlineItem, ...]

    @property
    def worst(self) -> Status | None:
        statuses = [i.status for i in self.requirements if i.kind == "training"]
        statuses += [i.status for i in self.requirements if i.kind == "refresher"]
        return max(statuses, key=lambda s: s.severity) if statuses else None

    @property
    def roles_text(self) -> str:
        return ", ".join(dict.fromkeys(r.label for r in self.roles))


def training_overview(
    db: Database, today: date, settings: RuleSettings | None = None
) -> list[PersonTraining]:
    """Every active person with the roles they hold and their training items."""
    entries = training_entries(db, today, settings)
    by_person: dict[str, list[DeadlineItem]] = {}
    for entry in entries:
        if entry.person_id:
            by_person.setdefault(entry.person_id, []).append(entry.item)
    with db.read() as s:
        people = list(
            s.scalars(select(Person).where(Person.archived_at.is_(None)).order_by(Person.name))
        )
        roles: dict[uuid.UUID, list[Role]] = {}
        for a in s.scalars(
            select(RoleAssignment)
            .where(RoleAssignment.archived_at.is_(None))
            .order_by(RoleAssignment.start_date)
        ):
            if a.end_date is None or a.end_date >= today:
                roles.setdefault(a.person_id, []).append(Role(a.role))
    order = {k: i for i, k in enumerate(CourseKind)}
    result = []
    for p in people:
        items = by_person.get(str(p.id), [])
        items.sort(key=lambda i: (order[CourseKind(i.ref or "other")], i.kind))
        result.append(
            PersonTraining(
                person_id=str(p.id),
                name=p.name,
                job_title=p.title,
                roles=tuple(roles.get(p.id, [])),
                requirements=tuple(items),
            )
        )
    return result
